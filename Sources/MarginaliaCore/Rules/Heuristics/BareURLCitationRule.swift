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
        let profilePages = HeuristicBytes.occurrences(of: profilePage, in: buffer)
        // Line starts found by a forward scan while URLs come in order (linear on one long line).
        var scannedTo = 0
        var lastLineStart = 0
        for range in urls {
            if context.isOpaque(range.lowerBound) { continue }
            if !context.options.reportsURLsInNotes && context.noteDefinition(containing: range.lowerBound) != nil { continue }
            let lineStart: Int
            if range.lowerBound >= scannedTo {
                var k = scannedTo
                while true {
                    k = HeuristicBytes.find(0x0A, buffer, from: k, to: range.lowerBound)
                    if k >= range.lowerBound { break }
                    lastLineStart = k + 1
                    k += 1
                }
                scannedTo = range.lowerBound
                lineStart = lastLineStart
            } else {
                lineStart = Sentences.lineStartBefore(buffer, range.lowerBound)
            }
            if isHomeOrProfile(buffer, range, profilePages: profilePages) || isContactLine(buffer, before: range.lowerBound, lineStart: lineStart) { continue }
            result.append(HeuristicHit(rule: id, message: message, range: range))
        }
        return result
    }

    /// URLs found in the bytes when the markup has none: `http(s)://` to the next space, minus
    /// trailing punctuation; not after `(`, `<` or `](` (link syntax).
    static func lexicalBareURLs(_ context: HeuristicContext) -> [Range<Int>] {
        let buffer = context.buffer
        var result: [Range<Int>] = []
        // The first space, `>` or `"` at or after each start, by one forward pointer (starts are sorted).
        var stop = 0
        for start in context.urlStarts {
            if start > 0 && (buffer[start - 1] == 0x28 || buffer[start - 1] == 0x3C || HeuristicBytes.isWordByte(buffer, start - 1)) { continue }
            if stop < start { stop = start }
            while stop < buffer.count && !HeuristicBytes.isSpace(buffer[stop]) && buffer[stop] != 0x3E && buffer[stop] != 0x22 { stop += 1 }
            var end = stop
            while end > start {
                let c = buffer[end - 1]
                if c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A || c == 0x29 || c == 0x5D || c == 0x21 || c == 0x3F || c == 0x27 { end -= 1 } else { break }
            }
            if end > start + 8 { result.append(start..<end) }
        }
        return result
    }

    /// A URL with no path (a home page) or a profile page.
    static func isHomeOrProfile(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, profilePages: [Int]) -> Bool {
        var k = range.lowerBound
        // Past "scheme://".
        while k + 2 < range.upperBound && !(buffer[k] == 0x3A && buffer[k + 1] == 0x2F && buffer[k + 2] == 0x2F) { k += 1 }
        k += 3
        while k < range.upperBound && buffer[k] != 0x2F && buffer[k] != 0x3F { k += 1 }
        if k >= range.upperBound - 1 { return true }  // no path, or a lone "/"
        // Byte prefixes (ASCII case folded), and "/profile.php" anywhere in the path from the
        // occurrences found once per document: no copy of a path that may run to the text's end.
        let path = k..<range.upperBound
        return HeuristicBytes.hasPrefix(buffer, path, profilePrefix) || HeuristicBytes.hasPrefix(buffer, path, userPrefix)
            || HeuristicBytes.hasPrefix(buffer, path, usersPrefix)
            || (path.count >= profilePage.count && HeuristicBytes.sortedContains(profilePages, in: path.lowerBound..<(path.upperBound - profilePage.count + 1)))
    }

    /// Path shapes of profile pages.
    static let profilePage: [UInt8] = Array("/profile.php".utf8)
    /// See `profilePage`.
    static let profilePrefix: [UInt8] = Array("/profile".utf8)
    /// See `profilePage`.
    static let userPrefix: [UInt8] = Array("/user/".utf8)
    /// See `profilePage`.
    static let usersPrefix: [UInt8] = Array("/users/".utf8)

    /// The words before the URL on its line speak of a contact or of the writer's own page.
    static func isContactLine(_ buffer: UnsafeBufferPointer<UInt8>, before offset: Int, lineStart: Int) -> Bool {
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
