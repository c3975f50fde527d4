#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            var context = HeuristicContext(buffer: buffer, text: text, markup: markup, options: options)
            context.findPhrases(enabledRules: options.enabledRules)
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
    /// Per entry of `urlStarts`: the offset of the first whitespace byte at or after it.
    let urlFirstSpace: [Int]
    /// Weasel phrases in unsourced sentences (limit: the sentence end), set by `findPhrases`.
    var weaselMatches: [PhraseMatch] = []
    /// Quantity phrases in the whole text, set by `findPhrases`.
    var quantityMatches: [PhraseMatch] = []
    /// Link phrases in the whole text, set by `findPhrases`.
    var linkMatches: [PhraseMatch] = []

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
        // The first whitespace at or after each URL start, by one forward pointer.
        var firstSpace: [Int] = []
        firstSpace.reserveCapacity(urls.count)
        var space = 0
        for start in urls {
            if space < start { space = start }
            while space < buffer.count && !HeuristicBytes.isSpace(buffer[space]) { space += 1 }
            firstSpace.append(space)
        }
        self.urlFirstSpace = firstSpace
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

    /// Runs the phrase matchers of the enabled rules in one pass over the text.
    mutating func findPhrases(enabledRules: Set<String>) {
        var jobs: [[Range<Int>]?] = [nil, nil, nil]
        let whole = [0..<buffer.count]
        if enabledRules.contains(RuleID.weaselAttribution) {
            var unsourced: [Range<Int>] = []
            for index in sentences.indices where !sentenceIsSourced[index] { unsourced.append(sentences[index]) }
            jobs[0] = unsourced
        }
        if enabledRules.contains(RuleID.unsourcedFigure) { jobs[1] = whole }
        if enabledRules.contains(RuleID.missingSourcePointer) { jobs[2] = whole }
        if jobs.allSatisfy({ $0 == nil }) { return }
        let found = PhraseSet.heuristics.scan(buffer, ranges: jobs)
        weaselMatches = found[0]
        quantityMatches = found[1]
        linkMatches = found[2]
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
            // "://" anchored search: memchr for the colon.
            i = find(0x3A, buffer, from: i, to: n - 7)
            if i >= n - 7 { break }
            if buffer[i + 1] == 0x2F && buffer[i + 2] == 0x2F {
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

    /// Offset of the first byte in `start..<end` equal to `a`, `b`, `c` or `d` (repeat one to
    /// look for fewer), or `max(start, end)` when there is none; eight bytes at a time.
    @inline(__always) static func firstOf(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8
    ) -> Int {
        var i = start
        if let base = buffer.baseAddress {
            while i + 8 <= end {
                let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let m = Sentences.laneEquals(x, a) | Sentences.laneEquals(x, b) | Sentences.laneEquals(x, c) | Sentences.laneEquals(x, d)
                if m != 0 { return i + (m.trailingZeroBitCount >> 3) }
                i += 8
            }
        }
        while i < end {
            let v = buffer[i]
            if v == a || v == b || v == c || v == d { return i }
            i += 1
        }
        return max(i, end)
    }

    /// Offset of the first ASCII digit in `start..<end`, or `max(start, end)`; eight bytes at a time.
    @inline(__always) static func firstDigit(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        if let base = buffer.baseAddress {
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let ones: UInt64 = 0x0101_0101_0101_0101
            while i + 8 <= end {
                let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let y = x & low7
                // Lanes of 0x30...0x39 among ASCII bytes: no carries, every lane stays below 0x100.
                let m = (y &+ (0x50 &* ones)) & ~(y &+ (0x46 &* ones)) & ~x & 0x8080_8080_8080_8080
                if m != 0 { return i + (m.trailingZeroBitCount >> 3) }
                i += 8
            }
        }
        while i < end {
            if isDigit(buffer[i]) { return i }
            i += 1
        }
        return max(i, end)
    }

    /// Whether the bytes of `range` start with the lowercase ASCII `prefix`, ignoring ASCII case.
    static func hasPrefix(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
        guard range.count >= prefix.count else { return false }
        for k in 0..<prefix.count where lower(buffer[range.lowerBound + k]) != prefix[k] { return false }
        return true
    }

    /// Start offsets of every occurrence of the lowercase ASCII `needle` (ASCII case folded),
    /// in order.
    static func occurrences(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var result: [Int] = []
        guard let first = needle.first else { return result }
        let n = buffer.count
        var i = 0
        while i + needle.count <= n {
            i = find(first, buffer, from: i, to: n - needle.count + 1)
            if i + needle.count > n { break }
            if hasPrefix(buffer, i..<n, needle) { result.append(i) }
            i += 1
        }
        return result
    }

    /// Offset of the first `byte` in `start..<end`, or `end` when there is none (memchr).
    @inline(__always) static func find(_ byte: UInt8, _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end, let base = buffer.baseAddress else { return max(start, end) }
        guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// Whether a note marker `(3)`, `[3]` or a superscript digit sits inside `range`, not at its
    /// start (a numbered line there is a definition or a list item, not a marker).
    static func hasNoteMarker(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        var i = range.lowerBound + 1
        while i < range.upperBound {
            i = firstOf(buffer, from: i, to: range.upperBound, 0x28, 0x5B, 0xC2, 0xC2)
            if i >= range.upperBound { break }
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

/// One phrase found by `PhraseMatcher.scan`.
struct PhraseMatch {
    /// Index of the phrase in the matcher's list.
    var index: Int
    /// The matched bytes.
    var range: Range<Int>
    /// End of the range that was searched (the sentence end for per-sentence searches).
    var limit: Int
}

/// Case-insensitive matching of a fixed list of phrases at word starts, over a byte trie.
///
/// Pattern syntax: words separated by single spaces, each matching one run of whitespace in the
/// text; `*` matches any one word. A pattern ending in a letter or digit must end at a word end.
/// The trie is walked once per candidate position (a word start whose lowercased first byte
/// starts some phrase), so the cost does not grow with the number of phrases.
struct PhraseMatcher {
    /// The phrases as given.
    let phrases: [String]
    /// Root child per raw text byte (ASCII case folded), -1 when no phrase starts with it;
    /// bytes of 0x80 and above never start a match.
    let rootChild: [Int32]
    /// Per raw byte: an ASCII letter or digit.
    private let isAlnum: [Bool]
    /// Per node: first index into `edgeBytes`/`edgeTargets`.
    private let edgeStart: [Int32]
    /// Per node: one past its last edge.
    private let edgeEnd: [Int32]
    /// Edge labels: lowercase literal bytes, or 0x20 for a run of whitespace.
    private let edgeBytes: [UInt8]
    /// Edge targets.
    private let edgeTargets: [Int32]
    /// Per node: the child reached by a wildcard word, or -1.
    private let wildcard: [Int32]
    /// Per node: the phrase ending here, or -1.
    private let terminal: [Int32]
    /// Per node: the phrase ending here must end at a word end (its last byte is alphanumeric).
    private let needsWordEnd: [Bool]
    /// Per node: rank of the phrase ending here among phrases of equal match length (more words
    /// first, then list order), as the longest-first candidate order of a per-phrase matcher.
    private let terminalRank: [Int32]
    /// Per lowercased first byte (< 0x80) times 128 plus folded second byte (`fold`): whether
    /// some phrase can start with these two bytes.
    let startPairs: [Bool]

    /// Builds the matcher; patterns must start with a literal.
    init(_ phrases: [String]) {
        self.phrases = phrases
        // Mutable trie: children by label, wildcard child, terminal phrase.
        var children: [[UInt8: Int]] = [[:]]
        var wild: [Int] = [-1]
        var term: [Int] = [-1]
        var termRank: [Int] = [Int.max]
        var wordEnd: [Bool] = [false]
        for (index, phrase) in phrases.enumerated() {
            let words = phrase.split(separator: " ")
            guard let first = words.first, first != "*", !first.isEmpty else { continue }
            var node = 0
            var lastByte: UInt8 = 0
            var endsWithWildcard = false
            for (w, word) in words.enumerated() {
                if w > 0 {
                    if let next = children[node][0x20] {
                        node = next
                    } else {
                        children.append([:]); wild.append(-1); term.append(-1); termRank.append(Int.max); wordEnd.append(false)
                        children[node][0x20] = children.count - 1
                        node = children.count - 1
                    }
                }
                if word == "*" {
                    if wild[node] < 0 {
                        children.append([:]); wild.append(-1); term.append(-1); termRank.append(Int.max); wordEnd.append(false)
                        wild[node] = children.count - 1
                    }
                    node = wild[node]
                    endsWithWildcard = true
                    continue
                }
                endsWithWildcard = false
                for byte in word.lowercased().utf8 {
                    if let next = children[node][byte] {
                        node = next
                    } else {
                        children.append([:]); wild.append(-1); term.append(-1); termRank.append(Int.max); wordEnd.append(false)
                        children[node][byte] = children.count - 1
                        node = children.count - 1
                    }
                    lastByte = byte
                }
            }
            // Equal ends: more words first, then list order.
            let rank = -words.count * (phrases.count + 1) + index
            if rank < termRank[node] {
                term[node] = index
                termRank[node] = rank
                wordEnd[node] = !endsWithWildcard && (HeuristicBytes.isDigit(lastByte) || HeuristicBytes.isLetter(lastByte))
            }
        }
        var root = [Int32](repeating: -1, count: 256)
        for b in 0..<0x80 {
            if let child = children[0][HeuristicBytes.lower(UInt8(b))] { root[b] = Int32(child) }
        }
        var starts: [Int32] = []
        var ends: [Int32] = []
        var labels: [UInt8] = []
        var targets: [Int32] = []
        for node in children.indices {
            starts.append(Int32(labels.count))
            for (label, child) in children[node].sorted(by: { $0.key < $1.key }) {
                labels.append(label)
                targets.append(Int32(child))
            }
            ends.append(Int32(labels.count))
        }
        self.rootChild = root
        self.isAlnum = (0..<256).map { HeuristicBytes.isDigit(UInt8($0)) || HeuristicBytes.isLetter(UInt8($0)) }
        self.edgeStart = starts
        self.edgeEnd = ends
        self.edgeBytes = labels
        self.edgeTargets = targets
        self.wildcard = wild.map { Int32($0) }
        self.terminal = term.map { Int32($0) }
        self.needsWordEnd = wordEnd
        self.terminalRank = termRank.map { Int32(clamping: $0) }
        var pairs = [Bool](repeating: false, count: 128 * 128)
        for (first, node) in children[0] where first < 0x80 {
            if term[node] >= 0 || wild[node] >= 0 {
                for second in 0..<128 { pairs[Int(first) << 7 | second] = true }
            }
            for second in children[node].keys {
                pairs[Int(first) << 7 | Int(PhraseMatcher.fold(second))] = true
            }
        }
        self.startPairs = pairs
    }

    /// A second byte as the pair table keys it: whitespace and a no-break space's lead byte
    /// as a space, other non-ASCII bytes as 0, ASCII lowercased.
    @inline(__always) static func fold(_ b: UInt8) -> UInt8 {
        if HeuristicBytes.isSpace(b) || b == 0xC2 { return 0x20 }
        return b >= 0x80 ? 0 : HeuristicBytes.lower(b)
    }

    /// The child of `node` along `label`, or -1.
    @inline(__always) private func child(_ node: Int, _ label: UInt8) -> Int {
        var e = Int(edgeStart[node])
        let end = Int(edgeEnd[node])
        while e < end {
            if edgeBytes[e] == label { return Int(edgeTargets[e]) }
            e += 1
        }
        return -1
    }

    /// Walks the trie from `node` at text offset `i`, keeping the longest match in `best`.
    private func walk(
        _ buffer: UnsafeBufferPointer<UInt8>, node start: Int, at offset: Int, limit: Int, best: inout (index: Int, end: Int, rank: Int32)?
    ) {
        var node = start
        var i = offset
        while true {
            let phrase = terminal[node]
            if phrase >= 0 && (!needsWordEnd[node] || i >= limit || !HeuristicBytes.isWordByte(buffer, i)) {
                if let current = best {
                    if i > current.end || (i == current.end && terminalRank[node] < current.rank) { best = (Int(phrase), i, terminalRank[node]) }
                } else {
                    best = (Int(phrase), i, terminalRank[node])
                }
            }
            if i >= limit { return }
            let wild = wildcard[node]
            if wild >= 0 {
                var j = i
                while j < limit && (HeuristicBytes.isWordByte(buffer, j) || buffer[j] == 0x2D) { j += 1 }
                if j > i { walk(buffer, node: Int(wild), at: j, limit: limit, best: &best) }
            }
            let b = buffer[i]
            if HeuristicBytes.isSpace(b) || (b == 0xC2 && i + 1 < limit && buffer[i + 1] == 0xA0) {
                // One run of whitespace (a no-break space counts) between words.
                let next = child(node, 0x20)
                if next < 0 { return }
                while i < limit {
                    if HeuristicBytes.isSpace(buffer[i]) {
                        i += 1
                    } else if buffer[i] == 0xC2 && i + 1 < limit && buffer[i + 1] == 0xA0 {
                        i += 2
                    } else {
                        break
                    }
                }
                node = next
                continue
            }
            let next = child(node, HeuristicBytes.lower(b))
            if next < 0 { return }
            node = next
            i += 1
        }
    }

    /// The longest phrase matching at `i` (which must be a word start), with its end offset.
    func match(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> (index: Int, end: Int)? {
        let first = rootChild[Int(buffer[i])]
        if first < 0 { return nil }
        var best: (index: Int, end: Int, rank: Int32)? = nil
        walk(buffer, node: Int(first), at: i + 1, limit: limit, best: &best)
        return best.map { ($0.index, $0.end) }
    }

    /// Every non-overlapping match at the given candidates within `ranges` (sorted, disjoint),
    /// each match ending by the end of its range. A candidate is `offset << 8 | job bits`
    /// (sorted); only those with `bit` set are tried.
    func matches(_ buffer: UnsafeBufferPointer<UInt8>, candidates: [Int], bit: Int, in ranges: [Range<Int>]) -> [PhraseMatch] {
        var result: [PhraseMatch] = []
        var k = 0
        var nextFree = 0
        for candidate in candidates where candidate & bit != 0 {
            let i = candidate >> 8
            if i < nextFree { continue }
            while k < ranges.count && ranges[k].upperBound <= i { k += 1 }
            if k >= ranges.count { break }
            let range = ranges[k]
            guard range.lowerBound <= i, let found = match(buffer, at: i, limit: range.upperBound) else { continue }
            result.append(PhraseMatch(index: found.index, range: i..<found.end, limit: range.upperBound))
            nextFree = found.end
        }
        return result
    }

    /// Every non-overlapping match in `range`, scanning word starts left to right.
    func matches(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> [(index: Int, range: Range<Int>)] {
        var result: [(index: Int, range: Range<Int>)] = []
        var i = range.lowerBound
        let limit = range.upperBound
        while i < limit {
            let b = buffer[i]
            let alnum = isAlnum[Int(b)]
            if rootChild[Int(b)] >= 0 && (!alnum || i == 0 || !HeuristicBytes.isWordByte(buffer, i - 1)),
                let found = match(buffer, at: i, limit: limit)
            {
                result.append((found.index, i..<found.end))
                i = found.end
                continue
            }
            i += 1
            // The rest of an ASCII word holds no word start.
            if alnum { while i < limit && isAlnum[Int(buffer[i])] { i += 1 } }
        }
        return result
    }
}

/// Several phrase matchers searched in one pass: the candidate positions (ASCII word starts,
/// and ASCII punctuation that starts a phrase) are found eight bytes at a time and filtered by
/// the union of the matchers' two-byte start tables.
struct PhraseSet {
    /// The matchers, at most eight; matcher `j` has job bit `1 << j`.
    let matchers: [PhraseMatcher]
    /// Per two-byte key (see `PhraseMatcher.fold`): the job bits of matchers that may start there.
    let pairBits: [UInt8]
    /// Job bits of matchers with a one-byte phrase start (for a candidate on the last byte).
    let lastByteBits: [UInt8]
    /// ASCII non-alphanumeric bytes that start some phrase, such as `(` and `[`.
    let punctuation: [UInt8]

    /// The weasel (bit 1), quantity (bit 2) and link (bit 4) phrases of the heuristic rules.
    static let heuristics = PhraseSet([WeaselAttributionRule.matcher, UnsourcedFigureRule.quantityMatcher, MissingSourcePointerRule.linkMatcher])

    /// Combines up to eight matchers.
    init(_ matchers: [PhraseMatcher]) {
        self.matchers = Array(matchers.prefix(8))
        var pairs = [UInt8](repeating: 0, count: 128 * 128)
        var last = [UInt8](repeating: 0, count: 256)
        var punctuation: [UInt8] = []
        for (j, matcher) in self.matchers.enumerated() {
            let bit = UInt8(1 << j)
            for key in 0..<(128 * 128) where matcher.startPairs[key] { pairs[key] |= bit }
            for b in 0..<0x80 where matcher.rootChild[b] >= 0 {
                last[b] |= bit
                let byte = UInt8(b)
                if !HeuristicBytes.isDigit(byte) && !HeuristicBytes.isLetter(byte) && !punctuation.contains(byte) { punctuation.append(byte) }
            }
        }
        self.pairBits = pairs
        self.lastByteBits = last
        self.punctuation = punctuation
    }

    /// Every non-overlapping match of matcher `j` within `ranges[j]` (sorted, disjoint; nil: not
    /// searched), a match never passing the end of its range. Gives the same matches as
    /// `PhraseMatcher.matches(_:in:)` per range.
    func scan(_ buffer: UnsafeBufferPointer<UInt8>, ranges: [[Range<Int>]?]) -> [[PhraseMatch]] {
        var enabled: UInt8 = 0
        for (j, list) in ranges.enumerated() where j < matchers.count && list != nil { enabled |= UInt8(1 << j) }
        let candidates = self.candidates(buffer, enabled: enabled)
        var results: [[PhraseMatch]] = []
        for (j, list) in ranges.enumerated() {
            guard j < matchers.count, let list else { results.append([]); continue }
            results.append(matchers[j].matches(buffer, candidates: candidates, bit: 1 << j, in: list))
        }
        return results
    }

    /// The candidate positions as `offset << 8 | job bits`, in order.
    func candidates(_ buffer: UnsafeBufferPointer<UInt8>, enabled: UInt8) -> [Int] {
        var result: [Int] = []
        let n = buffer.count
        guard enabled != 0, let base = buffer.baseAddress else { return result }
        result.reserveCapacity(n / 16)
        @inline(__always) func consider(_ i: Int) {
            let b = buffer[i]
            let bits = i + 1 < n ? pairBits[Int(HeuristicBytes.lower(b)) << 7 | Int(PhraseMatcher.fold(buffer[i + 1]))] : lastByteBits[Int(b)]
            let wanted = bits & enabled
            if wanted != 0 { result.append(i << 8 | Int(wanted)) }
        }
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        // Lane flags of the byte before the current chunk: alphanumeric, non-ASCII.
        var carryAlnum: UInt64 = 0
        var carryNonASCII: UInt64 = 0
        while i + 8 <= n {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let ascii = ~x & high
            let y = x & low7
            let l = y | (0x20 &* ones)
            let letters = (l &+ (0x1F &* ones)) & ~(l &+ (0x05 &* ones))
            let digits = (y &+ (0x50 &* ones)) & ~(y &+ (0x46 &* ones))
            let alnum = (letters | digits) & ascii & high
            var found = alnum & ~((alnum << 8) | carryAlnum)
            for p in punctuation {
                let t = x ^ (UInt64(p) &* ones)
                found |= ~(((t & low7) &+ low7) | t | low7)
            }
            // Starts after a non-ASCII byte need the exact word-byte test.
            var afterNonASCII = found & (((~ascii & high) << 8) | carryNonASCII) & alnum
            carryAlnum = (alnum >> 56) & 0x80
            carryNonASCII = (x >> 56) & 0x80
            while afterNonASCII != 0 {
                let lane = afterNonASCII.trailingZeroBitCount >> 3
                if HeuristicBytes.isWordByte(buffer, i + lane - 1) { found &= ~(UInt64(0x80) << (lane << 3)) }
                afterNonASCII &= afterNonASCII - 1
            }
            while found != 0 {
                consider(i + (found.trailingZeroBitCount >> 3))
                found &= found - 1
            }
            i += 8
        }
        while i < n {
            let b = buffer[i]
            let isAlnum = HeuristicBytes.isDigit(b) || HeuristicBytes.isLetter(b)
            if (isAlnum && (i == 0 || !HeuristicBytes.isWordByte(buffer, i - 1))) || punctuation.contains(b) { consider(i) }
            i += 1
        }
        return result
    }
}
