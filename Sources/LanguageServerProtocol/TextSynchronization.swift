/// Params of `textDocument/didOpen`.
public struct DidOpenTextDocumentParams: LSPNotification {
    /// `textDocument/didOpen`.
    public static let method = LSPMethod.didOpen
    /// The opened document with its text.
    public var textDocument: TextDocumentItem

    /// Builds the params.
    public init(textDocument: TextDocumentItem) { self.textDocument = textDocument }
}

/// One change to a document: the whole text when `range` is nil, else a ranged replacement.
public struct TextDocumentContentChangeEvent: Codable, Hashable, Sendable {
    /// The replaced range, in the negotiated position encoding; nil replaces the whole document.
    public var range: LSPRange?
    /// Deprecated length of the replaced range; ignored.
    public var rangeLength: Int?
    /// The new text.
    public var text: String

    /// Builds a change.
    public init(range: LSPRange? = nil, rangeLength: Int? = nil, text: String) {
        self.range = range
        self.rangeLength = rangeLength
        self.text = text
    }
}

/// Params of `textDocument/didChange`.
public struct DidChangeTextDocumentParams: LSPNotification {
    /// `textDocument/didChange`.
    public static let method = LSPMethod.didChange
    /// The document and its version after all changes.
    public var textDocument: VersionedTextDocumentIdentifier
    /// The changes, to apply in order.
    public var contentChanges: [TextDocumentContentChangeEvent]

    /// Builds the params.
    public init(textDocument: VersionedTextDocumentIdentifier, contentChanges: [TextDocumentContentChangeEvent]) {
        self.textDocument = textDocument
        self.contentChanges = contentChanges
    }
}

/// Params of `textDocument/didClose`.
public struct DidCloseTextDocumentParams: LSPNotification {
    /// `textDocument/didClose`.
    public static let method = LSPMethod.didClose
    /// The closed document.
    public var textDocument: TextDocumentIdentifier

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// Params of `textDocument/didSave`.
public struct DidSaveTextDocumentParams: LSPNotification {
    /// `textDocument/didSave`.
    public static let method = LSPMethod.didSave
    /// The saved document.
    public var textDocument: TextDocumentIdentifier
    /// The saved text, when `includeText` was asked for.
    public var text: String?

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, text: String? = nil) {
        self.textDocument = textDocument
        self.text = text
    }
}
