/// The id of a JSON-RPC request: the protocol allows an integer or a string, and both must round-trip.
public enum RequestID: Codable, Hashable, Sendable, CustomStringConvertible {
    /// An integer id, as most clients send.
    case number(Int)
    /// A string id.
    case string(String)

    /// Decodes an integer or a string; anything else is a type mismatch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            throw DecodingError.typeMismatch(
                RequestID.self,
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "id must be an integer or a string"))
        }
    }

    /// Encodes the id as the JSON number or string it came as.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    /// The id as it would be written in a log line.
    public var description: String {
        switch self {
        case .number(let number): return String(number)
        case .string(let string): return "\"\(string)\""
        }
    }
}

extension RequestID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// Lets tests and callers write `1` for `.number(1)`.
    public init(integerLiteral value: Int) { self = .number(value) }
    /// Lets tests and callers write `"a"` for `.string("a")`.
    public init(stringLiteral value: String) { self = .string(value) }
}
