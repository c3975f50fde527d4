import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/prepareRename`: the range and current name of a renameable target, else null.
    static func prepareRename(_ params: PrepareRenameParams, _ snapshot: Snapshot) -> PrepareRenameResult? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        guard case .success(let prepared) = file.corpus.prepareRename(at: offset, in: file.path) else { return nil }
        return PrepareRenameResult(range: snapshot.converter.range(ofUTF8Range: prepared.range, in: file.text),
                                   placeholder: prepared.placeholder)
    }

    /// `textDocument/rename`: one workspace edit across documents and registries; a refusal is -32803 with the reason.
    static func rename(_ params: RenameParams, _ snapshot: Snapshot) throws -> WorkspaceEdit? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        switch file.corpus.rename(at: offset, in: file.path, to: params.newName) {
        case .success(let change):
            return workspaceEdit(change, snapshot)
        case .failure(let error):
            throw ResponseError(code: .requestFailed, message: error.message)
        }
    }

    /// Whether the client applies `documentChanges` with file creation.
    static func canCreateFiles(_ snapshot: Snapshot) -> Bool {
        let edit = snapshot.capabilities.workspace?.workspaceEdit
        return edit?.documentChanges == true && (edit?.resourceOperations ?? []).contains("create")
    }

    /// The LSP form of a core change: `changes` by URI, or `documentChanges` (create, then edits)
    /// when files are created; nil when files must be created and the client cannot.
    static func workspaceEdit(_ change: WorkspaceChange, _ snapshot: Snapshot) -> WorkspaceEdit? {
        var editsByURI: [(uri: DocumentURI, path: String, edits: [LanguageServerProtocol.TextEdit])] = []
        for (path, edits) in change.editsByFile.sorted(by: { $0.key < $1.key }) {
            let text = snapshot.text(of: path)
            editsByURI.append((snapshot.uri(for: path), path, edits.map {
                LanguageServerProtocol.TextEdit(range: snapshot.converter.range(ofUTF8Range: $0.range, in: text), newText: $0.newText)
            }))
        }
        if change.createdFiles.isEmpty {
            return WorkspaceEdit(changes: Dictionary(editsByURI.map { ($0.uri, $0.edits) }, uniquingKeysWith: +))
        }
        guard canCreateFiles(snapshot) else { return nil }
        var documentChanges: [DocumentChange] = []
        for (path, content) in change.createdFiles.sorted(by: { $0.key < $1.key }) {
            let uri = DocumentURI(filePath: path)
            documentChanges.append(.createFile(CreateFile(uri: uri, options: CreateFileOptions(ignoreIfExists: true))))
            documentChanges.append(.textDocumentEdit(TextDocumentEdit(
                textDocument: OptionalVersionedTextDocumentIdentifier(uri: uri, version: nil),
                edits: [LanguageServerProtocol.TextEdit(range: LSPRange(at: Position(line: 0, character: 0)), newText: content)])))
        }
        for entry in editsByURI {
            documentChanges.append(.textDocumentEdit(TextDocumentEdit(
                textDocument: OptionalVersionedTextDocumentIdentifier(uri: entry.uri, version: snapshot.openDocuments[entry.path]?.version),
                edits: entry.edits)))
        }
        return WorkspaceEdit(documentChanges: documentChanges)
    }
}
