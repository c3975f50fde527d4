import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/documentLink`: URLs and DOIs, resolved to their targets.
    static func documentLinks(_ params: DocumentLinkParams, _ snapshot: Snapshot) -> [DocumentLink]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        return file.corpus.links(of: file.path).map { link in
            DocumentLink(range: snapshot.converter.range(ofUTF8Range: link.range, in: file.text), target: link.url)
        }
    }
}
