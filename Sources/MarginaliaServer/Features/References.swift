import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/references`: every use of the target under the cursor across the corpus.
    static func references(_ params: ReferenceParams, _ snapshot: Snapshot) -> [LanguageServerProtocol.Location]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        guard let occurrence = file.corpus.occurrence(at: offset, in: file.path) else { return nil }
        return file.corpus.references(to: occurrence.target, includeDefinitions: params.context.includeDeclaration)
            .map { snapshot.location(path: $0.path, utf8Range: $0.range) }
    }
}
