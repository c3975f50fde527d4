import Testing
@testable import MarginaliaCore

@Suite struct EntitiesParserTests {
    @Test func briefExample() throws {
        let json = """
            { "$schema": "../schemas/entities.schema.json",
              "entities": {
                "hrw": { "type": "organization", "name": "Human Rights Watch",
                         "aliases": ["HRW"], "note": "International human-rights NGO.",
                         "sameAs": ["https://www.wikidata.org/wiki/Q187052"] },
                "paris": { "type": "place" } } }
            """
        let file = EntitiesParser.parse(SourceText(json), path: "/c/entities.json")
        #expect(file.issues.isEmpty)
        #expect(file.entities.map(\.id) == ["hrw", "paris"])
        let hrw = file.entities[0]
        #expect(hrw.idRange == byteRange(of: "hrw", in: json))
        #expect(hrw.entryRange == byteOffset(of: "\"hrw\"", in: json)..<(byteOffset(of: "Q187052\"] }", in: json) + 11))
        #expect(hrw.type == "organization")
        #expect(hrw.typeRange == byteRange(of: "organization", in: json))
        #expect(hrw.name == "Human Rights Watch")
        #expect(hrw.nameRange == byteRange(of: "Human Rights Watch", in: json))
        #expect(hrw.aliases == ["HRW"])
        #expect(hrw.note == "International human-rights NGO.")
        #expect(hrw.sameAs == ["https://www.wikidata.org/wiki/Q187052"])
        #expect(hrw.path == "/c/entities.json")
        #expect(file.entities[1].name == "paris")
        #expect(file.entities[1].nameRange == nil)
    }

    @Test func duplicatesWrongTypesAndUnknownKeys() throws {
        let json = """
            {"entities": {
              "a": {"type": "person", "name": 5, "aliases": ["x", 1], "colour": "red"},
              "a": {"name": "Second A"},
              "b": "not an object"},
             "extra": true}
            """
        let file = EntitiesParser.parse(SourceText(json), path: "/e.json")
        #expect(file.entities.map(\.id) == ["a", "a", "b"])
        #expect(file.entities[0].name == "a")
        #expect(file.entities[0].aliases == ["x"])
        #expect(file.entities[1].name == "Second A")
        #expect(file.entities[1].idRange == byteOffset(of: "\"a\"", in: json, occurrence: 1) + 1..<byteOffset(of: "\"a\"", in: json, occurrence: 1) + 2)
        let messages = file.issues.map(\.message)
        #expect(messages == [
            "\"name\" of entity \"a\" must be a string, not a number",
            "each item of \"aliases\" of entity \"a\" must be a string, not a number",
            "unknown key \"colour\" in entity \"a\" (known: type, name, aliases, note, sameAs)",
            "entity \"a\" has no \"type\"",
            "entity \"b\" must be an object, not a string",
            "unknown key \"extra\" in an entities file (known: $schema, entities)",
        ])
        #expect(file.issues.allSatisfy { $0.rule == RuleID.invalidRegistry })
        #expect(file.issues[0].range == byteRange(of: "5", in: json))
        #expect(file.issues[2].range == byteRange(of: "colour", in: json))
    }

    @Test func brokenFileKeepsEntitiesBeforeTheError() {
        let json = "{\"entities\": {\n \"a\": {\"type\": \"person\"},\n \"b\": {\"type\": \"place\"}\n \"c\": {}}}"
        let file = EntitiesParser.parse(SourceText(json), path: "/e.json")
        #expect(file.entities.map(\.id) == ["a", "b"])
        #expect(file.issues.count == 1)
        #expect(file.issues[0].range.lowerBound == byteOffset(of: "\"c\"", in: json))
    }

    @Test func notAnObject() {
        let file = EntitiesParser.parse(SourceText("[]"), path: "/e.json")
        #expect(file.entities.isEmpty)
        #expect(file.issues.map(\.message) == ["an entities file must be a JSON object, not an array"])
    }
}
