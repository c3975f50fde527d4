/// What the server provides, answered in `initialize`. Nil members are omitted (not provided).
public struct ServerCapabilities: Codable, Hashable, Sendable {
    /// The position encoding chosen from the client's list.
    public var positionEncoding: PositionEncodingKind?
    /// How documents are synchronised.
    public var textDocumentSync: TextDocumentSyncOptions?
    /// Hover support.
    public var hoverProvider: Bool?
    /// Go-to-definition support.
    public var definitionProvider: Bool?
    /// Find-references support.
    public var referencesProvider: Bool?
    /// Document highlight support.
    public var documentHighlightProvider: Bool?
    /// Completion support.
    public var completionProvider: CompletionOptions?
    /// Rename support.
    public var renameProvider: RenameOptions?
    /// Code action support.
    public var codeActionProvider: CodeActionOptions?
    /// Document symbol support.
    public var documentSymbolProvider: Bool?
    /// Workspace symbol support.
    public var workspaceSymbolProvider: Bool?
    /// Semantic token support.
    public var semanticTokensProvider: SemanticTokensOptions?
    /// Inlay hint support.
    public var inlayHintProvider: Bool?
    /// Code lens support.
    public var codeLensProvider: CodeLensOptions?
    /// Folding range support.
    public var foldingRangeProvider: Bool?
    /// Document link support.
    public var documentLinkProvider: DocumentLinkOptions?
    /// Pull-diagnostic support.
    public var diagnosticProvider: DiagnosticOptions?
    /// Command execution support.
    public var executeCommandProvider: ExecuteCommandOptions?
    /// Workspace-level capabilities.
    public var workspace: WorkspaceServerCapabilities?

    /// Builds capabilities; everything defaults to not provided.
    public init(
        positionEncoding: PositionEncodingKind? = nil, textDocumentSync: TextDocumentSyncOptions? = nil,
        hoverProvider: Bool? = nil, definitionProvider: Bool? = nil, referencesProvider: Bool? = nil,
        documentHighlightProvider: Bool? = nil, completionProvider: CompletionOptions? = nil,
        renameProvider: RenameOptions? = nil, codeActionProvider: CodeActionOptions? = nil,
        documentSymbolProvider: Bool? = nil, workspaceSymbolProvider: Bool? = nil,
        semanticTokensProvider: SemanticTokensOptions? = nil, inlayHintProvider: Bool? = nil,
        codeLensProvider: CodeLensOptions? = nil, foldingRangeProvider: Bool? = nil,
        documentLinkProvider: DocumentLinkOptions? = nil, diagnosticProvider: DiagnosticOptions? = nil,
        executeCommandProvider: ExecuteCommandOptions? = nil, workspace: WorkspaceServerCapabilities? = nil
    ) {
        self.positionEncoding = positionEncoding
        self.textDocumentSync = textDocumentSync
        self.hoverProvider = hoverProvider
        self.definitionProvider = definitionProvider
        self.referencesProvider = referencesProvider
        self.documentHighlightProvider = documentHighlightProvider
        self.completionProvider = completionProvider
        self.renameProvider = renameProvider
        self.codeActionProvider = codeActionProvider
        self.documentSymbolProvider = documentSymbolProvider
        self.workspaceSymbolProvider = workspaceSymbolProvider
        self.semanticTokensProvider = semanticTokensProvider
        self.inlayHintProvider = inlayHintProvider
        self.codeLensProvider = codeLensProvider
        self.foldingRangeProvider = foldingRangeProvider
        self.documentLinkProvider = documentLinkProvider
        self.diagnosticProvider = diagnosticProvider
        self.executeCommandProvider = executeCommandProvider
        self.workspace = workspace
    }
}

/// How the client should synchronise documents.
public struct TextDocumentSyncOptions: Codable, Hashable, Sendable {
    /// Whether open and close are sent.
    public var openClose: Bool?
    /// Full or incremental changes.
    public var change: TextDocumentSyncKind?
    /// Whether (and how) saves are sent.
    public var save: SaveOptions?

    /// Builds the options.
    public init(openClose: Bool? = nil, change: TextDocumentSyncKind? = nil, save: SaveOptions? = nil) {
        self.openClose = openClose
        self.change = change
        self.save = save
    }
}

/// Save notification options.
public struct SaveOptions: Codable, Hashable, Sendable {
    /// Whether the saved text is included.
    public var includeText: Bool?

    /// Builds the options.
    public init(includeText: Bool? = nil) { self.includeText = includeText }
}

/// Completion options.
public struct CompletionOptions: Codable, Hashable, Sendable {
    /// Characters that trigger completion (`@`, `[`, `:` …).
    public var triggerCharacters: [String]?
    /// Whether `completionItem/resolve` is supported.
    public var resolveProvider: Bool?

    /// Builds the options.
    public init(triggerCharacters: [String]? = nil, resolveProvider: Bool? = nil) {
        self.triggerCharacters = triggerCharacters
        self.resolveProvider = resolveProvider
    }
}

/// Rename options.
public struct RenameOptions: Codable, Hashable, Sendable {
    /// Whether `prepareRename` is supported.
    public var prepareProvider: Bool?

    /// Builds the options.
    public init(prepareProvider: Bool? = nil) { self.prepareProvider = prepareProvider }
}

/// Code action options.
public struct CodeActionOptions: Codable, Hashable, Sendable {
    /// The kinds of action offered.
    public var codeActionKinds: [CodeActionKind]?
    /// Whether `codeAction/resolve` is supported.
    public var resolveProvider: Bool?

    /// Builds the options.
    public init(codeActionKinds: [CodeActionKind]? = nil, resolveProvider: Bool? = nil) {
        self.codeActionKinds = codeActionKinds
        self.resolveProvider = resolveProvider
    }
}

/// Semantic token options.
public struct SemanticTokensOptions: Codable, Hashable, Sendable {
    /// The token types and modifiers the server uses.
    public var legend: SemanticTokensLegend
    /// Whether range requests are supported.
    public var range: Bool?
    /// Whether whole-document requests are supported.
    public var full: Bool?

    /// Builds the options.
    public init(legend: SemanticTokensLegend, range: Bool? = nil, full: Bool? = nil) {
        self.legend = legend
        self.range = range
        self.full = full
    }
}

/// Code lens options.
public struct CodeLensOptions: Codable, Hashable, Sendable {
    /// Whether `codeLens/resolve` is supported.
    public var resolveProvider: Bool?

    /// Builds the options.
    public init(resolveProvider: Bool? = nil) { self.resolveProvider = resolveProvider }
}

/// Document link options.
public struct DocumentLinkOptions: Codable, Hashable, Sendable {
    /// Whether `documentLink/resolve` is supported.
    public var resolveProvider: Bool?

    /// Builds the options.
    public init(resolveProvider: Bool? = nil) { self.resolveProvider = resolveProvider }
}

/// Pull-diagnostic options.
public struct DiagnosticOptions: Codable, Hashable, Sendable {
    /// An identifier for this provider.
    public var identifier: String?
    /// Whether editing one document can change another's diagnostics (true for us: citations, registries).
    public var interFileDependencies: Bool
    /// Whether `workspace/diagnostic` is supported.
    public var workspaceDiagnostics: Bool

    /// Builds the options.
    public init(identifier: String? = nil, interFileDependencies: Bool, workspaceDiagnostics: Bool) {
        self.identifier = identifier
        self.interFileDependencies = interFileDependencies
        self.workspaceDiagnostics = workspaceDiagnostics
    }
}

/// Execute-command options.
public struct ExecuteCommandOptions: Codable, Hashable, Sendable {
    /// The commands the server runs.
    public var commands: [String]

    /// Builds the options.
    public init(commands: [String]) { self.commands = commands }
}

/// `capabilities.workspace` of the server.
public struct WorkspaceServerCapabilities: Codable, Hashable, Sendable {
    /// Workspace folder support.
    public var workspaceFolders: WorkspaceFoldersServerCapabilities?

    /// Builds the capabilities.
    public init(workspaceFolders: WorkspaceFoldersServerCapabilities? = nil) { self.workspaceFolders = workspaceFolders }
}

/// Workspace folder support of the server.
public struct WorkspaceFoldersServerCapabilities: Codable, Hashable, Sendable {
    /// Whether several folders are supported.
    public var supported: Bool?
    /// Whether the server wants `workspace/didChangeWorkspaceFolders`.
    public var changeNotifications: Bool?

    /// Builds the capabilities.
    public init(supported: Bool? = nil, changeNotifications: Bool? = nil) {
        self.supported = supported
        self.changeNotifications = changeNotifications
    }
}
