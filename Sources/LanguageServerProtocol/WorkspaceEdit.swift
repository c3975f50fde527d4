/// Edits across documents: `changes` by URI, or ordered `documentChanges` (which may also create files).
public struct WorkspaceEdit: Codable, Hashable, Sendable {
    /// Edits by document URI (for clients without `documentChanges`).
    public var changes: [DocumentURI: [TextEdit]]?
    /// Ordered versioned edits and file creations.
    public var documentChanges: [DocumentChange]?

    /// Builds an edit.
    public init(changes: [DocumentURI: [TextEdit]]? = nil, documentChanges: [DocumentChange]? = nil) {
        self.changes = changes
        self.documentChanges = documentChanges
    }

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case changes, documentChanges
    }

    /// Decodes `changes` as an object keyed by URI strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let byString = try container.decodeIfPresent([String: [TextEdit]].self, forKey: .changes) {
            changes = Dictionary(uniqueKeysWithValues: byString.map { (DocumentURI($0.key), $0.value) })
        }
        documentChanges = try container.decodeIfPresent([DocumentChange].self, forKey: .documentChanges)
    }

    /// Encodes `changes` as an object keyed by URI strings (a Swift dictionary with struct keys would become an array).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let changes {
            try container.encode(
                Dictionary(uniqueKeysWithValues: changes.map { ($0.key.rawValue, $0.value) }), forKey: .changes)
        }
        try container.encodeIfPresent(documentChanges, forKey: .documentChanges)
    }
}

/// One entry of `documentChanges`.
public enum DocumentChange: Codable, Hashable, Sendable {
    /// Edits to one document at a version.
    case textDocumentEdit(TextDocumentEdit)
    /// Create a file.
    case createFile(CreateFile)

    /// The discriminator member.
    enum KindKey: String, CodingKey {
        case kind
    }

    /// Decodes by `kind`: `create`, or none for a TextDocumentEdit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        switch try container.decodeIfPresent(String.self, forKey: .kind) {
        case nil: self = .textDocumentEdit(try TextDocumentEdit(from: decoder))
        case "create": self = .createFile(try CreateFile(from: decoder))
        case let kind?:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unsupported resource operation \(kind)")
        }
    }

    /// Encodes the wrapped change.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .textDocumentEdit(let edit): try edit.encode(to: encoder)
        case .createFile(let create): try create.encode(to: encoder)
        }
    }
}

/// Edits to one document.
public struct TextDocumentEdit: Codable, Hashable, Sendable {
    /// The document and the version the edits apply to (`null` for the file on disk).
    public var textDocument: OptionalVersionedTextDocumentIdentifier
    /// The edits; ranges refer to the document before any of them.
    public var edits: [TextEdit]

    /// Builds the edit.
    public init(textDocument: OptionalVersionedTextDocumentIdentifier, edits: [TextEdit]) {
        self.textDocument = textDocument
        self.edits = edits
    }
}

/// Options of a file creation.
public struct CreateFileOptions: Codable, Hashable, Sendable {
    /// Overwrite an existing file.
    public var overwrite: Bool?
    /// Do nothing if the file exists.
    public var ignoreIfExists: Bool?

    /// Builds the options.
    public init(overwrite: Bool? = nil, ignoreIfExists: Bool? = nil) {
        self.overwrite = overwrite
        self.ignoreIfExists = ignoreIfExists
    }
}

/// A file creation in `documentChanges`.
public struct CreateFile: Codable, Hashable, Sendable {
    /// Always `create`.
    public var kind: String = "create"
    /// The file to create.
    public var uri: DocumentURI
    /// What to do if it exists.
    public var options: CreateFileOptions?

    /// Builds the creation.
    public init(uri: DocumentURI, options: CreateFileOptions? = nil) {
        self.uri = uri
        self.options = options
    }
}
