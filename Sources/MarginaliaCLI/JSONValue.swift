/// A JSON value with ordered object keys, so that output is deterministic and reads in a
/// sensible order (JSONSerialization sorts or scrambles keys).
indirect enum JSON: Sendable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    /// A string, or null when nil.
    static func optional(_ string: String?) -> JSON { string.map(JSON.string) ?? .null }

    /// Pretty-printed text with two-space indentation and a final newline.
    var text: String {
        let out = ByteWriter(descriptor: nil)
        write(to: out)
        return out.text
    }

    /// Streams the pretty-printed text and a final newline to `out`.
    func write(to out: ByteWriter) {
        JSONWriter(out).value(self)
        out.append(UInt8(ascii: "\n"))
    }
}
