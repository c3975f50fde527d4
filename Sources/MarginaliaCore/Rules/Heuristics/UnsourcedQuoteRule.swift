/// `unsourced-quote`: a direct quotation with no citation, note marker or URL in its sentence
/// or right after it.
///
/// Quotations are text between “…”, „…“, «…», "…" or ‘…’ (nested marks of the same family are
/// followed; a quotation may run over paragraphs up to its closing mark, and one never closed
/// ends with its paragraph). A quoted text is a direct quotation when it has
/// `minimumQuotationWords` words or more, or when something marks it as reported speech: a
/// speech verb among the eight words before it ("said that he “apparently”"), a colon right
/// before it, a speech verb among the four words after it ("”, he replies"), a dash and a name
/// after it (an epigraph), or a line of its own (dialogue, pull quotes). Not quotations: scare
/// quotes and names after "so-called", "called", "dubbed", "titled", "the term"...; short title-
/// like texts with no lowercase word (“7th Kilometer”, ‘Odd Couple’, ‘1984’). Quotations in
/// code, comments, front matter, note definitions, or inside an annotation that is cited, are
/// not reported. The hit covers the quotation marks and what they enclose.
enum UnsourcedQuoteRule {
    /// The rule id.
    static let id = RuleID.unsourcedQuote

    /// The message.
    static let message = "direct quotation with no citation or note"

    /// Longest quotation followed, in bytes.
    static let maximumQuotationBytes = 12_000

    /// Verbs and nouns of speech that introduce or follow a quotation.
    static let speechWords = ByteWordSet([
            "said", "says", "say", "saying", "told", "tells", "tell", "telling", "wrote", "writes", "write", "writing",
            "stated", "states", "declared", "declares", "declaring", "claimed", "claims", "claiming", "asked", "asks",
            "ask", "asking", "replied", "replies", "reply", "replying", "answered", "answers", "added", "adds",
            "explained", "explains", "continued", "continues", "reported", "reports", "recalled", "recalls",
            "recounted", "recounts", "insisted", "insists", "argued", "argues", "noted", "notes", "warned", "warns",
            "announced", "announces", "admitted", "admits", "reflected", "reflects", "asserted", "asserts",
            "chanted", "chants", "chanting", "shouted", "shouts", "shouting", "cried", "cries", "yelled", "yells",
            "screamed", "whispered", "chipped", "quoted", "quotes", "quoting", "remarked", "remarks", "commented",
            "tweeted", "posted", "according", "concluded", "concludes", "acknowledged", "promised", "vowed",
            "urged", "mentioned", "confirmed", "emphasized", "emphasised", "stressed", "boasted", "joked",
            "proclaimed", "proclaims", "exclaimed", "exclaims", "demanded", "demands", "described", "describes",
            "describing", "calling", "sang", "sings", "read", "reads", "statement", "words", "put", "puts",
        ])

    /// Words after which quotation marks name or distance a term rather than quote anyone.
    static let namingWords = ByteWordSet([
            "so-called", "called", "dubbed", "named", "titled", "entitled", "term", "terms", "word", "phrase", "label",
            "labelled", "labeled", "nicknamed", "styled", "self-styled", "alleged", "supposed", "as",
        ])

    /// Short function words that may stay lowercase in a title.
    static let titleFunctionWords = ByteWordSet(["of", "the", "a", "an", "and", "or", "by", "in", "on", "to", "for", "at", "de", "la", "le", "du", "von", "van"])

    /// One quoted text: the opening mark's start, the content, and the end of the closing mark.
    struct Quotation {
        var range: Range<Int>
        var content: Range<Int>
        var isClosed: Bool
    }

    /// Hits in a document.
    static func hits(_ context: HeuristicContext) -> [HeuristicHit] {
        var result: [HeuristicHit] = []
        var previousEnd = -1
        for quotation in quotations(context.buffer) {
            let start = quotation.range.lowerBound
            defer { previousEnd = quotation.range.upperBound }
            // "“…”, Yuri reflected, “…”": the second part continues the first quotation.
            if isContinuation(context.buffer, from: previousEnd, to: start) { continue }
            if context.isOpaque(start) || context.noteDefinition(containing: start) != nil { continue }
            guard isDirectQuotation(context, quotation) else { continue }
            if context.isSourced(at: start) || context.isSourced(at: max(quotation.range.upperBound - 1, start)) { continue }
            if context.isInsideCitedAnnotation(quotation.range) { continue }
            result.append(HeuristicHit(rule: id, message: message, range: quotation.range))
        }
        return result
    }

    /// Whether only a short speech tag (", he says,") separates two quotations on one line.
    static func isContinuation(_ buffer: UnsafeBufferPointer<UInt8>, from previousEnd: Int, to start: Int) -> Bool {
        guard previousEnd >= 0, start > previousEnd, start - previousEnd <= 48 else { return false }
        for k in previousEnd..<start where buffer[k] == 0x0A || buffer[k] == 0x2E || buffer[k] == 0x3F || buffer[k] == 0x21 { return false }
        let words = HeuristicBytes.wordsAfter(buffer, previousEnd, count: 6, ceiling: start)
        return words.count <= 5 && words.contains { speechWords.contains(buffer, $0) }
    }

    // MARK: - Finding quoted text

    /// Kinds of quotation mark, as family and role.
    enum Mark {
        case curlyOpen, curlyClose, lowOpen, guillemetOpen, guillemetClose, straight, singleOpen, singleClose
    }

    /// The mark at `i` and its length, if any.
    @inline(__always) static func mark(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> (Mark, Int)? {
        let b = buffer[i]
        if b == 0x22 { return (.straight, 1) }
        if b == 0xE2 && i + 2 < buffer.count && buffer[i + 1] == 0x80 {
            switch buffer[i + 2] {
            case 0x9C: return (.curlyOpen, 3)
            case 0x9D: return (.curlyClose, 3)
            case 0x9E: return (.lowOpen, 3)
            case 0x98: return (.singleOpen, 3)
            case 0x99: return (.singleClose, 3)
            default: return nil
            }
        }
        if b == 0xC2 && i + 1 < buffer.count {
            if buffer[i + 1] == 0xAB { return (.guillemetOpen, 2) }
            if buffer[i + 1] == 0xBB { return (.guillemetClose, 2) }
        }
        return nil
    }

    /// Whether a paragraph break (a blank line) starts at the LF at `i`; returns the offset of
    /// the next paragraph's first non-space byte when it does.
    static func paragraphBreak(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard buffer[i] == 0x0A else { return nil }
        var j = i + 1
        var sawBlank = false
        while j < buffer.count && HeuristicBytes.isSpace(buffer[j]) {
            if buffer[j] == 0x0A { sawBlank = true }
            j += 1
        }
        return sawBlank || j >= buffer.count ? j : nil
    }

    /// Every quoted text in document order (outermost quotations only).
    static func quotations(_ buffer: UnsafeBufferPointer<UInt8>) -> [Quotation] {
        var result: [Quotation] = []
        let n = buffer.count
        var i = 0
        var straightCursors = StraightCursors()
        // Bytes the closing-mark searches may read in all. Prose stays far below it; a text of
        // nothing but unclosed opening marks (each searched up to the length limit) stops here
        // instead of taking minutes.
        let searchBudget = 32 * n + 1_000_000
        var searched = 0
        while i < n {
            i = HeuristicBytes.firstOf(buffer, from: i, to: n, 0x22, 0xE2, 0xC2, 0xC2)
            if i >= n { break }
            guard let (kind, length) = mark(buffer, at: i) else { i += 1; continue }
            let opens: Bool
            switch kind {
            case .curlyOpen, .lowOpen, .guillemetOpen: opens = true
            case .straight, .singleOpen:
                // Opens at a word start, before a non-space.
                opens = HeuristicBytes.isWordStart(buffer, i) && i + length < n && !HeuristicBytes.isSpace(buffer[i + length])
            default: opens = false
            }
            guard opens else { i += length; continue }
            if kind != .straight && searched > searchBudget { break }
            let closed = kind == .straight
                ? closeStraight(buffer, openAt: i, cursors: &straightCursors)
                : closeQuotation(buffer, openAt: i, kind: kind, length: length)
            if kind != .straight {
                // A closed quotation cost its length; a failed search may have read the whole window.
                searched += closed?.isClosed == true ? (closed?.range.count ?? 0) : min(n, i + maximumQuotationBytes) - i
            }
            if let quotation = closed {
                result.append(quotation)
                i = max(quotation.range.upperBound, i + length)
            } else {
                i += length
            }
        }
        return result
    }

    /// Where the next straight-quotation scan stops, kept across the openings of one text (they
    /// come in order), so that many unclosed straight quotes on one line cost linear time.
    struct StraightCursors {
        /// The first `"` after a non-space at or after `closeFrom`, or the text's end; -1: unknown.
        var close = -1
        /// Where `close` was searched from.
        var closeFrom = -1
        /// The first paragraph-break line feed at or after `breakFrom`, or the text's end; -1: unknown.
        var paragraphBreak = -1
        /// Where `paragraphBreak` was searched from.
        var breakFrom = -1
    }

    /// `closeQuotation` for a straight mark at `start`: it closes at the first `"` after a
    /// non-space past the first content byte, unless a paragraph break or the length limit
    /// comes first (a straight quotation is never left open).
    static func closeStraight(_ buffer: UnsafeBufferPointer<UInt8>, openAt start: Int, cursors: inout StraightCursors) -> Quotation? {
        let n = buffer.count
        let contentStart = start + 1
        let limit = min(n, start + maximumQuotationBytes)
        // Results found from an earlier (smaller) start stay valid while they lie past this one.
        if !(cursors.closeFrom >= 0 && cursors.closeFrom <= contentStart + 1 && cursors.close >= contentStart + 1) {
            var j = contentStart + 1
            while true {
                j = HeuristicBytes.find(0x22, buffer, from: j, to: n)
                if j >= n || !HeuristicBytes.isSpace(buffer[j - 1]) { break }
                j += 1
            }
            cursors.close = min(j, n)
            cursors.closeFrom = contentStart + 1
        }
        if !(cursors.breakFrom >= 0 && cursors.breakFrom <= contentStart && cursors.paragraphBreak >= contentStart) {
            var j = contentStart
            while true {
                j = HeuristicBytes.find(0x0A, buffer, from: j, to: n)
                if j >= n || isParagraphBreak(buffer, at: j) { break }
                j += 1
            }
            cursors.paragraphBreak = min(j, n)
            cursors.breakFrom = contentStart
        }
        let close = cursors.close
        guard close < limit && close < cursors.paragraphBreak else { return nil }
        return Quotation(range: start..<(close + 1), content: contentStart..<close, isClosed: true)
    }

    /// Whether `paragraphBreak(_:at:)` finds a break at the line feed `i`, stopping at the
    /// first further line feed.
    static func isParagraphBreak(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i + 1
        while j < buffer.count && HeuristicBytes.isSpace(buffer[j]) {
            if buffer[j] == 0x0A { return true }
            j += 1
        }
        return j >= buffer.count
    }

    /// Follows a quotation opened at `start` to its closing mark.
    static func closeQuotation(_ buffer: UnsafeBufferPointer<UInt8>, openAt start: Int, kind: Mark, length: Int) -> Quotation? {
        let n = buffer.count
        let contentStart = start + length
        let limit = min(n, start + maximumQuotationBytes)
        var depth = 1
        var i = contentStart
        var firstParagraphEnd = -1
        var paragraphs = 1
        while i < limit {
            // Only line feeds and quotation marks need a look.
            i = HeuristicBytes.firstOf(buffer, from: i, to: limit, 0x0A, 0x22, 0xE2, 0xC2)
            if i >= limit { break }
            let b = buffer[i]
            if b == 0x0A, let next = paragraphBreak(buffer, at: i) {
                if firstParagraphEnd < 0 { firstParagraphEnd = i }
                paragraphs += 1
                // Single and straight quotes never cross paragraphs; others only while no new
                // quotation opens the next paragraph.
                if kind == .singleOpen || kind == .straight || paragraphs > 12 { break }
                if depth > 1 { depth = 1 }
                if next < n, let (nextKind, _) = mark(buffer, at: next), nextKind == kind || nextKind == .curlyOpen { break }
                i = next
                continue
            }
            guard b == 0x22 || b == 0xE2 || b == 0xC2, let (found, markLength) = mark(buffer, at: i) else { i += 1; continue }
            let after = i + markLength
            let closesHere: Bool
            switch (kind, found) {
            case (.curlyOpen, .curlyOpen), (.guillemetOpen, .guillemetOpen):
                depth += 1
                closesHere = false
            case (.curlyOpen, .curlyClose), (.lowOpen, .curlyOpen), (.lowOpen, .curlyClose), (.guillemetOpen, .guillemetClose):
                depth -= 1
                closesHere = depth == 0
            case (.curlyOpen, .straight):
                // A straight mark closing a curly quotation ("...equality.") when it ends a word.
                closesHere = depth == 1 && i > contentStart && !HeuristicBytes.isSpace(buffer[i - 1]) && HeuristicBytes.isWordEnd(buffer, after)
            case (.straight, .straight):
                closesHere = i > contentStart && !HeuristicBytes.isSpace(buffer[i - 1])
            case (.singleOpen, .singleClose):
                // Not an apostrophe inside a word ("don’t").
                closesHere = after >= n || !HeuristicBytes.isWordByte(buffer, after)
            default:
                closesHere = false
            }
            if closesHere {
                return Quotation(range: start..<after, content: contentStart..<i, isClosed: true)
            }
            i = after
        }
        // Never closed: the quotation ends with its paragraph.
        var end = firstParagraphEnd >= 0 ? firstParagraphEnd : (i >= n ? n : -1)
        if end < 0 {
            // Cut off by the length limit without a paragraph break: not a quotation.
            return nil
        }
        if kind == .singleOpen || kind == .straight { return nil }
        while end > contentStart && HeuristicBytes.isSpace(buffer[end - 1]) { end -= 1 }
        return end > contentStart ? Quotation(range: start..<end, content: contentStart..<end, isClosed: false) : nil
    }

    // MARK: - Classifying

    /// Whether a quoted text is a direct quotation (see the rule's description).
    static func isDirectQuotation(_ context: HeuristicContext, _ quotation: Quotation) -> Bool {
        let buffer = context.buffer
        let words = HeuristicBytes.wordsAfter(buffer, quotation.content.lowerBound, count: 64, ceiling: quotation.content.upperBound)
        guard !words.isEmpty else { return false }
        let sentenceIndex = context.sentenceIndex(containing: quotation.range.lowerBound)
        let sentenceStart = sentenceIndex.map { context.sentences[$0].lowerBound } ?? 0
        let before = HeuristicBytes.wordsBefore(buffer, quotation.range.lowerBound, count: 8, floor: min(sentenceStart, quotation.range.lowerBound))
        if let nearest = before.first, nearest.upperBound >= quotation.range.lowerBound - 2,
            namingWords.contains(buffer, nearest)
        {
            return false
        }
        if let nearest = before.first, before.count > 1, HeuristicBytes.equalsLowercased(buffer, nearest, Array("called".utf8)) {
            return false
        }
        if isTitleLike(buffer, words) { return false }
        if words.count >= context.options.minimumQuotationWords { return true }
        if before.contains(where: { speechWords.contains(buffer, $0) }) { return true }
        if hasColonBefore(buffer, quotation.range.lowerBound) { return true }
        if standsAlone(buffer, quotation) { return true }
        return isFollowedBySpeaker(context, quotation)
    }

    /// A short text with no lowercase word but function words: a title or a name.
    static func isTitleLike(_ buffer: UnsafeBufferPointer<UInt8>, _ words: [Range<Int>]) -> Bool {
        guard words.count <= 7 else { return false }
        for word in words {
            let first = buffer[word.lowerBound]
            if first >= 0x61 && first <= 0x7A && !titleFunctionWords.contains(buffer, word) { return false }
        }
        // A closing "!" or "?" makes it an utterance ("“Shame!”", "“War Is Peace!”").
        if let last = words.last {
            var k = last.upperBound
            while k < buffer.count && k < last.upperBound + 4 {
                let c = buffer[k]
                if c == 0x21 || c == 0x3F { return false }
                if c != 0x2E && c != 0x2C && c != 0x20 { break }
                k += 1
            }
        }
        return true
    }

    /// A colon (and spaces) right before the opening mark: "declaring: “...”".
    static func hasColonBefore(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var k = offset
        while k > 0 && HeuristicBytes.isSpace(buffer[k - 1]) && buffer[k - 1] != 0x0A { k -= 1 }
        return k > 0 && (buffer[k - 1] == 0x3A)
    }

    /// The quotation fills its line (dialogue, a pull quote), ignoring a leading dash and
    /// trailing punctuation.
    static func standsAlone(_ buffer: UnsafeBufferPointer<UInt8>, _ quotation: Quotation) -> Bool {
        var k = quotation.range.lowerBound
        while k > 0 && buffer[k - 1] != 0x0A {
            let c = buffer[k - 1]
            if !(HeuristicBytes.isSpace(c) || c == 0x2D || c == 0x3E || c >= 0x80) { return false }
            k -= 1
        }
        var e = quotation.range.upperBound
        while e < buffer.count && buffer[e] != 0x0A && buffer[e] != 0x0D {
            let c = buffer[e]
            if !(c == 0x20 || c == 0x2E || c == 0x2C || c == 0x21 || c == 0x3F || c == 0x3B || c == 0x3A) { return false }
            e += 1
        }
        return true
    }

    /// A speech verb among the four words after the closing mark, in the same sentence, or an
    /// attribution dash and a capitalized name ("” – George Orwell").
    static func isFollowedBySpeaker(_ context: HeuristicContext, _ quotation: Quotation) -> Bool {
        let buffer = context.buffer
        var ceiling = buffer.count
        if let index = context.sentenceIndex(containing: max(quotation.range.upperBound - 1, 0)) {
            ceiling = max(context.sentences[index].upperBound, quotation.range.upperBound)
        }
        // The attribution dash may start a new "sentence" for the splitter: look to the line end.
        var lineEnd = quotation.range.upperBound
        while lineEnd < buffer.count && buffer[lineEnd] != 0x0A && buffer[lineEnd] != 0x0D { lineEnd += 1 }
        var k = quotation.range.upperBound
        while k < lineEnd && (buffer[k] == 0x20 || buffer[k] == 0x2C || buffer[k] == 0x2E) { k += 1 }
        if k + 3 <= lineEnd && buffer[k] == 0xE2 && buffer[k + 1] == 0x80 && (buffer[k + 2] == 0x93 || buffer[k + 2] == 0x94)
            || (k < lineEnd && buffer[k] == 0x2D)
        {
            let after = HeuristicBytes.wordsAfter(buffer, k, count: 1, ceiling: lineEnd)
            if let name = after.first, buffer[name.lowerBound] >= 0x41 && buffer[name.lowerBound] <= 0x5A { return true }
        }
        // "“How so?” Solidarity Collectives ask.": the splitter ends a sentence at "?”" before a
        // capital, so read on to the next terminator on the line.
        if ceiling <= quotation.range.upperBound + 1 {
            ceiling = quotation.range.upperBound
            while ceiling < lineEnd && buffer[ceiling] != 0x2E && buffer[ceiling] != 0x21 && buffer[ceiling] != 0x3F { ceiling += 1 }
        }
        let after = HeuristicBytes.wordsAfter(buffer, quotation.range.upperBound, count: 4, ceiling: ceiling)
        return after.contains { speechWords.contains(buffer, $0) }
    }
}
