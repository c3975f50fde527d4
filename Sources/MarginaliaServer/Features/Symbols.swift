import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/documentSymbol`: headings (nesting their sections' contents), notes, named annotations.
    static func documentSymbols(_ params: DocumentSymbolParams, _ snapshot: Snapshot) -> [DocumentSymbol]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        func convert(_ symbol: OutlineSymbol) -> DocumentSymbol {
            DocumentSymbol(
                name: symbol.name.isEmpty ? " " : symbol.name, detail: symbol.detail, kind: symbolKind(symbol.kind),
                range: snapshot.converter.range(ofUTF8Range: symbol.range, in: file.text),
                selectionRange: snapshot.converter.range(ofUTF8Range: symbol.selectionRange, in: file.text),
                children: symbol.children.isEmpty ? nil : symbol.children.map(convert))
        }
        return file.corpus.outline(of: file.path).map(convert)
    }

    /// `workspace/symbol`: entities, sources, types and documents matching the query, across every corpus.
    static func workspaceSymbols(_ params: WorkspaceSymbolParams, _ snapshot: Snapshot) -> [SymbolInformation]? {
        var result: [SymbolInformation] = []
        for root in snapshot.corpora.keys.sorted() {
            guard let corpus = snapshot.corpora[root] else { continue }
            for symbol in corpus.symbols(matching: params.query) {
                result.append(SymbolInformation(
                    name: symbol.name, kind: symbolKind(symbol.kind),
                    location: snapshot.location(path: symbol.location.path, utf8Range: symbol.location.range),
                    containerName: symbol.container))
            }
        }
        return result
    }

    /// The LSP kind of an outline symbol (no LSP kind means "heading", so headings are namespaces, as in other Markdown servers).
    static func symbolKind(_ kind: MarginaliaCore.SymbolKind) -> LanguageServerProtocol.SymbolKind {
        switch kind {
        case .heading: .namespace
        case .note: .string
        case .annotation: .object
        case .source: .key
        case .entity: .constant
        case .type: .class
        case .document: .file
        }
    }
}
