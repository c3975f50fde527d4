import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/documentHighlight`: the uses of the target under the cursor in this file; definitions count as writes.
    static func highlights(_ params: DocumentHighlightParams, _ snapshot: Snapshot) -> [DocumentHighlight]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        return file.corpus.highlights(at: offset, in: file.path).map {
            DocumentHighlight(range: snapshot.converter.range(ofUTF8Range: $0.range, in: file.text),
                              kind: $0.isDefinition ? .write : .read)
        }
    }
}
