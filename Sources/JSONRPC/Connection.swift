import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON-RPC connection over two file descriptors: a reader thread in, one locked write per frame out.
///
/// The reader is a dedicated thread running blocking `read(2)`, never a concurrency task, because the
/// cooperative pool has only as many threads as cores. Each frame is written with its header in a
/// single locked write loop, so frames sent from several threads never interleave.
public final class Connection: Sendable {
    /// Called on the reader thread for every decoded message, in arrival order.
    public typealias MessageHandler = @Sendable (JSONRPCMessage) -> Void
    /// Called on the reader thread for framing and decoding problems (already answered when answerable).
    public typealias ErrorHandler = @Sendable (any Error) -> Void

    /// The descriptor messages are read from.
    public let inputFileDescriptor: Int32
    /// The descriptor frames are written to, guarded by the write lock; -1 once writing failed.
    private let output: Mutex<Int32>
    /// The next id for server-to-client requests.
    private let nextRequestNumber = Mutex(0)
    /// Set once the reader has started, so `start` runs at most once.
    private let started = Mutex(false)

    /// Wraps two descriptors; nothing is read until `start`.
    public init(inputFileDescriptor: Int32, outputFileDescriptor: Int32) {
        self.inputFileDescriptor = inputFileDescriptor
        self.output = Mutex(outputFileDescriptor)
    }

    /// A connection on the process's stdin and real stdout, with fd 1 pointed at stderr afterwards.
    ///
    /// A stray `print` then lands in stderr instead of corrupting the protocol stream. SIGPIPE is
    /// ignored so a vanished client shows up as a write error, not a killed process.
    public static func standardIO() -> Connection {
        _ = signal(SIGPIPE, SIG_IGN)
        fflush(nil)
        let protocolOutput = dup(STDOUT_FILENO)
        guard protocolOutput >= 0 else {
            return Connection(inputFileDescriptor: STDIN_FILENO, outputFileDescriptor: STDOUT_FILENO)
        }
        _ = dup2(STDERR_FILENO, STDOUT_FILENO)
        return Connection(inputFileDescriptor: STDIN_FILENO, outputFileDescriptor: protocolOutput)
    }

    /// Starts the reader thread; `handler` gets each message, `onClose` runs once at end of input.
    ///
    /// Bodies that are not JSON or not valid messages are answered here with -32700 / -32600 and
    /// reported to `onError`; framing errors are reported and the stream resynchronises.
    public func start(
        handler: @escaping MessageHandler,
        onError: @escaping ErrorHandler = { _ in },
        onClose: @escaping @Sendable () -> Void
    ) {
        let alreadyStarted = started.withLock { value in
            defer { value = true }
            return value
        }
        guard !alreadyStarted else { return }
        let thread = Thread { [self] in
            readLoop(handler: handler, onError: onError)
            onClose()
        }
        thread.name = "jsonrpc-reader"
        thread.start()
    }

    /// Reads until end of input or a read error, feeding the framer.
    private func readLoop(handler: MessageHandler, onError: ErrorHandler) {
        var framer = MessageFramer()
        let chunkSize = 64 * 1024
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = read(inputFileDescriptor, chunk.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            if count == 0 { return }
            for event in framer.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<count])) {
                switch event {
                case .message(let body):
                    do {
                        handler(try JSONRPCMessage.decode(body))
                    } catch {
                        sendError(id: error.id, error: error.error)
                        onError(error)
                    }
                case .error(let framingError):
                    onError(framingError)
                }
            }
        }
    }

    /// Writes one frame (header and `body`) in a single locked write loop; false if the output is gone.
    @discardableResult
    public func send(_ body: Data) -> Bool {
        var frame = MessageEncoding.header(byteCount: body.count)
        frame.append(body)
        return output.withLock { fileDescriptor in
            guard fileDescriptor >= 0 else { return false }
            let written = frame.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let result = write(fileDescriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += result
                }
                return true
            }
            if !written { fileDescriptor = -1 }
            return written
        }
    }

    /// Sends a success response; a nil result goes out as `"result": null`.
    @discardableResult
    public func sendResponse(id: RequestID, result: (any Encodable)?) -> Bool {
        do {
            return send(try MessageEncoding.response(id: id, result: result))
        } catch {
            return sendError(id: id, error: .internalError("cannot encode result: \(error)"))
        }
    }

    /// Sends an error response; a nil id goes out as `"id": null`.
    @discardableResult
    public func sendError(id: RequestID?, error: ResponseError) -> Bool {
        guard let body = try? MessageEncoding.errorResponse(id: id, error: error) else { return false }
        return send(body)
    }

    /// Sends a notification; false when the params cannot be encoded or the output is gone.
    @discardableResult
    public func sendNotification(method: String, params: (any Encodable)?) -> Bool {
        guard let body = try? MessageEncoding.notification(method: method, params: params) else { return false }
        return send(body)
    }

    /// Sends a server-to-client request and returns its id; the response arrives through the handler.
    @discardableResult
    public func sendRequest(method: String, params: (any Encodable)?) -> RequestID {
        let id = RequestID.number(
            nextRequestNumber.withLock { number in
                number += 1
                return number
            })
        if let body = try? MessageEncoding.request(id: id, method: method, params: params) {
            send(body)
        }
        return id
    }
}
