/// The context of a code action request.
public struct CodeActionContext: Codable, Hashable, Sendable {
    /// The diagnostics overlapping the range (with their `data`).
    public var diagnostics: [Diagnostic]
    /// Only these kinds are wanted, when given.
    public var only: [CodeActionKind]?

    /// Builds the context.
    public init(diagnostics: [Diagnostic], only: [CodeActionKind]? = nil) {
        self.diagnostics = diagnostics
        self.only = only
    }
}

/// Params of `textDocument/codeAction`.
public struct CodeActionParams: LSPRequest {
    /// The actions, or null.
    public typealias Response = [CodeAction]?
    /// `textDocument/codeAction`.
    public static let method = LSPMethod.codeAction
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The selected range.
    public var range: LSPRange
    /// Diagnostics and kind filter.
    public var context: CodeActionContext

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, range: LSPRange, context: CodeActionContext) {
        self.textDocument = textDocument
        self.range = range
        self.context = context
    }
}

/// One code action.
public struct CodeAction: Codable, Hashable, Sendable {
    /// The title shown.
    public var title: String
    /// The kind (quickfix, refactor…).
    public var kind: CodeActionKind?
    /// The diagnostics it fixes.
    public var diagnostics: [Diagnostic]?
    /// Whether it is the preferred fix (applied by "auto fix").
    public var isPreferred: Bool?
    /// The edit it makes.
    public var edit: WorkspaceEdit?
    /// A command it runs after the edit.
    public var command: Command?

    /// Builds an action.
    public init(
        title: String, kind: CodeActionKind? = nil, diagnostics: [Diagnostic]? = nil, isPreferred: Bool? = nil,
        edit: WorkspaceEdit? = nil, command: Command? = nil
    ) {
        self.title = title
        self.kind = kind
        self.diagnostics = diagnostics
        self.isPreferred = isPreferred
        self.edit = edit
        self.command = command
    }
}
