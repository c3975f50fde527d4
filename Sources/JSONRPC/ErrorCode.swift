/// A JSON-RPC / LSP error code; an open set, so codes this module does not name still round-trip.
public struct ErrorCode: RawRepresentable, Codable, Hashable, Sendable {
    /// The integer sent on the wire.
    public var rawValue: Int

    /// Wraps any integer code.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Decodes the bare integer.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    /// Encodes the bare integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The body was not valid JSON.
    public static let parseError = ErrorCode(rawValue: -32700)
    /// The JSON was not a valid request object.
    public static let invalidRequest = ErrorCode(rawValue: -32600)
    /// The method does not exist or is not available.
    public static let methodNotFound = ErrorCode(rawValue: -32601)
    /// The params did not decode as the method expects.
    public static let invalidParams = ErrorCode(rawValue: -32602)
    /// The server failed while handling the request.
    public static let internalError = ErrorCode(rawValue: -32603)
    /// A request arrived before `initialize`.
    public static let serverNotInitialized = ErrorCode(rawValue: -32002)
    /// LSP's catch-all code.
    public static let unknownErrorCode = ErrorCode(rawValue: -32001)
    /// A syntactically valid request the server could not complete (LSP 3.17).
    public static let requestFailed = ErrorCode(rawValue: -32803)
    /// The server cancelled the request itself (LSP 3.17).
    public static let serverCancelled = ErrorCode(rawValue: -32802)
    /// The document changed under the request, so its result is stale.
    public static let contentModified = ErrorCode(rawValue: -32801)
    /// The client cancelled the request.
    public static let requestCancelled = ErrorCode(rawValue: -32800)
}

/// The `error` member of a JSON-RPC response.
public struct ResponseError: Error, Codable, Hashable, Sendable {
    /// What kind of failure this is.
    public var code: ErrorCode
    /// A short human-readable description.
    public var message: String
    /// Optional structured detail.
    public var data: JSONValue?

    /// Builds an error from its three members.
    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// A method-not-found error naming the method.
    public static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(code: .methodNotFound, message: "method not found: \(method)")
    }

    /// An invalid-params error with the decoder's explanation.
    public static func invalidParams(_ message: String) -> ResponseError {
        ResponseError(code: .invalidParams, message: message)
    }

    /// An internal error with a message.
    public static func internalError(_ message: String) -> ResponseError {
        ResponseError(code: .internalError, message: message)
    }

    /// The error for a request the client cancelled.
    public static let cancelled = ResponseError(code: .requestCancelled, message: "request cancelled")
}
