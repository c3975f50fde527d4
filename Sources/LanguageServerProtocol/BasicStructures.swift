/// A position in a document: zero-based line, and a character offset counted in the negotiated position encoding's units.
public struct Position: Codable, Hashable, Sendable, Comparable {
    /// Zero-based line number.
    public var line: Int
    /// Zero-based offset within the line, in code units of the negotiated `PositionEncodingKind` (UTF-16 by default).
    public var character: Int

    /// Builds a position.
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    /// Document order.
    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}

/// A half-open range between two positions.
public struct LSPRange: Codable, Hashable, Sendable {
    /// The first position inside the range.
    public var start: Position
    /// The first position after the range.
    public var end: Position

    /// Builds a range.
    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// An empty range at one position.
    public init(at position: Position) {
        self.init(start: position, end: position)
    }
}

/// A range in a document.
public struct Location: Codable, Hashable, Sendable {
    /// The document.
    public var uri: DocumentURI
    /// The range.
    public var range: LSPRange

    /// Builds a location.
    public init(uri: DocumentURI, range: LSPRange) {
        self.uri = uri
        self.range = range
    }
}

/// A link from an origin range to a target, as returned by definition.
public struct LocationLink: Codable, Hashable, Sendable {
    /// The span in the origin document the link starts from (the whole citation key, say).
    public var originSelectionRange: LSPRange?
    /// The target document.
    public var targetUri: DocumentURI
    /// The full extent of the target (the whole bibliography entry).
    public var targetRange: LSPRange
    /// The part of the target to select (the entry's key).
    public var targetSelectionRange: LSPRange

    /// Builds a link.
    public init(originSelectionRange: LSPRange? = nil, targetUri: DocumentURI, targetRange: LSPRange, targetSelectionRange: LSPRange) {
        self.originSelectionRange = originSelectionRange
        self.targetUri = targetUri
        self.targetRange = targetRange
        self.targetSelectionRange = targetSelectionRange
    }
}

/// Names a text document.
public struct TextDocumentIdentifier: Codable, Hashable, Sendable {
    /// The document's URI.
    public var uri: DocumentURI

    /// Builds an identifier.
    public init(uri: DocumentURI) { self.uri = uri }
}

/// Names a text document at a version.
public struct VersionedTextDocumentIdentifier: Codable, Hashable, Sendable {
    /// The document's URI.
    public var uri: DocumentURI
    /// The version after the change.
    public var version: Int

    /// Builds an identifier.
    public init(uri: DocumentURI, version: Int) {
        self.uri = uri
        self.version = version
    }
}

/// Names a text document at a version, or at no version (`null`, written explicitly as the spec requires).
public struct OptionalVersionedTextDocumentIdentifier: Codable, Hashable, Sendable {
    /// The document's URI.
    public var uri: DocumentURI
    /// The version the edit applies to, or nil for the file on disk.
    public var version: Int?

    /// Builds an identifier.
    public init(uri: DocumentURI, version: Int?) {
        self.uri = uri
        self.version = version
    }

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case uri, version
    }

    /// Writes `"version": null` rather than omitting it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encode(version, forKey: .version)
    }
}

/// A document as opened by the client.
public struct TextDocumentItem: Codable, Hashable, Sendable {
    /// The document's URI.
    public var uri: DocumentURI
    /// The client's language id (e.g. `markdown`).
    public var languageId: String
    /// The version, increasing with every change.
    public var version: Int
    /// The full text.
    public var text: String

    /// Builds an item.
    public init(uri: DocumentURI, languageId: String, version: Int, text: String) {
        self.uri = uri
        self.languageId = languageId
        self.version = version
        self.text = text
    }
}

/// A document and a position in it, the params shape of most point queries.
public struct TextDocumentPositionParams: Codable, Hashable, Sendable {
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

/// A replacement of a range with new text.
public struct TextEdit: Codable, Hashable, Sendable {
    /// The range replaced; empty to insert.
    public var range: LSPRange
    /// The replacement; empty to delete.
    public var newText: String

    /// Builds an edit.
    public init(range: LSPRange, newText: String) {
        self.range = range
        self.newText = newText
    }
}

/// A completion edit with distinct insert and replace ranges.
public struct InsertReplaceEdit: Codable, Hashable, Sendable {
    /// The text to insert.
    public var newText: String
    /// The range used when inserting.
    public var insert: LSPRange
    /// The range used when replacing.
    public var replace: LSPRange

    /// Builds an edit.
    public init(newText: String, insert: LSPRange, replace: LSPRange) {
        self.newText = newText
        self.insert = insert
        self.replace = replace
    }
}

/// Text with a format, for hovers and documentation.
public struct MarkupContent: Codable, Hashable, Sendable {
    /// `markdown` or `plaintext`.
    public var kind: MarkupKind
    /// The text.
    public var value: String

    /// Builds markup.
    public init(kind: MarkupKind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// Markdown text.
    public static func markdown(_ value: String) -> MarkupContent { MarkupContent(kind: .markdown, value: value) }
}

/// A command the client can run (attached to code lenses and actions).
public struct Command: Codable, Hashable, Sendable {
    /// The title shown.
    public var title: String
    /// The command identifier.
    public var command: String
    /// The arguments.
    public var arguments: [LSPAny]?

    /// Builds a command.
    public init(title: String, command: String, arguments: [LSPAny]? = nil) {
        self.title = title
        self.command = command
        self.arguments = arguments
    }
}

/// A workspace folder.
public struct WorkspaceFolder: Codable, Hashable, Sendable {
    /// The folder's URI.
    public var uri: DocumentURI
    /// The name shown in the UI.
    public var name: String

    /// Builds a folder.
    public init(uri: DocumentURI, name: String) {
        self.uri = uri
        self.name = name
    }
}
