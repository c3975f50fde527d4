/// A document URI as the client spells it, with conversions between `file:` URIs and absolute paths.
///
/// Equality is on the spelling: keep the client's own URI strings when answering about its
/// documents, and use `filePath` to match them against files found on disk.
public struct DocumentURI: RawRepresentable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The URI text.
    public var rawValue: String

    /// Wraps a URI string as received.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a URI string as received.
    public init(_ string: String) { self.rawValue = string }

    /// The `file://` URI of an absolute path, percent-encoding every byte outside RFC 3986's unreserved set and `/`.
    public init(filePath: String) {
        var encoded = "file://"
        if !filePath.hasPrefix("/") { encoded += "/" }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(filePath.utf8.count)
        for byte in filePath.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        encoded += String(decoding: bytes, as: UTF8.self)
        self.rawValue = encoded
    }

    /// The absolute path of a local `file:` URI, percent-decoded; nil for other schemes, remote hosts or bad escapes.
    public var filePath: String? {
        let utf8 = Array(rawValue.utf8)
        let scheme = Array("file:".utf8)
        guard utf8.count >= scheme.count,
            zip(utf8[0..<scheme.count], scheme).allSatisfy({ asciiLowercased($0) == $1 })
        else { return nil }
        var rest = utf8[scheme.count...]
        // A query or fragment is not part of the path; an encoded '#' arrives as %23 and survives.
        if let end = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            rest = rest[..<end]
        }
        if rest.starts(with: Array("//".utf8)) {
            rest = rest.dropFirst(2)
            let authorityEnd = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            let authority = String(decoding: rest[..<authorityEnd], as: UTF8.self)
            guard authority.isEmpty || authority.lowercased() == "localhost" else { return nil }
            rest = rest[authorityEnd...]
        }
        guard rest.first == UInt8(ascii: "/") else { return nil }
        guard let decoded = Self.percentDecoded(rest) else { return nil }
        return String(validating: decoded, as: UTF8.self)
    }

    /// The bytes of `encoded` with every `%XX` replaced by its byte; nil for a malformed escape.
    static func percentDecoded(_ encoded: ArraySlice<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let byte = encoded[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < encoded.endIndex, let high = hexValue(encoded[index + 1]),
                    let low = hexValue(encoded[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// The value of one hex digit.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Decodes the bare URI string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the bare URI string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Orders by spelling, for stable output.
    public static func < (lhs: DocumentURI, rhs: DocumentURI) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The URI text.
    public var description: String { rawValue }
}

/// ASCII lower-casing of one byte.
private func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte + 32 : byte
}
