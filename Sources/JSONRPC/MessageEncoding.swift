import Foundation

/// Builds the JSON bodies of outgoing messages: by hand for `JSONWritable` payloads, else with `JSONEncoder`.
public enum MessageEncoding {
    /// An encoder configured for the wire: slashes unescaped, so URIs stay `file:///...`.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// A success response; a nil result is written as `"result": null`, as JSON-RPC requires.
    public static func response(id: RequestID, result: (any Encodable)?) throws -> Data {
        if let writable = result as? any JSONWritable {
            return envelope { writer in
                writer.key("id")
                id.write(to: &writer)
                writer.key("result")
                writable.write(to: &writer)
            }
        }
        return try makeEncoder().encode(ResponseBody(id: id, result: result))
    }

    /// An error response; a nil id is written as `"id": null` (for parse errors).
    public static func errorResponse(id: RequestID?, error: ResponseError) throws -> Data {
        try makeEncoder().encode(ErrorBody(id: id, error: error))
    }

    /// A notification; nil params are omitted.
    public static func notification(method: String, params: (any Encodable)?) throws -> Data {
        if let writable = params as? any JSONWritable {
            return envelope { writer in
                writer.key("method")
                writer.string(method)
                writer.key("params")
                writable.write(to: &writer)
            }
        }
        return try makeEncoder().encode(RequestBody(id: nil, method: method, params: params))
    }

    /// A request; nil params are omitted.
    public static func request(id: RequestID, method: String, params: (any Encodable)?) throws -> Data {
        try makeEncoder().encode(RequestBody(id: id, method: method, params: params))
    }

    /// A message written by hand: `{"jsonrpc":"2.0", members...}`.
    private static func envelope(_ members: (inout JSONWriter) -> Void) -> Data {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("jsonrpc")
        writer.string("2.0")
        members(&writer)
        writer.endObject()
        return Data(writer.bytes)
    }

    /// The `Content-Length` header for a body of `byteCount` bytes.
    public static func header(byteCount: Int) -> Data {
        Data("Content-Length: \(byteCount)\r\n\r\n".utf8)
    }
}

/// The members shared by every outgoing envelope.
private enum EnvelopeKeys: String, CodingKey {
    case jsonrpc, id, method, params, result, error
}

/// `{"jsonrpc":"2.0","id":…,"result":…}`.
private struct ResponseBody: Encodable {
    let id: RequestID
    let result: (any Encodable)?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKeys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        try container.encode(id, forKey: .id)
        if let result {
            try container.encode(result, forKey: .result)
        } else {
            try container.encodeNil(forKey: .result)
        }
    }
}

/// `{"jsonrpc":"2.0","id":…,"error":{…}}`.
private struct ErrorBody: Encodable {
    let id: RequestID?
    let error: ResponseError

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKeys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        if let id {
            try container.encode(id, forKey: .id)
        } else {
            try container.encodeNil(forKey: .id)
        }
        try container.encode(error, forKey: .error)
    }
}

/// `{"jsonrpc":"2.0","id":…,"method":…,"params":…}`; without an id it is a notification.
private struct RequestBody: Encodable {
    let id: RequestID?
    let method: String
    let params: (any Encodable)?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKeys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(method, forKey: .method)
        if let params {
            try container.encode(params, forKey: .params)
        }
    }
}
