import Dispatch
import Foundation
import LanguageServerProtocol
import MarginaliaCore

extension Server {
    /// `initialize`: negotiates the position encoding, remembers the roots, answers the capabilities.
    func initialize(_ params: InitializeParams) throws -> InitializeResult {
        state.capabilities = params.capabilities
        state.converter = PositionConverter(encoding: PositionConverter.negotiate(params.capabilities.positionEncodings))
        folderPaths = params.effectiveWorkspaceFolders.compactMap { $0.uri.filePath.map(Snapshot.standardized) }
        return InitializeResult(capabilities: capabilities, serverInfo: ServerInfo(name: "marginalia", version: "0.1.0"))
    }

    /// What the server provides, as issue 4 lists it.
    var capabilities: ServerCapabilities {
        ServerCapabilities(
            positionEncoding: PositionEncodingKind(rawValue: state.converter.encoding.rawValue),
            textDocumentSync: TextDocumentSyncOptions(openClose: true, change: .incremental, save: SaveOptions(includeText: false)),
            hoverProvider: true,
            definitionProvider: true,
            referencesProvider: true,
            documentHighlightProvider: true,
            completionProvider: CompletionOptions(triggerCharacters: ["@", "[", ".", "^", "="], resolveProvider: true),
            renameProvider: RenameOptions(prepareProvider: true),
            codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix, .refactorRewrite], resolveProvider: false),
            documentSymbolProvider: true,
            workspaceSymbolProvider: true,
            semanticTokensProvider: SemanticTokensOptions(legend: Features.semanticTokensLegend, range: true, full: true),
            inlayHintProvider: true,
            codeLensProvider: CodeLensOptions(resolveProvider: false),
            foldingRangeProvider: true,
            documentLinkProvider: DocumentLinkOptions(resolveProvider: false),
            diagnosticProvider: DiagnosticOptions(identifier: "marginalia", interFileDependencies: true, workspaceDiagnostics: true),
            workspace: WorkspaceServerCapabilities(
                workspaceFolders: WorkspaceFoldersServerCapabilities(supported: true, changeNotifications: true)))
    }

    /// `initialized`: registers file watchers, then indexes every root (with progress when the client shows it).
    func initialized() {
        registerFileWatchers()
        let roots = folderPaths.map { CorpusLoader.findRoot(startingAt: $0) ?? $0 }
        guard state.capabilities.window?.workDoneProgress == true else {
            return index(roots: roots, progress: nil)
        }
        let token = ProgressToken.string("marginalia-index")
        let begin: @Sendable () -> Void = { [self] in
            guard !hasStartedIndexing else { return }
            index(roots: roots, progress: token)
        }
        // LSP asks to wait for the client's answer before using the token; a silent client gets a second.
        request(WorkDoneProgressCreateParams(token: token)) { begin() }
        stateQueue.asyncAfter(deadline: .now() + 1) { begin() }
    }

    /// Loads `roots` on the index queue, reporting progress on `progress`; requests wait meanwhile.
    func index(roots: [String], progress: ProgressToken?) {
        hasStartedIndexing = true
        let overlays = overlayTexts()
        let connection = self.connection
        if let progress {
            connection.send(notification: ProgressParams(token: progress, value: .begin(WorkDoneProgressBegin(
                title: "Indexing corpus", cancellable: false, message: "\(roots.count) folder(s)", percentage: 0))))
        }
        indexQueue.async { [self] in
            var loaded: [String: Corpus] = [:]
            for (number, root) in roots.enumerated() {
                loaded[root] = CorpusLoader.load(root: root, overlays: overlays)
                if let progress {
                    connection.send(notification: ProgressParams(token: progress, value: .report(WorkDoneProgressReport(
                        message: "\(root) (\(loaded[root]?.documents.count ?? 0) documents)",
                        percentage: (number + 1) * 100 / max(roots.count, 1)))))
                }
            }
            let documentCount = loaded.values.reduce(0) { $0 + $1.documents.count }
            let corpora = loaded
            stateQueue.async { [self] in
                for (root, corpus) in corpora { state.corpora[root] = corpus }
                // Documents opened or edited while indexing win over what the loader saw.
                for document in state.openDocuments.values { apply(open: document) }
                isIndexed = true
                if let progress {
                    connection.send(notification: ProgressParams(token: progress, value: .end(WorkDoneProgressEnd(
                        message: "Indexed \(documentCount) documents"))))
                }
                releaseWaitingRequests()
                scheduleDiagnostics()
            }
        }
    }

    /// The texts of open documents, which win over the disk when loading.
    func overlayTexts() -> [String: SourceText] {
        state.openDocuments.mapValues(\.text)
    }
}
