/// Params of `textDocument/hover`.
public struct HoverParams: LSPRequest {
    /// A hover, or null for nothing to show.
    public typealias Response = Hover?
    /// `textDocument/hover`.
    public static let method = LSPMethod.hover
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position hovered.
    public var position: Position

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// The result of a hover.
public struct Hover: Codable, Hashable, Sendable {
    /// The content (Markdown for us).
    public var contents: MarkupContent
    /// The range the hover is about, highlighted by the client.
    public var range: LSPRange?

    /// Builds a hover.
    public init(contents: MarkupContent, range: LSPRange? = nil) {
        self.contents = contents
        self.range = range
    }
}

/// Params of `textDocument/definition`; answer `[Location]`, `[LocationLink]` or null.
public struct DefinitionParams: LSPRequest {
    /// Links to the definitions (send `[Location]` instead to clients without link support).
    public typealias Response = [LocationLink]?
    /// `textDocument/definition`.
    public static let method = LSPMethod.definition
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position asked about.
    public var position: Position

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// The `context` of a references request.
public struct ReferenceContext: Codable, Hashable, Sendable {
    /// Whether the definition itself is included.
    public var includeDeclaration: Bool

    /// Builds the context.
    public init(includeDeclaration: Bool) { self.includeDeclaration = includeDeclaration }
}

/// Params of `textDocument/references`.
public struct ReferenceParams: LSPRequest {
    /// The references, or null.
    public typealias Response = [Location]?
    /// `textDocument/references`.
    public static let method = LSPMethod.references
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position asked about.
    public var position: Position
    /// Whether to include the declaration.
    public var context: ReferenceContext

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position, context: ReferenceContext) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

/// Params of `textDocument/documentHighlight`.
public struct DocumentHighlightParams: LSPRequest {
    /// The highlights, or null.
    public typealias Response = [DocumentHighlight]?
    /// `textDocument/documentHighlight`.
    public static let method = LSPMethod.documentHighlight
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position asked about.
    public var position: Position

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// One highlighted range.
public struct DocumentHighlight: Codable, Hashable, Sendable {
    /// The range.
    public var range: LSPRange
    /// Text, read or write (definition).
    public var kind: DocumentHighlightKind?

    /// Builds a highlight.
    public init(range: LSPRange, kind: DocumentHighlightKind? = nil) {
        self.range = range
        self.kind = kind
    }
}
