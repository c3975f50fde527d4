/// How a protocol or file format counts columns within a line.
public enum PositionEncoding: String, Sendable, Hashable, CaseIterable {
    /// Bytes of UTF-8.
    case utf8 = "utf-8"
    /// UTF-16 code units (LSP's default, JavaScript, INCEpTION, doccano).
    case utf16 = "utf-16"
    /// Unicode scalars (W3C Web Annotation, brat, Python).
    case utf32 = "utf-32"
}

/// A zero-based line and a column counted in some `PositionEncoding`.
public struct LineColumn: Sendable, Hashable, Comparable {
    /// Zero-based line number.
    public var zeroBasedLine: Int
    /// Zero-based column, in the units of the encoding it was computed for.
    public var zeroBasedColumn: Int

    /// Creates a position.
    public init(zeroBasedLine: Int, zeroBasedColumn: Int) {
        self.zeroBasedLine = zeroBasedLine
        self.zeroBasedColumn = zeroBasedColumn
    }

    public static func < (lhs: LineColumn, rhs: LineColumn) -> Bool {
        (lhs.zeroBasedLine, lhs.zeroBasedColumn) < (rhs.zeroBasedLine, rhs.zeroBasedColumn)
    }
}

/// The bytes of one file and its line table: the only representation of text in the core.
///
/// Offsets are UTF-8 byte offsets into `bytes`. Invalid UTF-8 is kept as it is; when
/// counting UTF-16 or UTF-32 columns, each invalid byte counts as one unit (as if it were
/// U+FFFD), so offsets never shift. Lines end at LF, CRLF or a lone CR.
public struct SourceText: Sendable, Hashable {
    /// The raw bytes, exactly as read (a BOM included).
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; the first is always 0.
    public let lineStarts: [Int]

    /// Wraps bytes and builds the line table.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.lineStarts = SourceText.computeLineStarts(bytes)
    }

    /// Wraps the UTF-8 of a string.
    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// Number of bytes.
    public var count: Int { bytes.count }

    /// Number of lines (an empty text has one empty line).
    public var lineCount: Int { lineStarts.count }

    /// Length of the UTF-8 BOM at the start, 0 or 3.
    public var bomLength: Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            guard let base = buffer.baseAddress else { return }
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            var i = 0
            while i < n {
                // Skip eight bytes at a time while they hold neither LF nor CR (exact test for
                // a zero byte in x ^ LF and x ^ CR).
                if i + 8 <= n {
                    let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    let lf = x ^ (0x0A &* ones)
                    let cr = x ^ (0x0D &* ones)
                    if ((lf &- ones) & ~lf | (cr &- ones) & ~cr) & high == 0 {
                        i += 8
                        continue
                    }
                }
                let b = buffer[i]
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && buffer[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        return starts
    }

    /// The zero-based line holding `offset` (clamped into the text).
    public func line(containing offset: Int) -> Int {
        let target = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= target { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Byte range of a line's content, without its terminator.
    public func contentRange(ofLine line: Int) -> Range<Int> {
        guard line >= 0 && line < lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The line's content as a string (invalid bytes become U+FFFD).
    public func lineText(_ line: Int) -> String {
        String(decoding: bytes[contentRange(ofLine: line)], as: UTF8.self)
    }

    /// The text of a byte range as a string (invalid bytes become U+FFFD).
    public func string(_ range: Range<Int>) -> String {
        let clamped = clamp(range)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }

    /// Clamps a range into the text.
    public func clamp(_ range: Range<Int>) -> Range<Int> {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return lower..<upper
    }

    /// Converts a byte offset to a line and a column in `encoding`.
    ///
    /// An offset inside a multi-byte character or a CRLF pair is moved back to its start.
    public func position(of offset: Int, in encoding: PositionEncoding) -> LineColumn {
        let target = min(max(offset, 0), bytes.count)
        let line = line(containing: target)
        let start = lineStarts[line]
        let column = bytes.withUnsafeBufferPointer { buffer in
            SourceText.countUnits(buffer, from: start, to: target, encoding: encoding)
        }
        return LineColumn(zeroBasedLine: line, zeroBasedColumn: column)
    }

    /// Converts a line and column in `encoding` to a byte offset.
    ///
    /// A line past the end gives the end of the text; a column past the end of its line gives
    /// the end of the line's content (as LSP asks); a column inside a character's UTF-16
    /// surrogate pair gives the character's start.
    public func offset(of position: LineColumn, in encoding: PositionEncoding) -> Int {
        if position.zeroBasedLine < 0 { return 0 }
        if position.zeroBasedLine >= lineStarts.count { return bytes.count }
        let content = contentRange(ofLine: position.zeroBasedLine)
        let wanted = max(position.zeroBasedColumn, 0)
        return bytes.withUnsafeBufferPointer { buffer in
            var i = content.lowerBound
            var units = 0
            while i < content.upperBound {
                let (length, width) = SourceText.scalar(buffer, at: i, encoding: encoding)
                if units + width > wanted { return i }
                units += width
                i += length
            }
            return content.upperBound
        }
    }

    /// Converts a byte range to a pair of positions.
    public func positions(of range: Range<Int>, in encoding: PositionEncoding) -> (start: LineColumn, end: LineColumn) {
        (position(of: range.lowerBound, in: encoding), position(of: range.upperBound, in: encoding))
    }

    /// Counts the units of `encoding` between two byte offsets of the same line.
    static func countUnits(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, encoding: PositionEncoding) -> Int {
        if encoding == .utf8 {
            // Snap back to the start of a character so a column never splits one.
            var e = end
            while e > start && e < buffer.count && (buffer[e] & 0xC0) == 0x80 && SourceText.isInsideSequence(buffer, e) { e -= 1 }
            return e - start
        }
        var i = start
        var units = 0
        while i < end {
            let (length, width) = scalar(buffer, at: i, encoding: encoding)
            if i + length > end { break }
            units += width
            i += length
        }
        return units
    }

    static func isInsideSequence(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        var lead = index
        var back = 0
        while lead > 0 && back < 3 && (buffer[lead] & 0xC0) == 0x80 { lead -= 1; back += 1 }
        let length = validSequenceLength(buffer, at: lead)
        return length > 1 && index < lead + length
    }

    /// The length in bytes of the character at `i` and its width in `encoding`.
    /// An invalid byte is a character of length 1 and width 1.
    @inline(__always)
    static func scalar(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int, encoding: PositionEncoding) -> (length: Int, width: Int) {
        let length = validSequenceLength(buffer, at: i)
        switch encoding {
        case .utf8: return (length, length)
        case .utf32: return (length, 1)
        case .utf16: return (length, length == 4 ? 2 : 1)
        }
    }

    /// Length of the well-formed UTF-8 sequence at `i`, or 1 for an invalid byte.
    @inline(__always)
    static func validSequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = buffer[i]
        if b0 < 0x80 { return 1 }
        let n = buffer.count
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && (buffer[j] & 0xC0) == 0x80 }
        if b0 >= 0xC2 && b0 <= 0xDF { return cont(i + 1) ? 2 : 1 }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard i + 1 < n else { return 1 }
            let b1 = buffer[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 1 }
            if b0 == 0xED && b1 > 0x9F { return 1 }  // surrogates
            return cont(i + 1) && cont(i + 2) ? 3 : 1
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard i + 1 < n else { return 1 }
            let b1 = buffer[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 1 }
            if b0 == 0xF4 && b1 > 0x8F { return 1 }
            return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 1
        }
        return 1
    }

    /// Byte ranges of invalid UTF-8 sequences and NUL bytes, merged when adjacent.
    public func invalidByteRanges() -> [(range: Range<Int>, isNUL: Bool)] {
        bytes.withUnsafeBufferPointer(SourceText.invalidByteRanges)
    }

    /// Byte ranges of invalid UTF-8 sequences and NUL bytes in a buffer, merged when adjacent;
    /// clean ASCII is skipped eight bytes at a time.
    static func invalidByteRanges(_ buf: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, isNUL: Bool)] {
        var result: [(range: Range<Int>, isNUL: Bool)] = []
        guard let p = buf.baseAddress else { return result }
        let n = buf.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                // No byte with the high bit set, and no zero byte.
                if w & high == 0 && (w &- ones) & ~w & high == 0 {
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b == 0 {
                if let last = result.last, last.isNUL, last.range.upperBound == i {
                    result[result.count - 1].range = last.range.lowerBound..<(i + 1)
                } else {
                    result.append((i..<(i + 1), true))
                }
                i += 1
                continue
            }
            if b < 0x80 {
                i += 1
                continue
            }
            let length = SourceText.validSequenceLength(buf, at: i)
            if length == 1 {
                if let last = result.last, !last.isNUL, last.range.upperBound == i {
                    result[result.count - 1].range = last.range.lowerBound..<(i + 1)
                } else {
                    result.append((i..<(i + 1), false))
                }
            }
            i += length
        }
        return result
    }
}

extension SourceText {
    /// Returns a new text with `range` replaced by `replacement`: how edits produce new values.
    public func replacing(_ range: Range<Int>, with replacement: [UInt8]) -> SourceText {
        let clamped = clamp(range)
        var newBytes = [UInt8]()
        newBytes.reserveCapacity(bytes.count - clamped.count + replacement.count)
        newBytes.append(contentsOf: bytes[..<clamped.lowerBound])
        newBytes.append(contentsOf: replacement)
        newBytes.append(contentsOf: bytes[clamped.upperBound...])
        return SourceText(bytes: newBytes)
    }
}
