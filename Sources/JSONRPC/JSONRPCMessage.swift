import Foundation

/// One decoded JSON-RPC 2.0 message, with `params` and `result` kept as raw JSON for lazy, per-method decoding.
public enum JSONRPCMessage: Hashable, Sendable {
    /// A request expecting a response; `params` is the raw JSON (`null` when absent).
    case request(id: RequestID, method: String, params: Data)
    /// A notification; `params` is the raw JSON (`null` when absent).
    case notification(method: String, params: Data)
    /// A response to one of our requests: `result` raw JSON, or `error`. `id` is nil only when the peer sent `null`.
    case response(id: RequestID?, result: Data?, error: ResponseError?)

    /// The raw JSON used for absent params.
    public static let nullJSON = Data("null".utf8)

    /// Decodes one frame body, repairing lone surrogates, invalid UTF-8 and raw control bytes first.
    ///
    /// Throws `MessageDecodingError` carrying the response to send: -32700 when the body is not JSON,
    /// -32600 when it is JSON but not a request, notification or response.
    public static func decode(_ body: Data) throws(MessageDecodingError) -> JSONRPCMessage {
        let bytes = JSONSanitizer.sanitized(body) ?? body
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: bytes)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw MessageDecodingError(id: nil, error: ResponseError(code: .invalidRequest, message: "message is not a JSON object"))
        } catch {
            throw MessageDecodingError(id: nil, error: ResponseError(code: .parseError, message: "invalid JSON: \(error)"))
        }
        let members = bytes.withUnsafeBytes { raw in
            TopLevelScanner.memberRanges(raw.assumingMemoryBound(to: UInt8.self), keys: ["params", "result"])
        }
        func invalid(_ message: String) -> MessageDecodingError {
            var id: RequestID? = nil
            if case .valid(let validID) = envelope.id { id = validID }
            return MessageDecodingError(id: id, error: ResponseError(code: .invalidRequest, message: message))
        }
        guard envelope.jsonrpc == "2.0" else { throw invalid("\"jsonrpc\" must be \"2.0\"") }

        if envelope.hasMethod {
            guard let method = envelope.method else { throw invalid("\"method\" must be a string") }
            var params = nullJSON
            if let range = members["params"] {
                let value = bytes.subdata(in: bytes.startIndex + range.lowerBound..<bytes.startIndex + range.upperBound)
                // Some clients send `"params": null` (for `shutdown`, say); treat it as absent.
                if value != nullJSON {
                    guard let first = value.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
                    else { throw invalid("\"params\" must be an object or an array") }
                    params = value
                }
            }
            switch envelope.id {
            case .absent: return .notification(method: method, params: params)
            case .valid(let id): return .request(id: id, method: method, params: params)
            case .null, .invalid: throw invalid("request \"id\" must be an integer or a string")
            }
        }

        let result = members["result"].map {
            bytes.subdata(in: bytes.startIndex + $0.lowerBound..<bytes.startIndex + $0.upperBound)
        }
        guard (result != nil) != envelope.hasError else {
            throw invalid("a response needs exactly one of \"result\" and \"error\"")
        }
        if envelope.hasError && envelope.error == nil { throw invalid("\"error\" must have a code and a message") }
        switch envelope.id {
        case .valid(let id): return .response(id: id, result: result, error: envelope.error)
        case .null: return .response(id: nil, result: result, error: envelope.error)
        case .absent, .invalid: throw invalid("a response needs an \"id\"")
        }
    }

    /// The method name of a request or notification.
    public var method: String? {
        switch self {
        case .request(_, let method, _), .notification(let method, _): return method
        case .response: return nil
        }
    }
}

/// Why a body could not become a message, and the id to answer with (nil means JSON `null`).
public struct MessageDecodingError: Error, Hashable, Sendable {
    /// The request id, when the body got far enough to have one.
    public var id: RequestID?
    /// The error response to send.
    public var error: ResponseError

    /// Builds the error.
    public init(id: RequestID?, error: ResponseError) {
        self.id = id
        self.error = error
    }
}

/// Decodes `params` (or a response `result`) as the type a method expects; failures become -32602.
public func decodeParams<Params: Decodable>(_ type: Params.Type, from json: Data) throws(ResponseError) -> Params {
    do {
        return try JSONDecoder().decode(Params.self, from: json)
    } catch {
        throw ResponseError.invalidParams("cannot decode \(Params.self): \(describe(error))")
    }
}

/// A compact description of a decoding error: the coding path and the reason.
func describe(_ error: any Error) -> String {
    guard let decodingError = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch decodingError {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return "\(path(context)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
        return "\(path(context)): missing \"\(key.stringValue)\""
    @unknown default:
        return "\(error)"
    }
}

/// The envelope members, decoded leniently so a wrong type is classified rather than thrown.
private struct Envelope: Decodable {
    /// The state of the `id` member.
    enum IDField {
        case absent, null, invalid
        case valid(RequestID)
    }

    /// The member names of an envelope.
    enum CodingKeys: String, CodingKey {
        case jsonrpc, id, method, error
    }

    var jsonrpc: String?
    var id: IDField
    var hasMethod: Bool
    var method: String?
    var hasError: Bool
    var error: ResponseError?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jsonrpc = try? container.decodeIfPresent(String.self, forKey: .jsonrpc)
        if !container.contains(.id) {
            id = .absent
        } else if (try? container.decodeNil(forKey: .id)) == true {
            id = .null
        } else if let value = try? container.decode(RequestID.self, forKey: .id) {
            id = .valid(value)
        } else {
            id = .invalid
        }
        hasMethod = container.contains(.method)
        method = try? container.decode(String.self, forKey: .method)
        hasError = container.contains(.error)
        error = try? container.decode(ResponseError.self, forKey: .error)
    }
}

/// Finds the raw byte ranges of top-level members in a JSON object already validated by `JSONDecoder`.
enum TopLevelScanner {
    /// Ranges (relative to the buffer start) of the values of `keys`; later duplicates win.
    static func memberRanges(_ input: UnsafeBufferPointer<UInt8>, keys: Set<String>) -> [String: Range<Int>] {
        var ranges: [String: Range<Int>] = [:]
        var index = skipWhitespace(input, from: 0)
        guard index < input.count, input[index] == UInt8(ascii: "{") else { return ranges }
        index += 1
        while true {
            index = skipWhitespace(input, from: index)
            guard index < input.count, input[index] == UInt8(ascii: "\"") else { return ranges }
            let keyStart = index
            index = skipString(input, from: index)
            let key = keyString(input, keyStart..<index)
            index = skipWhitespace(input, from: index)
            guard index < input.count, input[index] == UInt8(ascii: ":") else { return ranges }
            index = skipWhitespace(input, from: index + 1)
            let valueStart = index
            index = skipValue(input, from: index)
            if let key, keys.contains(key) { ranges[key] = valueStart..<index }
            index = skipWhitespace(input, from: index)
            guard index < input.count, input[index] == UInt8(ascii: ",") else { return ranges }
            index += 1
        }
    }

    /// The key text; escaped keys are decoded properly, plain keys copied.
    private static func keyString(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        let slice = UnsafeBufferPointer(rebasing: input[range])
        if slice.contains(UInt8(ascii: "\\")) {
            return try? JSONDecoder().decode(String.self, from: Data(slice))
        }
        guard slice.count >= 2 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: slice[1..<slice.count - 1]), as: UTF8.self)
    }

    /// Index after JSON whitespace.
    private static func skipWhitespace(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < input.count {
            switch input[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    /// Index after the string starting at `start` (which holds the opening quote).
    private static func skipString(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < input.count {
            switch input[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return input.count
    }

    /// Index after the value starting at `start`.
    private static func skipValue(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < input.count else { return start }
        switch input[start] {
        case UInt8(ascii: "\""):
            return skipString(input, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < input.count {
                switch input[index] {
                case UInt8(ascii: "\""):
                    index = skipString(input, from: index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return index
        default:
            var index = start
            while index < input.count {
                switch input[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return index
                default: index += 1
                }
            }
            return index
        }
    }
}
