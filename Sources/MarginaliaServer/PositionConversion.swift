import LanguageServerProtocol
import MarginaliaCore

/// Converts between the core's byte offsets and LSP positions in the negotiated encoding.
///
/// This is the only place positions change representation: the core speaks byte offsets, the
/// client speaks lines and columns in UTF-8, UTF-16 or UTF-32 units. Conversion goes through the
/// text's UTF-8 line table and counts units within one line, so emoji, combining marks and CRLF
/// line ends come out exact.
struct PositionConverter: Sendable, Hashable {
    /// The encoding agreed in `initialize`.
    let encoding: PositionEncoding

    /// The byte offset of an LSP position; out-of-range lines and columns clamp (as LSP asks).
    func utf8Offset(of position: Position, in text: SourceText) -> Int {
        text.offset(of: LineColumn(zeroBasedLine: position.line, zeroBasedColumn: position.character), in: encoding)
    }

    /// The LSP position of a byte offset; an offset inside a character moves to its start.
    func position(ofUTF8Offset utf8Offset: Int, in text: SourceText) -> Position {
        let lineColumn = text.position(of: utf8Offset, in: encoding)
        return Position(line: lineColumn.zeroBasedLine, character: lineColumn.zeroBasedColumn)
    }

    /// The LSP range of a byte range.
    func range(ofUTF8Range utf8Range: Range<Int>, in text: SourceText) -> LSPRange {
        LSPRange(start: position(ofUTF8Offset: utf8Range.lowerBound, in: text),
                 end: position(ofUTF8Offset: utf8Range.upperBound, in: text))
    }

    /// The byte range of an LSP range; a reversed range is put in order.
    func utf8Range(of range: LSPRange, in text: SourceText) -> Range<Int> {
        let start = utf8Offset(of: range.start, in: text)
        let end = utf8Offset(of: range.end, in: text)
        return min(start, end)..<max(start, end)
    }

    /// The encoding to use: the client's first listed encoding that the server supports, else UTF-16.
    static func negotiate(_ clientEncodings: [PositionEncodingKind]) -> PositionEncoding {
        for kind in clientEncodings {
            if let encoding = PositionEncoding(rawValue: kind.rawValue) { return encoding }
        }
        return .utf16
    }
}
