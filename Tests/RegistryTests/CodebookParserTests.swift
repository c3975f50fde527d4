import Testing
@testable import MarginaliaCore

@Suite struct CodebookParserTests {
    static let briefCodebook = """
        { "types": {
            "claim":     { "description": "A factual assertion a reader should be able to check.",
                           "requiresCitation": true,
                           "attributes": { "confidence": { "values": ["low", "high"] } } },
            "statistic": { "parent": "claim", "description": "A number presented as fact." },
            "quote":     { "description": "Words attributed to a speaker.",
                           "attributes": {
                             "speaker": { "description": "Entity id of the speaker." },
                             "mode":    { "description": "How the words are reported.",
                                          "values": ["direct", "indirect", "translated"] } } },
            "percent":   { "parent": "statistic", "requiresCitation": false,
                           "attributes": { "confidence": { "description": "Override." } } } },
          "entityTypes": {
            "person": { "description": "A named individual." },
            "organization": { "description": "A group, agency or company." } } }
        """

    @Test func parsesTheBriefExample() throws {
        let json = Self.briefCodebook
        let book = CodebookParser.parse(SourceText(json), path: "/c/codebook.json")
        #expect(book.issues.isEmpty)
        #expect(book.path == "/c/codebook.json")
        #expect(book.types.map(\.name) == ["claim", "statistic", "quote", "percent"])
        #expect(book.entityTypes.map(\.name) == ["person", "organization"])
        let quote = try #require(book.type(named: "quote"))
        #expect(quote.range == byteRange(of: "quote", in: json))
        #expect(quote.attributes.map(\.name) == ["speaker", "mode"])
        #expect(quote.attributes[1].values == ["direct", "indirect", "translated"])
        #expect(quote.attributes[0].values == nil)
        #expect(quote.attributes[1].range == byteRange(of: "mode", in: json))
        #expect(book.entityType(named: "person")?.description == "A named individual.")
    }

    @Test func inheritance() throws {
        let book = CodebookParser.parse(SourceText(Self.briefCodebook), path: "/c/codebook.json")
        let statistic = try #require(book.resolvedType("statistic"))
        #expect(statistic.requiresCitation)
        #expect(statistic.ancestors == ["claim"])
        #expect(statistic.attributes.map(\.name) == ["confidence"])
        let percent = try #require(book.resolvedType("percent"))
        #expect(percent.requiresCitation == false)
        #expect(percent.ancestors == ["statistic", "claim"])
        #expect(percent.attribute("confidence")?.description == "Override.")
        #expect(percent.attribute("confidence")?.values == nil)
        #expect(book.resolvedType("quote")?.requiresCitation == false)
        #expect(book.resolvedType("nope") == nil)
        #expect(Codebook.builtIn.resolvedType("statistic")?.requiresCitation == true)
    }

    @Test func cyclesAndUnknownParents() throws {
        let json = """
            {"types": {"a": {"parent": "b"}, "b": {"parent": "a", "requiresCitation": true},
                       "c": {"parent": "ghost"}, "d": {"parent": "d"}}}
            """
        let book = CodebookParser.parse(SourceText(json), path: "/cb.json")
        #expect(book.issues.map(\.message) == [
            "type \"a\" is its own ancestor (parent cycle through \"b\")",
            "type \"b\" is its own ancestor (parent cycle through \"a\")",
            "type \"c\" has an unknown parent \"ghost\"",
            "type \"d\" is its own ancestor (parent cycle through \"d\")",
        ])
        #expect(book.issues[2].range == byteRange(of: "ghost", in: json))
        let a = try #require(book.resolvedType("a"))
        #expect(a.ancestors == ["b"])
        #expect(a.requiresCitation)
        #expect(book.resolvedType("d")?.ancestors == [])
        #expect(book.resolvedType("c")?.ancestors == [])
    }

    @Test func wrongTypes() {
        let json = #"{"types": {"a": {"requiresCitation": "yes", "attributes": {"x": {"values": "v"}}}}, "bogus": 1}"#
        let book = CodebookParser.parse(SourceText(json), path: "/cb.json")
        #expect(book.types.count == 1)
        #expect(book.issues.map(\.message) == [
            "\"requiresCitation\" of type \"a\" must be true or false, not a string",
            "\"values\" of attribute \"x\" of type \"a\" must be an array of strings, not a string",
            "unknown key \"bogus\" in a codebook (known: $schema, types, entityTypes)",
        ])
        #expect(book.issues[0].range == byteRange(of: "\"yes\"", in: json))
    }
}
