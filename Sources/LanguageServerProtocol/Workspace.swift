/// One watched-file event.
public struct FileEvent: Codable, Hashable, Sendable {
    /// The file.
    public var uri: DocumentURI
    /// What happened.
    public var type: FileChangeType

    /// Builds an event.
    public init(uri: DocumentURI, type: FileChangeType) {
        self.uri = uri
        self.type = type
    }
}

/// Params of `workspace/didChangeWatchedFiles`.
public struct DidChangeWatchedFilesParams: LSPNotification {
    /// `workspace/didChangeWatchedFiles`.
    public static let method = LSPMethod.didChangeWatchedFiles
    /// The events, in order.
    public var changes: [FileEvent]

    /// Builds the params.
    public init(changes: [FileEvent]) { self.changes = changes }
}

/// Folders added and removed.
public struct WorkspaceFoldersChangeEvent: Codable, Hashable, Sendable {
    /// Added folders.
    public var added: [WorkspaceFolder]
    /// Removed folders.
    public var removed: [WorkspaceFolder]

    /// Builds the event.
    public init(added: [WorkspaceFolder], removed: [WorkspaceFolder]) {
        self.added = added
        self.removed = removed
    }
}

/// Params of `workspace/didChangeWorkspaceFolders`.
public struct DidChangeWorkspaceFoldersParams: LSPNotification {
    /// `workspace/didChangeWorkspaceFolders`.
    public static let method = LSPMethod.didChangeWorkspaceFolders
    /// The change.
    public var event: WorkspaceFoldersChangeEvent

    /// Builds the params.
    public init(event: WorkspaceFoldersChangeEvent) { self.event = event }
}

/// Params of `workspace/didChangeConfiguration`: settings of any shape (often `null` when the client wants a pull).
public struct DidChangeConfigurationParams: LSPNotification {
    /// `workspace/didChangeConfiguration`.
    public static let method = LSPMethod.didChangeConfiguration
    /// The settings.
    public var settings: LSPAny

    /// Builds the params.
    public init(settings: LSPAny) { self.settings = settings }

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case settings
    }

    /// Tolerates a missing `settings` member (treated as null).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decodeIfPresent(LSPAny.self, forKey: .settings) ?? .null
    }
}

/// One item asked for by `workspace/configuration`.
public struct ConfigurationItem: Codable, Hashable, Sendable {
    /// The scope (a document or folder).
    public var scopeUri: DocumentURI?
    /// The settings section (e.g. `marginalia`).
    public var section: String?

    /// Builds an item.
    public init(scopeUri: DocumentURI? = nil, section: String? = nil) {
        self.scopeUri = scopeUri
        self.section = section
    }
}

/// Params of the server-to-client `workspace/configuration` request.
public struct ConfigurationParams: LSPRequest {
    /// One settings value per item.
    public typealias Response = [LSPAny]
    /// `workspace/configuration`.
    public static let method = LSPMethod.configuration
    /// The items asked for.
    public var items: [ConfigurationItem]

    /// Builds the params.
    public init(items: [ConfigurationItem]) { self.items = items }
}

/// One dynamic registration.
public struct Registration: Codable, Hashable, Sendable {
    /// An id to unregister it by.
    public var id: String
    /// The method registered (e.g. `workspace/didChangeWatchedFiles`).
    public var method: String
    /// The method's registration options.
    public var registerOptions: LSPAny?

    /// Builds a registration.
    public init(id: String, method: String, registerOptions: LSPAny? = nil) {
        self.id = id
        self.method = method
        self.registerOptions = registerOptions
    }

    /// Builds a registration from typed options (e.g. `DidChangeWatchedFilesRegistrationOptions`).
    public init(id: String, method: String, options: some Encodable) throws {
        self.init(id: id, method: method, registerOptions: try LSPAny(encoding: options))
    }
}

/// Params of the server-to-client `client/registerCapability` request.
public struct RegistrationParams: LSPRequest {
    /// The client answers `null`.
    public typealias Response = LSPAny?
    /// `client/registerCapability`.
    public static let method = LSPMethod.registerCapability
    /// The registrations.
    public var registrations: [Registration]

    /// Builds the params.
    public init(registrations: [Registration]) { self.registrations = registrations }
}

/// Registration options of `workspace/didChangeWatchedFiles`.
public struct DidChangeWatchedFilesRegistrationOptions: Codable, Hashable, Sendable {
    /// The watchers.
    public var watchers: [FileSystemWatcher]

    /// Builds the options.
    public init(watchers: [FileSystemWatcher]) { self.watchers = watchers }
}

/// One file watcher: a glob and the events wanted.
public struct FileSystemWatcher: Codable, Hashable, Sendable {
    /// The glob (`**/*.bib`) or a pattern relative to a folder.
    public var globPattern: GlobPattern
    /// The events wanted; all when nil.
    public var kind: WatchKind?

    /// Builds a watcher.
    public init(globPattern: GlobPattern, kind: WatchKind? = nil) {
        self.globPattern = globPattern
        self.kind = kind
    }
}

/// A glob, either a plain pattern or one relative to a base URI.
public enum GlobPattern: Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// A plain glob like `**/*.bib`.
    case pattern(String)
    /// A glob relative to a folder (requires `relativePatternSupport`).
    case relative(baseUri: DocumentURI, pattern: String)

    /// A plain glob.
    public init(stringLiteral value: String) { self = .pattern(value) }

    /// The members of a relative pattern.
    enum CodingKeys: String, CodingKey {
        case baseUri, pattern
    }

    /// Decodes a string or a RelativePattern (whose baseUri may be a URI or a WorkspaceFolder).
    public init(from decoder: any Decoder) throws {
        if let pattern = try? decoder.singleValueContainer().decode(String.self) {
            self = .pattern(pattern)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let pattern = try container.decode(String.self, forKey: .pattern)
        if let uri = try? container.decode(DocumentURI.self, forKey: .baseUri) {
            self = .relative(baseUri: uri, pattern: pattern)
        } else {
            self = .relative(baseUri: try container.decode(WorkspaceFolder.self, forKey: .baseUri).uri, pattern: pattern)
        }
    }

    /// Encodes the string or the RelativePattern object.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .pattern(let pattern):
            var container = encoder.singleValueContainer()
            try container.encode(pattern)
        case .relative(let baseUri, let pattern):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(baseUri, forKey: .baseUri)
            try container.encode(pattern, forKey: .pattern)
        }
    }
}

/// Params of `workspace/executeCommand`.
public struct ExecuteCommandParams: LSPRequest {
    /// Whatever the command returns.
    public typealias Response = LSPAny?
    /// `workspace/executeCommand`.
    public static let method = LSPMethod.executeCommand
    /// The command id.
    public var command: String
    /// Its arguments.
    public var arguments: [LSPAny]?

    /// Builds the params.
    public init(command: String, arguments: [LSPAny]? = nil) {
        self.command = command
        self.arguments = arguments
    }
}

/// Params of the server-to-client `workspace/applyEdit` request.
public struct ApplyWorkspaceEditParams: LSPRequest {
    /// Whether the client applied it.
    public typealias Response = ApplyWorkspaceEditResult
    /// `workspace/applyEdit`.
    public static let method = LSPMethod.applyEdit
    /// A label for the undo stack.
    public var label: String?
    /// The edit.
    public var edit: WorkspaceEdit

    /// Builds the params.
    public init(label: String? = nil, edit: WorkspaceEdit) {
        self.label = label
        self.edit = edit
    }
}

/// The client's answer to `workspace/applyEdit`.
public struct ApplyWorkspaceEditResult: Codable, Hashable, Sendable {
    /// Whether the edit was applied.
    public var applied: Bool
    /// Why not, if not.
    public var failureReason: String?

    /// Builds the result.
    public init(applied: Bool, failureReason: String? = nil) {
        self.applied = applied
        self.failureReason = failureReason
    }
}
