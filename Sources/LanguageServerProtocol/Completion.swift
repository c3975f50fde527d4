/// How a completion was triggered.
public struct CompletionContext: Codable, Hashable, Sendable {
    /// Invoked, trigger character, or incomplete re-trigger.
    public var triggerKind: CompletionTriggerKind
    /// The character typed, for trigger-character completions.
    public var triggerCharacter: String?

    /// Builds the context.
    public init(triggerKind: CompletionTriggerKind, triggerCharacter: String? = nil) {
        self.triggerKind = triggerKind
        self.triggerCharacter = triggerCharacter
    }
}

/// Params of `textDocument/completion`.
public struct CompletionParams: LSPRequest {
    /// The completion list (always a list, so `isIncomplete` can be said).
    public typealias Response = CompletionList
    /// `textDocument/completion`.
    public static let method = LSPMethod.completion
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The cursor.
    public var position: Position
    /// How completion was triggered.
    public var context: CompletionContext?

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, position: Position, context: CompletionContext? = nil) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

/// A completion's edit: a plain `TextEdit` or an `InsertReplaceEdit`.
public enum CompletionTextEdit: Codable, Hashable, Sendable {
    /// Replace one range.
    case textEdit(TextEdit)
    /// Insert or replace, at the user's choice.
    case insertReplace(InsertReplaceEdit)

    /// Decodes by shape: an `insert` member means InsertReplaceEdit.
    public init(from decoder: any Decoder) throws {
        if let edit = try? InsertReplaceEdit(from: decoder) {
            self = .insertReplace(edit)
        } else {
            self = .textEdit(try TextEdit(from: decoder))
        }
    }

    /// Encodes the edit itself.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .textEdit(let edit): try edit.encode(to: encoder)
        case .insertReplace(let edit): try edit.encode(to: encoder)
        }
    }
}

/// One completion proposal.
public struct CompletionItem: Codable, Hashable, Sendable {
    /// The label shown (and inserted when there is no edit).
    public var label: String
    /// The kind (icon).
    public var kind: CompletionItemKind?
    /// A detail line (e.g. the source's title).
    public var detail: String?
    /// Documentation shown beside the list.
    public var documentation: StringOrMarkupContent?
    /// Text to sort by instead of the label.
    public var sortText: String?
    /// Text to filter by instead of the label.
    public var filterText: String?
    /// Text to insert when there is no edit.
    public var insertText: String?
    /// Whether the inserted text is a snippet.
    public var insertTextFormat: InsertTextFormat?
    /// The edit to apply.
    public var textEdit: CompletionTextEdit?
    /// More edits (e.g. adding a registry entry).
    public var additionalTextEdits: [TextEdit]?
    /// Whether to preselect this item.
    public var preselect: Bool?
    /// Data kept for `completionItem/resolve`.
    public var data: LSPAny?

    /// Builds an item.
    public init(
        label: String, kind: CompletionItemKind? = nil, detail: String? = nil,
        documentation: StringOrMarkupContent? = nil, sortText: String? = nil, filterText: String? = nil,
        insertText: String? = nil, insertTextFormat: InsertTextFormat? = nil, textEdit: CompletionTextEdit? = nil,
        additionalTextEdits: [TextEdit]? = nil, preselect: Bool? = nil, data: LSPAny? = nil
    ) {
        self.label = label
        self.kind = kind
        self.detail = detail
        self.documentation = documentation
        self.sortText = sortText
        self.filterText = filterText
        self.insertText = insertText
        self.insertTextFormat = insertTextFormat
        self.textEdit = textEdit
        self.additionalTextEdits = additionalTextEdits
        self.preselect = preselect
        self.data = data
    }
}

extension CompletionItem: LSPRequest {
    /// The item with its documentation filled in.
    public typealias Response = CompletionItem
    /// `completionItem/resolve` sends an item as its params.
    public static let method = LSPMethod.completionResolve
}

/// A list of completions.
public struct CompletionList: Codable, Hashable, Sendable {
    /// Whether typing more should re-request (the list was truncated).
    public var isIncomplete: Bool
    /// The items.
    public var items: [CompletionItem]

    /// Builds a list.
    public init(isIncomplete: Bool, items: [CompletionItem]) {
        self.isIncomplete = isIncomplete
        self.items = items
    }
}
