import Foundation
import Testing
@testable import MarginaliaCLI
@testable import MarginaliaCore

/// The streaming pieces behind `check`'s reporters, against the straightforward code they
/// replaced: same bytes, same positions, same fingerprints.
@Suite struct ReporterInternalsTests {
    /// Texts with the awkward cases: CRLF, lone CR, tabs, multi-byte and 4-byte characters,
    /// ill-formed UTF-8 (truncated, overlong, surrogate, stray continuation), long ASCII runs.
    static let texts: [[UInt8]] = {
        var texts: [[UInt8]] = [
            [],
            Array("one line".utf8),
            Array("a\nb\r\nc\rd\n".utf8),
            Array("  héllo wörld — “quoted” 😀 end\r\n\tindented\n\n".utf8),
            Array("plain ascii run of more than eight bytes, twice over; plain ascii again\n".utf8),
            [0x61, 0xE2, 0x82, 0x0A, 0x20, 0xC0, 0xAF, 0x62, 0xED, 0xA0, 0x80, 0x0D, 0x80, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0x20, 0xFF, 0x0A],
        ]
        var generator = SplitMix(seed: 7)
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array(" ".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8),
            Array("é".utf8), Array("—".utf8), Array("😀".utf8), [0xE2, 0x82], [0x80], [0xF4, 0x90, 0x80, 0x80], Array("\t".utf8),
        ]
        for _ in 0..<20 {
            var text: [UInt8] = []
            for _ in 0..<(generator.next() % 300) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            texts.append(text)
        }
        return texts
    }()

    @Test func cursorAgreesWithSourceTextForSortedAndUnsortedOffsets() {
        for bytes in Self.texts {
            let text = SourceText(bytes: bytes)
            var cursor = LineColumnCursor(text)
            var offsets = Array(-1...(bytes.count + 1))
            var generator = SplitMix(seed: UInt64(bytes.count))
            offsets += (0..<200).map { _ in Int(generator.next() % UInt64(bytes.count + 2)) }
            for offset in offsets {
                let expected = text.position(of: min(max(0, offset), text.count), in: .utf32)
                let got = cursor.position(offset)
                #expect(got.zeroBasedLine == expected.zeroBasedLine && got.zeroBasedColumn == expected.zeroBasedColumn,
                        "offset \(offset) of \(bytes)")
            }
        }
    }

    @Test func lineTableAgreesWithPerLineWidths() {
        for bytes in Self.texts {
            let text = SourceText(bytes: bytes)
            var expected = [0]
            for line in 0..<(text.lineCount - 1) {
                let content = text.contentRange(ofLine: line)
                let width = text.position(of: content.upperBound, in: .utf32).zeroBasedColumn
                expected.append(expected[line] + width + (text.lineStarts[line + 1] - content.upperBound))
            }
            #expect(FilePositions.lineTable(text) == expected)
        }
    }

    @Test func streamedJSONMatchesTheTreeWriter() {
        let strings = ["", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\rcr", "\u{0}\u{1}\u{1F}\u{7F}", "é 😀 “x”"]
        let tree = JSON.object([
            ("empty object", .object([])), ("empty array", .array([])),
            ("strings", .array(strings.map(JSON.string))),
            ("numbers", .array([.int(0), .int(-12), .int(Int.max), .int(Int.min), .int(1_000_000)])),
            ("nested", .object([("a", .array([.object([("b", .bool(true)), ("c", .null)]), .array([])])), ("d", .bool(false))])),
        ])
        #expect(tree.text == ReferenceJSON.text(tree))
        let out = ByteWriter(descriptor: nil)
        let json = JSONWriter(out)
        json.beginObject()
        json.member("n", 3)
        json.key("list")
        json.beginArray()
        for string in strings { json.string(string) }
        json.endArray()
        json.key("none")
        json.beginArray()
        json.endArray()
        json.endObject()
        out.append(UInt8(ascii: "\n"))
        let expected = JSON.object([("n", .int(3)), ("list", .array(strings.map(JSON.string))), ("none", .array([]))])
        #expect(out.text == ReferenceJSON.text(expected))
    }

    @Test func fingerprintsMatchTheStringBuildingDefinition() {
        let root = "/corpus"
        var findings: [Finding] = []
        for (index, bytes) in Self.texts.enumerated() {
            let path = root + "/doc\(index).md"
            for offset in stride(from: 0, through: bytes.count, by: 3) {
                findings.append(Finding(rule: offset % 2 == 0 ? "rule-a" : "rule-b", severity: .warning, message: "m", path: path,
                                        range: offset..<offset))
            }
        }
        // Texts are kept as bytes (ill-formed ones too): build the corpus from them.
        var texts: [String: SourceText] = [:]
        for (index, bytes) in Self.texts.enumerated() { texts[root + "/doc\(index).md"] = SourceText(bytes: bytes) }
        findings.append(Finding(rule: "rule-a", severity: .error, message: "m", path: "/elsewhere/unknown.md", range: 0..<0))
        var seen: [String: Int] = [:]
        let reference: [String] = findings.map { finding in
            let relative = Baseline.relativePath(finding.path, root: root)
            var lineText = ""
            if let text = texts[finding.path] {
                let content = text.contentRange(ofLine: text.line(containing: finding.range.lowerBound))
                let utf8 = Array(String(decoding: text.bytes[content], as: UTF8.self).utf8)
                var start = 0
                var end = utf8.count
                func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
                while start < end && isSpace(utf8[start]) { start += 1 }
                while end > start && isSpace(utf8[end - 1]) { end -= 1 }
                lineText = String(decoding: utf8[start..<end], as: UTF8.self)
            }
            let identity = finding.rule + "\u{0}" + relative + "\u{0}" + lineText
            let index = seen[identity, default: 0]
            seen[identity] = index + 1
            return Baseline.hexHash(identity + "\u{0}" + String(index))
        }
        let got = Baseline.fingerprintHashes(of: findings, textOf: { texts[$0] }, root: root).map(Baseline.hex)
        #expect(got == reference)
    }
}

/// The pretty printer `JSON.text` used before the streaming writer, kept as the reference.
enum ReferenceJSON {
    static func text(_ value: JSON) -> String {
        var out = ""
        write(value, to: &out, indent: 0)
        return out + "\n"
    }

    static func write(_ value: JSON, to out: inout String, indent: Int) {
        switch value {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, (key, member)) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                writeString(key, to: &out)
                out += ": "
                write(member, to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                write(item, to: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .string(let string): writeString(string, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func writeString(_ string: String, to out: inout String) {
        out += "\"" + Fixes.jsonEscaped(string) + "\""
    }
}

/// A small deterministic generator for test inputs.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
