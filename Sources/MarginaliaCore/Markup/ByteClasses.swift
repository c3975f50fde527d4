/// Byte-level character classes and text helpers shared by the markup scanners.
enum ByteClass {
    /// Byte offset of the first byte in `from..<end` whose entry in `table` is set, or `end`.
    @inline(__always) static func next(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, in table: UnsafePointer<UInt8>) -> Int {
        var i = from
        while i < end && table[Int(p[i])] == 0 { i += 1 }
        return i
    }

    /// ASCII letter or digit.
    @inline(__always) static func isASCIIAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// Space or tab.
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Space, tab, LF or CR.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// ASCII punctuation (what a backslash may escape).
    @inline(__always) static func isASCIIPunct(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    /// Length of the scalar at `i` and whether it is a letter or digit (Unicode, approximated by
    /// blocks: Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, CJK, Hangul are letters; general
    /// punctuation, symbols and invalid bytes are not).
    @inline(__always) static func alnumScalar(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (length: Int, isAlnum: Bool) {
        let b = buf[i]
        if b < 0x80 { return (1, isASCIIAlnum(b)) }
        let length = SourceText.validSequenceLength(buf, at: i)
        if length == 1 || i + length > end { return (1, false) }
        var scalar: UInt32
        switch length {
        case 2: scalar = (UInt32(b & 0x1F) << 6) | UInt32(buf[i + 1] & 0x3F)
        case 3: scalar = (UInt32(b & 0x0F) << 12) | (UInt32(buf[i + 1] & 0x3F) << 6) | UInt32(buf[i + 2] & 0x3F)
        default:
            scalar = (UInt32(b & 0x07) << 18) | (UInt32(buf[i + 1] & 0x3F) << 12)
            scalar |= (UInt32(buf[i + 2] & 0x3F) << 6) | UInt32(buf[i + 3] & 0x3F)
        }
        let letter =
            (scalar >= 0xC0 && scalar <= 0x24F && scalar != 0xD7 && scalar != 0xF7)
            || (scalar >= 0x370 && scalar <= 0x52F) || (scalar >= 0x590 && scalar <= 0x6FF)
            || (scalar >= 0x900 && scalar <= 0xDFF) || (scalar >= 0x1E00 && scalar <= 0x1FFF)
            || (scalar >= 0x3040 && scalar <= 0x9FFF) || (scalar >= 0xAC00 && scalar <= 0xD7AF)
        return (length, letter)
    }

    /// True when the scalar ending just before `i` is a letter or digit.
    static func alnumBefore(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, lowerBound: Int) -> Bool {
        guard i > lowerBound else { return false }
        let b = buf[i - 1]
        if b < 0x80 { return isASCIIAlnum(b) }
        var start = i - 1
        while start > lowerBound && start > i - 4 && (buf[start] & 0xC0) == 0x80 { start -= 1 }
        let (length, alnum) = alnumScalar(buf, start, i)
        return start + length == i && alnum
    }

    /// The bytes of `range` as a string (invalid bytes become U+FFFD).
    static func string(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self)
    }

    /// Inline markup in `range` as plain text: escapes resolved, emphasis markers and code
    /// backticks dropped, runs of whitespace collapsed to one space, ends trimmed.
    static func plainText(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, dropIndent: Bool = false) -> String {
        guard let p = buf.baseAddress, !range.isEmpty else { return "" }
        let special = ByteTable.plainTextSpecial
        let table = special.entries
        let lower = range.lowerBound
        let end = range.upperBound
        // The text is never longer than the range: escapes shrink, whitespace runs collapse.
        let text = String(unsafeUninitializedCapacity: range.count) { out -> Int in
            guard let o = out.baseAddress else { return 0 }
            var n = 0
            var pendingSpace = false
            var i = lower
            while i < end {
                // A run of ordinary bytes is copied at once.
                let k = next(p, i, end, in: table)
                if k > i {
                    if pendingSpace && n > 0 {
                        o[n] = 0x20
                        n += 1
                    }
                    pendingSpace = false
                    (o + n).update(from: p + i, count: k - i)
                    n += k - i
                    i = k
                    continue
                }
                let b = p[i]
                if isWhitespace(b) {
                    pendingSpace = true
                    i += 1
                    continue
                }
                var emit = true
                var e = b
                if b == 0x5C && i + 1 < end && isASCIIPunct(p[i + 1]) {
                    e = p[i + 1]
                    i += 1
                } else if b == 0x2A || b == 0x60 {
                    emit = false
                } else if b == 0x5F {
                    let before = i > lower && isASCIIAlnum(p[i - 1])
                    let after = i + 1 < end && isASCIIAlnum(p[i + 1])
                    if !(before && after) { emit = false }
                }
                if emit {
                    if pendingSpace && n > 0 {
                        o[n] = 0x20
                        n += 1
                    }
                    pendingSpace = false
                    o[n] = e
                    n += 1
                }
                i += 1
            }
            return n
        }
        withExtendedLifetime(special) {}
        return text
    }

    /// Offset of the first `byte` in `from..<end`, or `end`; tests eight bytes at a time.
    static func find(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let pattern = ones &* UInt64(byte)
        var i = from
        while i + 8 <= end {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ pattern
            // A zero byte in `w` is a match.
            if (w &- ones) & ~w & high != 0 { break }
            i += 8
        }
        while i < end && p[i] != byte { i += 1 }
        return i
    }

    /// Trims spaces, tabs and line ends from both sides of a range.
    static func trim(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi && isWhitespace(buf[lo]) { lo += 1 }
        while hi > lo && isWhitespace(buf[hi - 1]) { hi -= 1 }
        return lo..<hi
    }
}

/// A 256-entry byte table, built once and read through a bare pointer (cheap in debug builds).
final class ByteTable: @unchecked Sendable {
    /// The entries, 1 for the bytes in the set. Written only by `init`, so sharing is safe.
    let entries: UnsafeMutablePointer<UInt8>

    /// A table holding 1 at `bytes`.
    init(_ bytes: [UInt8]) {
        entries = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        entries.initialize(repeating: 0, count: 256)
        for b in bytes { entries[Int(b)] = 1 }
    }

    deinit { entries.deallocate() }

    /// Bytes at which the inline scanner has work to do; URLs are found from their colon.
    static let inlineTriggers = ByteTable([0x5C, 0x60, 0x3C, 0x5B, 0x5E, 0x5D, 0x3B, 0x40, 0x2D, 0x3A])
    /// Bytes that may start a plain-text note marker: `(`, `[`, and superscript digit leads.
    static let noteMarkers = ByteTable([0x28, 0x5B, 0xC2, 0xE2])
    /// Bytes `plainText` treats specially: whitespace, backslash, `*`, backtick, `_`.
    static let plainTextSpecial = ByteTable([0x20, 0x09, 0x0A, 0x0D, 0x5C, 0x2A, 0x60, 0x5F])
    /// Superscript digit lead bytes only.
    static let superscriptLeads = ByteTable([0xC2, 0xE2])
}
