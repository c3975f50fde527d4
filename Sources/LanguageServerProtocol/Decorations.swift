/// Params of `textDocument/inlayHint`.
public struct InlayHintParams: LSPRequest {
    /// The hints, or null.
    public typealias Response = [InlayHint]?
    /// `textDocument/inlayHint`.
    public static let method = LSPMethod.inlayHint
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

/// A hint shown inline (e.g. a resolved entity name after a mention).
public struct InlayHint: Codable, Hashable, Sendable {
    /// Where it is shown.
    public var position: Position
    /// The text shown.
    public var label: String
    /// Type or parameter.
    public var kind: InlayHintKind?
    /// A tooltip.
    public var tooltip: StringOrMarkupContent?
    /// Padding before the hint.
    public var paddingLeft: Bool?
    /// Padding after the hint.
    public var paddingRight: Bool?

    /// Builds a hint.
    public init(
        position: Position, label: String, kind: InlayHintKind? = nil, tooltip: StringOrMarkupContent? = nil,
        paddingLeft: Bool? = nil, paddingRight: Bool? = nil
    ) {
        self.position = position
        self.label = label
        self.kind = kind
        self.tooltip = tooltip
        self.paddingLeft = paddingLeft
        self.paddingRight = paddingRight
    }
}

/// Params of `textDocument/codeLens`.
public struct CodeLensParams: LSPRequest {
    /// The lenses, or null.
    public typealias Response = [CodeLens]?
    /// `textDocument/codeLens`.
    public static let method = LSPMethod.codeLens
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// A lens shown above a range (e.g. "cited 3 times").
public struct CodeLens: Codable, Hashable, Sendable {
    /// The range it belongs to.
    public var range: LSPRange
    /// The command (its title is what is shown).
    public var command: Command?
    /// Data for `codeLens/resolve`.
    public var data: LSPAny?

    /// Builds a lens.
    public init(range: LSPRange, command: Command? = nil, data: LSPAny? = nil) {
        self.range = range
        self.command = command
        self.data = data
    }
}

/// Params of `textDocument/foldingRange`.
public struct FoldingRangeParams: LSPRequest {
    /// The ranges, or null.
    public typealias Response = [FoldingRange]?
    /// `textDocument/foldingRange`.
    public static let method = LSPMethod.foldingRange
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// A foldable line range.
public struct FoldingRange: Codable, Hashable, Sendable {
    /// Zero-based first line.
    public var startLine: Int
    /// Character where folding starts on the first line.
    public var startCharacter: Int?
    /// Zero-based last line.
    public var endLine: Int
    /// Character where folding ends on the last line.
    public var endCharacter: Int?
    /// Comment, imports or region.
    public var kind: FoldingRangeKind?
    /// Text shown when folded.
    public var collapsedText: String?

    /// Builds a range.
    public init(
        startLine: Int, startCharacter: Int? = nil, endLine: Int, endCharacter: Int? = nil,
        kind: FoldingRangeKind? = nil, collapsedText: String? = nil
    ) {
        self.startLine = startLine
        self.startCharacter = startCharacter
        self.endLine = endLine
        self.endCharacter = endCharacter
        self.kind = kind
        self.collapsedText = collapsedText
    }
}

/// Params of `textDocument/documentLink`.
public struct DocumentLinkParams: LSPRequest {
    /// The links, or null.
    public typealias Response = [DocumentLink]?
    /// `textDocument/documentLink`.
    public static let method = LSPMethod.documentLink
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// A clickable range (a DOI, a URL, a linked file).
public struct DocumentLink: Codable, Hashable, Sendable {
    /// The range.
    public var range: LSPRange
    /// Where it leads.
    public var target: String?
    /// A tooltip.
    public var tooltip: String?

    /// Builds a link.
    public init(range: LSPRange, target: String? = nil, tooltip: String? = nil) {
        self.range = range
        self.target = target
        self.tooltip = tooltip
    }
}
