import Foundation
import LanguageServerProtocol
import Testing

/// The hand-written JSON of a value, as the connection sends it.
func handJSON(_ value: some JSONWritable) -> Data {
    var writer = JSONWriter()
    value.write(to: &writer)
    return Data(writer.bytes)
}

/// Whether two JSON texts hold the same value (member order ignored).
func sameJSON(_ left: Data, _ right: Data) throws -> Bool {
    let options: JSONSerialization.ReadingOptions = [.fragmentsAllowed]
    let leftObject = try JSONSerialization.jsonObject(with: left, options: options)
    let rightObject = try JSONSerialization.jsonObject(with: right, options: options)
    return NSArray(array: [leftObject]).isEqual(NSArray(array: [rightObject]))
}

/// Checks a value's hand-written JSON against `JSONEncoder`'s, parsed back.
func expectSameAsEncoder(_ value: some JSONWritable, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let encoded = try MessageEncoding.makeEncoder().encode(value)
    let written = handJSON(value)
    #expect(try sameJSON(written, encoded), "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: encoded, as: UTF8.self))",
            sourceLocation: sourceLocation)
}

@Suite struct JSONWriterTests {
    let range = LSPRange(start: Position(line: 3, character: 7), end: Position(line: 12, character: 0))
    /// Every byte that needs an escape, plus quotes, backslashes, slashes and non-ASCII text.
    let awkward = "a\"b\\c/d\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} é 🇺🇦 \u{2028}\u{FFFD} file:///x y"

    @Test func scalars() throws {
        try expectSameAsEncoder(awkward)
        try expectSameAsEncoder("")
        for number in [0, 7, 10, 99, 100, -1, -10, 1_234_567, Int.max, Int.min] { try expectSameAsEncoder(number) }
        try expectSameAsEncoder(true)
        try expectSameAsEncoder([1, 2, 3])
        try expectSameAsEncoder([String]())
        try expectSameAsEncoder(RequestID.number(4))
        try expectSameAsEncoder(RequestID.string(awkward))
        #expect(String(decoding: handJSON(-120), as: UTF8.self) == "-120")
        #expect(String(decoding: handJSON("\u{1}\n"), as: UTF8.self) == #""\u0001\n""#)
    }

    /// The eight-byte scan finds an escape at any offset, in strings of any length.
    @Test func escapesAtEveryOffset() throws {
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "é", "\u{7F}", " ", "!", "#", "[", "]"] {
                    var text = String(repeating: "a", count: length)
                    if length > 0 {
                        text = String(text.prefix(position)) + special + String(text.dropFirst(position + 1))
                    }
                    try expectSameAsEncoder(text)
                }
            }
        }
        for byte in 0..<128 {
            try expectSameAsEncoder(String(repeating: String(UnicodeScalar(UInt8(byte))), count: 17))
        }
    }

    @Test func jsonValues() throws {
        let value: JSONValue = ["rule": "unknown-citation-key", "fixable": true, "n": 3, "x": .double(2.5), "big": .double(1e300),
                                "nothing": nil, "list": [1, "two", [:], []], "nested": ["k": [awkward: .double(-3)]]]
        try expectSameAsEncoder(value)
        // Object members are sorted, so equal values write equal bytes (result ids hash them).
        #expect(handJSON(["b": 1, "a": 2] as JSONValue) == Data(#"{"a":2,"b":1}"#.utf8))
    }

    @Test func completionLists() throws {
        let item = CompletionItem(
            label: awkward, kind: .reference, detail: "Smith 2020 · A title", documentation: .markup(.markdown("**x**\n\n`@k`")),
            sortText: "000001", filterText: "smith2020 smith a title", insertTextFormat: .plainText,
            textEdit: .textEdit(TextEdit(range: range, newText: "smith2020")))
        let full = CompletionItem(
            label: "b", kind: .variable, detail: nil, documentation: .string("plain"), sortText: nil, filterText: nil,
            insertText: "b]", insertTextFormat: .snippet,
            textEdit: .insertReplace(InsertReplaceEdit(newText: "b", insert: range, replace: range)),
            additionalTextEdits: [TextEdit(range: range, newText: "")], preselect: false, data: ["id": 1])
        try expectSameAsEncoder(CompletionList(isIncomplete: true, items: [item, full, CompletionItem(label: "bare")]))
        try expectSameAsEncoder(CompletionList(isIncomplete: false, items: []))
    }

    @Test func diagnosticsAndReports() throws {
        let uri = DocumentURI(rawValue: "file:///home/u/corpus/texts/a%20b.md")
        let diagnostic = Diagnostic(
            range: range, severity: .warning, code: .string("unused-source"), codeDescription: CodeDescription(href: "https://x/y"),
            source: "marginalia", message: awkward, tags: [.unnecessary],
            relatedInformation: [DiagnosticRelatedInformation(location: Location(uri: uri, range: range), message: "here")],
            data: ["rule": "unused-source", "fixable": false])
        let minimal = Diagnostic(range: range, code: .integer(3), message: "m")
        try expectSameAsEncoder(diagnostic)
        try expectSameAsEncoder(minimal)
        try expectSameAsEncoder(PublishDiagnosticsParams(uri: uri, version: 7, diagnostics: [diagnostic, minimal]))
        try expectSameAsEncoder(PublishDiagnosticsParams(uri: uri, diagnostics: []))
        try expectSameAsEncoder(DocumentDiagnosticReport.full(resultId: "abc", items: [diagnostic]))
        try expectSameAsEncoder(DocumentDiagnosticReport.full(resultId: nil, items: []))
        try expectSameAsEncoder(DocumentDiagnosticReport.unchanged(resultId: "abc"))
        try expectSameAsEncoder([Location(uri: uri, range: range)])
    }

    /// The envelopes written by hand carry the same members as the encoded ones.
    @Test func envelopes() throws {
        let list = CompletionList(isIncomplete: false, items: [CompletionItem(label: "x", kind: .text)])
        let response = try MessageEncoding.response(id: .string("r/1"), result: list)
        let object = try #require(try JSONSerialization.jsonObject(with: response) as? [String: Any])
        #expect(object["jsonrpc"] as? String == "2.0")
        #expect(object["id"] as? String == "r/1")
        #expect(try sameJSON(try JSONSerialization.data(withJSONObject: object["result"] as Any), handJSON(list)))

        let params = PublishDiagnosticsParams(uri: DocumentURI(rawValue: "file:///a.md"), diagnostics: [])
        let notification = try MessageEncoding.notification(method: PublishDiagnosticsParams.method, params: params)
        #expect(String(decoding: notification, as: UTF8.self)
                == #"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///a.md","diagnostics":[]}}"#)
        // Values that do not write themselves still go through JSONEncoder, and null stays null.
        let null = try MessageEncoding.response(id: 1, result: nil)
        #expect(try sameJSON(null, Data(#"{"jsonrpc":"2.0","id":1,"result":null}"#.utf8)))
    }
}
