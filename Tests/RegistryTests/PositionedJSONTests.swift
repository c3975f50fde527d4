import Testing
@testable import MarginaliaCore

@Suite struct PositionedJSONTests {
    @Test func valuesKeysAndRanges() throws {
        let json = #"{ "a": [1, -2.5e3, true, null], "b\u00e9": "x\"y", "c": {} }"#
        let (value, issues) = PositionedJSON.parse(SourceText(json))
        #expect(issues.isEmpty)
        let members = try #require(value?.members)
        #expect(members.map(\.key) == ["a", "bé", "c"])
        #expect(members[0].keyRange == byteRange(of: "a", in: json))
        #expect(members[0].range == byteOffset(of: "\"a\"", in: json)..<(byteOffset(of: "null]", in: json) + 5))
        let a = try #require(members[0].value.elements)
        #expect(a.map(\.numberText) == ["1", "-2.5e3", nil, nil])
        #expect(a[2].boolValue == true)
        #expect(a[1].range == byteRange(of: "-2.5e3", in: json))
        #expect(members[1].keyRange == byteRange(of: #"b\u00e9"#, in: json))
        #expect(members[1].value.stringValue == "x\"y")
        #expect(members[1].value.range == byteRange(of: #""x\"y""#, in: json))
        #expect(members[1].value.contentRange == byteRange(of: #"x\"y"#, in: json))
        #expect(members[2].value.members == [])
    }

    @Test func surrogatesAndBOM() throws {
        let json = "\u{FEFF}" + #"["\ud83d\ude00", "\ud800", "\udc00x", "a\u0000b"]"#
        let (value, issues) = PositionedJSON.parse(SourceText(json))
        #expect(issues.isEmpty)
        let strings = try #require(value?.elements).map(\.stringValue)
        #expect(strings == ["😀", "\u{FFFD}", "\u{FFFD}x", "a\u{0}b"])
        #expect(value?.range.lowerBound == 3)
    }

    @Test func duplicateKeysKeptInOrder() throws {
        let json = #"{"x": 1, "x": 2}"#
        let members = try #require(PositionedJSON.parse(SourceText(json)).value?.members)
        #expect(members.map(\.key) == ["x", "x"])
        #expect(members.map { $0.value.numberText } == ["1", "2"])
        #expect(members[1].keyRange == byteRange(of: "x", in: json, occurrence: 1))
    }

    @Test func errorKeepsCompleteMembers() throws {
        let json = "{\n  \"a\": 1,\n  \"b\": {\"c\": 2, \"d\": 3}\n  \"e\": 4\n}"
        let (value, issues) = PositionedJSON.parse(SourceText(json))
        #expect(issues.count == 1)
        #expect(issues.first?.message.hasPrefix("expected ',' or '}' after object member") == true)
        #expect(issues.first?.range == byteOffset(of: "\"e\"", in: json)..<(byteOffset(of: "\"e\"", in: json) + 1))
        #expect(issues.first?.rule == RuleID.invalidRegistry)
        let members = try #require(value?.members)
        #expect(members.map(\.key) == ["a", "b"])
    }

    @Test func partialNestedContainersAreKept() throws {
        let json = #"{"entities": {"a": {"type": "person"}, "b": {"type": "person",}, "c": {}}}"#
        let (value, issues) = PositionedJSON.parse(SourceText(json))
        #expect(issues.count == 1)
        #expect(issues[0].message == "trailing comma before '}'")
        #expect(issues[0].range.lowerBound == byteOffset(of: ",}", in: json))
        let entities = try #require(value?.member("entities")?.value.members)
        #expect(entities.map(\.key) == ["a", "b"])
    }

    @Test(arguments: [
        ("", 0, "expected a JSON value, found end of file"),
        ("[1, 2", 5, "expected ',' or ']' after array element, found end of file"),
        ("{\"a\" 1}", 5, "expected ':' after member name \"a\", found '1'"),
        ("{a: 1}", 1, "expected a member name in quotes, found 'a'"),
        ("[1] x", 4, "unexpected content after the JSON value"),
        ("// c\n{}", 0, "comments are not allowed in JSON"),
        ("[tru]", 1, "expected a JSON value, found 't'"),
        ("[01]", 2, "unexpected '1' in a number"),
        ("[\"abc", 1, "unterminated string"),
        ("[\"a\\x\"]", 3, "invalid escape \\x in a string"),
        ("{\"a\": 1,}", 7, "trailing comma before '}'"),
    ])
    func errors(json: String, offset: Int, message: String) {
        let (_, issues) = PositionedJSON.parse(SourceText(json), rule: "r")
        #expect(issues.count == 1)
        #expect(issues.first?.range.lowerBound == offset)
        #expect(issues.first?.message == message)
        #expect(issues.first?.rule == "r")
    }

    @Test func deepNestingIsAnIssueNotACrash() {
        let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let (value, issues) = PositionedJSON.parse(SourceText(json))
        #expect(value != nil)
        #expect(issues.count == 1)
        #expect(issues.first?.range.lowerBound == PositionedJSON.maximumDepth)
        #expect(issues.first?.message.contains("nested deeper") == true)
        let objects = String(repeating: "{\"a\":", count: 10_000)
        #expect(PositionedJSON.parse(SourceText(objects)).issues.count == 1)
    }

    @Test func invalidUTF8InStringsBecomesReplacement() throws {
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF] + Array("b\"]".utf8)
        let (value, issues) = PositionedJSON.parse(SourceText(bytes: bytes))
        #expect(issues.isEmpty)
        #expect(try #require(value?.elements).first?.stringValue == "a\u{FFFD}b")
    }
}
