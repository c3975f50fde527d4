import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/definition`: where the target under the cursor is defined (registry entry, note definition).
    static func definition(_ params: DefinitionParams, _ snapshot: Snapshot) -> [LanguageServerProtocol.Location]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        guard let occurrence = file.corpus.occurrence(at: offset, in: file.path) else { return nil }
        return file.corpus.definitions(of: occurrence.target).map { snapshot.location(path: $0.path, utf8Range: $0.range) }
    }
}
