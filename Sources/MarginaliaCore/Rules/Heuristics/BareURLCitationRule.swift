/// `bare-url-citation`: a bare `http(s)://` URL standing in for a citation.
///
/// Every bare URL (not a Markdown link destination nor an autolink) is a source given as a
/// raw address, where a citation of a source entry belongs: source lines ("Original article –
/// https://…"), URLs closing a claim, URLs under a notes heading (unless
/// `reportsURLsInNotes` is off). Not reported: URLs in code, comments or front matter; URLs
/// that are no source of a claim but a contact or a home page: a site root (`https://x.org/`),
/// a profile page, or a URL whose line before it speaks of the writer's own page ("see my
/// Facebook page", "our website", "contact", "follow", "subscribe").
enum BareURLCitationRule {
    /// The rule id.
    static let id = RuleID.bareURLCitation

    /// The message.
    static let message = "bare URL standing in for a citation"

    /// Words before a URL on its line that make it a contact link, not a source.
    static let contactWords = ByteWordSet(["contact", "follow", "subscribe", "donate", "donations", "email", "e-mail", "write", "join", "signup", "register"])

    /// Nouns of a page that, after "my"/"our", make a URL self-promotion.
    static let pageWords = ByteWordSet([
            "page", "profile", "website", "site", "blog", "channel", "account", "facebook", "instagram", "twitter",
            "telegram", "youtube", "homepage", "newsletter", "substack", "mastodon",
        ])

    /// Hits in a document.
    static func hits(_ context: HeuristicContext) -> [HeuristicHit] {
        let buffer = context.buffer
        var urls: [Range<Int>] = context.markup.links.filter { $0.isBare && $0.url.lowercased().hasPrefix("http") }.map(\.range)
        if context.markup.links.isEmpty { urls = lexicalBareURLs(context) }
        var result: [HeuristicHit] = []
        for range in urls {
            if context.isOpaque(range.lowerBound) { continue }
            if !context.options.reportsURLsInNotes && context.noteDefinition(containing: range.lowerBound) != nil { continue }
            if isHomeOrProfile(buffer, range) || isContactLine(buffer, before: range.lowerBound) { continue }
            result.append(HeuristicHit(rule: id, message: message, range: range))
        }
        return result
    }

    /// URLs found in the bytes when the markup has none: `http(s)://` to the next space, minus
    /// trailing punctuation; not after `(`, `<` or `](` (link syntax).
    static func lexicalBareURLs(_ context: HeuristicContext) -> [Range<Int>] {
        let buffer = context.buffer
        var result: [Range<Int>] = []
        for start in context.urlStarts {
            if start > 0 && (buffer[start - 1] == 0x28 || buffer[start - 1] == 0x3C || HeuristicBytes.isWordByte(buffer, start - 1)) { continue }
            var end = start
            while end < buffer.count && !HeuristicBytes.isSpace(buffer[end]) && buffer[end] != 0x3E && buffer[end] != 0x22 { end += 1 }
            while end > start {
                let c = buffer[end - 1]
                if c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A || c == 0x29 || c == 0x5D || c == 0x21 || c == 0x3F || c == 0x27 { end -= 1 } else { break }
            }
            if end > start + 8 { result.append(start..<end) }
        }
        return result
    }

    /// A URL with no path (a home page) or a profile page.
    static func isHomeOrProfile(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var k = range.lowerBound
        // Past "scheme://".
        while k + 2 < range.upperBound && !(buffer[k] == 0x3A && buffer[k + 1] == 0x2F && buffer[k + 2] == 0x2F) { k += 1 }
        k += 3
        while k < range.upperBound && buffer[k] != 0x2F && buffer[k] != 0x3F { k += 1 }
        if k >= range.upperBound - 1 { return true }  // no path, or a lone "/"
        let path = HeuristicBytes.lowercased(buffer, k..<range.upperBound)
        let text = String(decoding: path, as: UTF8.self)
        return text.hasPrefix("/profile") || text.contains("/profile.php") || text.hasPrefix("/user/") || text.hasPrefix("/users/")
    }

    /// The words before the URL on its line speak of a contact or of the writer's own page.
    static func isContactLine(_ buffer: UnsafeBufferPointer<UInt8>, before offset: Int) -> Bool {
        let lineStart = Sentences.lineStartBefore(buffer, offset)
        let words = HeuristicBytes.wordsBefore(buffer, offset, count: 12, floor: lineStart)
        var sawPage = false
        for word in words {  // nearest first
            let lowered = HeuristicBytes.lowercased(buffer, word)
            if contactWords.contains(lowered) { return true }
            if pageWords.contains(lowered) { sawPage = true }
            if sawPage && (lowered == Array("my".utf8) || lowered == Array("our".utf8)) { return true }
        }
        return false
    }
}
