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
