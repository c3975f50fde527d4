import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/hover`: the core's markdown card for what is under the cursor.
    static func hover(_ params: HoverParams, _ snapshot: Snapshot) -> Hover? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        guard let content = file.corpus.hover(at: offset, in: file.path) else { return nil }
        return Hover(contents: .markdown(content.markdown),
                     range: snapshot.converter.range(ofUTF8Range: content.range, in: file.text))
    }
}
