/// Streams pretty-printed JSON (two-space indentation, `"key": value`, empty containers as
/// `{}` and `[]`) into a `ByteWriter`, byte for byte what `JSON.text` prints, without building
/// a tree: reporters write each finding as they go.
///
/// Callers pair `beginObject`/`endObject` and `beginArray`/`endArray`; inside an object every
/// value is preceded by `key`.
final class JSONWriter {
    /// Where the bytes go.
    let out: ByteWriter
    /// One entry per open container: whether it is an array, and whether it is still empty.
    private var containers: [(isArray: Bool, isEmpty: Bool)] = []

    /// A writer appending to `out`.
    init(_ out: ByteWriter) {
        self.out = out
        containers.reserveCapacity(16)
    }

    /// Starts a line for the next member or element: `\n` or `,\n`, then the indentation.
    @inline(__always)
    private func newMember() {
        let last = containers.count - 1
        if containers[last].isEmpty {
            containers[last].isEmpty = false
            out.append(UInt8(ascii: "\n"))
        } else {
            out.append(",\n" as StaticString)
        }
        out.appendSpaces(2 * containers.count)
    }

    /// Before a value: inside an array it starts a new element line; after a key nothing.
    @inline(__always)
    private func beforeValue() {
        if let last = containers.last, last.isArray { newMember() }
    }

    /// Writes an object member's key (a literal known to need no escaping) and `: `.
    func key(_ name: StaticString) {
        newMember()
        out.append(UInt8(ascii: "\""))
        out.append(name)
        out.append("\": " as StaticString)
    }

    /// Writes an object member's key, escaped, and `: ` (a literal picks `key(_: StaticString)`).
    func key(escaping name: String) {
        newMember()
        JSONWriter.writeString(name, to: out)
        out.append(": " as StaticString)
    }

    /// Opens an object.
    func beginObject() {
        beforeValue()
        out.append(UInt8(ascii: "{"))
        containers.append((false, true))
    }

    /// Closes the innermost object.
    func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array.
    func beginArray() {
        beforeValue()
        out.append(UInt8(ascii: "["))
        containers.append((true, true))
    }

    /// Closes the innermost array.
    func endArray() { close(UInt8(ascii: "]")) }

    private func close(_ bracket: UInt8) {
        let closed = containers.removeLast()
        if !closed.isEmpty {
            out.append(UInt8(ascii: "\n"))
            out.appendSpaces(2 * containers.count)
        }
        out.append(bracket)
    }

    /// Writes a string value.
    func string(_ value: String) {
        beforeValue()
        JSONWriter.writeString(value, to: out)
    }

    /// Writes an integer value.
    func int(_ value: Int) {
        beforeValue()
        out.append(value)
    }

    /// Writes a boolean value.
    func bool(_ value: Bool) {
        beforeValue()
        out.append(value ? "true" as StaticString : "false")
    }

    /// Writes null.
    func null() {
        beforeValue()
        out.append("null" as StaticString)
    }

    /// `"name": "value"`.
    func member(_ name: StaticString, _ value: String) {
        key(name)
        JSONWriter.writeString(value, to: out)
    }

    /// `"name": 12`.
    func member(_ name: StaticString, _ value: Int) {
        key(name)
        out.append(value)
    }

    /// Writes a tree value (small, fixed parts of a report such as SARIF's rule list).
    func value(_ json: JSON) {
        switch json {
        case .object(let members):
            beginObject()
            for (name, member) in members {
                key(escaping: name)
                value(member)
            }
            endObject()
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .string(let text): string(text)
        case .int(let number): int(number)
        case .bool(let flag): bool(flag)
        case .null: null()
        }
    }

    /// Writes a JSON string literal, with the server's escaper (`JSONRPC.JSONWriter.appendString`).
    static func writeString(_ value: String, to out: ByteWriter) {
        out.appendJSONString(value)
    }
}
