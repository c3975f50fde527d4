import Foundation
import LanguageServerProtocol
import MarginaliaCore

extension Server {
    /// `didOpen`: the editor's text wins over the disk from now on.
    func didOpen(_ params: DidOpenTextDocumentParams) {
        guard let path = params.textDocument.uri.filePath.map(Snapshot.standardized) else { return }
        let document = OpenDocument(uri: params.textDocument.uri, path: path, version: params.textDocument.version,
                                    text: SourceText(bytes: Array(params.textDocument.text.utf8)))
        state.openDocuments[path] = document
        if isIndexed { apply(open: document) }
        scheduleDiagnostics()
    }

    /// `didChange`: applies full and ranged changes in order, in the negotiated encoding.
    func didChange(_ params: DidChangeTextDocumentParams) {
        guard let path = params.textDocument.uri.filePath.map(Snapshot.standardized),
              let open = state.openDocuments[path] else {
            return log(.warning, "didChange for a document that is not open: \(params.textDocument.uri)")
        }
        let text = TextSync.apply(params.contentChanges, to: open.text, converter: state.converter)
        let document = OpenDocument(uri: open.uri, path: path, version: params.textDocument.version, text: text)
        state.openDocuments[path] = document
        if isIndexed { apply(open: document) }
        scheduleDiagnostics()
    }

    /// `didClose`: the file reverts to its content on disk (or leaves the corpus if it has none).
    func didClose(_ params: DidCloseTextDocumentParams) {
        guard let path = params.textDocument.uri.filePath.map(Snapshot.standardized),
              let open = state.openDocuments.removeValue(forKey: path) else { return }
        if isIndexed { reloadFromDisk(path) }
        // A closed document's pushed diagnostics are cleared; the client no longer shows the file.
        let uri = open.uri
        diagnosticsQueue.async { [self] in
            publishedDiagnostics[uri] = nil
            publishedVersions[uri] = nil
            connection.send(notification: PublishDiagnosticsParams(uri: uri, diagnostics: []))
        }
        scheduleDiagnostics()
    }

    /// `didSave`: the open text already holds what was saved; nothing changes.
    func didSave(_ params: DidSaveTextDocumentParams) {}

    /// Puts an open document's text into its corpus (finding or creating the corpus it belongs to).
    func apply(open document: OpenDocument) {
        let root = corpusRoot(for: document.path)
        guard let current = state.corpora[root] else { return }
        let corpus: Corpus
        if CorpusLoader.isRegistryPath(document.path, in: current) {
            corpus = reloaded(current, configChanged: (document.path as NSString).lastPathComponent == "marginalia.json")
        } else if TextSync.isDocumentPath(document.path) || current.documents[document.path] != nil {
            corpus = current.updating(Document(path: document.path, text: document.text))
        } else {
            return
        }
        state.corpora[root] = corpus
        retire(current)
    }

    /// Frees a replaced corpus on `cleanupQueue`: dropping the last reference to a 1 MB document's
    /// analysis and a 10,000-entry table takes ~10 ms, which the edit's diagnostics need not wait for.
    func retire(_ corpus: Corpus) {
        cleanupQueue.async { withExtendedLifetime(corpus) {} }
    }

    /// Rereads one file from disk after a close or a change on disk; open files are left alone.
    func reloadFromDisk(_ path: String) {
        guard state.openDocuments[path] == nil, let root = state.root(containing: path), let corpus = state.corpora[root] else { return }
        if CorpusLoader.isRegistryPath(path, in: corpus) {
            state.corpora[root] = reloaded(corpus, configChanged: (path as NSString).lastPathComponent == "marginalia.json")
        } else if let text = CorpusLoader.readFile(path), TextSync.isDocumentPath(path) || corpus.documents[path] != nil {
            state.corpora[root] = corpus.updating(Document(path: path, text: text))
        } else {
            state.corpora[root] = corpus.removing(documentAt: path)
        }
    }

    /// The corpus with registries reread (or everything, when the configuration changed), open texts winning.
    func reloaded(_ corpus: Corpus, configChanged: Bool) -> Corpus {
        let overlays = overlayTexts()
        if configChanged { return CorpusLoader.load(root: corpus.root, overlays: overlays) }
        return corpus.reloadingRegistries(overlays: overlays)
    }

    /// The root of the corpus a path belongs to, creating it when no corpus holds the path:
    /// the nearest `marginalia.json` above it, else a loose corpus of its folder.
    func corpusRoot(for path: String) -> String {
        if let root = state.root(containing: path) { return root }
        let overlays = overlayTexts()
        if let root = CorpusLoader.findRoot(startingAt: path) {
            state.corpora[root] = CorpusLoader.load(root: root, overlays: overlays)
            return root
        }
        let folder = (path as NSString).deletingLastPathComponent
        state.corpora[folder] = Corpus.loose(root: folder, overlays: overlays)
        return folder
    }
}

/// Pure text-synchronisation helpers.
enum TextSync {
    /// Applies content changes in order: a change without a range replaces the whole text.
    static func apply(_ changes: [TextDocumentContentChangeEvent], to text: SourceText, converter: PositionConverter) -> SourceText {
        var text = text
        for change in changes {
            if let range = change.range {
                text = text.replacing(converter.utf8Range(of: range, in: text), with: Array(change.text.utf8))
            } else {
                text = SourceText(bytes: Array(change.text.utf8))
            }
        }
        return text
    }

    /// Whether a file is a document by its extension (Markdown or plain text).
    static func isDocumentPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".txt")
    }
}
