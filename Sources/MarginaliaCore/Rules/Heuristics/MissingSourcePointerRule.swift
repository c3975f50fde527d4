/// `missing-source-pointer`: a phrase pointing at a source that is not there.
///
/// Two shapes: "here" as the last word of its line (before an optional `:` `.` `)`), with a
/// pointing cue among the five words before it ("read more about it here:", "and here:",
/// "for example, here", "available here", "see here"); and link phrases ("at the link",
/// "the link below", "this link", "(link)", "click here"). Either is a hit unless a URL,
/// citation or note marker follows it in the same sentence or on the next non-blank line.
/// "Here" inside a sentence ("yet here we are") and naming a source in prose ("From
/// wikipedia:") are not pointers.
enum MissingSourcePointerRule {
    /// The rule id.
    static let id = RuleID.missingSourcePointer

    /// The message.
    static let message = "pointer to a source that is not there"

    /// Words that make a line-final "here" point at a source.
    static let cues = ByteWordSet([
            "read", "see", "find", "found", "available", "example", "also", "and", "more", "click", "look", "watch",
            "listen", "download", "details", "info", "information", "article", "link", "links", "source", "sources",
            "report", "video", "photos", "published", "posted", "story", "text", "original",
        ])

    /// Link phrases that point without a URL.
    static let linkMatcher = PhraseMatcher([
        "at the link", "via the link", "following the link", "follow the link", "the link below", "this link",
        "at this link", "see link", "see the link", "(link)", "[link]", "link in bio", "the following link",
        "click here", "the links below", "these links", "at the links",
    ])

    /// Hits in a document.
    static func hits(_ context: HeuristicContext) -> [HeuristicHit] {
        let buffer = context.buffer
        let n = buffer.count
        var candidates: [Range<Int>] = []
        for match in context.linkMatches { candidates.append(match.range) }
        // Line-final "here": from each line end (LF, CR or the end of the text) back over
        // `:` `.` `)` and spaces, "here" must end right there.
        let hasCR = HeuristicBytes.find(0x0D, buffer, from: 0, to: n) < n
        var lineEnd = -1
        while lineEnd < n {
            if hasCR {
                lineEnd += 1
                while lineEnd < n && buffer[lineEnd] != 0x0A && buffer[lineEnd] != 0x0D { lineEnd += 1 }
            } else {
                lineEnd = HeuristicBytes.find(0x0A, buffer, from: lineEnd + 1, to: n)
            }
            var p = lineEnd
            while p > 0 {
                let c = buffer[p - 1]
                if c == 0x20 || c == 0x09 || c == 0x3A || c == 0x2E || c == 0x29 { p -= 1 } else { break }
            }
            let i = p - 4
            if i >= 0 && (buffer[i] | 0x20) == 0x68 && (buffer[i + 1] | 0x20) == 0x65 && (buffer[i + 2] | 0x20) == 0x72
                && (buffer[i + 3] | 0x20) == 0x65 && HeuristicBytes.isWordStart(buffer, i)
            {
                let lineStart = Sentences.lineStartBefore(buffer, i)
                let before = HeuristicBytes.wordsBefore(buffer, i, count: 5, floor: lineStart)
                if let cue = before.last(where: { cues.contains(buffer, $0) }) {
                    // "read more about it here": start at the earliest cue.
                    candidates.append(cue.lowerBound..<(i + 4))
                } else if before.isEmpty {
                    candidates.append(i..<(i + 4))  // "Here:" alone on a line
                }
            }
        }
        candidates.sort { $0.lowerBound < $1.lowerBound }
        var result: [HeuristicHit] = []
        var lastEnd = -1
        for range in candidates where range.lowerBound >= lastEnd {
            lastEnd = range.upperBound
            if context.isOpaque(range.lowerBound) || isFollowedBySource(context, after: range.upperBound) { continue }
            result.append(HeuristicHit(rule: id, message: message, range: range))
        }
        return result
    }

    /// Only `:` `.` `)` and spaces, then the end of the line.
    static func endsLine(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Bool {
        var k = offset
        while k < buffer.count {
            let c = buffer[k]
            if c == 0x0A || c == 0x0D { return true }
            if !(c == 0x20 || c == 0x09 || c == 0x3A || c == 0x2E || c == 0x29) { return false }
            k += 1
        }
        return true
    }

    /// A URL, citation or note marker later in the sentence or on the next non-blank line.
    static func isFollowedBySource(_ context: HeuristicContext, after offset: Int) -> Bool {
        let buffer = context.buffer
        let n = buffer.count
        var sentenceEnd = offset
        if let index = context.sentenceIndex(containing: max(offset - 1, 0)) {
            sentenceEnd = max(context.sentences[index].upperBound, offset)
        }
        // The next non-blank line after the line holding `offset`.
        var k = offset
        while k < n && buffer[k] != 0x0A { k += 1 }
        while k < n && HeuristicBytes.isSpace(buffer[k]) { k += 1 }
        var lineEnd = k
        while lineEnd < n && buffer[lineEnd] != 0x0A { lineEnd += 1 }
        let regions = [offset..<max(offset, sentenceEnd), k..<lineEnd]
        for region in regions where !region.isEmpty {
            if HeuristicBytes.sortedContains(context.urlStarts, in: region) { return true }
            if context.markup.citations.contains(where: { region.contains($0.range.lowerBound) }) { return true }
            if context.markup.noteReferences.contains(where: { region.contains($0.range.lowerBound) }) { return true }
            if context.markup.links.contains(where: { region.contains($0.range.lowerBound) }) { return true }
        }
        return false
    }
}
