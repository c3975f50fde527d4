/// Params of `textDocument/prepareRename`.
public struct PrepareRenameParams: LSPRequest {
    /// The range and placeholder, or null when nothing renameable is there.
    public typealias Response = PrepareRenameResult?
    /// `textDocument/prepareRename`.
    public static let method = LSPMethod.prepareRename
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// The `{ range, placeholder }` form of a prepare-rename result.
public struct PrepareRenameResult: Codable, Hashable, Sendable {
    /// The range to rename.
    public var range: LSPRange
    /// The text to offer in the rename box.
    public var placeholder: String

    /// Builds the result.
    public init(range: LSPRange, placeholder: String) {
        self.range = range
        self.placeholder = placeholder
    }
}

/// Params of `textDocument/rename`.
public struct RenameParams: LSPRequest {
    /// The edit, or null.
    public typealias Response = WorkspaceEdit?
    /// `textDocument/rename`.
    public static let method = LSPMethod.rename
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position
    /// The new name.
    public var newName: String

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position, newName: String) {
        self.textDocument = textDocument
        self.position = position
        self.newName = newName
    }
}
