import Foundation
import LanguageServerProtocol
import MarginaliaCore

/// A document the editor has open: its text wins over the disk.
struct OpenDocument: Sendable {
    /// The URI as the client spells it.
    let uri: DocumentURI
    /// The absolute path.
    let path: String
    /// The client's version number.
    let version: Int
    /// The current text.
    let text: SourceText
}

/// Everything a request reads, captured on the state queue: immutable, so a request running
/// on another thread sees one consistent state however the documents change meanwhile.
struct Snapshot: Sendable {
    /// Corpora by root path (workspace folders, roots found above opened files, loose folders).
    var corpora: [String: Corpus] = [:]
    /// Open documents by path.
    var openDocuments: [String: OpenDocument] = [:]
    /// Position conversion for the negotiated encoding.
    var converter = PositionConverter(encoding: .utf16)
    /// What the client said it supports.
    var capabilities = ClientCapabilities()

    /// The root of the deepest corpus whose folder holds `path`.
    func root(containing path: String) -> String? {
        var best: String?
        for root in corpora.keys where path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
            if best.map({ root.count > $0.count }) ?? true { best = root }
        }
        return best
    }

    /// The corpus that knows the file at `path` (a document or a registry), or nil.
    func corpus(for path: String) -> Corpus? {
        if let root = root(containing: path), let corpus = corpora[root], corpus.text(of: path) != nil { return corpus }
        return corpora.values.first { $0.text(of: path) != nil }
    }

    /// The corpus and text of a URI that the server knows, or nil (unknown URIs get null results).
    func file(_ uri: DocumentURI) -> (path: String, corpus: Corpus, text: SourceText)? {
        guard let path = uri.filePath.map(Snapshot.standardized), let corpus = corpus(for: path),
              let text = corpus.text(of: path) else { return nil }
        return (path, corpus, text)
    }

    /// The text of any file, for converting ranges of edits and related locations: open, indexed or on disk.
    func text(of path: String) -> SourceText {
        if let open = openDocuments[path] { return open.text }
        if let corpus = corpus(for: path), let text = corpus.text(of: path) { return text }
        return CorpusLoader.readFile(path) ?? SourceText(bytes: [])
    }

    /// The URI to answer with for a path: the client's spelling when it has the file open.
    func uri(for path: String) -> DocumentURI {
        openDocuments[path]?.uri ?? DocumentURI(filePath: path)
    }

    /// The LSP range of a byte range in a file.
    func range(of utf8Range: Range<Int>, inFile path: String) -> LSPRange {
        converter.range(ofUTF8Range: utf8Range, in: text(of: path))
    }

    /// An LSP location for a byte range in a file.
    func location(path: String, utf8Range: Range<Int>) -> LanguageServerProtocol.Location {
        LanguageServerProtocol.Location(uri: uri(for: path), range: range(of: utf8Range, inFile: path))
    }

    /// A path with `.` and `..` resolved, as the core keys files.
    static func standardized(_ path: String) -> String {
        (path as NSString).standardizingPath
    }
}
