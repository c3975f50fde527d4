import Foundation
import LanguageServerProtocol
import MarginaliaCore

extension Server {
    /// Asks the client to watch documents and registries, when it can register watchers dynamically.
    func registerFileWatchers() {
        guard state.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration == true else { return }
        let options = DidChangeWatchedFilesRegistrationOptions(watchers: [
            FileSystemWatcher(globPattern: "**/*.{md,markdown,txt,bib,json}", kind: .all),
        ])
        do {
            let registration = try Registration(
                id: "marginalia-watched-files", method: LSPMethod.didChangeWatchedFiles, options: options)
            request(RegistrationParams(registrations: [registration]))
        } catch {
            log(.warning, "cannot register file watchers: \(error)")
        }
    }

    /// `workspace/didChangeWatchedFiles`: rereads changed files that are not open; a registry
    /// change rereads the registries of its corpus once, however many registry files changed.
    func didChangeWatchedFiles(_ params: DidChangeWatchedFilesParams) {
        guard isIndexed else { return }
        var registryRoots: [String: Bool] = [:]
        for event in params.changes {
            guard let path = event.uri.filePath.map(Snapshot.standardized), state.openDocuments[path] == nil,
                  let root = state.root(containing: path), let corpus = state.corpora[root] else { continue }
            if CorpusLoader.isRegistryPath(path, in: corpus) {
                let isConfig = (path as NSString).lastPathComponent == "marginalia.json"
                registryRoots[root] = (registryRoots[root] ?? false) || isConfig
            } else if TextSync.isDocumentPath(path) || corpus.documents[path] != nil {
                reloadFromDisk(path)
            }
        }
        for (root, configChanged) in registryRoots {
            if let corpus = state.corpora[root] { state.corpora[root] = reloaded(corpus, configChanged: configChanged) }
        }
        scheduleDiagnostics()
    }

    /// `workspace/didChangeConfiguration`: the settings live in `marginalia.json`, so every corpus is reloaded.
    func didChangeConfiguration() {
        guard isIndexed else { return }
        for (root, corpus) in state.corpora { state.corpora[root] = reloaded(corpus, configChanged: true) }
        scheduleDiagnostics()
    }

    /// `workspace/didChangeWorkspaceFolders`: indexes added folders, drops removed ones.
    func didChangeWorkspaceFolders(_ params: DidChangeWorkspaceFoldersParams) {
        for folder in params.event.removed {
            guard let path = folder.uri.filePath.map(Snapshot.standardized) else { continue }
            let root = CorpusLoader.findRoot(startingAt: path) ?? path
            state.corpora[root] = nil
            folderPaths.removeAll { $0 == path }
        }
        for folder in params.event.added {
            guard let path = folder.uri.filePath.map(Snapshot.standardized) else { continue }
            folderPaths.append(path)
            let root = CorpusLoader.findRoot(startingAt: path) ?? path
            state.corpora[root] = CorpusLoader.load(root: root, overlays: overlayTexts())
        }
        if isIndexed {
            for document in state.openDocuments.values { apply(open: document) }
        }
        scheduleDiagnostics()
    }
}
