import Foundation
import LanguageServerProtocol
@testable import MarginaliaServer
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server driven in-process over two pipes: lifecycle, error codes and a feature round trip.
@Suite struct DispatchTests {
    /// A server on pipes, with the test's ends of them.
    final class Harness: @unchecked Sendable {
        let toServer: Int32
        let fromServer: Int32
        var framer = MessageFramer()
        var pending: [[String: Any]] = []
        let exited = DispatchSemaphore(value: 0)
        let server: Server

        init() {
            var input: [Int32] = [0, 0]
            var output: [Int32] = [0, 0]
            _ = pipe(&input)
            _ = pipe(&output)
            toServer = input[1]
            fromServer = output[0]
            server = Server(connection: Connection(inputFileDescriptor: input[0], outputFileDescriptor: output[1]))
            let exited = self.exited
            server.start { exited.signal() }
        }

        func send(_ json: String) {
            let body = Array(json.utf8)
            let frame = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
            frame.withUnsafeBytes { raw in _ = write(toServer, raw.baseAddress, raw.count) }
        }

        /// The next message whose "id" is `id` (notifications and other messages are kept aside).
        func response(id: Int) -> [String: Any]? {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if let index = pending.firstIndex(where: { ($0["id"] as? Int) == id && $0["method"] == nil }) {
                    return pending.remove(at: index)
                }
                var descriptor = pollfd(fd: fromServer, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 100) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 65_536)
                let count = read(fromServer, &buffer, buffer.count)
                guard count > 0 else { return nil }
                for event in framer.feed(buffer[0..<count]) {
                    if case .message(let body) = event,
                       let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                        pending.append(object)
                    }
                }
            }
            return nil
        }

        func errorCode(id: Int) -> Int? {
            (response(id: id)?["error"] as? [String: Any])?["code"] as? Int
        }
    }

    @Test func lifecycleErrorCodesAndAHover() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-dispatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appendingPathComponent("marginalia.json"))
        try Data(#"{"entities": {"hrw": {"type": "organization", "name": "Human Rights Watch"}}}"#.utf8)
            .write(to: folder.appendingPathComponent("entities.json"))
        try Data("😀 [[hrw]]\n".utf8).write(to: folder.appendingPathComponent("a.md"))
        let uri = DocumentURI(filePath: folder.path + "/a.md").rawValue

        let harness = Harness()
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#)
        #expect(harness.errorCode(id: 1) == -32002)

        harness.send(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"rootUri":"\#(DocumentURI(filePath: folder.path).rawValue)","capabilities":{"general":{"positionEncodings":["utf-32"]}}}}"#)
        let initialize = try #require(harness.response(id: 2)?["result"] as? [String: Any])
        let capabilities = try #require(initialize["capabilities"] as? [String: Any])
        #expect(capabilities["positionEncoding"] as? String == "utf-32")
        harness.send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)

        harness.send(#"{"jsonrpc":"2.0","id":3,"method":"marginalia/nothing","params":{}}"#)
        #expect(harness.errorCode(id: 3) == -32601)
        harness.send(#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":7}}"#)
        #expect(harness.errorCode(id: 4) == -32602)

        // UTF-32: "😀 [[" is 4 code points, so column 4 is the start of "hrw".
        harness.send(#"{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(uri)"},"position":{"line":0,"character":5}}}"#)
        let hover = try #require(harness.response(id: 5)?["result"] as? [String: Any])
        let range = try #require(hover["range"] as? [String: [String: Int]])
        #expect(range["start"] == ["line": 0, "character": 4])
        #expect(((hover["contents"] as? [String: Any])?["value"] as? String)?.contains("Human Rights Watch") == true)

        harness.send(#"{"jsonrpc":"2.0","id":6,"method":"shutdown"}"#)
        #expect(harness.response(id: 6)?.keys.contains("result") == true)
        harness.send(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}"#)
        #expect(harness.errorCode(id: 7) == -32600)
        harness.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(harness.exited.wait(timeout: .now() + 10) == .success)
        #expect(harness.server.exitCode == 0)
    }
}
