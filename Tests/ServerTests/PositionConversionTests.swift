import LanguageServerProtocol
import MarginaliaCore
@testable import MarginaliaServer
import Testing

/// Byte offsets <-> LSP positions in each encoding, on the texts that break naive servers.
@Suite struct PositionConversionTests {
    /// "😀😀 [@key]": the citation starts at byte 9, UTF-16 column 5, UTF-32 column 3.
    let emojiLine = SourceText("😀😀 [@key]\n")

    @Test func emojiBeforeMarkupInUTF16() {
        let converter = PositionConverter(encoding: .utf16)
        #expect(converter.position(ofUTF8Offset: 9, in: emojiLine) == Position(line: 0, character: 5))
        #expect(converter.utf8Offset(of: Position(line: 0, character: 6), in: emojiLine) == 10)
        #expect(converter.range(ofUTF8Range: 9..<15, in: emojiLine)
            == LSPRange(start: Position(line: 0, character: 5), end: Position(line: 0, character: 11)))
    }

    @Test func emojiBeforeMarkupInUTF8AndUTF32() {
        let utf8 = PositionConverter(encoding: .utf8)
        let utf32 = PositionConverter(encoding: .utf32)
        #expect(utf8.position(ofUTF8Offset: 9, in: emojiLine) == Position(line: 0, character: 9))
        #expect(utf32.position(ofUTF8Offset: 9, in: emojiLine) == Position(line: 0, character: 3))
        #expect(utf32.utf8Offset(of: Position(line: 0, character: 4), in: emojiLine) == 10)
    }

    @Test func aColumnInsideASurrogatePairMovesToTheCharacterStart() {
        let converter = PositionConverter(encoding: .utf16)
        #expect(converter.utf8Offset(of: Position(line: 0, character: 1), in: emojiLine) == 0)
    }

    @Test func combiningMarksCountAsTheirOwnUnits() {
        // "e\u{301}" is two scalars, two UTF-16 units, three bytes.
        let text = SourceText("e\u{301}x")
        #expect(PositionConverter(encoding: .utf16).position(ofUTF8Offset: 3, in: text) == Position(line: 0, character: 2))
        #expect(PositionConverter(encoding: .utf32).position(ofUTF8Offset: 3, in: text) == Position(line: 0, character: 2))
        #expect(PositionConverter(encoding: .utf8).position(ofUTF8Offset: 3, in: text) == Position(line: 0, character: 3))
    }

    @Test func crlfLineEnds() {
        let text = SourceText("ab\r\ncd\r\n")
        let converter = PositionConverter(encoding: .utf16)
        #expect(converter.position(ofUTF8Offset: 4, in: text) == Position(line: 1, character: 0))
        #expect(converter.utf8Offset(of: Position(line: 1, character: 1), in: text) == 5)
        // A column past the end of a line stops before its CRLF.
        #expect(converter.utf8Offset(of: Position(line: 0, character: 99), in: text) == 2)
    }

    @Test func outOfRangePositionsClamp() {
        let text = SourceText("one\ntwo")
        let converter = PositionConverter(encoding: .utf16)
        #expect(converter.utf8Offset(of: Position(line: 42, character: 0), in: text) == 7)
        #expect(converter.utf8Offset(of: Position(line: -1, character: -5), in: text) == 0)
        #expect(converter.position(ofUTF8Offset: 1_000, in: text) == Position(line: 1, character: 3))
        #expect(converter.utf8Range(of: LSPRange(start: Position(line: 1, character: 0), end: Position(line: 0, character: 1)), in: text) == 1..<4)
    }

    @Test func negotiationTakesTheClientsFirstSupportedEncoding() {
        #expect(PositionConverter.negotiate([]) == .utf16)
        #expect(PositionConverter.negotiate([PositionEncodingKind(rawValue: "utf-7"), .utf32, .utf8]) == .utf32)
        #expect(PositionConverter.negotiate([.utf8, .utf16]) == .utf8)
    }
}
