import Foundation
import Testing

@testable import JSONRPC

/// Decodes a body given as text.
func decode(_ text: String) throws(MessageDecodingError) -> JSONRPCMessage {
    try JSONRPCMessage.decode(Data(text.utf8))
}

/// The error code decoding `text` fails with, or nil.
func failureCode(_ text: String) -> ErrorCode? {
    do {
        _ = try decode(text)
        return nil
    } catch {
        return error.error.code
    }
}

@Suite struct MessageTests {
    @Test func request() throws {
        let message = try decode(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"a":[1,{"b":"}"}]}}"#)
        #expect(message == .request(id: 7, method: "textDocument/hover", params: Data(#"{"a":[1,{"b":"}"}]}"#.utf8)))
        let stringID = try decode(#"{ "params" : [ 1 ] , "method":"m","id":"abc","jsonrpc":"2.0"}"#)
        #expect(stringID == .request(id: "abc", method: "m", params: Data("[ 1 ]".utf8)))
    }

    @Test func notificationWithoutParams() throws {
        let message = try decode(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(message == .notification(method: "exit", params: Data("null".utf8)))
        let nullParams = try decode(#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#)
        #expect(nullParams == .request(id: 1, method: "shutdown", params: Data("null".utf8)))
    }

    @Test func responses() throws {
        #expect(try decode(#"{"jsonrpc":"2.0","id":3,"result":null}"#) == .response(id: 3, result: Data("null".utf8), error: nil))
        let error = try decode(#"{"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"nope","data":{"k":[1]}}}"#)
        #expect(
            error
                == .response(
                    id: "x", result: nil,
                    error: ResponseError(code: .methodNotFound, message: "nope", data: ["k": [1]])))
        #expect(try decode(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#).method == nil)
    }

    @Test func parseErrors() {
        #expect(failureCode("") == .parseError)
        #expect(failureCode("{") == .parseError)
        #expect(failureCode(#"{"jsonrpc":"2.0","method":"m","params":{"a":tru}}"#) == .parseError)
        #expect(failureCode(#"{"jsonrpc":"2.0","method":"m"} trailing"#) == .parseError)
    }

    @Test func invalidRequests() {
        #expect(failureCode("[1,2]") == .invalidRequest)
        #expect(failureCode("42") == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"1.0","method":"m"}"#) == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"2.0","method":3}"#) == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"2.0","id":{},"method":"m"}"#) == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"2.0","id":1.5,"method":"m"}"#) == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"2.0","method":"m","params":3}"#) == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"2.0","id":1}"#) == .invalidRequest)
        #expect(failureCode(#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":""}}"#) == .invalidRequest)
        // The id is kept when it was readable, so the client can match the error.
        do {
            _ = try decode(#"{"jsonrpc":"2.0","id":9,"method":"m","params":"x"}"#)
            Issue.record("expected a failure")
        } catch {
            #expect(error.id == 9)
        }
    }

    @Test func loneSurrogateIsRepaired() throws {
        let body = #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"text":"a\ud800b\udc00c\ud83d\ude00d\\ud800"}}"#
        guard case .notification(_, let params) = try decode(body) else {
            Issue.record("not a notification")
            return
        }
        struct Params: Decodable { var text: String }
        let text = try decodeParams(Params.self, from: params).text
        #expect(text == "a\u{FFFD}b\u{FFFD}c😀d\\ud800")
    }

    @Test func invalidUTF8AndControlBytesAreRepaired() throws {
        var body = Array(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"text":"x"#.utf8)
        body += [0xFF, 0x41, 0xE2, 0x82, 0x42, 0x00, 0x43, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80]
        body += Array(#""}}"#.utf8)
        guard case .notification(let method, let params) = try JSONRPCMessage.decode(Data(body)) else {
            Issue.record("not a notification")
            return
        }
        #expect(method == "textDocument/didChange")
        struct Params: Decodable { var text: String }
        let text = try decodeParams(Params.self, from: params).text
        // E2 82 is one maximal subpart; ED A0 80 is three (ED only allows 80-9F next).
        #expect(text == "x\u{FFFD}A\u{FFFD}B\u{0}C😀\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func cleanInputIsNotCopied() {
        #expect(JSONSanitizer.sanitized(Data(#"{"a":"é\n\ud83d\ude00"}"#.utf8)) == nil)
    }

    @Test func responseEncoding() throws {
        let nilResult = String(decoding: try MessageEncoding.response(id: 1, result: nil), as: UTF8.self)
        #expect(nilResult.contains(#""result":null"#))
        #expect(nilResult.contains(#""id":1"#))
        let uri = String(decoding: try MessageEncoding.response(id: "a", result: ["uri": "file:///tmp/x"]), as: UTF8.self)
        #expect(uri.contains("file:///tmp/x"))
        let error = String(
            decoding: try MessageEncoding.errorResponse(id: nil, error: ResponseError(code: .parseError, message: "m")),
            as: UTF8.self)
        #expect(error.contains(#""id":null"#))
        #expect(error.contains(#""code":-32700"#))
        let notification = String(decoding: try MessageEncoding.notification(method: "exit", params: nil), as: UTF8.self)
        #expect(!notification.contains("params"))
        #expect(!notification.contains(#""id""#))
        // What we encode, we decode.
        let request = try MessageEncoding.request(id: 5, method: "window/workDoneProgress/create", params: ["token": "t"])
        #expect(
            try JSONRPCMessage.decode(request)
                == .request(id: 5, method: "window/workDoneProgress/create", params: Data(#"{"token":"t"}"#.utf8)))
    }

    @Test func requestIDAndErrorCodeRoundTrip() throws {
        let ids: [RequestID] = [1, "x", -3]
        let data = try JSONEncoder().encode(ids)
        #expect(String(decoding: data, as: UTF8.self) == #"[1,"x",-3]"#)
        #expect(try JSONDecoder().decode([RequestID].self, from: data) == ids)
        #expect(try JSONDecoder().decode(ErrorCode.self, from: Data("-32099".utf8)).rawValue == -32099)
        #expect(ErrorCode.requestFailed.rawValue == -32803)
    }
}
