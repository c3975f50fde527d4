/// Params of `initialize`. Decoded leniently: unknown members are ignored and every capability is optional.
public struct InitializeParams: LSPRequest {
    /// The result of `initialize`.
    public typealias Response = InitializeResult
    /// `initialize`.
    public static let method = LSPMethod.initialize

    /// The client's process id, to exit when it dies.
    public var processId: Int?
    /// The client's name and version.
    public var clientInfo: ClientInfo?
    /// The UI locale.
    public var locale: String?
    /// Deprecated root path.
    public var rootPath: String?
    /// Deprecated root URI; `workspaceFolders` wins when present.
    public var rootUri: DocumentURI?
    /// What the client supports.
    public var capabilities: ClientCapabilities
    /// Server-specific options from the client configuration.
    public var initializationOptions: LSPAny?
    /// The initial trace level.
    public var trace: TraceValue?
    /// The workspace folders open at start.
    public var workspaceFolders: [WorkspaceFolder]?

    /// Builds params (for tests and clients).
    public init(
        processId: Int? = nil, clientInfo: ClientInfo? = nil, locale: String? = nil, rootPath: String? = nil,
        rootUri: DocumentURI? = nil, capabilities: ClientCapabilities = ClientCapabilities(),
        initializationOptions: LSPAny? = nil, trace: TraceValue? = nil, workspaceFolders: [WorkspaceFolder]? = nil
    ) {
        self.processId = processId
        self.clientInfo = clientInfo
        self.locale = locale
        self.rootPath = rootPath
        self.rootUri = rootUri
        self.capabilities = capabilities
        self.initializationOptions = initializationOptions
        self.trace = trace
        self.workspaceFolders = workspaceFolders
    }

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case processId, clientInfo, locale, rootPath, rootUri, capabilities, initializationOptions, trace, workspaceFolders
    }

    /// Decodes every member with `try?` so one odd member from some client cannot fail the handshake.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        processId = try? container.decodeIfPresent(Int.self, forKey: .processId)
        clientInfo = try? container.decodeIfPresent(ClientInfo.self, forKey: .clientInfo)
        locale = try? container.decodeIfPresent(String.self, forKey: .locale)
        rootPath = try? container.decodeIfPresent(String.self, forKey: .rootPath)
        rootUri = try? container.decodeIfPresent(DocumentURI.self, forKey: .rootUri)
        capabilities = (try? container.decodeIfPresent(ClientCapabilities.self, forKey: .capabilities)) ?? ClientCapabilities()
        initializationOptions = try? container.decodeIfPresent(LSPAny.self, forKey: .initializationOptions)
        trace = try? container.decodeIfPresent(TraceValue.self, forKey: .trace)
        workspaceFolders = try? container.decodeIfPresent([WorkspaceFolder].self, forKey: .workspaceFolders)
    }

    /// The folders to index: `workspaceFolders`, else `rootUri`, else `rootPath`.
    public var effectiveWorkspaceFolders: [WorkspaceFolder] {
        if let workspaceFolders, !workspaceFolders.isEmpty { return workspaceFolders }
        if let rootUri { return [WorkspaceFolder(uri: rootUri, name: rootUri.filePath ?? rootUri.rawValue)] }
        if let rootPath { return [WorkspaceFolder(uri: DocumentURI(filePath: rootPath), name: rootPath)] }
        return []
    }
}

/// A client's or server's name and version.
public struct ClientInfo: Codable, Hashable, Sendable {
    /// The name.
    public var name: String
    /// The version.
    public var version: String?

    /// Builds the info.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// The server's name and version in the initialize result.
public typealias ServerInfo = ClientInfo

/// The client capabilities the server looks at; everything else is ignored.
public struct ClientCapabilities: Codable, Hashable, Sendable {
    /// Workspace capabilities.
    public var workspace: WorkspaceClientCapabilities?
    /// Text document capabilities.
    public var textDocument: TextDocumentClientCapabilities?
    /// Window capabilities.
    public var window: WindowClientCapabilities?
    /// General capabilities.
    public var general: GeneralClientCapabilities?

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case workspace, textDocument, window, general
    }

    /// Decodes each member on its own, so one malformed member loses only itself.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workspace = container.lenient(WorkspaceClientCapabilities.self, .workspace)
        textDocument = container.lenient(TextDocumentClientCapabilities.self, .textDocument)
        window = container.lenient(WindowClientCapabilities.self, .window)
        general = container.lenient(GeneralClientCapabilities.self, .general)
    }

    /// Builds capabilities.
    public init(
        workspace: WorkspaceClientCapabilities? = nil, textDocument: TextDocumentClientCapabilities? = nil,
        window: WindowClientCapabilities? = nil, general: GeneralClientCapabilities? = nil
    ) {
        self.workspace = workspace
        self.textDocument = textDocument
        self.window = window
        self.general = general
    }

    /// The encodings the client accepts, in its order of preference (UTF-16 when it names none).
    public var positionEncodings: [PositionEncodingKind] {
        general?.positionEncodings ?? [.utf16]
    }
}

/// `general` client capabilities.
public struct GeneralClientCapabilities: Codable, Hashable, Sendable {
    /// Position encodings the client supports, preferred first.
    public var positionEncodings: [PositionEncodingKind]?

    /// Builds capabilities.
    public init(positionEncodings: [PositionEncodingKind]? = nil) { self.positionEncodings = positionEncodings }
}

/// `window` client capabilities.
public struct WindowClientCapabilities: Codable, Hashable, Sendable {
    /// Whether the client supports server-initiated progress.
    public var workDoneProgress: Bool?

    /// Builds capabilities.
    public init(workDoneProgress: Bool? = nil) { self.workDoneProgress = workDoneProgress }
}

/// `workspace` client capabilities.
public struct WorkspaceClientCapabilities: Codable, Hashable, Sendable {
    /// Whether the client applies `workspace/applyEdit`.
    public var applyEdit: Bool?
    /// Workspace edit support.
    public var workspaceEdit: WorkspaceEditClientCapabilities?
    /// Watched-file notification support.
    public var didChangeWatchedFiles: DidChangeWatchedFilesClientCapabilities?
    /// Whether the client supports workspace folders.
    public var workspaceFolders: Bool?
    /// Whether the client answers `workspace/configuration`.
    public var configuration: Bool?
    /// `workspace/diagnostic/refresh` support.
    public var diagnostics: RefreshClientCapabilities?
    /// `workspace/semanticTokens/refresh` support.
    public var semanticTokens: RefreshClientCapabilities?
    /// `workspace/inlayHint/refresh` support.
    public var inlayHint: RefreshClientCapabilities?
    /// `workspace/codeLens/refresh` support.
    public var codeLens: RefreshClientCapabilities?

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case applyEdit, workspaceEdit, didChangeWatchedFiles, workspaceFolders, configuration, diagnostics, semanticTokens, inlayHint, codeLens
    }

    /// Decodes each member on its own, so one malformed member loses only itself.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        applyEdit = container.lenient(Bool.self, .applyEdit)
        workspaceEdit = container.lenient(WorkspaceEditClientCapabilities.self, .workspaceEdit)
        didChangeWatchedFiles = container.lenient(DidChangeWatchedFilesClientCapabilities.self, .didChangeWatchedFiles)
        workspaceFolders = container.lenient(Bool.self, .workspaceFolders)
        configuration = container.lenient(Bool.self, .configuration)
        diagnostics = container.lenient(RefreshClientCapabilities.self, .diagnostics)
        semanticTokens = container.lenient(RefreshClientCapabilities.self, .semanticTokens)
        inlayHint = container.lenient(RefreshClientCapabilities.self, .inlayHint)
        codeLens = container.lenient(RefreshClientCapabilities.self, .codeLens)
    }

    /// Builds capabilities.
    public init(
        applyEdit: Bool? = nil, workspaceEdit: WorkspaceEditClientCapabilities? = nil,
        didChangeWatchedFiles: DidChangeWatchedFilesClientCapabilities? = nil, workspaceFolders: Bool? = nil,
        configuration: Bool? = nil, diagnostics: RefreshClientCapabilities? = nil,
        semanticTokens: RefreshClientCapabilities? = nil, inlayHint: RefreshClientCapabilities? = nil,
        codeLens: RefreshClientCapabilities? = nil
    ) {
        self.applyEdit = applyEdit
        self.workspaceEdit = workspaceEdit
        self.didChangeWatchedFiles = didChangeWatchedFiles
        self.workspaceFolders = workspaceFolders
        self.configuration = configuration
        self.diagnostics = diagnostics
        self.semanticTokens = semanticTokens
        self.inlayHint = inlayHint
        self.codeLens = codeLens
    }
}

/// The `refreshSupport` flag shared by several workspace capabilities.
public struct RefreshClientCapabilities: Codable, Hashable, Sendable {
    /// Whether the client accepts the matching `…/refresh` request.
    public var refreshSupport: Bool?

    /// Builds capabilities.
    public init(refreshSupport: Bool? = nil) { self.refreshSupport = refreshSupport }
}

/// `workspace.workspaceEdit` client capabilities.
public struct WorkspaceEditClientCapabilities: Codable, Hashable, Sendable {
    /// Whether `documentChanges` is understood.
    public var documentChanges: Bool?
    /// Which resource operations (`create`, `rename`, `delete`) are supported.
    public var resourceOperations: [String]?

    /// Builds capabilities.
    public init(documentChanges: Bool? = nil, resourceOperations: [String]? = nil) {
        self.documentChanges = documentChanges
        self.resourceOperations = resourceOperations
    }
}

/// `workspace.didChangeWatchedFiles` client capabilities.
public struct DidChangeWatchedFilesClientCapabilities: Codable, Hashable, Sendable {
    /// Whether watchers can be registered dynamically.
    public var dynamicRegistration: Bool?
    /// Whether relative patterns are supported.
    public var relativePatternSupport: Bool?

    /// Builds capabilities.
    public init(dynamicRegistration: Bool? = nil, relativePatternSupport: Bool? = nil) {
        self.dynamicRegistration = dynamicRegistration
        self.relativePatternSupport = relativePatternSupport
    }
}

/// `textDocument` client capabilities.
public struct TextDocumentClientCapabilities: Codable, Hashable, Sendable {
    /// Completion support.
    public var completion: CompletionClientCapabilities?
    /// Hover support.
    public var hover: HoverClientCapabilities?
    /// Pull-diagnostic support.
    public var diagnostic: DiagnosticClientCapabilities?
    /// Push-diagnostic support.
    public var publishDiagnostics: PublishDiagnosticsClientCapabilities?
    /// Semantic token support.
    public var semanticTokens: SemanticTokensClientCapabilities?
    /// Rename support.
    public var rename: RenameClientCapabilities?
    /// Hierarchical document symbol support.
    public var documentSymbol: DocumentSymbolClientCapabilities?

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case completion, hover, diagnostic, publishDiagnostics, semanticTokens, rename, documentSymbol
    }

    /// Decodes each member on its own, so one malformed member loses only itself.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        completion = container.lenient(CompletionClientCapabilities.self, .completion)
        hover = container.lenient(HoverClientCapabilities.self, .hover)
        diagnostic = container.lenient(DiagnosticClientCapabilities.self, .diagnostic)
        publishDiagnostics = container.lenient(PublishDiagnosticsClientCapabilities.self, .publishDiagnostics)
        semanticTokens = container.lenient(SemanticTokensClientCapabilities.self, .semanticTokens)
        rename = container.lenient(RenameClientCapabilities.self, .rename)
        documentSymbol = container.lenient(DocumentSymbolClientCapabilities.self, .documentSymbol)
    }

    /// Builds capabilities.
    public init(
        completion: CompletionClientCapabilities? = nil, hover: HoverClientCapabilities? = nil,
        diagnostic: DiagnosticClientCapabilities? = nil, publishDiagnostics: PublishDiagnosticsClientCapabilities? = nil,
        semanticTokens: SemanticTokensClientCapabilities? = nil, rename: RenameClientCapabilities? = nil,
        documentSymbol: DocumentSymbolClientCapabilities? = nil
    ) {
        self.completion = completion
        self.hover = hover
        self.diagnostic = diagnostic
        self.publishDiagnostics = publishDiagnostics
        self.semanticTokens = semanticTokens
        self.rename = rename
        self.documentSymbol = documentSymbol
    }
}

/// `textDocument.completion` client capabilities.
public struct CompletionClientCapabilities: Codable, Hashable, Sendable {
    /// Per-item capabilities.
    public var completionItem: CompletionItemCapabilities?
    /// Whether the client sends `context`.
    public var contextSupport: Bool?

    /// Builds capabilities.
    public init(completionItem: CompletionItemCapabilities? = nil, contextSupport: Bool? = nil) {
        self.completionItem = completionItem
        self.contextSupport = contextSupport
    }
}

/// `textDocument.completion.completionItem` client capabilities.
public struct CompletionItemCapabilities: Codable, Hashable, Sendable {
    /// Whether snippets are supported.
    public var snippetSupport: Bool?
    /// Documentation formats, preferred first.
    public var documentationFormat: [MarkupKind]?
    /// Whether `InsertReplaceEdit` is supported.
    public var insertReplaceSupport: Bool?
    /// Whether `labelDetails` is supported.
    public var labelDetailsSupport: Bool?
    /// Item properties the client can fill in lazily through `completionItem/resolve`.
    public var resolveSupport: CompletionItemResolveSupport?

    /// Builds capabilities.
    public init(
        snippetSupport: Bool? = nil, documentationFormat: [MarkupKind]? = nil, insertReplaceSupport: Bool? = nil,
        labelDetailsSupport: Bool? = nil, resolveSupport: CompletionItemResolveSupport? = nil
    ) {
        self.snippetSupport = snippetSupport
        self.documentationFormat = documentationFormat
        self.insertReplaceSupport = insertReplaceSupport
        self.labelDetailsSupport = labelDetailsSupport
        self.resolveSupport = resolveSupport
    }
}

/// `completionItem.resolveSupport`: the properties a client resolves lazily.
public struct CompletionItemResolveSupport: Codable, Hashable, Sendable {
    /// Property names, such as `documentation`.
    public var properties: [String]

    /// Builds the capability.
    public init(properties: [String]) { self.properties = properties }
}

/// `textDocument.hover` client capabilities.
public struct HoverClientCapabilities: Codable, Hashable, Sendable {
    /// Content formats, preferred first.
    public var contentFormat: [MarkupKind]?

    /// Builds capabilities.
    public init(contentFormat: [MarkupKind]? = nil) { self.contentFormat = contentFormat }
}

/// `textDocument.diagnostic` client capabilities; its presence means the client pulls diagnostics.
public struct DiagnosticClientCapabilities: Codable, Hashable, Sendable {
    /// Whether the capability can be registered dynamically.
    public var dynamicRegistration: Bool?
    /// Whether related documents are supported in reports.
    public var relatedDocumentSupport: Bool?

    /// Builds capabilities.
    public init(dynamicRegistration: Bool? = nil, relatedDocumentSupport: Bool? = nil) {
        self.dynamicRegistration = dynamicRegistration
        self.relatedDocumentSupport = relatedDocumentSupport
    }
}

/// `textDocument.publishDiagnostics` client capabilities.
public struct PublishDiagnosticsClientCapabilities: Codable, Hashable, Sendable {
    /// Whether `relatedInformation` is shown.
    public var relatedInformation: Bool?
    /// Whether `version` is understood.
    public var versionSupport: Bool?
    /// Whether `codeDescription` is shown.
    public var codeDescriptionSupport: Bool?
    /// Whether `data` is preserved into code action requests.
    public var dataSupport: Bool?

    /// Builds capabilities.
    public init(
        relatedInformation: Bool? = nil, versionSupport: Bool? = nil, codeDescriptionSupport: Bool? = nil,
        dataSupport: Bool? = nil
    ) {
        self.relatedInformation = relatedInformation
        self.versionSupport = versionSupport
        self.codeDescriptionSupport = codeDescriptionSupport
        self.dataSupport = dataSupport
    }
}

/// `textDocument.semanticTokens` client capabilities.
public struct SemanticTokensClientCapabilities: Codable, Hashable, Sendable {
    /// Which requests are supported (`full`, `range`), kept as raw JSON because each is `boolean | object`.
    public var requests: LSPAny?
    /// Token types the client knows.
    public var tokenTypes: [String]?
    /// Token modifiers the client knows.
    public var tokenModifiers: [String]?
    /// Whether tokens may span lines.
    public var multilineTokenSupport: Bool?
    /// Whether tokens may overlap.
    public var overlappingTokenSupport: Bool?

    /// Builds capabilities.
    public init(
        requests: LSPAny? = nil, tokenTypes: [String]? = nil, tokenModifiers: [String]? = nil,
        multilineTokenSupport: Bool? = nil, overlappingTokenSupport: Bool? = nil
    ) {
        self.requests = requests
        self.tokenTypes = tokenTypes
        self.tokenModifiers = tokenModifiers
        self.multilineTokenSupport = multilineTokenSupport
        self.overlappingTokenSupport = overlappingTokenSupport
    }
}

/// `textDocument.rename` client capabilities.
public struct RenameClientCapabilities: Codable, Hashable, Sendable {
    /// Whether the client sends `prepareRename`.
    public var prepareSupport: Bool?

    /// Builds capabilities.
    public init(prepareSupport: Bool? = nil) { self.prepareSupport = prepareSupport }
}

/// `textDocument.documentSymbol` client capabilities.
public struct DocumentSymbolClientCapabilities: Codable, Hashable, Sendable {
    /// Whether hierarchical `DocumentSymbol`s are shown.
    public var hierarchicalDocumentSymbolSupport: Bool?

    /// Builds capabilities.
    public init(hierarchicalDocumentSymbolSupport: Bool? = nil) {
        self.hierarchicalDocumentSymbolSupport = hierarchicalDocumentSymbolSupport
    }
}

/// The result of `initialize`.
public struct InitializeResult: Codable, Hashable, Sendable {
    /// What the server provides.
    public var capabilities: ServerCapabilities
    /// The server's name and version.
    public var serverInfo: ServerInfo?

    /// Builds the result.
    public init(capabilities: ServerCapabilities, serverInfo: ServerInfo? = nil) {
        self.capabilities = capabilities
        self.serverInfo = serverInfo
    }
}

/// Params of `initialized` (an empty object).
public struct InitializedParams: LSPNotification {
    /// `initialized`.
    public static let method = LSPMethod.initialized
    /// No members.
    public init() {}
}

extension KeyedDecodingContainer {
    /// The member decoded as `type`, or nil when absent, null or malformed.
    func lenient<Value: Decodable>(_ type: Value.Type, _ key: Key) -> Value? {
        (try? decodeIfPresent(Value.self, forKey: key)) ?? nil
    }
}
