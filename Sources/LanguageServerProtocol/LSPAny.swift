@_exported import JSONRPC

/// LSP's "any JSON" type; the same value type JSON-RPC uses for error data.
public typealias LSPAny = JSONValue

/// A value the protocol types as `integer | string`.
public enum IntegerOrString: Codable, Hashable, Sendable {
    /// The integer form.
    case integer(Int)
    /// The string form.
    case string(String)

    /// Decodes an integer or a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes the bare integer or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

extension IntegerOrString: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// `1` as the integer form.
    public init(integerLiteral value: Int) { self = .integer(value) }
    /// `"x"` as the string form.
    public init(stringLiteral value: String) { self = .string(value) }
}

/// The token of a progress report (`integer | string`).
public typealias ProgressToken = IntegerOrString

/// A diagnostic's code (`integer | string`); Marginalia uses rule ids, so strings.
public typealias DiagnosticCode = IntegerOrString

/// A value the protocol types as `string | MarkupContent` (documentation, tooltips).
public enum StringOrMarkupContent: Codable, Hashable, Sendable {
    /// A plain string.
    case string(String)
    /// Markup with its kind.
    case markup(MarkupContent)

    /// Decodes a string or a MarkupContent object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .markup(try container.decode(MarkupContent.self))
        }
    }

    /// Encodes the bare string or the object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .markup(let value): try container.encode(value)
        }
    }
}
