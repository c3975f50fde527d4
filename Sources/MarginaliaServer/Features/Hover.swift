import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/hover`: the core's markdown card for what is under the cursor.
    static func hover(_ params: HoverParams, _ snapshot: Snapshot) -> Hover? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        guard let content = file.corpus.hover(at: offset, in: file.path) else { return nil }
        // Markdown unless the client lists formats without it (LSP's default is plain text, but
        // every editor reads markdown, and the cards are legible as plain text too).
        let formats = snapshot.capabilities.textDocument?.hover?.contentFormat
        let kind: MarkupKind = formats.map { $0.contains(.markdown) } ?? true ? .markdown : .plaintext
        return Hover(contents: MarkupContent(kind: kind, value: content.markdown),
                     range: snapshot.converter.range(ofUTF8Range: content.range, in: file.text))
    }
}
