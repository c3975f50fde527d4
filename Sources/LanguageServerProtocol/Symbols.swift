/// Params of `textDocument/documentSymbol`.
public struct DocumentSymbolParams: LSPRequest {
    /// The outline, or null.
    public typealias Response = [DocumentSymbol]?
    /// `textDocument/documentSymbol`.
    public static let method = LSPMethod.documentSymbol
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// One node of a document outline.
public struct DocumentSymbol: Codable, Hashable, Sendable {
    /// The name shown.
    public var name: String
    /// Extra detail.
    public var detail: String?
    /// The kind (icon).
    public var kind: SymbolKind
    /// Tags.
    public var tags: [SymbolTag]?
    /// The whole extent (a heading's section).
    public var range: LSPRange
    /// The part to select (the heading text); must lie inside `range`.
    public var selectionRange: LSPRange
    /// Nested symbols.
    public var children: [DocumentSymbol]?

    /// Builds a symbol.
    public init(
        name: String, detail: String? = nil, kind: SymbolKind, tags: [SymbolTag]? = nil, range: LSPRange,
        selectionRange: LSPRange, children: [DocumentSymbol]? = nil
    ) {
        self.name = name
        self.detail = detail
        self.kind = kind
        self.tags = tags
        self.range = range
        self.selectionRange = selectionRange
        self.children = children
    }
}

/// Params of `workspace/symbol`.
public struct WorkspaceSymbolParams: LSPRequest {
    /// The matches, or null.
    public typealias Response = [SymbolInformation]?
    /// `workspace/symbol`.
    public static let method = LSPMethod.workspaceSymbol
    /// The query typed (may be empty).
    public var query: String

    /// Builds the params.
    public init(query: String) { self.query = query }
}

/// A workspace symbol with its location.
public struct SymbolInformation: Codable, Hashable, Sendable {
    /// The name.
    public var name: String
    /// The kind.
    public var kind: SymbolKind
    /// Tags.
    public var tags: [SymbolTag]?
    /// Where it is defined.
    public var location: Location
    /// The containing symbol or file, shown as a qualifier.
    public var containerName: String?

    /// Builds a symbol.
    public init(name: String, kind: SymbolKind, tags: [SymbolTag]? = nil, location: Location, containerName: String? = nil) {
        self.name = name
        self.kind = kind
        self.tags = tags
        self.location = location
        self.containerName = containerName
    }
}
