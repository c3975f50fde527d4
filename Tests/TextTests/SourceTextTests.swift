import Testing
@testable import MarginaliaCore

@Suite struct SourceTextTests {
    @Test func lineTableHandlesLFCRLFAndLoneCR() {
        let text = SourceText("a\nb\r\nc\rd")
        #expect(text.lineStarts == [0, 2, 5, 7])
        #expect(text.lineText(1) == "b")
        #expect(text.lineText(2) == "c")
        #expect(text.lineText(3) == "d")
    }

    /// The eight-bytes-at-a-time line scan agrees with a byte-by-byte one wherever the line
    /// breaks fall (across word boundaries, CRLF split between words, runs of breaks).
    @Test func lineTableMatchesAByteByByteScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x61, 0x20, 0x0A, 0x0D, 0xC3, 0xA9, 0x62]
        for length in 0..<80 {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                var expected = [0]
                var i = 0
                while i < bytes.count {
                    if bytes[i] == 0x0A {
                        expected.append(i + 1)
                    } else if bytes[i] == 0x0D {
                        if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                        expected.append(i + 1)
                    }
                    i += 1
                }
                #expect(SourceText(bytes: bytes).lineStarts == expected, "\(bytes)")
            }
        }
    }

    @Test func columnsInEveryEncodingOnAstralAndCombiningText() {
        // "é" decomposed (e + U+0301), then an emoji (astral), then "x".
        let text = SourceText("e\u{301}😀x")
        let xOffset = 1 + 2 + 4
        #expect(text.position(of: xOffset, in: .utf8).zeroBasedColumn == 7)
        #expect(text.position(of: xOffset, in: .utf16).zeroBasedColumn == 4)
        #expect(text.position(of: xOffset, in: .utf32).zeroBasedColumn == 3)
        for encoding in PositionEncoding.allCases {
            let position = text.position(of: xOffset, in: encoding)
            #expect(text.offset(of: position, in: encoding) == xOffset)
        }
    }

    @Test func columnInsideSurrogatePairSnapsToCharacterStart() {
        let text = SourceText("😀x")
        #expect(text.offset(of: LineColumn(zeroBasedLine: 0, zeroBasedColumn: 1), in: .utf16) == 0)
        #expect(text.offset(of: LineColumn(zeroBasedLine: 0, zeroBasedColumn: 99), in: .utf16) == 5)
        #expect(text.offset(of: LineColumn(zeroBasedLine: 5, zeroBasedColumn: 0), in: .utf16) == 5)
    }

    @Test func invalidBytesCountAsOneUnitAndAreReported() {
        let text = SourceText(bytes: [0x61, 0xFF, 0xC3, 0x62, 0x00, 0x63])
        #expect(text.position(of: 5, in: .utf16).zeroBasedColumn == 5)
        let bad = text.invalidByteRanges()
        #expect(bad.map(\.range) == [1..<3, 4..<5])
        #expect(bad.map(\.isNUL) == [false, true])
    }

    @Test func bomIsKeptAndMeasured() {
        let text = SourceText(bytes: [0xEF, 0xBB, 0xBF, 0x61])
        #expect(text.bomLength == 3)
        #expect(text.position(of: 3, in: .utf16).zeroBasedColumn == 1)
    }
}
