import LanguageServerProtocol
import MarginaliaCore
@testable import MarginaliaServer
import Testing

/// Content changes applied in order, in the negotiated encoding.
@Suite struct TextSyncTests {
    func change(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int, _ text: String) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent(
            range: LSPRange(start: Position(line: startLine, character: startCharacter), end: Position(line: endLine, character: endCharacter)),
            text: text)
    }

    @Test func rangedChangesApplyInOrder() {
        let text = SourceText("one two\nthree\n")
        let result = TextSync.apply([
            change(0, 4, 0, 7, "2"),  // "one 2\nthree\n"
            change(1, 0, 1, 5, "3"),  // positions refer to the text after the first change
            change(2, 0, 2, 0, "four"),
        ], to: text, converter: PositionConverter(encoding: .utf16))
        #expect(result.string(0..<result.count) == "one 2\n3\nfour")
    }

    @Test func aFullChangeReplacesEverything() {
        let result = TextSync.apply([change(0, 0, 0, 1, "x"), TextDocumentContentChangeEvent(text: "new\n"), change(0, 3, 0, 3, "!")],
                                    to: SourceText("old"), converter: PositionConverter(encoding: .utf16))
        #expect(result.string(0..<result.count) == "new!\n")
    }

    @Test func columnsAfterEmojiCountInTheNegotiatedEncoding() {
        let text = SourceText("😀 [@a]\n")
        // Replace the key "a": UTF-16 column 5, UTF-32 column 4, UTF-8 column 7.
        for (encoding, column) in [(PositionEncoding.utf16, 5), (.utf32, 4), (.utf8, 7)] {
            let result = TextSync.apply([change(0, column, 0, column + 1, "key")], to: text, converter: PositionConverter(encoding: encoding))
            #expect(result.string(0..<result.count) == "😀 [@key]\n", "\(encoding)")
        }
    }

    @Test func crlfAndOutOfRangeRangesClamp() {
        let text = SourceText("ab\r\ncd")
        let converter = PositionConverter(encoding: .utf16)
        // A column past the end of line 0 stops before its CRLF; a line past the end is the end of the text.
        #expect(TextSync.apply([change(0, 99, 0, 99, "!")], to: text, converter: converter).string(0..<7) == "ab!\r\ncd")
        #expect(TextSync.apply([change(9, 0, 9, 9, "!")], to: text, converter: converter).string(0..<7) == "ab\r\ncd!")
    }

    @Test func documentPaths() {
        #expect(TextSync.isDocumentPath("/a/b.md"))
        #expect(TextSync.isDocumentPath("/a/B.TXT"))
        #expect(!TextSync.isDocumentPath("/a/references.bib"))
    }
}
