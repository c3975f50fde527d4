/// A type that writes its own JSON, byte for byte what `JSONEncoder` would write once parsed.
///
/// `JSONEncoder` costs tens of microseconds per small struct (1,000 diagnostics take ~10 ms);
/// the types on hot paths (completion items, diagnostics, locations) write themselves instead.
/// Members keep their declaration order and nil optionals are omitted, as synthesized
/// `Codable` does; tests check each type against `JSONEncoder` parsed back.
public protocol JSONWritable: Encodable {
    /// Appends this value's JSON to `writer`.
    func write(to writer: inout JSONWriter)
}

/// An append-only JSON byte buffer that places commas itself.
///
/// Call `key` before each member of an object and nothing before an array element: the
/// writer adds the separating comma when a value follows another.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value or key follows a sibling and needs a comma first.
    private var needsComma = false

    /// An empty writer; `capacity` reserves room for the expected output.
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes a value that follows a sibling with its comma.
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `{`.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"name":` before a member's value; `name` is a plain ASCII wire name, written unescaped.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// `"name":` for a name known only at run time (object keys of `JSONValue`).
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
        needsComma = true
    }

    /// A decimal integer, written without going through `String`.
    public mutating func integer(_ value: Int) {
        separate()
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digitCount = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        // Room for the digits first, then filled from the last one back.
        var index = bytes.count + digitCount
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        while magnitude > 0 {
            index -= 1
            bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        needsComma = true
    }

    /// A floating-point number; integral values within 2^53 as integers, as `JSONEncoder` writes them.
    public mutating func double(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return integer(Int(value))
        }
        separate()
        // Non-finite numbers have no JSON spelling; `JSONEncoder` refuses them, null keeps the message valid.
        bytes.append(contentsOf: value.isFinite ? Array("\(value)".utf8) : [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    /// A JSON string (see `appendString`).
    public mutating func string(_ value: String) {
        separate()
        JSONWriter.appendString(value, to: &bytes)
        needsComma = true
    }

    /// Appends `value` as a JSON string literal: `"` and `\` escaped, `\n`, `\r`, `\t` by name,
    /// other control bytes as `\u00XX`, the rest as UTF-8. The one string escaper of every JSON
    /// writer (the server's and the command line's reports).
    public static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none needs an escape: most text needs none.
                if index + 8 <= utf8.count,
                   !JSONWriter.wordNeedsEscape(UnsafeRawBufferPointer(utf8).loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                    runStart = index + 1
                    appendEscape(byte, to: &bytes)
                }
                index += 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is a control byte, `"` or `\` (bit tricks: a byte is below
    /// 0x20, or equal to a constant, exactly when its lane borrows in the subtraction).
    @inline(__always)
    static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & highs
        let backslash = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & highs
        return (control | quote | backslash) != 0
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The escape of one byte that may not appear raw in a JSON string.
    private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
        }
    }

    /// JSON written elsewhere (by another writer), appended as one value.
    public mutating func json(_ written: [UInt8]) {
        separate()
        bytes.append(contentsOf: written)
        needsComma = true
    }

    /// Any writable value.
    public mutating func value(_ value: some JSONWritable) {
        value.write(to: &self)
    }

    /// A member whose value is omitted when nil, as synthesized `Codable` does.
    public mutating func member<Value: JSONWritable>(_ name: StaticString, _ value: Value?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    /// A string member omitted when nil.
    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// An integer member omitted when nil.
    public mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// A boolean member omitted when nil.
    public mutating func member(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// The elements in order.
    public func write(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.write(to: &writer) }
        writer.endArray()
    }
}

extension String: JSONWritable {
    /// The escaped string.
    public func write(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONWritable {
    /// The decimal integer.
    public func write(to writer: inout JSONWriter) { writer.integer(self) }
}

extension Bool: JSONWritable {
    /// `true` or `false`.
    public func write(to writer: inout JSONWriter) { writer.bool(self) }
}

extension RequestID: JSONWritable {
    /// The number or string.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .number(let number): writer.integer(number)
        case .string(let string): writer.string(string)
        }
    }
}

extension JSONValue: JSONWritable {
    /// The value; object members in key order, so equal values always write equal bytes.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .integer(let value): writer.integer(value)
        case .double(let value): writer.double(value)
        case .string(let value): writer.string(value)
        case .array(let values): values.write(to: &writer)
        case .object(let members):
            writer.beginObject()
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                writer.key(key)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
