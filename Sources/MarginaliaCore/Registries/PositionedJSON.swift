/// A JSON value with the byte range it was read from.
public struct JSONNode: Sendable, Hashable {
    /// The kinds of JSON value; containers hold positioned children.
    public enum Value: Sendable, Hashable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, kept as written so that ids like `12` or `1.50` round-trip.
        case number(String)
        /// A string, escapes decoded.
        case string(String)
        /// An array.
        case array([JSONNode])
        /// An object: members in file order, duplicate keys kept.
        case object([JSONMember])
    }

    /// The value.
    public var value: Value
    /// Byte range of the whole value (quotes and brackets included).
    public var range: Range<Int>

    /// Creates a node.
    public init(value: Value, range: Range<Int>) {
        self.value = value
        self.range = range
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The members, when this is an object.
    public var members: [JSONMember]? {
        if case .object(let m) = value { return m }
        return nil
    }

    /// The elements, when this is an array.
    public var elements: [JSONNode]? {
        if case .array(let a) = value { return a }
        return nil
    }

    /// The boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    /// The number as written, when this is a number.
    public var numberText: String? {
        if case .number(let n) = value { return n }
        return nil
    }

    /// The first member named `key`, when this is an object.
    public func member(_ key: String) -> JSONMember? {
        members?.first { $0.key == key }
    }

    /// Byte range of a string's content (inside the quotes); the whole range for other values.
    public var contentRange: Range<Int> {
        if case .string = value, range.count >= 2 { return (range.lowerBound + 1)..<(range.upperBound - 1) }
        return range
    }

    /// A short name of the value's kind for messages ("a string", "an object").
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One member of a JSON object, with the ranges of its key and of the whole member.
public struct JSONMember: Sendable, Hashable {
    /// The key, escapes decoded.
    public var key: String
    /// Byte range of the key's content, inside the quotes.
    public var keyRange: Range<Int>
    /// The value.
    public var value: JSONNode
    /// Byte range from the key's opening quote to the end of the value.
    public var range: Range<Int>

    /// Creates a member.
    public init(key: String, keyRange: Range<Int>, value: JSONNode, range: Range<Int>) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
        self.range = range
    }
}

/// A tolerant JSON parser that keeps byte positions, for registries whose errors must point
/// at the exact place (Foundation's decoders give neither positions nor partial results).
public enum PositionedJSON {
    /// Containers nested deeper than this are an error, so hostile input cannot exhaust the stack.
    public static let maximumDepth = 512

    /// Parses `text` (a UTF-8 BOM is skipped). On a syntax error, returns what was recovered
    /// before it (objects and arrays keep their complete members) and one issue at the error.
    public static func parse(
        _ text: SourceText, rule: String = RuleID.invalidRegistry
    ) -> (value: JSONNode?, issues: [ParseIssue]) {
        text.bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(buffer: buffer, rule: rule, position: text.bomLength)
            parser.skipWhitespace()
            if parser.position >= buffer.count {
                parser.fail("expected a JSON value, found end of file", at: parser.position)
                return (nil, parser.issues)
            }
            let value = parser.parseValue(depth: 0)
            if !parser.failed {
                parser.skipWhitespace()
                if parser.position < buffer.count {
                    parser.fail("unexpected content after the JSON value", at: parser.position)
                }
            }
            return (value, parser.issues)
        }
    }

    private struct Parser {
        let buffer: UnsafeBufferPointer<UInt8>
        let rule: String
        var position: Int
        var issues: [ParseIssue] = []
        /// Set by the first syntax error: every level then stops and returns what it has.
        var failed = false

        init(buffer: UnsafeBufferPointer<UInt8>, rule: String, position: Int) {
            self.buffer = buffer
            self.rule = rule
            self.position = position
        }

        mutating func fail(_ message: String, at offset: Int) {
            guard !failed else { return }
            failed = true
            let start = min(offset, buffer.count)
            let end = start < buffer.count ? start + SourceText.validSequenceLength(buffer, at: start) : start
            issues.append(ParseIssue(rule: rule, message: message, range: start..<end))
        }

        mutating func skipWhitespace() {
            while position < buffer.count {
                let b = buffer[position]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                    position += 1
                } else if b == 0x2F && position + 1 < buffer.count && (buffer[position + 1] == 0x2F || buffer[position + 1] == 0x2A) {
                    fail("comments are not allowed in JSON", at: position)
                    return
                } else {
                    return
                }
            }
        }

        func describe(_ offset: Int) -> String {
            guard offset < buffer.count else { return "end of file" }
            let b = buffer[offset]
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            if b == 0x20 { return "a space" }
            return "byte 0x" + String(b, radix: 16, uppercase: true)
        }

        mutating func parseValue(depth: Int) -> JSONNode? {
            guard position < buffer.count else {
                fail("expected a JSON value, found end of file", at: position)
                return nil
            }
            let start = position
            switch buffer[position] {
            case 0x7B:  // {
                if depth >= PositionedJSON.maximumDepth {
                    fail("JSON nested deeper than \(PositionedJSON.maximumDepth) levels", at: position)
                    return nil
                }
                return parseObject(depth: depth + 1)
            case 0x5B:  // [
                if depth >= PositionedJSON.maximumDepth {
                    fail("JSON nested deeper than \(PositionedJSON.maximumDepth) levels", at: position)
                    return nil
                }
                return parseArray(depth: depth + 1)
            case 0x22:
                guard let s = parseString() else { return nil }
                return JSONNode(value: .string(s), range: start..<position)
            case 0x74:
                return parseLiteral("true", .bool(true))
            case 0x66:
                return parseLiteral("false", .bool(false))
            case 0x6E:
                return parseLiteral("null", .null)
            case 0x2D, 0x30...0x39:
                return parseNumber()
            default:
                fail("expected a JSON value, found \(describe(position))", at: position)
                return nil
            }
        }

        mutating func parseLiteral(_ word: StaticString, _ value: JSONNode.Value) -> JSONNode? {
            let start = position
            let length = word.utf8CodeUnitCount
            var ok = start + length <= buffer.count
            if ok {
                let p = word.utf8Start
                for k in 0..<length where buffer[start + k] != p[k] {
                    ok = false
                    break
                }
            }
            if ok && start + length < buffer.count && isWordByte(buffer[start + length]) { ok = false }
            guard ok else {
                fail("expected a JSON value, found \(describe(start))", at: start)
                return nil
            }
            position = start + length
            return JSONNode(value: value, range: start..<position)
        }

        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }

        func isDigit(_ offset: Int) -> Bool {
            offset < buffer.count && buffer[offset] >= 0x30 && buffer[offset] <= 0x39
        }

        mutating func parseNumber() -> JSONNode? {
            let start = position
            var i = position
            if buffer[i] == 0x2D { i += 1 }
            guard isDigit(i) else {
                fail("expected a digit after '-'", at: i)
                return nil
            }
            if buffer[i] == 0x30 {
                i += 1
            } else {
                while isDigit(i) { i += 1 }
            }
            if i < buffer.count && buffer[i] == 0x2E {
                i += 1
                guard isDigit(i) else {
                    fail("expected a digit after the decimal point", at: i)
                    return nil
                }
                while isDigit(i) { i += 1 }
            }
            if i < buffer.count && (buffer[i] == 0x65 || buffer[i] == 0x45) {
                i += 1
                if i < buffer.count && (buffer[i] == 0x2B || buffer[i] == 0x2D) { i += 1 }
                guard isDigit(i) else {
                    fail("expected a digit in the exponent", at: i)
                    return nil
                }
                while isDigit(i) { i += 1 }
            }
            if i < buffer.count && isWordByte(buffer[i]) {
                fail("unexpected \(describe(i)) in a number", at: i)
                return nil
            }
            position = i
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<i]), as: UTF8.self)
            return JSONNode(value: .number(text), range: start..<i)
        }

        func hexValue(_ b: UInt8) -> UInt32? {
            switch b {
            case 0x30...0x39: UInt32(b - 0x30)
            case 0x41...0x46: UInt32(b - 0x41 + 10)
            case 0x61...0x66: UInt32(b - 0x61 + 10)
            default: nil
            }
        }

        func hex4(at offset: Int) -> UInt32? {
            guard offset + 4 <= buffer.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                guard let h = hexValue(buffer[offset + k]) else { return nil }
                v = v << 4 | h
            }
            return v
        }

        /// Parses a string starting at the opening quote; leaves `position` after the closing one.
        mutating func parseString() -> String? {
            let start = position
            var i = position + 1
            // Fast path: no escapes and no control characters.
            while i < buffer.count {
                let b = buffer[i]
                if b == 0x22 {
                    position = i + 1
                    return String(decoding: UnsafeBufferPointer(rebasing: buffer[(start + 1)..<i]), as: UTF8.self)
                }
                if b == 0x5C || b < 0x20 { break }
                i += 1
            }
            var out = [UInt8](UnsafeBufferPointer(rebasing: buffer[(start + 1)..<i]))
            while i < buffer.count {
                let b = buffer[i]
                if b == 0x22 {
                    position = i + 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 {
                    if b == 0x0A || b == 0x0D {
                        fail("unterminated string (a string cannot span lines)", at: start)
                    } else {
                        fail("control character \(describe(i)) in a string must be escaped", at: i)
                    }
                    return nil
                }
                if b != 0x5C {
                    out.append(b)
                    i += 1
                    continue
                }
                guard i + 1 < buffer.count else { break }
                let e = buffer[i + 1]
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard let unit = hex4(at: i + 2) else {
                        fail("expected four hex digits after '\\u'", at: i)
                        return nil
                    }
                    var scalar: UInt32 = 0xFFFD
                    var consumed = 6
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        // A high surrogate needs a low one next; alone, it becomes U+FFFD.
                        if i + 7 < buffer.count && buffer[i + 6] == 0x5C && buffer[i + 7] == 0x75,
                            let low = hex4(at: i + 8), low >= 0xDC00 && low <= 0xDFFF
                        {
                            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            consumed = 12
                        }
                    } else if !(unit >= 0xDC00 && unit <= 0xDFFF) {
                        scalar = unit
                    }
                    if let s = Unicode.Scalar(scalar) {
                        out.append(contentsOf: Array(String(Character(s)).utf8))
                    }
                    i += consumed
                    continue
                default:
                    fail("invalid escape \\\(Character(Unicode.Scalar(e))) in a string", at: i)
                    return nil
                }
                i += 2
            }
            fail("unterminated string", at: start)
            return nil
        }

        mutating func parseArray(depth: Int) -> JSONNode {
            let start = position
            position += 1
            var elements: [JSONNode] = []
            skipWhitespace()
            if failed { return JSONNode(value: .array(elements), range: start..<position) }
            if position < buffer.count && buffer[position] == 0x5D {
                position += 1
                return JSONNode(value: .array(elements), range: start..<position)
            }
            while true {
                // A container cut short by an error is kept: its complete members are useful.
                if let value = parseValue(depth: depth) { elements.append(value) }
                if failed || !continuesAfterItem(closing: 0x5D, item: "array element") { break }
            }
            return JSONNode(value: .array(elements), range: start..<position)
        }

        mutating func parseObject(depth: Int) -> JSONNode {
            let start = position
            position += 1
            var members: [JSONMember] = []
            skipWhitespace()
            if failed { return JSONNode(value: .object(members), range: start..<position) }
            if position < buffer.count && buffer[position] == 0x7D {
                position += 1
                return JSONNode(value: .object(members), range: start..<position)
            }
            while true {
                guard position < buffer.count else {
                    fail("expected a member name in quotes, found end of file", at: position)
                    break
                }
                guard buffer[position] == 0x22 else {
                    fail("expected a member name in quotes, found \(describe(position))", at: position)
                    break
                }
                let keyStart = position
                guard let key = parseString() else { break }
                let keyRange = (keyStart + 1)..<(position - 1)
                skipWhitespace()
                if failed { break }
                guard position < buffer.count, buffer[position] == 0x3A else {
                    fail("expected ':' after member name \"\(key)\", found \(describe(position))", at: position)
                    break
                }
                position += 1
                skipWhitespace()
                if failed { break }
                guard let value = parseValue(depth: depth) else { break }
                members.append(JSONMember(key: key, keyRange: keyRange, value: value, range: keyStart..<value.range.upperBound))
                if failed || !continuesAfterItem(closing: 0x7D, item: "object member") { break }
            }
            return JSONNode(value: .object(members), range: start..<position)
        }

        /// After an array element or object member: a comma continues (true); the closing
        /// bracket ends the container (false); anything else, or a trailing comma, fails.
        mutating func continuesAfterItem(closing: UInt8, item: String) -> Bool {
            let closer = closing == 0x5D ? "]" : "}"
            skipWhitespace()
            if failed { return false }
            guard position < buffer.count else {
                fail("expected ',' or '\(closer)' after \(item), found end of file", at: position)
                return false
            }
            if buffer[position] == 0x2C {
                let commaOffset = position
                position += 1
                skipWhitespace()
                if failed { return false }
                if position < buffer.count && buffer[position] == closing {
                    fail("trailing comma before '\(closer)'", at: commaOffset)
                    return false
                }
                return true
            }
            if buffer[position] == closing {
                position += 1
                return false
            }
            fail("expected ',' or '\(closer)' after \(item), found \(describe(position))", at: position)
            return false
        }
    }
}
