/// A possible citation key met while scanning: `@key`, `-@key` or `@{key}`.
struct KeyCandidate {
    /// Offset of `@`, or of `-` for `-@key`.
    var start: Int
    /// Offset just after the key (after `}` when braced).
    var end: Int
    var key: String
    var keyRange: Range<Int>
    var suppressAuthor: Bool
    /// Already part of a citation.
    var consumed = false
    /// First offset after the key that is neither blank nor within one line end; -1 until needed.
    var gapEnd = -1
}

/// An open `[` (or `^[`) on the bracket stack.
struct BracketFrame {
    /// Offset of `[`.
    var open: Int
    /// True for `^[`.
    var isInlineNote: Bool
    /// First index in `keys` belonging directly to this frame.
    var firstKey: Int
    /// First index in `semicolons` belonging directly to this frame.
    var firstSemicolon: Int
    /// First index in `tree.citations` that may lie inside this frame.
    var firstCitation: Int
}

/// Scans the inline markup of blocks: citations, notes, spans, mentions, links, code spans.
///
/// Read-only helpers are static: in debug builds a non-mutating method called from a
/// mutating one copies the whole scanner (and retains every array in it) on each call.
///
/// Brackets are matched with an explicit stack, so nesting depth costs memory, not recursion;
/// every search forward remembers where it failed, so no input makes it quadratic.
struct InlineScanner {
    let buf: UnsafeBufferPointer<UInt8>
    let markdown: Bool
    /// HTML comments, sorted; skipped as opaque.
    let comments: [Range<Int>]
    var tree: MarkupTree
    var opaque: [Range<Int>] = []
    /// Inline notes as (start offset, definition) until they are numbered.
    var inlineNotes: [NoteDefinition] = []
    /// Labels of Pandoc example-list items `(@label)`, each with the offset of its first item:
    /// in-text `@label` refers to them, not a source.
    var exampleLabels: [String: Int] = [:]

    private var stack: [BracketFrame] = []
    private var keys: [KeyCandidate] = []
    private var semicolons: [Int] = []
    private var commentIndex = 0
    /// Where a block-initial example-list marker may start: the block start, or after the HTML
    /// comments that open a block at column 0 (Pandoc reads those as raw blocks of their own).
    private var markerStart = 0
    /// End of the block being scanned.
    private var blockEnd = 0
    // Failure caches, reset per block: a search that found nothing from X finds nothing later.
    /// Once a code span found no closer, runs of backticks at or after this offset are indexed
    /// in `codeRuns` (run length to run starts), read through `codeRunCursor`.
    private var codeRunsFrom = Int.max
    private var codeRuns: [Int: [Int]] = [:]
    private var codeRunCursor: [Int: Int] = [:]
    private var nextDoubleClose = -1
    private var noCloseParenFrom = Int.max
    private var noCloseBraceFrom = Int.max
    /// Braced keys opening before this offset are answered from `bracedMatches`.
    private var bracedSegmentEnd = -1
    private var bracedMatches: [Int: Int] = [:]
    /// Memo of the next `[` or `]` at or after some earlier offset.
    private var nextBracketByte = -1
    /// Memo of the next `}` at or after some earlier offset.
    private var nextCloseBrace = -1

    /// `buf` as a bare pointer: pointer subscripts stay cheap in debug builds too.
    private let base: UnsafePointer<UInt8>
    /// `ByteClass.inlineTriggers`.
    private let triggers: UnsafePointer<UInt8>

    init(buf: UnsafeBufferPointer<UInt8>, triggers: UnsafePointer<UInt8>, markdown: Bool, comments: [Range<Int>], tree: MarkupTree) {
        self.buf = buf
        // An empty buffer has no base address, but then no block is ever scanned.
        self.base = buf.baseAddress ?? triggers
        self.triggers = triggers
        self.markdown = markdown
        self.comments = comments
        self.tree = tree
    }

    /// Scans one block.
    mutating func scan(_ block: Range<Int>) {
        stack.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        semicolons.removeAll(keepingCapacity: true)
        codeRunsFrom = Int.max
        nextDoubleClose = -1
        noCloseParenFrom = Int.max
        noCloseBraceFrom = Int.max
        bracedSegmentEnd = -1
        nextBracketByte = -1
        nextCloseBrace = -1
        blockEnd = block.upperBound
        while commentIndex < comments.count && comments[commentIndex].upperBound <= block.lowerBound { commentIndex += 1 }
        let end = block.upperBound
        let lower = block.lowerBound
        let p = base
        markerStart = lower
        if markdown && (lower == 0 || p[lower - 1] == 0x0A) {
            var c = commentIndex
            while c < comments.count && comments[c].lowerBound == markerStart {
                var j = comments[c].upperBound
                while j < end && ByteClass.isWhitespace(p[j]) { j += 1 }
                markerStart = j
                c += 1
            }
        }
        let triggers = self.triggers
        var i = lower
        // Where the last construct handler resumed: bytes from here on were passed over as
        // text, so a URL may start among them.
        var resume = lower
        while true {
            i = Self.nextTrigger(p, triggers, i, end)
            if i >= end { break }
            switch p[i] {
            case 0x5C:  // backslash escape
                i += (i + 1 < end && ByteClass.isASCIIPunct(p[i + 1])) ? 2 : 1
            case 0x60:  // code span
                i = markdown ? codeSpan(i, end) : i + 1
            case 0x3C:  // comment or autolink
                if commentIndex < comments.count && comments[commentIndex].lowerBound == i {
                    i = comments[commentIndex].upperBound
                    commentIndex += 1
                } else {
                    i = autolink(i, end)
                }
            case 0x5B:
                i = openBracket(i, end)
            case 0x5E:
                if i + 1 < end && p[i + 1] == 0x5B {
                    stack.append(BracketFrame(open: i + 1, isInlineNote: true, firstKey: keys.count, firstSemicolon: semicolons.count, firstCitation: tree.citations.count))
                    i += 2
                } else {
                    i += 1
                }
            case 0x5D:
                i = closeBracket(i, end)
            case 0x3B:
                if !stack.isEmpty { semicolons.append(i) }
                i += 1
            case 0x40:
                i = citeKey(i, end, lower)
            case 0x2D:
                i = i + 1 < end && p[i + 1] == 0x40 ? citeKey(i, end, lower) : i + 1
            case 0x3A:  // the colon of http:, https: or doi:
                i = urlAtColon(i, end, lower, resume)
            default:
                i += 1
            }
            resume = i
        }
        // Unclosed brackets are literal text: their keys are in-text citations.
        stack.removeAll(keepingCapacity: true)
        for k in keys where !k.consumed { emitTextual(k) }
        keys.removeAll(keepingCapacity: true)
    }

    /// The first trigger byte at or after `from`, or `end`.
    ///
    /// Eight bytes holding no byte that could be a trigger (words, digits, spaces, `.`, `,`,
    /// non-ASCII) are skipped at once; the rest are looked up in the table.
    @inline(__always) private static func nextTrigger(
        _ p: UnsafePointer<UInt8>, _ triggers: UnsafePointer<UInt8>, _ from: Int, _ end: Int
    ) -> Int {
        var i = from
        while true {
            while i + 8 <= end {
                let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let t = x & 0x7F7F_7F7F_7F7F_7F7F
                // SWAR tests, per byte, for ASCII in 0x3A...0x40 or 0x5B...0x60, or equal to `-`:
                // every trigger is in one of them; letters, digits, spaces, `.` and `,` are not.
                let punct = (0xC0C0_C0C0_C0C0_C0C0 &- t) & (t &+ 0x4646_4646_4646_4646)
                let brackets = (0xE0E0_E0E0_E0E0_E0E0 &- t) & (t &+ 0x2525_2525_2525_2525)
                let y = x ^ 0x2D2D_2D2D_2D2D_2D2D
                let dash = (y &- 0x0101_0101_0101_0101) & ~y
                if ((punct | brackets) & ~x | dash) & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            let stop = min(end, i + 8)
            while i < stop && triggers[Int(p[i])] == 0 { i += 1 }
            if i >= end || triggers[Int(p[i])] != 0 { return i }
        }
    }

    // MARK: - Code spans, autolinks, URLs

    private mutating func codeSpan(_ i: Int, _ end: Int) -> Int {
        let p = base
        var j = i
        while j < end && p[j] == 0x60 { j += 1 }
        let runLength = j - i
        if j >= codeRunsFrom {
            // After a failed search: the closing run comes from the index.
            guard let starts = codeRuns[runLength] else { return j }
            var c = codeRunCursor[runLength] ?? 0
            while c < starts.count && starts[c] < j { c += 1 }
            codeRunCursor[runLength] = c
            guard c < starts.count else { return j }
            let m = starts[c] + runLength
            opaque.append(i..<m)
            return m
        }
        var k = j
        while k < end {
            if p[k] == 0x60 {
                var m = k
                while m < end && p[m] == 0x60 { m += 1 }
                if m - k == runLength {
                    opaque.append(i..<m)
                    return m
                }
                k = m
            } else {
                k += 1
            }
        }
        // No closing run: index every run after this one, so that openers of many different
        // lengths do not each search to the end of the block.
        codeRunsFrom = j
        codeRuns.removeAll(keepingCapacity: true)
        codeRunCursor.removeAll(keepingCapacity: true)
        k = j
        while k < end {
            if p[k] == 0x60 {
                var m = k
                while m < end && p[m] == 0x60 { m += 1 }
                codeRuns[m - k, default: []].append(k)
                k = m
            } else {
                k += 1
            }
        }
        return j
    }

    private mutating func autolink(_ i: Int, _ end: Int) -> Int {
        var j = i + 1
        while j < end && buf[j] != 0x3E && buf[j] != 0x3C && !ByteClass.isWhitespace(buf[j]) { j += 1 }
        guard j < end, buf[j] == 0x3E, j > i + 1 else { return i + 1 }
        let inner = (i + 1)..<j
        if Self.hasScheme(buf, inner) {
            tree.links.append(Link(url: ByteClass.string(buf, inner), range: inner, isBare: false))
            return j + 1
        }
        return i + 1
    }

    /// True when the range starts with `scheme:` (letters, then a colon).
    private static func hasScheme(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var j = r.lowerBound
        while j < r.upperBound && ((buf[j] | 0x20) >= 0x61 && (buf[j] | 0x20) <= 0x7A) { j += 1 }
        return j > r.lowerBound + 1 && j < r.upperBound && buf[j] == 0x3A
    }

    private static func startsWith(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ ascii: StaticString) -> Bool {
        let n = ascii.utf8CodeUnitCount
        guard i + n <= end else { return false }
        let p = ascii.utf8Start
        for k in 0..<n {
            var b = buf[i + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != p[k] { return false }
        }
        return true
    }

    /// A bare URL whose scheme ends at the colon `colon`: returns where scanning resumes.
    /// The scheme's first byte must be at or after `resume` (passed over as plain text).
    private mutating func urlAtColon(_ colon: Int, _ end: Int, _ lower: Int, _ resume: Int) -> Int {
        let p = base
        let floor = max(lower, resume)
        var start = -1
        if colon - 5 >= floor && p[colon - 5] == 0x68 && p[colon - 1] | 0x20 == 0x73 {
            start = colon - 5  // https
        } else if colon - 4 >= floor && p[colon - 4] == 0x68 {
            start = colon - 4  // http
        } else if colon - 3 >= floor && p[colon - 3] == 0x64 {
            start = colon - 3  // doi
        }
        guard start >= 0 else { return colon + 1 }
        let next = bareURL(start, end, lower)
        // A failed URL resumes at or before the `//` after the colon, which holds no markup.
        return max(next, colon + 1)
    }

    /// A bare `http(s)://...` or `doi:10....` at `i`; trailing punctuation is not part of it.
    private mutating func bareURL(_ i: Int, _ end: Int, _ lower: Int) -> Int {
        var bodyStart: Int
        let isDOI: Bool
        if Self.startsWith(buf, i, end, "https://") {
            bodyStart = i + 8
            isDOI = false
        } else if Self.startsWith(buf, i, end, "http://") {
            bodyStart = i + 7
            isDOI = false
        } else if Self.startsWith(buf, i, end, "doi:10.") {
            bodyStart = i + 4
            isDOI = true
        } else {
            return i + 1
        }
        if ByteClass.alnumBefore(buf, i, lowerBound: lower) { return i + 1 }
        var j = bodyStart
        var parens = 0
        while j < end {
            let b = buf[j]
            if ByteClass.isWhitespace(b) || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x60 { break }
            if b == 0x28 { parens += 1 } else if b == 0x29 { if parens == 0 { break }; parens -= 1 }
            if b == 0x5D || b == 0x5B { break }
            j += 1
        }
        while j > bodyStart {
            let b = buf[j - 1]
            if b == 0x2E || b == 0x2C || b == 0x3A || b == 0x3B || b == 0x21 || b == 0x3F || b == 0x27 || b == 0x2A || b == 0x5F {
                j -= 1
            } else {
                break
            }
        }
        guard j > bodyStart + 1 else { return bodyStart }
        let written = ByteClass.string(buf, i..<j)
        let url = isDOI ? "https://doi.org/" + ByteClass.string(buf, bodyStart..<j) : written
        tree.links.append(Link(url: url, range: i..<j, isBare: true))
        return j
    }

    // MARK: - Citation keys

    /// `@key`, `-@key` or `@{key}` at `i` (a `@` or `-`).
    private mutating func citeKey(_ i: Int, _ end: Int, _ lower: Int) -> Int {
        var at = i
        let suppress = buf[i] == 0x2D
        if suppress {
            guard i + 1 < end && buf[i + 1] == 0x40 else { return i + 1 }
            at = i + 1
        }
        // Not after a word (foo@bar.com), a period, or a closing emphasis marker.
        if i > lower {
            let p = buf[i - 1]
            if p == 0x2E || ByteClass.alnumBefore(buf, i, lowerBound: lower) { return at + 1 }
            if (p == 0x2A || p == 0x5F) && i - 1 > lower && !ByteClass.isWhitespace(buf[i - 2]) && buf[i - 2] != p { return at + 1 }
        }
        if !markdown && stack.isEmpty { return at + 1 }
        guard at + 1 < end else { return at + 1 }
        if buf[at + 1] == 0x7B {
            // Braced key: balanced braces, no whitespace.
            guard let j = bracedKeyClose(at + 1, end), j > at + 2 else { return at + 1 }
            let keyRange = (at + 2)..<j
            keys.append(KeyCandidate(
                start: i, end: j + 1, key: ByteClass.string(buf, keyRange), keyRange: keyRange, suppressAuthor: suppress))
            return j + 1
        }
        let (firstLength, firstAlnum) = ByteClass.alnumScalar(buf, at + 1, end)
        guard firstAlnum || buf[at + 1] == 0x5F else { return at + 1 }
        var j = at + 1 + firstLength
        while j < end {
            let b = buf[j]
            if b == 0x5F { j += 1; continue }
            let (length, alnum) = ByteClass.alnumScalar(buf, j, end)
            if alnum { j += length; continue }
            if Self.isInternalPunct(b) && j + 1 < end {
                let next = buf[j + 1]
                let (_, nextAlnum) = ByteClass.alnumScalar(buf, j + 1, end)
                if nextAlnum || next == 0x5F { j += 1; continue }
                if (b == 0x3A || b == 0x2F) && next == 0x2F { j += 1; continue }
            }
            break
        }
        let keyRange = (at + 1)..<j
        if !suppress && Self.isExampleListMarker(buf, at, keyRange, end, markerStart) {
            let label = ByteClass.string(buf, keyRange)
            if exampleLabels[label] == nil { exampleLabels[label] = i }
            return j
        }
        keys.append(KeyCandidate(
            start: i, end: j, key: ByteClass.string(buf, keyRange), keyRange: keyRange, suppressAuthor: suppress))
        return j
    }

    /// The `}` balancing the `{` at `open`, with no whitespace between; nil when none.
    ///
    /// A failed search leaves behind the matches of every `@{` up to where it stopped, so
    /// runs like `@{a{@{a{...` cost one pass instead of one per `@{`.
    private mutating func bracedKeyClose(_ open: Int, _ end: Int) -> Int? {
        if open < bracedSegmentEnd { return bracedMatches[open] }
        let p = base
        var depth = 0
        var j = open
        while j < end {
            let b = p[j]
            if ByteClass.isWhitespace(b) { break }
            if b == 0x7B { depth += 1 } else if b == 0x7D { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        // No match: record the matches of the `@{` opened inside this segment.
        let segmentEnd = j
        bracedMatches.removeAll(keepingCapacity: true)
        var openStack: [(offset: Int, depth: Int)] = []
        depth = 0
        j = open
        while j < segmentEnd {
            let b = p[j]
            if b == 0x7B {
                depth += 1
                if j > open && p[j - 1] == 0x40 { openStack.append((j, depth)) }
            } else if b == 0x7D {
                depth -= 1
                while let last = openStack.last, last.depth > depth {
                    if last.depth == depth + 1 { bracedMatches[last.offset] = j }
                    openStack.removeLast()
                }
            }
            j += 1
        }
        bracedSegmentEnd = segmentEnd
        return nil
    }

    /// `(@label)`, `@label.` or `@label)` opening a paragraph: a Pandoc example-list marker.
    private static func isExampleListMarker(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, _ keyRange: Range<Int>, _ end: Int, _ lower: Int) -> Bool {
        let paren = at > lower && buf[at - 1] == 0x28
        guard at == lower || (paren && at - 1 == lower) else { return false }
        for k in keyRange where !(ByteClass.isASCIIAlnum(buf[k]) || buf[k] >= 0x80 || buf[k] == 0x5F || buf[k] == 0x2D) { return false }
        let j = keyRange.upperBound
        guard j < end else { return false }
        let closer = buf[j]
        guard paren ? closer == 0x29 : (closer == 0x29 || closer == 0x2E) else { return false }
        return j + 1 == end || ByteClass.isWhitespace(buf[j + 1])
    }

    @inline(__always) private static func isInternalPunct(_ b: UInt8) -> Bool {
        switch b {
        case 0x3A, 0x2E, 0x23, 0x24, 0x25, 0x26, 0x2D, 0x2B, 0x3F, 0x3C, 0x3E, 0x7E, 0x2F: return true
        default: return false
        }
    }

    private mutating func emitTextual(_ k: KeyCandidate) {
        guard markdown else { return }
        let item = CitationItem(
            key: k.key, keyRange: k.keyRange, range: k.start..<k.end,
            mode: k.suppressAuthor ? .suppressAuthor : .authorInText, prefix: "", suffix: "")
        tree.citations.append(Citation(range: k.start..<k.end, items: [item], isBracketed: false))
    }

    // MARK: - Brackets

    private mutating func openBracket(_ i: Int, _ end: Int) -> Int {
        // `[[target|shown]]`: a mention, unless an attribute block follows.
        if i + 2 < end && buf[i + 1] == 0x5B && buf[i + 2] != 0x5B, let close = doubleClose(from: i + 2, end) {
            let after = close + 2
            var plain = nextBracket(from: i + 2, end) == close
            // Pandoc reads `@key [[x]]` as an in-text citation with the suffix `[x]`.
            let probe = BracketFrame(open: i, isInlineNote: false, firstKey: keys.count, firstSemicolon: semicolons.count, firstCitation: tree.citations.count)
            if precedingTextualKey(probe) != nil && !(after < end && (buf[after] == 0x5B || buf[after] == 0x28)) { plain = false }
            if plain && !(after < end && buf[after] == 0x7B) {
                if let mention = Self.mention(buf, i, close) {
                    tree.mentions.append(mention)
                    return after
                }
            }
        }
        // `[^label]` note reference.
        if i + 1 < end && buf[i + 1] == 0x5E {
            var j = i + 2
            while j < end && buf[j] != 0x5D && !ByteClass.isWhitespace(buf[j]) && buf[j] != 0x5B { j += 1 }
            if j < end && buf[j] == 0x5D && j > i + 2 {
                let labelRange = (i + 2)..<j
                tree.noteReferences.append(NoteReference(
                    label: ByteClass.string(buf, labelRange), range: i..<(j + 1), labelRange: labelRange, style: .pandoc))
                return j + 1
            }
        }
        stack.append(BracketFrame(open: i, isInlineNote: false, firstKey: keys.count, firstSemicolon: semicolons.count, firstCitation: tree.citations.count))
        return i + 1
    }

    /// Offset of the next `]]` at or after `from`, remembered so repeated searches stay linear.
    private mutating func doubleClose(from: Int, _ end: Int) -> Int? {
        if nextDoubleClose >= from { return nextDoubleClose < end ? nextDoubleClose : nil }
        var j = from
        while j + 1 < end {
            if buf[j] == 0x5D && buf[j + 1] == 0x5D { nextDoubleClose = j; return j }
            j += 1
        }
        nextDoubleClose = end
        return nil
    }

    /// Offset of the next `[` or `]` at or after `from`; `from` never decreases within a block.
    private mutating func nextBracket(from: Int, _ end: Int) -> Int {
        if nextBracketByte >= from { return nextBracketByte }
        let p = base
        var j = from
        while j < end && p[j] != 0x5B && p[j] != 0x5D { j += 1 }
        nextBracketByte = j
        return j
    }

    private static func mention(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ close: Int) -> MentionMarkup? {
        var pipe = -1
        var j = i + 2
        while j < close {
            let b = buf[j]
            if b == 0x7C && pipe < 0 { pipe = j }
            if (b == 0x0A || b == 0x0D || b == 0x09) && pipe < 0 { return nil }
            j += 1
        }
        let targetRaw = (i + 2)..<(pipe >= 0 ? pipe : close)
        let targetRange = ByteClass.trim(buf, targetRaw)
        var shown: String?
        if pipe >= 0 { shown = ByteClass.plainText(buf, (pipe + 1)..<close) }
        return MentionMarkup(
            target: ByteClass.string(buf, targetRange), targetRange: targetRange, shownText: shown, range: i..<(close + 2))
    }

    private mutating func closeBracket(_ i: Int, _ end: Int) -> Int {
        guard let frame = stack.popLast() else { return i + 1 }
        let after = i + 1
        let directKeys = frame.firstKey..<keys.count
        // Most brackets hold no semicolon: then nothing is copied.
        let directSemicolons: [Int] = frame.firstSemicolon < semicolons.count ? Array(semicolons[frame.firstSemicolon...]) : []
        if frame.firstSemicolon < semicolons.count { semicolons.removeLast(semicolons.count - frame.firstSemicolon) }
        if frame.isInlineNote {
            let content = (frame.open + 1)..<i
            inlineNotes.append(NoteDefinition(
                label: "", range: (frame.open - 1)..<after, labelRange: (frame.open - 1)..<(frame.open + 1),
                contentRange: content, text: ByteClass.plainText(buf, content), style: .inline))
            finishTextual(directKeys)
            return after
        }
        // `[text]{attributes}`: a span.
        if after < end && buf[after] == 0x7B {
            if let (annotation, next) = attributeBlock(frame.open, i, end) {
                tree.annotations.append(annotation)
                finishTextual(directKeys)
                return next
            }
        }
        // `[text](destination)`: a link.
        if after < end && buf[after] == 0x28, let next = linkDestination(after, end) {
            finishTextual(directKeys)
            return next
        }
        // `[see @a, p. 3; @b]`: a citation group.
        if let items = citationItems(frame, i, directKeys, directSemicolons) {
            var allItems = items
            var start = frame.open
            if let previous = precedingTextualKey(frame) {
                keys[previous].consumed = true
                let k = keys[previous]
                allItems.insert(CitationItem(
                    key: k.key, keyRange: k.keyRange, range: k.start..<k.end,
                    mode: k.suppressAuthor ? .suppressAuthor : .authorInText, prefix: "", suffix: ""), at: 0)
                start = k.start
            }
            tree.citations.append(Citation(range: start..<after, items: allItems, isBracketed: start == frame.open))
            finishTextual(directKeys)
            return after
        }
        // `@key [p. 4]`: the bracket is the suffix of an in-text citation.
        if !(after < end && (buf[after] == 0x5B || buf[after] == 0x28)), let previous = precedingTextualKey(frame),
            let rest = barelocItems(frame, i, directKeys, directSemicolons)
        {
            keys[previous].consumed = true
            let k = keys[previous]
            let suffixEnd = directSemicolons.first ?? i
            var cursor = 0
            let first = CitationItem(
                key: k.key, keyRange: k.keyRange, range: k.start..<suffixEnd,
                mode: k.suppressAuthor ? .suppressAuthor : .authorInText, prefix: "",
                suffix: Self.suffixText(buf, (frame.open + 1)..<suffixEnd, nested: (frame.firstCitation < tree.citations.count ? Self.nestedCitations(tree.citations, frame) : []), cursor: &cursor))
            tree.citations.append(Citation(range: k.start..<after, items: [first] + rest, isBracketed: false))
            finishTextual(directKeys)
            return after
        }
        finishTextual(directKeys)
        return after
    }

    /// Emits the unconsumed keys of a closed frame as in-text citations and drops them.
    private mutating func finishTextual(_ range: Range<Int>) {
        for index in range where !keys[index].consumed { emitTextual(keys[index]) }
        // The frame's keys are always the last ones.
        if range.lowerBound < keys.count { keys.removeLast(keys.count - range.lowerBound) }
    }

    /// The index of an unconsumed key just before `open`, separated by spaces and at most one line end.
    private mutating func precedingTextualKey(_ frame: BracketFrame) -> Int? {
        let open = frame.open
        let last = frame.firstKey - 1
        guard markdown, last >= 0 else { return nil }
        if let parent = stack.last, last < parent.firstKey { return nil }
        let k = keys[last]
        guard !k.consumed, k.end <= open else { return nil }
        if k.gapEnd < 0 {
            // Where the blanks after the key stop (a non-blank, or a second line end):
            // computed once per key, since many brackets may ask.
            var newlines = 0
            var j = k.end
            while j < blockEnd {
                let b = base[j]
                if b == 0x0A {
                    newlines += 1
                    if newlines > 1 { break }
                } else if !ByteClass.isBlank(b) && b != 0x0D {
                    break
                }
                j += 1
            }
            keys[last].gapEnd = j
        }
        return open <= keys[last].gapEnd ? last : nil
    }

    /// Pandoc's suffix: inline text after the key; a leading space is kept as one space.
    private static func suffixText(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, nested: [Range<Int>], cursor: inout Int) -> String {
        let text = affixText(buf, r, nested: nested, cursor: &cursor)
        if text.isEmpty { return "" }
        return (r.lowerBound < r.upperBound && ByteClass.isWhitespace(buf[r.lowerBound])) ? " " + text : text
    }

    /// Ranges of the citations emitted inside `frame` so far, sorted by start; usually none.
    private static func nestedCitations(_ citations: [Citation], _ frame: BracketFrame) -> [Range<Int>] {
        if frame.firstCitation >= citations.count { return [] }
        return citations[frame.firstCitation...].map(\.range).sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The plain text of a prefix or suffix. A citation nested in it keeps its source text
    /// (whitespace collapsed), as in Pandoc, whose `Cite` content is the raw source.
    ///
    /// `nested` is sorted and the affixes of one bracket are asked in order, so `cursor`
    /// walks it once per bracket.
    @inline(__always) private static func affixText(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, nested: [Range<Int>], cursor: inout Int) -> String {
        // Most brackets hold no nested citation: one plain pass.
        if cursor >= nested.count { return ByteClass.plainText(buf, r) }
        return nestedAffixText(buf, r, nested: nested, cursor: &cursor)
    }

    /// `affixText` when citations were nested in the bracket.
    private static func nestedAffixText(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, nested: [Range<Int>], cursor: inout Int) -> String {
        while cursor < nested.count && nested[cursor].lowerBound < r.lowerBound { cursor += 1 }
        var inner: [Range<Int>] = []
        while cursor < nested.count && nested[cursor].lowerBound < r.upperBound {
            if nested[cursor].upperBound <= r.upperBound { inner.append(nested[cursor]) }
            cursor += 1
        }
        if inner.isEmpty { return ByteClass.plainText(buf, r) }
        var out = ""
        var space = false
        var at = r.lowerBound
        func add(_ segment: Range<Int>, raw: Bool) {
            guard !segment.isEmpty else { return }
            if ByteClass.isWhitespace(buf[segment.lowerBound]) { space = true }
            let text = raw ? rawText(buf, segment) : ByteClass.plainText(buf, segment)
            if !text.isEmpty {
                if space && !out.isEmpty { out += " " }
                out += text
                space = false
            }
            if ByteClass.isWhitespace(buf[segment.upperBound - 1]) { space = true }
        }
        for c in inner where c.lowerBound >= at {
            add(at..<c.lowerBound, raw: false)
            add(c, raw: true)
            at = c.upperBound
        }
        add(at..<r.upperBound, raw: false)
        return out
    }

    /// The source bytes of `r` with each whitespace run collapsed to one space.
    private static func rawText(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(r.count)
        var space = false
        for i in r {
            let b = buf[i]
            if ByteClass.isWhitespace(b) {
                space = true
                continue
            }
            if space && !bytes.isEmpty { bytes.append(0x20) }
            space = false
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The items of `[...]` when every `;`-separated piece holds a key; nil otherwise.
    /// Keys after the first in a piece stay in-text citations (inside the suffix).
    private mutating func citationItems(
        _ frame: BracketFrame, _ close: Int, _ directKeys: Range<Int>, _ semis: [Int]
    ) -> [CitationItem]? {
        guard !directKeys.isEmpty else { return nil }
        var pieces: [Range<Int>] = []
        var start = frame.open + 1
        for s in semis {
            pieces.append(start..<s)
            start = s + 1
        }
        pieces.append(start..<close)
        var items: [CitationItem] = []
        var firstKeyOfPiece: [Int] = []
        let nested = (frame.firstCitation < tree.citations.count ? Self.nestedCitations(tree.citations, frame) : [])
        var cursor = 0
        var keyIndex = directKeys.lowerBound
        for piece in pieces {
            while keyIndex < directKeys.upperBound && keys[keyIndex].start < piece.lowerBound { keyIndex += 1 }
            guard keyIndex < directKeys.upperBound, keys[keyIndex].end <= piece.upperBound else { return nil }
            firstKeyOfPiece.append(keyIndex)
            let k = keys[keyIndex]
            let prefix = Self.affixText(buf, piece.lowerBound..<k.start, nested: nested, cursor: &cursor)
            items.append(CitationItem(
                key: k.key, keyRange: k.keyRange, range: ByteClass.trim(buf, piece).lowerBound..<max(k.end, ByteClass.trim(buf, piece).upperBound),
                mode: k.suppressAuthor ? .suppressAuthor : .normalCitation, prefix: prefix,
                suffix: Self.suffixText(buf, k.end..<piece.upperBound, nested: nested, cursor: &cursor)))
        }
        for index in firstKeyOfPiece { keys[index].consumed = true }
        return items
    }

    /// For `@key [suffix; @b]`: the items after the suffix, or nil when the bracket does not fit.
    private mutating func barelocItems(
        _ frame: BracketFrame, _ close: Int, _ directKeys: Range<Int>, _ semis: [Int]
    ) -> [CitationItem]? {
        if frame.open + 1 < close && buf[frame.open + 1] == 0x5E { return nil }
        guard let firstSemi = semis.first else { return [] }
        let restFrame = BracketFrame(
            open: firstSemi, isInlineNote: false, firstKey: directKeys.lowerBound, firstSemicolon: 0, firstCitation: frame.firstCitation)
        var keyStart = directKeys.lowerBound
        while keyStart < directKeys.upperBound && keys[keyStart].start < firstSemi { keyStart += 1 }
        return citationItems(restFrame, close, keyStart..<directKeys.upperBound, Array(semis.dropFirst()))
    }

    // MARK: - Attributes and links

    /// `{.type #id key=value key2="two words"}` after the span text `[open...close]`.
    private mutating func attributeBlock(_ open: Int, _ close: Int, _ end: Int) -> (Annotation, Int)? {
        // A local copy, so that the nested functions below do not capture (and copy) `self`.
        let buf = self.buf
        var i = close + 2
        if noCloseBraceFrom <= i {
            return nil
        }
        var types: [NamedRange] = []
        var id: String?
        var idRange: Range<Int>?
        var attributes: [AttributeValue] = []
        func skipSpace() { while i < end && ByteClass.isWhitespace(buf[i]) { i += 1 } }
        func identifier() -> Range<Int>? {
            let s = i
            guard i < end else { return nil }
            let (l0, a0) = ByteClass.alnumScalar(buf, i, end)
            guard a0 && !(buf[i] >= 0x30 && buf[i] <= 0x39) || buf[i] == 0x5F else { return nil }
            i += l0
            while i < end {
                let b = buf[i]
                let (l, a) = ByteClass.alnumScalar(buf, i, end)
                if a { i += l } else if b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E { i += 1 } else { break }
            }
            return s..<i
        }
        skipSpace()
        while i < end && buf[i] != 0x7D {
            let b = buf[i]
            if b == 0x2E {
                i += 1
                guard let r = identifier() else { return failAttributes(close, end) }
                types.append(NamedRange(name: ByteClass.string(buf, r), range: r))
            } else if b == 0x23 {
                i += 1
                guard let r = identifier() else { return failAttributes(close, end) }
                id = ByteClass.string(buf, r)
                idRange = r
            } else if b == 0x2D {
                i += 1
                types.append(NamedRange(name: "unnumbered", range: (i - 1)..<i))
            } else {
                guard let keyRange = identifier(), i < end, buf[i] == 0x3D else { return failAttributes(close, end) }
                i += 1
                var value: [UInt8] = []
                var valueRange = i..<i
                if i < end && (buf[i] == 0x22 || buf[i] == 0x27) {
                    let quote = buf[i]
                    i += 1
                    let s = i
                    while i < end && buf[i] != quote {
                        if buf[i] == 0x5C && i + 1 < end { i += 1 }
                        value.append(buf[i])
                        i += 1
                    }
                    guard i < end else { return failAttributes(close, end) }
                    valueRange = s..<i
                    i += 1
                } else {
                    let s = i
                    while i < end && !ByteClass.isWhitespace(buf[i]) && buf[i] != 0x7D {
                        if buf[i] == 0x5C && i + 1 < end { i += 1 }
                        value.append(buf[i])
                        i += 1
                    }
                    guard i > s else { return failAttributes(close, end) }
                    valueRange = s..<i
                }
                let key = ByteClass.string(buf, keyRange)
                let valueString = String(decoding: value, as: UTF8.self)
                if key == "class" {
                    var start = valueRange.lowerBound
                    var k = start
                    while k <= valueRange.upperBound {
                        if k == valueRange.upperBound || ByteClass.isWhitespace(buf[k]) {
                            if k > start { types.append(NamedRange(name: ByteClass.string(buf, start..<k), range: start..<k)) }
                            start = k + 1
                        }
                        k += 1
                    }
                } else if key == "id" {
                    id = valueString
                    idRange = valueRange
                } else {
                    attributes.append(AttributeValue(key: key, value: valueString, keyRange: keyRange, valueRange: valueRange))
                }
            }
            skipSpace()
        }
        guard i < end else { return failAttributes(close, end) }
        let annotation = Annotation(
            origin: .inlineMarkup(markupRange: open..<(i + 1)), range: (open + 1)..<close, types: types, id: id,
            idRange: idRange, attributes: attributes)
        return (annotation, i + 1)
    }

    /// Reports an attribute block with no `}` in the block; returns nil (the text stays text).
    private mutating func failAttributes(_ close: Int, _ end: Int) -> (Annotation, Int)? {
        let brace = close + 1
        if nextCloseBrace < brace + 1 {
            var j = brace + 1
            while j < end && base[j] != 0x7D { j += 1 }
            nextCloseBrace = j
        }
        if nextCloseBrace == end {
            noCloseBraceFrom = brace
            tree.issues.append(ParseIssue(
                rule: RuleID.unterminatedMarkup, message: "Attribute block is never closed with }",
                range: brace..<min(end, brace + 1)))
        }
        return nil
    }

    /// `(destination "title")` at `i`: records a link and returns the offset after `)`.
    private mutating func linkDestination(_ i: Int, _ end: Int) -> Int? {
        if noCloseParenFrom <= i { return nil }
        var j = i + 1
        while j < end && ByteClass.isWhitespace(buf[j]) { j += 1 }
        let destStart: Int
        var destEnd: Int
        if j < end && buf[j] == 0x3C {
            destStart = j + 1
            while j < end && buf[j] != 0x3E && buf[j] != 0x0A { j += 1 }
            guard j < end, buf[j] == 0x3E else { return nil }
            destEnd = j
            j += 1
        } else {
            destStart = j
            var depth = 0
            while j < end {
                let b = buf[j]
                if b == 0x5C && j + 1 < end { j += 2; continue }
                if b == 0x28 { depth += 1 } else if b == 0x29 { if depth == 0 { break }; depth -= 1 }
                if ByteClass.isWhitespace(b) { break }
                j += 1
            }
            destEnd = j
        }
        while j < end && ByteClass.isWhitespace(buf[j]) { j += 1 }
        if j < end && (buf[j] == 0x22 || buf[j] == 0x27) {
            let quote = buf[j]
            j += 1
            while j < end && buf[j] != quote { if buf[j] == 0x5C { j += 1 }; j += 1 }
            guard j < end else { return nil }
            j += 1
            while j < end && ByteClass.isWhitespace(buf[j]) { j += 1 }
        }
        guard j < end, buf[j] == 0x29 else {
            if j >= end { noCloseParenFrom = i }
            return nil
        }
        if destEnd > destStart && Self.hasScheme(buf, destStart..<destEnd) {
            var url = ByteClass.string(buf, destStart..<destEnd)
            if url.hasPrefix("doi:") { url = "https://doi.org/" + url.dropFirst(4) }
            tree.links.append(Link(url: url, range: destStart..<destEnd, isBare: false))
        }
        return j + 1
    }
}
