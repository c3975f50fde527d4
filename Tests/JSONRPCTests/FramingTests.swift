import Foundation
import Testing

@testable import JSONRPC

/// Frames `body` with the given header lines before the blank line.
func frame(_ body: String, headers: [String]? = nil) -> [UInt8] {
    let bodyBytes = Array(body.utf8)
    let lines = headers ?? ["Content-Length: \(bodyBytes.count)"]
    return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + bodyBytes
}

/// The bodies and error count a framer produces from `chunks`.
func run(_ chunks: [ArraySlice<UInt8>]) -> (bodies: [String], errors: [FramingError]) {
    var framer = MessageFramer()
    var bodies: [String] = []
    var errors: [FramingError] = []
    for chunk in chunks {
        for event in framer.feed(chunk) {
            switch event {
            case .message(let data): bodies.append(String(decoding: data, as: UTF8.self))
            case .error(let error): errors.append(error)
            }
        }
    }
    return (bodies, errors)
}

/// Splits `bytes` into chunks of pseudo-random sizes from a fixed seed.
func randomChunks(_ bytes: [UInt8], seed: UInt64, maxSize: Int) -> [ArraySlice<UInt8>] {
    var state = seed
    var chunks: [ArraySlice<UInt8>] = []
    var start = 0
    while start < bytes.count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let size = 1 + Int((state >> 33) % UInt64(maxSize))
        let end = min(bytes.count, start + size)
        chunks.append(bytes[start..<end])
        start = end
    }
    return chunks
}

@Suite struct FramingTests {
    let bodies = [
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
        #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        #"{"jsonrpc":"2.0","method":"x","params":{"text":"héllo 😀 \r\n\r\n Content-Length: 3"}}"#,
        "",
        #"{"a":1}"#,
    ]

    /// The stream of all test bodies, some with Content-Type and mixed-case header names.
    var stream: [UInt8] {
        var bytes: [UInt8] = []
        for (index, body) in bodies.enumerated() {
            let length = body.utf8.count
            switch index % 3 {
            case 0: bytes += frame(body)
            case 1:
                bytes += frame(
                    body,
                    headers: ["content-length: \(length)", "Content-Type: application/vscode-jsonrpc; charset=utf-8"])
            default:
                bytes += frame(body, headers: ["Content-Type: application/vscode-jsonrpc", "CONTENT-LENGTH:\(length)  "])
            }
        }
        return bytes
    }

    @Test func wholeStream() {
        let result = run([stream[...]])
        #expect(result.bodies == bodies)
        #expect(result.errors.isEmpty)
    }

    @Test func byteByByte() {
        let result = run(stream.map { [$0][...] })
        #expect(result.bodies == bodies)
        #expect(result.errors.isEmpty)
    }

    @Test(arguments: [2, 3, 7, 16, 64]) func randomChunkSizes(maxSize: Int) {
        for seed in UInt64(1)...20 {
            let result = run(randomChunks(stream, seed: seed, maxSize: maxSize))
            #expect(result.bodies == bodies)
            #expect(result.errors.isEmpty)
        }
    }

    @Test func bogusContentLengthRecovers() {
        var bytes = frame(#"{"a":1}"#)
        bytes += Array("Content-Length: abc\r\n\r\n{garbage}".utf8)
        bytes += frame(#"{"b":2}"#)
        bytes += Array("Content-Type: text/plain\r\n\r\nmore garbage ".utf8)
        bytes += frame(#"{"c":3}"#)
        bytes += Array("Content-Length: -5\r\n\r\n".utf8)
        bytes += frame(#"{"d":4}"#)
        for chunks in [[bytes[...]], bytes.map { [$0][...] }, randomChunks(bytes, seed: 7, maxSize: 9)] {
            let result = run(chunks)
            #expect(result.bodies == [#"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#, #"{"d":4}"#])
            #expect(result.errors.count == 3)
        }
    }

    @Test func leadingGarbageBeforeHeader() {
        let bytes = Array("junk".utf8) + frame(#"{"a":1}"#)
        let result = run([bytes[...]])
        #expect(result.bodies == [#"{"a":1}"#])
        #expect(result.errors.count == 1)
    }

    @Test func unterminatedHeaderGarbageRecovers() {
        let bytes = Array(repeating: UInt8(ascii: "z"), count: 20_000) + frame(#"{"a":1}"#)
        for chunks in [[bytes[...]], randomChunks(bytes, seed: 3, maxSize: 700)] {
            var framer = MessageFramer()
            var bodies: [Data] = []
            for chunk in chunks {
                for case .message(let body) in framer.feed(chunk) { bodies.append(body) }
                #expect(framer.bufferedByteCount <= 17_000)
            }
            #expect(bodies == [Data(#"{"a":1}"#.utf8)])
        }
    }

    @Test func hugeLengthIsSkipped() {
        var framer = MessageFramer(maximumBodyByteCount: 100)
        var events = framer.feed(Array("Content-Length: 150\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 60))
        #expect(events.count == 1)
        if case .error(let error) = events.first { #expect(error.discardedByteCount == 150) }
        events = framer.feed(Array(repeating: UInt8(ascii: "y"), count: 90) + frame(#"{"ok":true}"#))
        #expect(events == [.message(Data(#"{"ok":true}"#.utf8))])
        #expect(framer.bufferedByteCount == 0)
        // A length too long to be a number is bogus, not a crash.
        events = framer.feed(Array("Content-Length: 99999999999999999999999\r\n\r\n".utf8) + frame("{}"))
        #expect(events.count == 2)
        #expect(events.last == .message(Data("{}".utf8)))
    }
}
