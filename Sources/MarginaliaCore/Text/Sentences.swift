/// Byte-level sentence segmentation for news and essay prose.
///
/// A sentence ends at `.`, `!`, `?` or `…` (closing quotes, brackets and a trailing note marker
/// such as ` (3)` belong to it) when whitespace and a likely sentence start follow (an
/// uppercase letter, an opening quote, a digit, a bracket, a dash) or the text ends. Blank lines,
/// Markdown headings, list items and short title-like lines also end sentences. Common
/// abbreviations, single initials, decimals and dotted initialisms do not.
public enum Sentences {
    /// Sentence ranges in `text` (or only within `range`), trimmed of surrounding whitespace,
    /// in order, disjoint.
    public static func ranges(in text: SourceText, within range: Range<Int>? = nil) -> [Range<Int>] {
        let bounds = text.clamp(range ?? 0..<text.count)
        return text.bytes.withUnsafeBufferPointer { buffer in
            scan(buffer, from: bounds.lowerBound, to: bounds.upperBound)
        }
    }

    /// The sentence holding `offset`; between sentences, the empty range at `offset`.
    ///
    /// Only the paragraph around `offset` is scanned, so this is cheap on large texts.
    public static func sentence(containing offset: Int, in text: SourceText) -> Range<Int> {
        let target = min(max(offset, 0), text.count)
        return text.bytes.withUnsafeBufferPointer { buffer in
            let paragraph = paragraphRange(buffer, around: target)
            for sentence in scan(buffer, from: paragraph.lowerBound, to: paragraph.upperBound) {
                if sentence.contains(target) || (sentence.upperBound == target && target == text.count && !sentence.isEmpty) {
                    return sentence
                }
                if sentence.lowerBound > target { break }
            }
            return target..<target
        }
    }

    // MARK: - Scanning

    /// The paragraph (between blank lines) around `offset`.
    static func paragraphRange(_ buffer: UnsafeBufferPointer<UInt8>, around offset: Int) -> Range<Int> {
        let n = buffer.count
        var start = offset
        // Walk back to a line start preceded by a blank line.
        while start > 0 {
            let lineStart = lineStartBefore(buffer, start)
            if lineStart == 0 { start = 0; break }
            if isBlankLine(buffer, endingBefore: lineStart - 1) { start = lineStart; break }
            start = lineStart - 1
        }
        var end = offset
        while end < n {
            if buffer[end] == 0x0A {
                var j = end + 1
                while j < n && (buffer[j] == 0x20 || buffer[j] == 0x09 || buffer[j] == 0x0D) { j += 1 }
                if j >= n || buffer[j] == 0x0A { break }
            }
            end += 1
        }
        return start..<end
    }

    /// Offset of the start of the line holding `offset` (the byte after the previous LF).
    static func lineStartBefore(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var i = min(offset, buffer.count)
        while i > 0 && buffer[i - 1] != 0x0A { i -= 1 }
        return i
    }

    /// True when the line that ends with the LF at `lfIndex` holds only whitespace.
    static func isBlankLine(_ buffer: UnsafeBufferPointer<UInt8>, endingBefore lfIndex: Int) -> Bool {
        var i = lfIndex - 1
        while i >= 0 && buffer[i] != 0x0A {
            let b = buffer[i]
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
            i -= 1
        }
        return true
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The high bit of each byte lane of `x` that equals `byte` (exact, no carries between lanes).
    @inline(__always) static func laneEquals(_ x: UInt64, _ byte: UInt8) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let t = x ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((t & low7) &+ low7) | t | low7)
    }

    /// The segmentation proper: one pass over `start..<end`.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(max(16, (end - start) / 100))
        var sentenceStart = -1  // -1: between sentences
        var lastNonSpace = start  // one past the last non-space byte of the current sentence
        var lineStart = start
        var i = start

        @inline(__always) func close(at upper: Int) {
            if sentenceStart >= 0 && upper > sentenceStart { result.append(sentenceStart..<upper) }
            sentenceStart = -1
        }

        while i < end {
            let b = buffer[i]
            if b == 0x0A || b == 0x0D {
                // End of a line: blank line, heading, list item or title-like line ends the sentence.
                let lineEnd = i
                var next = i + 1
                if b == 0x0D && next < end && buffer[next] == 0x0A { next += 1 }
                if sentenceStart >= 0 {
                    if endsSentenceAtLineBreak(buffer, lineStart: lineStart, lineEnd: lineEnd, next: next, end: end) {
                        close(at: lastNonSpace)
                    }
                }
                lineStart = next
                i = next
                continue
            }
            if isSpace(b) { i += 1; continue }
            if sentenceStart < 0 { sentenceStart = i }
            var terminatorEnd = -1
            if b == 0x2E || b == 0x21 || b == 0x3F {
                terminatorEnd = i + 1
            } else if b == 0xE2 && i + 2 < end && buffer[i + 1] == 0x80 && buffer[i + 2] == 0xA6 {
                terminatorEnd = i + 3  // …
            }
            if terminatorEnd < 0 {
                i += 1
                lastNonSpace = i
                // Inside a sentence only line breaks, terminators and E2 (…) need a look: run
                // over everything else (continuation bytes included), noting non-space bytes,
                // eight bytes at a time, then byte by byte up to the next such byte.
                if let base = buffer.baseAddress {
                    while i + 8 <= end {
                        let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                        let stops = laneEquals(x, 0x0A) | laneEquals(x, 0x0D) | laneEquals(x, 0x2E) | laneEquals(x, 0x21)
                            | laneEquals(x, 0x3F) | laneEquals(x, 0xE2)
                        var nonSpace = ~(laneEquals(x, 0x20) | laneEquals(x, 0x09)) & 0x8080_8080_8080_8080
                        let lanes = stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
                        if lanes < 8 { nonSpace &= (UInt64(1) << (lanes << 3)) &- 1 }
                        if nonSpace != 0 { lastNonSpace = i + ((63 - nonSpace.leadingZeroBitCount) >> 3) + 1 }
                        i += lanes
                        if lanes < 8 { break }
                    }
                }
                while i < end {
                    let c = buffer[i]
                    if c == 0x20 || c == 0x09 {
                        i += 1
                    } else if c == 0x0A || c == 0x0D || c == 0x2E || c == 0x21 || c == 0x3F || c == 0xE2 {
                        break
                    } else {
                        i += 1
                        lastNonSpace = i
                    }
                }
                continue
            }
            if b == 0x2E && isNonTerminalPeriod(buffer, at: i, sentenceStart: sentenceStart, end: end) {
                i += 1
                lastNonSpace = i
                continue
            }
            // Absorb repeated terminators and closing quotes or brackets.
            var j = terminatorEnd
            while j < end {
                let c = buffer[j]
                if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D {
                    j += 1
                } else if c == 0xE2 && j + 2 < end && buffer[j + 1] == 0x80
                    && (buffer[j + 2] == 0x9D || buffer[j + 2] == 0x99 || buffer[j + 2] == 0xA6)
                {
                    j += 3  // ” ’ …
                } else if c == 0xC2 && j + 1 < end && buffer[j + 1] == 0xBB {
                    j += 2  // »
                } else {
                    break
                }
            }
            // A note marker right after the terminator belongs to this sentence: ". (3)".
            let afterMarker = noteMarkerEnd(buffer, at: j, end: end)
            if afterMarker > j { j = afterMarker }
            if j >= end {
                lastNonSpace = j
                close(at: j)
                i = j
                continue
            }
            if !isSpace(buffer[j]) {
                lastNonSpace = j
                i = j
                continue
            }
            // Look past whitespace, line breaks included: a lowercase word next (wrapped prose,
            // "he said." then "and") continues the sentence; a blank line is handled at the break.
            var k = j
            while k < end && isSpace(buffer[k]) { k += 1 }
            if k >= end || isSentenceStart(buffer, at: k, end: end) {
                lastNonSpace = j
                close(at: j)
            } else {
                lastNonSpace = j
            }
            i = j
        }
        close(at: lastNonSpace)
        return result
    }

    /// Whether the line break after `lineStart..<lineEnd` ends the current sentence.
    static func endsSentenceAtLineBreak(
        _ buffer: UnsafeBufferPointer<UInt8>, lineStart: Int, lineEnd: Int, next: Int, end: Int
    ) -> Bool {
        // Blank line next (paragraph break) or end of text.
        var k = next
        while k < end && (buffer[k] == 0x20 || buffer[k] == 0x09) { k += 1 }
        if k >= end || buffer[k] == 0x0A || buffer[k] == 0x0D { return true }
        // A Markdown heading line ends its own sentence; a heading or list item starts one.
        var s = lineStart
        while s < lineEnd && (buffer[s] == 0x20 || buffer[s] == 0x09) { s += 1 }
        if s < lineEnd && buffer[s] == 0x23 { return true }
        if startsBlock(buffer, at: k, end: end) { return true }
        // Setext underline or thematic break on the next line.
        if buffer[k] == 0x3D || (buffer[k] == 0x2D && k + 2 < end && buffer[k + 1] == 0x2D && buffer[k + 2] == 0x2D) {
            return true
        }
        // A line that ends without punctuation is a title when short, or a label when it ends
        // with a colon; prose wrapped at a fixed width continues.
        var e = lineEnd
        while e > s && (buffer[e - 1] == 0x20 || buffer[e - 1] == 0x09) { e -= 1 }
        guard e > s else { return true }
        let last = buffer[e - 1]
        if last == 0x3A { return true }
        let isPunct = last == 0x2C || last == 0x3B || last == 0x2D
        if !isPunct && e - s <= 60 && isSentenceStart(buffer, at: k, end: end) { return true }
        if !isPunct && k + 4 < end && buffer[k] == 0x68 && buffer[k + 1] == 0x74 && buffer[k + 2] == 0x74 && buffer[k + 3] == 0x70 {
            return true  // a URL on its own line
        }
        return false
    }

    /// A Markdown heading, list item or block quote starts at `k`.
    static func startsBlock(_ buffer: UnsafeBufferPointer<UInt8>, at k: Int, end: Int) -> Bool {
        let c = buffer[k]
        if c == 0x23 || c == 0x3E { return true }  // # >
        if (c == 0x2D || c == 0x2A || c == 0x2B) && k + 1 < end && buffer[k + 1] == 0x20 { return true }
        return false
    }

    /// Whether a sentence plausibly starts at `k`: an uppercase letter, digit, opening quote,
    /// bracket, dash or a non-Latin capital.
    static func isSentenceStart(_ buffer: UnsafeBufferPointer<UInt8>, at k: Int, end: Int) -> Bool {
        let c = buffer[k]
        if (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) { return true }
        if c == 0x22 || c == 0x27 || c == 0x28 || c == 0x5B || c == 0x2A || c == 0x5F || c == 0x40 || c == 0x2D {
            return true
        }
        if c == 0xE2 && k + 2 < end && buffer[k + 1] == 0x80 {
            let d = buffer[k + 2]
            // “ ‘ „ … – —
            return d == 0x9C || d == 0x98 || d == 0x9E || d == 0xA6 || d == 0x93 || d == 0x94
        }
        if c == 0xC2 && k + 1 < end { return buffer[k + 1] == 0xAB || buffer[k + 1] == 0xBF || buffer[k + 1] == 0xA1 }  // « ¿ ¡
        if c >= 0xC3 && c <= 0xD4 && k + 1 < end {
            let scalar = (UInt32(c & 0x1F) << 6) | UInt32(buffer[k + 1] & 0x3F)
            if scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7 { return true }  // Latin-1 capitals
            if scalar >= 0x100 && scalar <= 0x17F { return scalar % 2 == 0 }  // Latin Extended-A capitals
            if scalar >= 0x391 && scalar <= 0x3A9 { return true }  // Greek capitals
            if scalar >= 0x400 && scalar <= 0x42F { return true }  // Cyrillic capitals
        }
        return false
    }

    /// End of a note marker `(12)`, `[3]` or superscript digits after optional spaces at `j`,
    /// or `j` when there is none.
    static func noteMarkerEnd(_ buffer: UnsafeBufferPointer<UInt8>, at j: Int, end: Int) -> Int {
        var k = j
        while k < end && buffer[k] == 0x20 { k += 1 }
        guard k < end else { return j }
        let open = buffer[k]
        if open == 0x28 || open == 0x5B {
            var d = k + 1
            while d < end && d - k <= 3 && buffer[d] >= 0x30 && buffer[d] <= 0x39 { d += 1 }
            let close: UInt8 = open == 0x28 ? 0x29 : 0x5D
            if d > k + 1 && d < end && buffer[d] == close {
                let after = d + 1
                if after >= end || isSpace(buffer[after]) { return after }
            }
            return j
        }
        // Superscript digits: ¹ ² ³ (C2 B9/B2/B3) and ⁰ ⁴-⁹ (E2 81 B0, B4-B9).
        var d = k
        while d < end {
            if buffer[d] == 0xC2 && d + 1 < end && (buffer[d + 1] == 0xB9 || buffer[d + 1] == 0xB2 || buffer[d + 1] == 0xB3) {
                d += 2
            } else if buffer[d] == 0xE2 && d + 2 < end && buffer[d + 1] == 0x81 && buffer[d + 2] >= 0xB0 && buffer[d + 2] <= 0xB9 {
                d += 3
            } else {
                break
            }
        }
        return d > k && k == j ? d : j
    }

    /// Abbreviations (lowercased, without their final period) after which a period does not end
    /// a sentence. `no`, `p`, `pp` and months only count before a digit.
    static let abbreviations = ByteWordSet([
            "mr", "mrs", "ms", "dr", "st", "vs", "etc", "cf", "prof", "gen", "col", "lt", "sgt", "capt", "cpt",
            "rev", "jr", "sr", "fig", "figs", "vol", "vols", "ed", "eds", "approx", "ca", "mt", "ft", "sen", "rep",
            "gov", "pres", "adm", "maj", "cmdr", "st", "ave", "blvd", "dept", "est", "nos", "op", "cit", "ibid", "al",
            "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u",
        ])

    /// Abbreviations that only hold before a number: `No. 5`, `p. 4`, `Jan. 3`.
    static let numberAbbreviations = ByteWordSet([
            "no", "p", "pp", "nr", "art", "sec", "ch", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec",
        ])

    /// True when the period at `i` is part of an abbreviation, initial, decimal or initialism.
    static func isNonTerminalPeriod(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Int, end: Int) -> Bool {
        // Decimal or a dotted token: "3.5", "example.org".
        if i + 1 < end {
            let n = buffer[i + 1]
            if (n >= 0x30 && n <= 0x39) || (n >= 0x61 && n <= 0x7A) || (n >= 0x41 && n <= 0x5A) { return true }
            if n == 0x2C || n == 0x3B || n == 0x3A { return true }  // "etc.," or "e.g.:"
        }
        // The word before the period (letters and inner periods).
        var s = i
        while s > sentenceStart {
            let c = buffer[s - 1]
            let isLetter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
            if isLetter || c == 0x2E { s -= 1 } else { break }
        }
        let length = i - s
        guard length > 0 else { return false }
        if s > sentenceStart && buffer[s - 1] >= 0x80 { return false }  // a word with non-ASCII letters
        // A single capital initial: "J. Smith".
        if length == 1 && buffer[s] >= 0x41 && buffer[s] <= 0x5A { return true }
        if length > 8 { return false }
        var hasInnerPeriod = false
        for k in s..<i where buffer[k] == 0x2E { hasInnerPeriod = true }
        let word = s..<i
        if abbreviations.contains(buffer, word) { return true }
        // Dotted initialisms "U.S.", "e.g." not in the list: single letters between periods.
        if hasInnerPeriod && length <= 5 { return true }
        if numberAbbreviations.contains(buffer, word) {
            var k = i + 1
            while k < end && buffer[k] == 0x20 { k += 1 }
            if k < end && buffer[k] >= 0x30 && buffer[k] <= 0x39 { return true }
        }
        return false
    }
}

/// A fixed set of short words looked up by a byte range of the text, ASCII case folded, without
/// allocating: words of up to 15 bytes are packed into two integers in an open-addressing table.
struct ByteWordSet: Sendable {
    /// Packed first eight bytes per slot.
    private let low: [UInt64]
    /// Packed bytes 8-14 and the length (with its high bit set) per slot; 0 for an empty slot.
    private let high: [UInt64]
    /// Table size minus one (a power of two minus one).
    private let mask: Int
    /// Words longer than 15 bytes.
    private let long: Set<[UInt8]>

    /// Builds the set from words given as they must match (lowercase).
    init(_ words: [String]) {
        var packed: [(UInt64, UInt64)] = []
        var long = Set<[UInt8]>()
        for word in words {
            let bytes = Array(word.utf8)
            if bytes.count > 15 { long.insert(bytes); continue }
            packed.append(ByteWordSet.pack(bytes.count) { bytes[$0] })
        }
        var size = 8
        while size < packed.count * 4 { size *= 2 }
        var low = [UInt64](repeating: 0, count: size)
        var high = [UInt64](repeating: 0, count: size)
        for (lo, hi) in packed {
            var slot = ByteWordSet.slot(lo, hi, mask: size - 1)
            while high[slot] != 0 && !(low[slot] == lo && high[slot] == hi) { slot = (slot + 1) & (size - 1) }
            low[slot] = lo
            high[slot] = hi
        }
        self.low = low
        self.high = high
        self.mask = size - 1
        self.long = long
    }

    /// Packs `count` (at most 15) bytes given by `byte`.
    @inline(__always) private static func pack(_ count: Int, _ byte: (Int) -> UInt8) -> (UInt64, UInt64) {
        var lo: UInt64 = 0
        var hi: UInt64 = UInt64(count | 0x80) << 56
        for k in 0..<count {
            if k < 8 { lo |= UInt64(byte(k)) << (k << 3) } else { hi |= UInt64(byte(k)) << ((k - 8) << 3) }
        }
        return (lo, hi)
    }

    /// The table slot to probe first.
    @inline(__always) private static func slot(_ lo: UInt64, _ hi: UInt64, mask: Int) -> Int {
        var h = lo &* 0x9E37_79B9_7F4A_7C15
        h ^= hi &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> 32) & mask
    }

    /// Whether the packed word is in the table.
    @inline(__always) private func contains(packed: (UInt64, UInt64)) -> Bool {
        var slot = ByteWordSet.slot(packed.0, packed.1, mask: mask)
        while high[slot] != 0 {
            if high[slot] == packed.1 && low[slot] == packed.0 { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Whether the bytes of `range`, ASCII lowercased, are one of the words.
    func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let count = range.count
        if count > 15 {
            var word: [UInt8] = []
            for i in range { let b = buffer[i]; word.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
            return long.contains(word)
        }
        let start = range.lowerBound
        return contains(packed: ByteWordSet.pack(count) { let b = buffer[start + $0]; return b >= 0x41 && b <= 0x5A ? b + 0x20 : b })
    }

    /// Whether `word` (already lowercased) is one of the words.
    func contains(_ word: [UInt8]) -> Bool {
        if word.count > 15 { return long.contains(word) }
        return contains(packed: ByteWordSet.pack(word.count) { word[$0] })
    }
}
