import Testing
@testable import MarginaliaCore

@Suite struct ConfigurationParserTests {
    @Test func emptyObjectGivesDefaults() {
        let config = ConfigurationParser.parse(SourceText("{}"), path: "/c/marginalia.json")
        #expect(config.issues.isEmpty)
        #expect(config == Configuration(path: "/c/marginalia.json"))
    }

    @Test func briefExample() {
        let json = """
            { "$schema": "https://example.org/marginalia.schema.json",
              "documents": ["texts/**/*.md", "texts/**/*.txt"],
              "exclude": ["drafts/**"],
              "sources": ["references.bib", "zotero.json"],
              "entities": "people.json",
              "codebook": "codebook.json",
              "mentions": { "implicit": false },
              "rules": { "unsourced-figure": "info",
                         "unused-source": { "severity": "hint" },
                         "weasel-attribution": "off",
                         "bare-url-citation": { "minDigits": 4, "words": ["a", "b"], "strict": true } } }
            """
        let config = ConfigurationParser.parse(SourceText(json), path: "/c/marginalia.json")
        #expect(config.issues.isEmpty)
        #expect(config.documents == ["texts/**/*.md", "texts/**/*.txt"])
        #expect(config.exclude == ["drafts/**"])
        #expect(config.sources == ["references.bib", "zotero.json"])
        #expect(config.entities == ["people.json"])
        #expect(config.codebook == "codebook.json")
        #expect(config.implicitMentions == false)
        #expect(config.rules == [
            "unsourced-figure": .severity(.info), "unused-source": .severity(.hint), "weasel-attribution": .off,
        ])
        #expect(config.ruleOptions == ["bare-url-citation": ["minDigits": "4", "words": "a,b", "strict": "true"]])
    }

    @Test func problems() {
        let json = """
            {"documents": 3, "rules": {"unused-note": "loud", "empty-note": 2, "unused-source": {"severity": true}, "unsourced-figures": "off"},
             "mentions": {"implicit": "yes", "other": 1}, "colour": "red"}
            """
        let config = ConfigurationParser.parse(SourceText(json), path: "/m.json")
        #expect(config.documents == Configuration.defaultDocuments)
        #expect(config.rules == ["unsourced-figures": .off])
        #expect(config.issues.map(\.message) == [
            "\"documents\" must be a string or an array of strings, not a number",
            "unknown severity \"loud\" for rule \"unused-note\": use \"off\", \"hint\", \"info\", \"warning\" or \"error\"",
            "rule \"empty-note\" must be a severity (\"off\", \"hint\", \"info\", \"warning\" or \"error\") or an object, not a number",
            "the severity of rule \"unused-source\" must be \"off\", \"hint\", \"info\", \"warning\" or \"error\", not a boolean",
            "unknown rule \"unsourced-figures\": did you mean \"unsourced-figure\"?",
            "\"mentions.implicit\" must be true or false, not a string",
            "unknown key \"other\" in \"mentions\" (known: implicit)",
            "unknown key \"colour\" in marginalia.json (known: $schema, documents, exclude, sources, entities, codebook, mentions, rules)",
        ])
        #expect(config.issues[1].range == byteRange(of: "loud", in: json))
        #expect(config.issues[7].range == byteRange(of: "colour", in: json))
        #expect(config.issues.allSatisfy { $0.rule == RuleID.invalidRegistry })
    }

    @Test func syntaxError() {
        let config = ConfigurationParser.parse(SourceText("{\"codebook\": \"a.json\",, }"), path: "/m.json")
        #expect(config.codebook == "a.json")
        #expect(config.issues.count == 1)
        #expect(config.issues[0].range.lowerBound == 22)
    }
}
