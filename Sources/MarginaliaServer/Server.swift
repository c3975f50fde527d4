import Dispatch
import Foundation
import LanguageServerProtocol
import MarginaliaCore
import Synchronization

/// The language server: owns the mutable state and routes each message.
///
/// Concurrency: the connection's reader thread hands every message to `stateQueue`, one serial
/// queue that owns all mutable state (`state`, lifecycle flags). Notifications that change
/// documents apply there in arrival order. A request captures the current `Snapshot` there, then
/// computes and replies on `workQueue` (concurrent), so a slow request never blocks reading or
/// later edits. `$/cancelRequest` is handled on the reader thread itself, ahead of the queue.
/// The class is `@unchecked Sendable` because its `var`s are touched only on `stateQueue`.
final class Server: @unchecked Sendable {
    /// The client connection.
    let connection: Connection
    /// Serializes every state change.
    let stateQueue = DispatchQueue(label: "marginalia.state")
    /// Runs requests against snapshots.
    let workQueue = DispatchQueue(label: "marginalia.work", attributes: .concurrent)
    /// Indexes and reloads corpora off the state queue.
    let indexQueue = DispatchQueue(label: "marginalia.index")
    /// Computes and sends pushed diagnostics, in order.
    let diagnosticsQueue = DispatchQueue(label: "marginalia.diagnostics")
    /// Frees replaced corpora off the state queue.
    let cleanupQueue = DispatchQueue(label: "marginalia.cleanup", qos: .utility)

    /// Requests not yet answered, and whether the client cancelled each.
    let inFlight = Mutex<[RequestID: Bool]>([:])

    // State below is confined to `stateQueue`.

    /// The state requests read.
    var state = Snapshot()
    /// Where the lifecycle stands.
    var phase = Phase.uninitialized
    /// Whether the initial index is built; requests wait for it.
    var isIndexed = false
    /// Requests that arrived while indexing, answered when it completes.
    var waitingRequests: [(id: RequestID, method: String, params: Data)] = []
    /// Whether the initial indexing has started (it starts once).
    var hasStartedIndexing = false
    /// Workspace folders as the client gave them (paths), to index on `initialized`.
    var folderPaths: [String] = []
    /// Whether a change awaits publishing of diagnostics.
    var publishPending = false
    /// Whether a publish is running on `diagnosticsQueue`.
    var publishInFlight = false
    /// Whether a timer will start the pending publish once `diagnosticsDelay` has passed.
    var publishTimerArmed = false
    /// When the last publish started.
    var lastPublishStart: DispatchTime?
    /// How many publishes have started (for tests of the coalescing).
    var publishCount = 0
    /// Diagnostics last pushed per URI (confined to `diagnosticsQueue`).
    var publishedDiagnostics: [DocumentURI: [Diagnostic]] = [:]
    /// The document version last published per URI (confined to `diagnosticsQueue`).
    var publishedVersions: [DocumentURI: Int] = [:]
    /// Set when `exit` arrived while a shutdown was waiting for the index.
    private var exitAfterWaitingRequests = false
    /// The exit code, set by `exit` or end of input.
    private(set) var exitCode: Int32 = 1
    /// Called once when the server should stop.
    var onExit: @Sendable () -> Void = {}
    /// Server-to-client requests awaiting a response, with what to do on it.
    var pendingClientRequests: [RequestID: @Sendable () -> Void] = [:]

    /// The lifecycle phases.
    enum Phase {
        case uninitialized, initialized, shutDown, exited
    }

    /// Wraps a connection; nothing happens until `start`.
    init(connection: Connection) {
        self.connection = connection
    }

    /// Starts reading; `onExit` runs once after `exit` or end of input.
    func start(onExit: @escaping @Sendable () -> Void) {
        stateQueue.sync { self.onExit = onExit }
        connection.start(
            handler: { [self] message in receive(message) },
            onError: { [self] error in log(.warning, "protocol error: \(error)") },
            onClose: { [self] in stateQueue.async { self.endOfInput() } })
    }

    /// State queue: the client closed its end. A shutdown (and exit) still waiting for the
    /// index is honoured first.
    private func endOfInput() {
        if waitingRequests.contains(where: { $0.method == LSPMethod.shutdown }) {
            exitAfterWaitingRequests = true
            return
        }
        finish(code: phase == .shutDown ? 0 : 1)
    }

    /// Reader thread: registers requests and applies cancellations at once, queues everything else.
    private func receive(_ message: JSONRPCMessage) {
        switch message {
        case .request(let id, _, _):
            inFlight.withLock { $0[id] = false }
        case .notification(let method, let params) where method == LSPMethod.cancelRequest:
            if let cancel = try? decodeParams(CancelParams.self, from: params) {
                inFlight.withLock { requests in
                    if requests[cancel.id] != nil { requests[cancel.id] = true }
                }
            }
            return
        default:
            break
        }
        stateQueue.async { self.handle(message) }
    }

    /// State queue: routes one message.
    private func handle(_ message: JSONRPCMessage) {
        guard phase != .exited else { return }
        switch message {
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            handleNotification(method: method, params: params)
        case .response(let id, _, _):
            if let id, let continuation = pendingClientRequests.removeValue(forKey: id) { continuation() }
        }
    }

    /// State queue: answers lifecycle requests here and dispatches the rest to `workQueue`.
    private func handleRequest(id: RequestID, method: String, params: Data) {
        switch phase {
        case .uninitialized where method != LSPMethod.initialize:
            return reply(id, error: ResponseError(code: .serverNotInitialized, message: "the server is not initialized"))
        case .shutDown:
            return reply(id, error: ResponseError(code: .invalidRequest, message: "the server is shut down"))
        default:
            break
        }
        switch method {
        case LSPMethod.initialize:
            guard phase == .uninitialized else {
                return reply(id, error: ResponseError(code: .invalidRequest, message: "initialize was already sent"))
            }
            do {
                let result = try initialize(try decodeParams(InitializeParams.self, from: params))
                phase = .initialized
                reply(id, result: result)
            } catch let error as ResponseError {
                reply(id, error: error)
            } catch {
                reply(id, error: .internalError("\(error)"))
            }
        case LSPMethod.shutdown:
            // Requests waiting for the index are answered first, so shutdown waits for them.
            guard isIndexed || !hasStartedIndexing else {
                waitingRequests.append((id, method, params))
                return
            }
            phase = .shutDown
            reply(id, result: nil)
        default:
            guard let handler = Server.requestHandlers[method] else {
                return reply(id, error: .methodNotFound(method))
            }
            guard isIndexed else {
                waitingRequests.append((id, method, params))
                return
            }
            let snapshot = state
            workQueue.async { [self] in
                if isCancelled(id) { return reply(id, error: .cancelled) }
                do {
                    let result = try handler(params, snapshot)
                    reply(id, result: result)
                } catch let error as ResponseError {
                    reply(id, error: error)
                } catch {
                    reply(id, error: .internalError("\(error)"))
                }
            }
        }
    }

    /// State queue: answers the requests that waited for the index.
    func releaseWaitingRequests() {
        let waiting = waitingRequests
        waitingRequests = []
        for request in waiting { handleRequest(id: request.id, method: request.method, params: request.params) }
        if exitAfterWaitingRequests { finish(code: phase == .shutDown ? 0 : 1) }
    }

    /// State queue: applies a notification; unknown ones and `$/` ones are ignored, as LSP asks.
    private func handleNotification(method: String, params: Data) {
        if method == LSPMethod.exit {
            // A shutdown still waiting for the index comes first: exit follows it in order.
            if waitingRequests.contains(where: { $0.method == LSPMethod.shutdown }) {
                exitAfterWaitingRequests = true
                return
            }
            return finish(code: phase == .shutDown ? 0 : 1)
        }
        guard phase == .initialized, let handler = Server.notificationHandlers[method] else { return }
        do {
            try handler(self, params)
        } catch {
            log(.error, "\(method): \(error)")
        }
    }

    /// State queue: stops once with `code`.
    private func finish(code: Int32) {
        guard phase != .exited else { return }
        phase = .exited
        exitCode = code
        onExit()
    }

    /// Whether the client cancelled a request still in flight.
    func isCancelled(_ id: RequestID) -> Bool {
        inFlight.withLock { $0[id] ?? false }
    }

    /// Answers a request once: a request the client cancelled meanwhile gets -32800 instead.
    func reply(_ id: RequestID, result: (any Encodable)?) {
        let wasCancelled = inFlight.withLock { $0.removeValue(forKey: id) ?? false }
        if wasCancelled {
            connection.sendError(id: id, error: .cancelled)
        } else {
            connection.sendResponse(id: id, result: result)
        }
    }

    /// Answers a request with an error.
    func reply(_ id: RequestID, error: ResponseError) {
        inFlight.withLock { _ = $0.removeValue(forKey: id) }
        connection.sendError(id: id, error: error)
    }

    /// Sends a server-to-client request; `then` runs on the state queue when the client answers.
    func request<Params: LSPRequest>(_ params: Params, then: @escaping @Sendable () -> Void = {}) {
        let id = connection.send(request: params)
        pendingClientRequests[id] = then
    }

    /// Reports a problem to the client's log (never to stdout, which carries the protocol).
    func log(_ type: MessageType, _ message: String) {
        connection.send(notification: LogMessageParams(type: type, message: message))
    }
}

/// A request handler: decodes its params, reads a snapshot, returns the result (nil for null).
typealias RequestHandler = @Sendable (Data, Snapshot) throws -> (any Encodable)?
/// A notification handler: runs on the state queue and may change the state.
typealias NotificationHandler = @Sendable (Server, Data) throws -> Void

extension Server {
    /// Wraps a typed feature function as a handler; bad params become -32602.
    static func handler<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        _ body: @escaping @Sendable (Params, Snapshot) throws -> Result?
    ) -> RequestHandler {
        { data, snapshot in
            let params = try decodeParams(Params.self, from: data)
            guard let result = try body(params, snapshot) else { return nil }
            return result
        }
    }

    /// Wraps a typed notification function as a handler.
    static func notification<Params: Decodable & Sendable>(_ body: @escaping @Sendable (Server, Params) -> Void) -> NotificationHandler {
        { server, data in body(server, try decodeParams(Params.self, from: data)) }
    }

    /// Every request method the server answers besides the lifecycle ones.
    static let requestHandlers: [String: RequestHandler] = [
        LSPMethod.hover: handler(Features.hover),
        LSPMethod.definition: handler(Features.definition),
        LSPMethod.references: handler(Features.references),
        LSPMethod.documentHighlight: handler(Features.highlights),
        LSPMethod.completion: handler(Features.completion),
        LSPMethod.completionResolve: handler(Features.resolveCompletion),
        LSPMethod.prepareRename: handler(Features.prepareRename),
        LSPMethod.rename: handler(Features.rename),
        LSPMethod.codeAction: handler(Features.codeActions),
        LSPMethod.documentSymbol: handler(Features.documentSymbols),
        LSPMethod.workspaceSymbol: handler(Features.workspaceSymbols),
        LSPMethod.semanticTokensFull: handler(Features.semanticTokens),
        LSPMethod.semanticTokensRange: handler(Features.semanticTokensRange),
        LSPMethod.inlayHint: handler(Features.inlayHints),
        LSPMethod.codeLens: handler(Features.codeLenses),
        LSPMethod.foldingRange: handler(Features.foldingRanges),
        LSPMethod.documentLink: handler(Features.documentLinks),
        LSPMethod.documentDiagnostic: handler(Features.documentDiagnostic),
        LSPMethod.workspaceDiagnostic: handler(Features.workspaceDiagnostic),
    ]

    /// Every notification the server acts on (besides `exit` and `$/cancelRequest`).
    static let notificationHandlers: [String: NotificationHandler] = [
        LSPMethod.initialized: { server, _ in server.initialized() },
        LSPMethod.didOpen: notification { (server, params: DidOpenTextDocumentParams) in server.didOpen(params) },
        LSPMethod.didChange: notification { (server, params: DidChangeTextDocumentParams) in server.didChange(params) },
        LSPMethod.didClose: notification { (server, params: DidCloseTextDocumentParams) in server.didClose(params) },
        LSPMethod.didSave: notification { (server, params: DidSaveTextDocumentParams) in server.didSave(params) },
        LSPMethod.didChangeWatchedFiles: notification { (server, params: DidChangeWatchedFilesParams) in
            server.didChangeWatchedFiles(params)
        },
        LSPMethod.didChangeConfiguration: notification { (server, _: LSPAny) in server.didChangeConfiguration() },
        LSPMethod.didChangeWorkspaceFolders: notification { (server, params: DidChangeWorkspaceFoldersParams) in
            server.didChangeWorkspaceFolders(params)
        },
    ]
}

/// The feature handlers: pure functions of params and a snapshot.
enum Features {}
