/// One finding of a heuristic rule on unannotated text, before a path and severity are attached.
public struct HeuristicHit: Sendable, Hashable {
    /// The rule id (one of `Heuristics.ruleIDs`).
    public var rule: String
    /// The message shown to the user.
    public var message: String
    /// Exact byte range: the quotation, the figure, the phrase or the URL itself.
    public var range: Range<Int>

    /// Creates a hit.
    public init(rule: String, message: String, range: Range<Int>) {
        self.rule = rule
        self.message = message
        self.range = range
    }
}

/// Which heuristics run and how strict they are.
public struct HeuristicOptions: Sendable, Hashable {
    /// Rule ids that run; the default is all five.
    public var enabledRules: Set<String>
    /// Digits (separators not counted) a bare number needs to count as a figure.
    public var minimumFigureDigits: Int
    /// Words a quotation needs to count as one without any other sign of reported speech.
    public var minimumQuotationWords: Int
    /// Whether bare URLs inside note definitions are reported (they still stand in for a
    /// proper source entry there).
    public var reportsURLsInNotes: Bool

    /// Creates options; every parameter has the default value.
    public init(
        enabledRules: Set<String> = Set(Heuristics.ruleIDs), minimumFigureDigits: Int = 4,
        minimumQuotationWords: Int = 5, reportsURLsInNotes: Bool = true
    ) {
        self.enabledRules = enabledRules
        self.minimumFigureDigits = minimumFigureDigits
        self.minimumQuotationWords = minimumQuotationWords
        self.reportsURLsInNotes = reportsURLsInNotes
    }

    /// All five rules, figures of four digits or more, quotations of five words or more.
    public static let `default` = HeuristicOptions()
}

/// The heuristic rules for unannotated text: unsourced quotations and figures, pointers to
/// missing sources, weasel attributions and bare URLs standing in for citations.
public enum Heuristics {
    /// The ids of every heuristic rule, in the order they run.
    public static let ruleIDs: [String] = [
        RuleID.unsourcedQuote, RuleID.unsourcedFigure, RuleID.missingSourcePointer,
        RuleID.weaselAttribution, RuleID.bareURLCitation,
    ]

    /// Every hit of the enabled rules in `document`, sorted by position then rule.
    public static func hits(in document: Document, options: HeuristicOptions = .default) -> [HeuristicHit] {
        hits(in: document.text, markup: document.markup, options: options)
    }

    /// Every hit of the enabled rules in a text with its markup (a sidecar layer may supply
    /// markup that is not in the text), sorted by position then rule.
    public static func hits(in text: SourceText, markup: MarkupTree, options: HeuristicOptions = .default) -> [HeuristicHit] {
        if options.enabledRules.isDisjoint(with: ruleIDs) { return [] }
        var result: [HeuristicHit] = []
        text.bytes.withUnsafeBufferPointer { buffer in
            let context = HeuristicContext(buffer: buffer, text: text, markup: markup, options: options)
            if options.enabledRules.contains(RuleID.unsourcedQuote) { result += UnsourcedQuoteRule.hits(context) }
            if options.enabledRules.contains(RuleID.unsourcedFigure) { result += UnsourcedFigureRule.hits(context) }
            if options.enabledRules.contains(RuleID.missingSourcePointer) { result += MissingSourcePointerRule.hits(context) }
            if options.enabledRules.contains(RuleID.weaselAttribution) { result += WeaselAttributionRule.hits(context) }
            if options.enabledRules.contains(RuleID.bareURLCitation) { result += BareURLCitationRule.hits(context) }
        }
        result.sort { ($0.range.lowerBound, $0.range.upperBound, $0.rule) < ($1.range.lowerBound, $1.range.upperBound, $1.rule) }
        return result
    }
}

/// What every heuristic needs: the bytes, the markup, the sentences and which are sourced.
///
/// Built once per document; lives only inside `withUnsafeBufferPointer`.
struct HeuristicContext {
    /// The document's bytes.
    let buffer: UnsafeBufferPointer<UInt8>
    /// The document.
    let text: SourceText
    /// Its markup.
    let markup: MarkupTree
    /// The options.
    let options: HeuristicOptions
    /// Sentence ranges of the whole text.
    let sentences: [Range<Int>]
    /// Per sentence: a citation, note marker or URL sits in it or right after it.
    let sentenceIsSourced: [Bool]
    /// Start offsets of URLs (from the markup, and `http(s)://` found in the bytes), sorted.
    let urlStarts: [Int]

    init(buffer: UnsafeBufferPointer<UInt8>, text: SourceText, markup: MarkupTree, options: HeuristicOptions) {
        self.buffer = buffer
        self.text = text
        self.markup = markup
        self.options = options
        let sentences = Sentences.scan(buffer, from: 0, to: buffer.count)
        self.sentences = sentences
        var urls = markup.links.map(\.range.lowerBound)
        urls += HeuristicBytes.lexicalURLStarts(buffer)
        urls.sort()
        self.urlStarts = urls
        var anchors = urls
        anchors += markup.citations.map(\.range.lowerBound)
        anchors += markup.noteReferences.map(\.range.lowerBound)
        anchors += markup.noteDefinitions.filter { $0.style == .inline }.map(\.range.lowerBound)
        anchors.sort()
        var sourced = [Bool](repeating: false, count: sentences.count)
        for index in sentences.indices {
            let sentence = sentences[index]
            var regionEnd = index + 1 < sentences.count ? sentences[index + 1].lowerBound : buffer.count
            // A URL on its own line right after the sentence sources it too.
            if index + 1 < sentences.count, HeuristicBytes.sortedContains(urls, in: regionEnd..<(regionEnd + 1)) {
                regionEnd += 1
            }
            if HeuristicBytes.sortedContains(anchors, in: sentence.lowerBound..<regionEnd)
                || HeuristicBytes.hasNoteMarker(buffer, in: sentence)
            {
                sourced[index] = true
            }
        }
        self.sentenceIsSourced = sourced
    }

    /// Index of the sentence holding `offset`, or of the last sentence before it.
    func sentenceIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = sentences.count - 1
        var found: Int? = nil
        while low <= high {
            let mid = (low + high) / 2
            if sentences[mid].lowerBound <= offset {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }

    /// Whether the sentence holding `offset` is sourced.
    func isSourced(at offset: Int) -> Bool {
        guard let index = sentenceIndex(containing: offset) else { return false }
        return sentenceIsSourced[index]
    }

    /// Whether `offset` lies in code, a comment or front matter.
    func isOpaque(_ offset: Int) -> Bool {
        HeuristicBytes.sortedRanges(markup.opaqueRanges, contain: offset)
    }

    /// The note definition whose text holds `offset`, if any.
    ///
    /// A numbered plain-text note is taken to end with its first paragraph: unmarked corpora
    /// often go on with body text after the last note, with no heading a parser can rely on.
    func noteDefinition(containing offset: Int) -> NoteDefinition? {
        markup.noteDefinitions.first { definition in
            guard definition.range.contains(offset) else { return false }
            guard definition.style == .numbered else { return true }
            return !HeuristicBytes.hasParagraphBreak(buffer, in: definition.range.lowerBound..<offset)
        }
    }

    /// Whether `range` lies inside an annotation that is itself cited (a citation, note or URL
    /// inside it or after it in its last sentence).
    func isInsideCitedAnnotation(_ range: Range<Int>) -> Bool {
        for annotation in markup.annotations where annotation.range.lowerBound <= range.lowerBound && annotation.range.upperBound >= range.upperBound {
            if annotation.note != nil { return true }
            var end = annotation.range.upperBound
            if case .inlineMarkup(let markupRange) = annotation.origin { end = max(end, markupRange.upperBound) }
            if let index = sentenceIndex(containing: max(annotation.range.upperBound - 1, 0)) {
                end = max(end, sentences[index].upperBound)
            }
            let span = annotation.range.lowerBound..<end
            if markup.citations.contains(where: { span.contains($0.range.lowerBound) })
                || markup.noteReferences.contains(where: { span.contains($0.range.lowerBound) })
                || HeuristicBytes.sortedContains(urlStarts, in: span)
            {
                return true
            }
        }
        return false
    }

    /// The text of a range, for messages.
    func string(_ range: Range<Int>) -> String { text.string(range) }
}

/// Byte-level helpers shared by the heuristic rules.
enum HeuristicBytes {
    /// ASCII lowercase of a byte.
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    /// ASCII digit.
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// ASCII letter.
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }

    /// Space, tab, LF or CR.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Whether the byte at `i` belongs to a word: an ASCII letter or digit, or a non-ASCII letter
    /// (anything but general punctuation `E2 80..`, Latin-1 punctuation `C2 ..` and invalid bytes).
    @inline(__always) static func isWordByte(_ buffer: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = buffer[i]
        if b < 0x80 { return isDigit(b) || isLetter(b) }
        var lead = i
        var back = 0
        while lead > 0 && back < 3 && (buffer[lead] & 0xC0) == 0x80 { lead -= 1; back += 1 }
        let l = buffer[lead]
        return l != 0xE2 && l != 0xC2 && l >= 0xC3
    }

    /// Whether a word starts at `i` (no word byte right before).
    @inline(__always) static func isWordStart(_ buffer: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i == 0 || !isWordByte(buffer, i - 1)
    }

    /// Whether a word ends at `i` (no word byte at `i`).
    @inline(__always) static func isWordEnd(_ buffer: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i >= buffer.count || !isWordByte(buffer, i)
    }

    /// Whether a blank line lies inside `range`.
    static func hasParagraphBreak(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        var sawNewline = false
        for i in range {
            let b = buffer[i]
            if b == 0x0A {
                if sawNewline { return true }
                sawNewline = true
            } else if b != 0x20 && b != 0x09 && b != 0x0D {
                sawNewline = false
            }
        }
        return false
    }

    /// Whether some value of a sorted array lies in `range`.
    static func sortedContains(_ values: [Int], in range: Range<Int>) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low < values.count && values[low] < range.upperBound
    }

    /// Whether sorted disjoint ranges contain `offset`.
    static func sortedRanges(_ ranges: [Range<Int>], contain offset: Int) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].contains(offset)
    }

    /// Start offsets of `http://` and `https://` in the bytes (the markup parser may not have
    /// run, or may not see URLs in plain text).
    static func lexicalURLStarts(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var result: [Int] = []
        let n = buffer.count
        var i = 0
        while i + 7 < n {
            // "://" anchored search keeps the loop to one comparison per byte.
            if buffer[i] == 0x3A && buffer[i + 1] == 0x2F && buffer[i + 2] == 0x2F {
                if i >= 4 && lower(buffer[i - 4]) == 0x68 && lower(buffer[i - 3]) == 0x74 && lower(buffer[i - 2]) == 0x74 && lower(buffer[i - 1]) == 0x70 {
                    result.append(i - 4)
                } else if i >= 5 && lower(buffer[i - 5]) == 0x68 && lower(buffer[i - 4]) == 0x74 && lower(buffer[i - 3]) == 0x74
                    && lower(buffer[i - 2]) == 0x70 && lower(buffer[i - 1]) == 0x73
                {
                    result.append(i - 5)
                }
                i += 3
                continue
            }
            i += 1
        }
        return result
    }

    /// Whether a note marker `(3)`, `[3]` or a superscript digit sits inside `range`, not at its
    /// start (a numbered line there is a definition or a list item, not a marker).
    static func hasNoteMarker(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        var i = range.lowerBound + 1
        while i < range.upperBound {
            let b = buffer[i]
            if (b == 0x28 || b == 0x5B) && i + 2 < range.upperBound + 1 {
                let close: UInt8 = b == 0x28 ? 0x29 : 0x5D
                var d = i + 1
                while d < range.upperBound && d - i <= 3 && isDigit(buffer[d]) { d += 1 }
                if d > i + 1 && d < range.upperBound && buffer[d] == close {
                    // "(3)" followed by a word ("(3) soldiers") is an enumeration, not a marker.
                    var k = d + 1
                    while k < range.upperBound && buffer[k] == 0x20 { k += 1 }
                    if k >= range.upperBound || !isLetter(buffer[k]) || (k == d + 1) { return true }
                    if k < range.upperBound && buffer[k] >= 0x41 && buffer[k] <= 0x5A { return true }
                }
            } else if b == 0xC2 && i + 1 < range.upperBound && (buffer[i + 1] == 0xB9 || buffer[i + 1] == 0xB2 || buffer[i + 1] == 0xB3) {
                if i > 0 && buffer[i - 1] != 0x20 { return true }
            }
            i += 1
        }
        return false
    }

    /// Up to `count` words ending at or before `offset`, nearest first, not before `floor`
    /// (hyphenated words count as one).
    static func wordsBefore(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int, count: Int, floor: Int) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var i = offset
        while words.count < count {
            while i > floor && !isWordByte(buffer, i - 1) { i -= 1 }
            if i <= floor { break }
            let end = i
            while i > floor && (isWordByte(buffer, i - 1) || (buffer[i - 1] == 0x2D && i - 1 > floor && isWordByte(buffer, i - 2))) { i -= 1 }
            words.append(i..<end)
        }
        return words
    }

    /// Up to `count` words after `offset`, not past `ceiling`.
    static func wordsAfter(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int, count: Int, ceiling: Int) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var i = offset
        while words.count < count {
            while i < ceiling && !isWordByte(buffer, i) { i += 1 }
            if i >= ceiling { break }
            let start = i
            while i < ceiling && isWordByte(buffer, i) { i += 1 }
            words.append(start..<i)
        }
        return words
    }

    /// Whether the bytes of `range` equal the lowercase ASCII `word`, ignoring ASCII case.
    static func equalsLowercased(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard range.count == word.count else { return false }
        var k = 0
        for i in range {
            if lower(buffer[i]) != word[k] { return false }
            k += 1
        }
        return true
    }

    /// The lowercased ASCII bytes of a word range (non-ASCII bytes kept).
    static func lowercased(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var word = [UInt8]()
        word.reserveCapacity(range.count)
        for i in range { word.append(lower(buffer[i])) }
        return word
    }
}

/// Case-insensitive matching of a fixed list of phrases at word starts, bucketed by first byte.
///
/// Pattern syntax: words separated by single spaces, each matching one run of whitespace in the
/// text; `*` matches any one word. A pattern ending in a letter or digit must end at a word end.
struct PhraseMatcher {
    /// One pattern token: a literal (lowercase) or a wildcard word.
    enum Token {
        case literal([UInt8])
        case anyWord
    }

    /// Patterns by the lowercase first byte of their first literal.
    private var buckets: [[(index: Int, tokens: [Token])]]
    /// The phrases as given.
    let phrases: [String]

    /// Builds the matcher; patterns must start with a literal.
    init(_ phrases: [String]) {
        self.phrases = phrases
        var buckets = [[(index: Int, tokens: [Token])]](repeating: [], count: 256)
        for (index, phrase) in phrases.enumerated() {
            let tokens: [Token] = phrase.split(separator: " ").map { word in
                word == "*" ? .anyWord : .literal(Array(word.lowercased().utf8))
            }
            guard case .literal(let first)? = tokens.first, let byte = first.first else { continue }
            buckets[Int(byte)].append((index, tokens))
        }
        // Longest patterns first, so the longest match wins.
        for b in 0..<256 { buckets[b].sort { $0.tokens.count > $1.tokens.count } }
        self.buckets = buckets
    }

    /// The longest phrase matching at `i` (which must be a word start), with its end offset.
    func match(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> (index: Int, end: Int)? {
        let candidates = buckets[Int(HeuristicBytes.lower(buffer[i]))]
        if candidates.isEmpty { return nil }
        var best: (index: Int, end: Int)? = nil
        for candidate in candidates {
            if let end = matchTokens(candidate.tokens, buffer, at: i, limit: limit) {
                if best == nil || end > (best?.end ?? 0) { best = (candidate.index, end) }
            }
        }
        return best
    }

    private func matchTokens(_ tokens: [Token], _ buffer: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int) -> Int? {
        var i = start
        for (t, token) in tokens.enumerated() {
            if t > 0 {
                // One run of whitespace (a no-break space counts) between words.
                let runStart = i
                while i < limit {
                    if HeuristicBytes.isSpace(buffer[i]) {
                        i += 1
                    } else if buffer[i] == 0xC2 && i + 1 < limit && buffer[i + 1] == 0xA0 {
                        i += 2
                    } else {
                        break
                    }
                }
                if i == runStart { return nil }
            }
            switch token {
            case .literal(let bytes):
                if i + bytes.count > limit { return nil }
                for k in 0..<bytes.count where HeuristicBytes.lower(buffer[i + k]) != bytes[k] { return nil }
                i += bytes.count
                if let last = bytes.last, HeuristicBytes.isDigit(last) || HeuristicBytes.isLetter(last) {
                    if i < limit && HeuristicBytes.isWordByte(buffer, i) { return nil }
                }
            case .anyWord:
                let wordStart = i
                while i < limit && (HeuristicBytes.isWordByte(buffer, i) || buffer[i] == 0x2D) { i += 1 }
                if i == wordStart { return nil }
            }
        }
        return i
    }

    /// Every non-overlapping match in `range`, scanning word starts left to right.
    func matches(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> [(index: Int, range: Range<Int>)] {
        var result: [(index: Int, range: Range<Int>)] = []
        var i = range.lowerBound
        let limit = range.upperBound
        while i < limit {
            let b = buffer[i]
            if b < 0x80 && !buckets[Int(HeuristicBytes.lower(b))].isEmpty
                && (!HeuristicBytes.isWordByte(buffer, i) || HeuristicBytes.isWordStart(buffer, i)),
                let found = match(buffer, at: i, limit: limit)
            {
                result.append((found.index, i..<found.end))
                i = found.end
                continue
            }
            i += 1
        }
        return result
    }
}
