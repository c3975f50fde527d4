/// The token types and modifiers the server's token data indexes into.
public struct SemanticTokensLegend: Codable, Hashable, Sendable {
    /// Type names; a token's type is an index here.
    public var tokenTypes: [String]
    /// Modifier names; a token's modifiers are a bit set over these.
    public var tokenModifiers: [String]

    /// Builds the legend.
    public init(tokenTypes: [String], tokenModifiers: [String]) {
        self.tokenTypes = tokenTypes
        self.tokenModifiers = tokenModifiers
    }
}

/// Params of `textDocument/semanticTokens/full`.
public struct SemanticTokensParams: LSPRequest {
    /// The tokens, or null.
    public typealias Response = SemanticTokens?
    /// `textDocument/semanticTokens/full`.
    public static let method = LSPMethod.semanticTokensFull
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// Params of `textDocument/semanticTokens/range`.
public struct SemanticTokensRangeParams: LSPRequest {
    /// The tokens, or null.
    public typealias Response = SemanticTokens?
    /// `textDocument/semanticTokens/range`.
    public static let method = LSPMethod.semanticTokensRange
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The visible range.
    public var range: LSPRange

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, range: LSPRange) {
        self.textDocument = textDocument
        self.range = range
    }
}

/// Encoded tokens: five integers per token (delta line, delta start, length, type, modifiers).
public struct SemanticTokens: Codable, Hashable, Sendable {
    /// An id for delta requests.
    public var resultId: String?
    /// The flat token data.
    public var data: [UInt32]

    /// Builds the tokens.
    public init(resultId: String? = nil, data: [UInt32]) {
        self.resultId = resultId
        self.data = data
    }
}
