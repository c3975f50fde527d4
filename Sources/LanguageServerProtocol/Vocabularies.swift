// Every enumeration is an open RawRepresentable struct: a value this module does not name
// (from a newer client, or a custom kind) still decodes and round-trips instead of failing the message.

/// How positions count characters within a line (`utf-8`, `utf-16`, `utf-32`).
public struct PositionEncodingKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire string.
    public var rawValue: String
    /// Wraps any wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Character offsets count UTF-8 bytes.
    public static let utf8 = PositionEncodingKind(rawValue: "utf-8")
    /// Character offsets count UTF-16 code units (the default every server must support).
    public static let utf16 = PositionEncodingKind(rawValue: "utf-16")
    /// Character offsets count Unicode code points.
    public static let utf32 = PositionEncodingKind(rawValue: "utf-32")
}

/// The format of MarkupContent.
public struct MarkupKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire string.
    public var rawValue: String
    /// Wraps any wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Plain text.
    public static let plaintext = MarkupKind(rawValue: "plaintext")
    /// GitHub-flavoured Markdown.
    public static let markdown = MarkupKind(rawValue: "markdown")
}

/// The kind of a code action; hierarchical with dots (`quickfix`, `refactor.extract`).
public struct CodeActionKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire string.
    public var rawValue: String
    /// Wraps any wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A fix for a diagnostic.
    public static let quickFix = CodeActionKind(rawValue: "quickfix")
    /// Any refactoring.
    public static let refactor = CodeActionKind(rawValue: "refactor")
    /// Extract refactorings.
    public static let refactorExtract = CodeActionKind(rawValue: "refactor.extract")
    /// Inline refactorings.
    public static let refactorInline = CodeActionKind(rawValue: "refactor.inline")
    /// Rewrite refactorings.
    public static let refactorRewrite = CodeActionKind(rawValue: "refactor.rewrite")
    /// Whole-file source actions.
    public static let source = CodeActionKind(rawValue: "source")
    /// Fix everything fixable in the file.
    public static let sourceFixAll = CodeActionKind(rawValue: "source.fixAll")

    /// Whether `self` is `kind` or a sub-kind of it (how the `only` filter matches).
    public func isContained(in kind: CodeActionKind) -> Bool {
        kind.rawValue.isEmpty || rawValue == kind.rawValue || rawValue.hasPrefix(kind.rawValue + ".")
    }
}

/// The kind of a folding range.
public struct FoldingRangeKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire string.
    public var rawValue: String
    /// Wraps any wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A comment block.
    public static let comment = FoldingRangeKind(rawValue: "comment")
    /// An imports block (front matter, for us).
    public static let imports = FoldingRangeKind(rawValue: "imports")
    /// Any other region.
    public static let region = FoldingRangeKind(rawValue: "region")
}

/// The trace level the client asks for.
public struct TraceValue: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire string.
    public var rawValue: String
    /// Wraps any wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// No tracing.
    public static let off = TraceValue(rawValue: "off")
    /// Trace messages only.
    public static let messages = TraceValue(rawValue: "messages")
    /// Trace messages with detail.
    public static let verbose = TraceValue(rawValue: "verbose")
}

/// How the client sends document changes.
public struct TextDocumentSyncKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// No synchronisation.
    public static let none = TextDocumentSyncKind(rawValue: 0)
    /// The whole text on every change.
    public static let full = TextDocumentSyncKind(rawValue: 1)
    /// Ranged edits.
    public static let incremental = TextDocumentSyncKind(rawValue: 2)
}

/// The kind of a document or workspace symbol.
public struct SymbolKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// A file.
    public static let file = SymbolKind(rawValue: 1)
    /// A module.
    public static let module = SymbolKind(rawValue: 2)
    /// A namespace.
    public static let namespace = SymbolKind(rawValue: 3)
    /// A package.
    public static let package = SymbolKind(rawValue: 4)
    /// A class.
    public static let `class` = SymbolKind(rawValue: 5)
    /// A method.
    public static let method = SymbolKind(rawValue: 6)
    /// A property.
    public static let property = SymbolKind(rawValue: 7)
    /// A field.
    public static let field = SymbolKind(rawValue: 8)
    /// A constructor.
    public static let constructor = SymbolKind(rawValue: 9)
    /// An enum.
    public static let `enum` = SymbolKind(rawValue: 10)
    /// An interface.
    public static let interface = SymbolKind(rawValue: 11)
    /// A function.
    public static let function = SymbolKind(rawValue: 12)
    /// A variable.
    public static let variable = SymbolKind(rawValue: 13)
    /// A constant.
    public static let constant = SymbolKind(rawValue: 14)
    /// A string.
    public static let string = SymbolKind(rawValue: 15)
    /// A number.
    public static let number = SymbolKind(rawValue: 16)
    /// A boolean.
    public static let boolean = SymbolKind(rawValue: 17)
    /// An array.
    public static let array = SymbolKind(rawValue: 18)
    /// An object.
    public static let object = SymbolKind(rawValue: 19)
    /// A key.
    public static let key = SymbolKind(rawValue: 20)
    /// Null.
    public static let null = SymbolKind(rawValue: 21)
    /// An enum member.
    public static let enumMember = SymbolKind(rawValue: 22)
    /// A struct.
    public static let `struct` = SymbolKind(rawValue: 23)
    /// An event.
    public static let event = SymbolKind(rawValue: 24)
    /// An operator.
    public static let `operator` = SymbolKind(rawValue: 25)
    /// A type parameter.
    public static let typeParameter = SymbolKind(rawValue: 26)
}

/// A tag on a symbol.
public struct SymbolTag: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Rendered struck through.
    public static let deprecated = SymbolTag(rawValue: 1)
}

/// The kind of a completion item (drives its icon).
public struct CompletionItemKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Text.
    public static let text = CompletionItemKind(rawValue: 1)
    /// Method.
    public static let method = CompletionItemKind(rawValue: 2)
    /// Function.
    public static let function = CompletionItemKind(rawValue: 3)
    /// Field.
    public static let field = CompletionItemKind(rawValue: 5)
    /// Variable.
    public static let variable = CompletionItemKind(rawValue: 6)
    /// Class.
    public static let `class` = CompletionItemKind(rawValue: 7)
    /// Module.
    public static let module = CompletionItemKind(rawValue: 9)
    /// Property.
    public static let property = CompletionItemKind(rawValue: 10)
    /// Unit.
    public static let unit = CompletionItemKind(rawValue: 11)
    /// Value.
    public static let value = CompletionItemKind(rawValue: 12)
    /// Enum.
    public static let `enum` = CompletionItemKind(rawValue: 13)
    /// Keyword.
    public static let keyword = CompletionItemKind(rawValue: 14)
    /// Snippet.
    public static let snippet = CompletionItemKind(rawValue: 15)
    /// File.
    public static let file = CompletionItemKind(rawValue: 17)
    /// Reference.
    public static let reference = CompletionItemKind(rawValue: 18)
    /// Folder.
    public static let folder = CompletionItemKind(rawValue: 19)
    /// Enum member.
    public static let enumMember = CompletionItemKind(rawValue: 20)
    /// Constant.
    public static let constant = CompletionItemKind(rawValue: 21)
    /// Struct.
    public static let `struct` = CompletionItemKind(rawValue: 22)
    /// Event.
    public static let event = CompletionItemKind(rawValue: 23)
    /// Type parameter.
    public static let typeParameter = CompletionItemKind(rawValue: 25)
}

/// Whether a completion's insert text is plain or a snippet.
public struct InsertTextFormat: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Inserted as is.
    public static let plainText = InsertTextFormat(rawValue: 1)
    /// A snippet with `$1`, `${1:placeholder}` tab stops.
    public static let snippet = InsertTextFormat(rawValue: 2)
}

/// How a completion request was triggered.
public struct CompletionTriggerKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Typing an identifier or explicit invocation.
    public static let invoked = CompletionTriggerKind(rawValue: 1)
    /// One of the server's trigger characters.
    public static let triggerCharacter = CompletionTriggerKind(rawValue: 2)
    /// Re-triggered because the last list was incomplete.
    public static let triggerForIncompleteCompletions = CompletionTriggerKind(rawValue: 3)
}

/// The severity of a diagnostic.
public struct DiagnosticSeverity: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// An error.
    public static let error = DiagnosticSeverity(rawValue: 1)
    /// A warning.
    public static let warning = DiagnosticSeverity(rawValue: 2)
    /// Information.
    public static let information = DiagnosticSeverity(rawValue: 3)
    /// A hint.
    public static let hint = DiagnosticSeverity(rawValue: 4)
}

/// A tag on a diagnostic that changes its rendering.
public struct DiagnosticTag: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Unused code, rendered faded.
    public static let unnecessary = DiagnosticTag(rawValue: 1)
    /// Deprecated code, rendered struck through.
    public static let deprecated = DiagnosticTag(rawValue: 2)
}

/// The kind of a document highlight.
public struct DocumentHighlightKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// A textual occurrence.
    public static let text = DocumentHighlightKind(rawValue: 1)
    /// A read access.
    public static let read = DocumentHighlightKind(rawValue: 2)
    /// A write access (a definition, for us).
    public static let write = DocumentHighlightKind(rawValue: 3)
}

/// What happened to a watched file.
public struct FileChangeType: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The file was created.
    public static let created = FileChangeType(rawValue: 1)
    /// The file changed.
    public static let changed = FileChangeType(rawValue: 2)
    /// The file was deleted.
    public static let deleted = FileChangeType(rawValue: 3)
}

/// Which file events a watcher wants (a bit set).
public struct WatchKind: OptionSet, Codable, Hashable, Sendable {
    /// The wire bits.
    public var rawValue: Int
    /// Wraps any bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Creations.
    public static let create = WatchKind(rawValue: 1)
    /// Changes.
    public static let change = WatchKind(rawValue: 2)
    /// Deletions.
    public static let delete = WatchKind(rawValue: 4)
    /// Everything (the default when omitted).
    public static let all: WatchKind = [.create, .change, .delete]
}

/// The kind of an inlay hint.
public struct InlayHintKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// A type annotation.
    public static let type = InlayHintKind(rawValue: 1)
    /// A parameter name.
    public static let parameter = InlayHintKind(rawValue: 2)
}

/// The severity of a log or shown message.
public struct MessageType: RawRepresentable, Codable, Hashable, Sendable {
    /// The wire integer.
    public var rawValue: Int
    /// Wraps any wire integer.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// An error.
    public static let error = MessageType(rawValue: 1)
    /// A warning.
    public static let warning = MessageType(rawValue: 2)
    /// Information.
    public static let info = MessageType(rawValue: 3)
    /// A log line.
    public static let log = MessageType(rawValue: 4)
    /// Debug output (LSP 3.18; clients that do not know it treat it as log).
    public static let debug = MessageType(rawValue: 5)
}
