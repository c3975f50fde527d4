import Foundation
import Synchronization
import Testing

@testable import JSONRPC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Two pipes: the test writes to `clientWrite` and reads `clientRead`; the connection uses the other ends.
struct PipePair {
    let connection: Connection
    let clientRead: Int32
    let clientWrite: Int32
    let serverRead: Int32
    let serverWrite: Int32

    init() throws {
        var toServer: [Int32] = [0, 0]
        var toClient: [Int32] = [0, 0]
        guard pipe(&toServer) == 0, pipe(&toClient) == 0 else { throw POSIXError(.EMFILE) }
        serverRead = toServer[0]
        clientWrite = toServer[1]
        clientRead = toClient[0]
        serverWrite = toClient[1]
        connection = Connection(inputFileDescriptor: serverRead, outputFileDescriptor: serverWrite)
    }

    func closeAll() {
        for fd in [clientRead, clientWrite, serverRead, serverWrite] { close(fd) }
    }
}

/// Reads frames from `fd` until `count` bodies arrived or EOF.
func readFrames(fd: Int32, count: Int) -> (bodies: [Data], errors: Int) {
    var framer = MessageFramer()
    var bodies: [Data] = []
    var errors = 0
    var buffer = [UInt8](repeating: 0, count: 4096)
    while bodies.count < count {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        for event in framer.feed(buffer[0..<n]) {
            switch event {
            case .message(let body): bodies.append(body)
            case .error: errors += 1
            }
        }
    }
    return (bodies, errors)
}

/// Writes all bytes to `fd`.
func writeAll(_ bytes: [UInt8], to fd: Int32) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return }
        offset += n
    }
}

@Suite(.serialized) struct ConnectionTests {
    @Test func concurrentSendsNeverInterleave() async throws {
        let pipes = try PipePair()
        defer { pipes.closeAll() }
        let threads = 8
        let perThread = 200
        let big = String(repeating: "é0123456789", count: 900)  // bodies larger than the pipe's atomic write size
        let reader = Task.detached { readFrames(fd: pipes.clientRead, count: threads * perThread) }
        let done = Mutex(0)
        let finished = DispatchSemaphore(value: 0)
        for thread in 0..<threads {
            Thread {
                for index in 0..<perThread {
                    pipes.connection.sendNotification(
                        method: "test/\(thread)", params: ["index": JSONValue.integer(index), "text": .string(big)])
                }
                if done.withLock({ value in
                    value += 1
                    return value
                }) == threads {
                    finished.signal()
                }
            }.start()
        }
        let result = await reader.value
        finished.wait()
        #expect(result.errors == 0)
        #expect(result.bodies.count == threads * perThread)
        var nextIndex = [String: Int]()
        for body in result.bodies {
            guard case .notification(let method, let params) = try JSONRPCMessage.decode(body) else {
                Issue.record("not a notification")
                continue
            }
            let value = try JSONDecoder().decode(JSONValue.self, from: params)
            #expect(value["text"]?.stringValue == big)
            // Each thread's messages arrive in its own order.
            #expect(value["index"]?.intValue == nextIndex[method, default: 0])
            nextIndex[method, default: 0] += 1
        }
    }

    @Test func roundTripWithHandlerAndClose() async throws {
        let pipes = try PipePair()
        defer { pipes.closeAll() }
        let received = Mutex<[JSONRPCMessage]>([])
        let errors = Mutex(0)
        let closed = DispatchSemaphore(value: 0)
        pipes.connection.start(
            handler: { message in
                received.withLock { $0.append(message) }
                if case .request(let id, _, _) = message {
                    pipes.connection.sendResponse(id: id, result: nil)
                }
            },
            onError: { _ in errors.withLock { $0 += 1 } },
            onClose: { closed.signal() })
        var input: [UInt8] = []
        input += frame(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
        input += frame("{not json")
        input += frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        input += frame(#"{"jsonrpc":"2.0","id":1,"result":{"ok":true}}"#)
        writeAll(input, to: pipes.clientWrite)
        close(pipes.clientWrite)
        let replies = await Task.detached { readFrames(fd: pipes.clientRead, count: 2) }.value
        closed.wait()
        #expect(replies.bodies.count == 2)
        let texts = replies.bodies.map { String(decoding: $0, as: UTF8.self) }
        #expect(texts.first?.contains(#""result":null"#) == true)
        #expect(texts.first?.contains(#""id":1"#) == true)
        #expect(texts.last?.contains(#""code":-32700"#) == true)
        #expect(texts.last?.contains(#""id":null"#) == true)
        #expect(errors.withLock { $0 } == 1)
        let messages = received.withLock { $0 }
        #expect(messages.count == 3)
        #expect(messages.last == .response(id: 1, result: Data(#"{"ok":true}"#.utf8), error: nil))
        #expect(pipes.connection.sendRequest(method: "client/registerCapability", params: nil) == 1)
        #expect(pipes.connection.sendRequest(method: "client/registerCapability", params: nil) == 2)
    }
}
