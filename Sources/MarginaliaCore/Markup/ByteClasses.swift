/// Byte-level character classes and text helpers shared by the markup scanners.
enum ByteClass {
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
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var pendingSpace = false
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = buf[i]
            if isWhitespace(b) {
                pendingSpace = true
                i += 1
                continue
            }
            var emit: UInt8? = b
            if b == 0x5C && i + 1 < end && isASCIIPunct(buf[i + 1]) {
                emit = buf[i + 1]
                i += 1
            } else if b == 0x2A || b == 0x60 {
                emit = nil
            } else if b == 0x5F {
                let before = i > range.lowerBound && isASCIIAlnum(buf[i - 1])
                let after = i + 1 < end && isASCIIAlnum(buf[i + 1])
                if !(before && after) { emit = nil }
            }
            if let e = emit {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(e)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
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
