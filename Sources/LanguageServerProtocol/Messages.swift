/// Params of a request: the method it is sent with and the type of its result.
public protocol LSPRequest: Codable, Hashable, Sendable {
    /// The result type (Optional where the spec allows `null`).
    associatedtype Response: Codable & Sendable
    /// The wire method name.
    static var method: String { get }
}

/// Params of a notification: the method it is sent with.
public protocol LSPNotification: Codable, Hashable, Sendable {
    /// The wire method name.
    static var method: String { get }
}

/// Params of requests and notifications that carry none (`shutdown`, `exit`): decodes from `null` or `{}`.
public struct EmptyParams: Codable, Hashable, Sendable {
    /// No members.
    public init() {}
    /// Accepts anything, including `null`.
    public init(from decoder: any Decoder) throws {}
    /// Writes `{}`.
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: EmptyKeys.self)
    }

    /// No keys.
    private enum EmptyKeys: CodingKey {}
}

/// The wire names of every method the server handles or sends.
public enum LSPMethod {
    /// First request of a session.
    public static let initialize = "initialize"
    /// The client received the initialize result.
    public static let initialized = "initialized"
    /// Prepare to exit.
    public static let shutdown = "shutdown"
    /// Exit now.
    public static let exit = "exit"
    /// Cancel a request.
    public static let cancelRequest = "$/cancelRequest"
    /// Progress report.
    public static let progress = "$/progress"
    /// Change the trace level.
    public static let setTrace = "$/setTrace"
    /// Trace output.
    public static let logTrace = "$/logTrace"
    /// Document opened.
    public static let didOpen = "textDocument/didOpen"
    /// Document changed.
    public static let didChange = "textDocument/didChange"
    /// Document closed.
    public static let didClose = "textDocument/didClose"
    /// Document saved.
    public static let didSave = "textDocument/didSave"
    /// Hover.
    public static let hover = "textDocument/hover"
    /// Go to definition.
    public static let definition = "textDocument/definition"
    /// Find references.
    public static let references = "textDocument/references"
    /// Highlight occurrences in a document.
    public static let documentHighlight = "textDocument/documentHighlight"
    /// Completion.
    public static let completion = "textDocument/completion"
    /// Resolve a completion item.
    public static let completionResolve = "completionItem/resolve"
    /// Check a rename position.
    public static let prepareRename = "textDocument/prepareRename"
    /// Rename.
    public static let rename = "textDocument/rename"
    /// Code actions.
    public static let codeAction = "textDocument/codeAction"
    /// Push diagnostics.
    public static let publishDiagnostics = "textDocument/publishDiagnostics"
    /// Pull diagnostics for a document.
    public static let documentDiagnostic = "textDocument/diagnostic"
    /// Pull diagnostics for the workspace.
    public static let workspaceDiagnostic = "workspace/diagnostic"
    /// Ask the client to re-pull diagnostics.
    public static let workspaceDiagnosticRefresh = "workspace/diagnostic/refresh"
    /// Document outline.
    public static let documentSymbol = "textDocument/documentSymbol"
    /// Workspace symbol search.
    public static let workspaceSymbol = "workspace/symbol"
    /// Semantic tokens for a whole document.
    public static let semanticTokensFull = "textDocument/semanticTokens/full"
    /// Semantic tokens for a range.
    public static let semanticTokensRange = "textDocument/semanticTokens/range"
    /// Ask the client to re-request semantic tokens.
    public static let semanticTokensRefresh = "workspace/semanticTokens/refresh"
    /// Inlay hints.
    public static let inlayHint = "textDocument/inlayHint"
    /// Ask the client to re-request inlay hints.
    public static let inlayHintRefresh = "workspace/inlayHint/refresh"
    /// Code lenses.
    public static let codeLens = "textDocument/codeLens"
    /// Ask the client to re-request code lenses.
    public static let codeLensRefresh = "workspace/codeLens/refresh"
    /// Folding ranges.
    public static let foldingRange = "textDocument/foldingRange"
    /// Document links.
    public static let documentLink = "textDocument/documentLink"
    /// Watched files changed.
    public static let didChangeWatchedFiles = "workspace/didChangeWatchedFiles"
    /// Workspace folders added or removed.
    public static let didChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders"
    /// Settings changed.
    public static let didChangeConfiguration = "workspace/didChangeConfiguration"
    /// Ask the client for settings.
    public static let configuration = "workspace/configuration"
    /// Ask the client to apply an edit.
    public static let applyEdit = "workspace/applyEdit"
    /// Run a command.
    public static let executeCommand = "workspace/executeCommand"
    /// Register a capability dynamically.
    public static let registerCapability = "client/registerCapability"
    /// Unregister a capability.
    public static let unregisterCapability = "client/unregisterCapability"
    /// Create a progress token.
    public static let workDoneProgressCreate = "window/workDoneProgress/create"
    /// The user cancelled a progress.
    public static let workDoneProgressCancel = "window/workDoneProgress/cancel"
    /// Log a message.
    public static let logMessage = "window/logMessage"
    /// Show a message.
    public static let showMessage = "window/showMessage"

    /// Every name above, for tests that check them against the specification.
    public static let all: [String] = [
        initialize, initialized, shutdown, exit, cancelRequest, progress, setTrace, logTrace,
        didOpen, didChange, didClose, didSave, hover, definition, references, documentHighlight,
        completion, completionResolve, prepareRename, rename, codeAction, publishDiagnostics,
        documentDiagnostic, workspaceDiagnostic, workspaceDiagnosticRefresh, documentSymbol,
        workspaceSymbol, semanticTokensFull, semanticTokensRange, semanticTokensRefresh, inlayHint,
        inlayHintRefresh, codeLens, codeLensRefresh, foldingRange, documentLink, didChangeWatchedFiles,
        didChangeWorkspaceFolders, didChangeConfiguration, configuration, applyEdit, executeCommand,
        registerCapability, unregisterCapability, workDoneProgressCreate, workDoneProgressCancel,
        logMessage, showMessage,
    ]
}

extension Connection {
    /// Sends a typed notification under its own method name.
    @discardableResult
    public func send<Params: LSPNotification>(notification params: Params) -> Bool {
        sendNotification(method: Params.method, params: params)
    }

    /// Sends a typed server-to-client request under its own method name; the response arrives through the handler.
    @discardableResult
    public func send<Params: LSPRequest>(request params: Params) -> RequestID {
        sendRequest(method: Params.method, params: params)
    }
}
