import Testing
@testable import MarginaliaCore

/// `Source` keeps its fields behind one shared reference: it must still behave as a plain value.
@Suite struct SourceValueTests {
    /// A source with every field set.
    static func sample(key: String = "doe2020") -> Source {
        Source(
            key: key, keyRange: 9..<16, entryRange: 0..<80, path: "/c/refs.bib", format: .bibtex,
            entryType: "article", authors: [PersonName(family: "Doe", given: "J.")], year: "2020",
            title: "A Title", container: "A Journal", url: "https://example.org/a", doi: "10.1/a",
            fields: ["title": SourceField(value: "A Title", range: 30..<37)], aliases: ["doe-a"])
    }

    @Test func mutatingACopyLeavesTheOriginal() {
        let original = Self.sample()
        var copy = original
        copy.key = "roe2021"
        copy.keyRange = 1..<2
        copy.entryRange = 0..<3
        copy.path = "/c/other.bib"
        copy.format = .cslJSON
        copy.entryType = "book"
        copy.authors.append(PersonName(family: "Roe"))
        copy.year = nil
        copy.title = "Other"
        copy.container = nil
        copy.url = nil
        copy.doi = "10.1/b"
        copy.fields["note"] = SourceField(value: "n", range: 40..<41)
        copy.aliases[0] = "roe-a"

        #expect(original == Self.sample())
        #expect(original.key == "doe2020")
        #expect(original.authors == [PersonName(family: "Doe", given: "J.")])
        #expect(original.fields.keys.sorted() == ["title"])
        #expect(original.aliases == ["doe-a"])
        #expect(copy.key == "roe2021")
        #expect(copy.keyRange == 1..<2)
        #expect(copy.format == .cslJSON)
        #expect(copy.authors.map(\.family) == ["Doe", "Roe"])
        #expect(copy.year == nil)
        #expect(copy.fields.keys.sorted() == ["note", "title"])
        #expect(copy.aliases == ["roe-a"])
    }

    @Test func mutatingTheOriginalLeavesACopy() {
        var original = Self.sample()
        let copy = original
        original.title = nil
        original.fields["title"] = nil
        #expect(copy == Self.sample())
        #expect(copy.title == "A Title")
        #expect(original.title == nil)
        #expect(original.fields.isEmpty)
    }

    @Test func copiesInACollectionAreIndependent() {
        var sources = [Self.sample(), Self.sample()]
        sources[1].year = "2021"
        #expect(sources[0].year == "2020")
        #expect(sources[1].year == "2021")
    }

    @Test func equalityAndHashAreByValue() {
        let a = Self.sample()
        let b = Self.sample()
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)

        var changed = b
        changed.keyRange = 10..<17
        #expect(a != changed)
        #expect(Set([a, changed]).count == 2)

        // Changed and changed back: a value equal to the original though never shared with it.
        var restored = a
        restored.doi = nil
        restored.doi = "10.1/a"
        #expect(restored == a)
        #expect(restored.hashValue == a.hashValue)
    }

    @Test func everyFieldTakesPartInEquality() {
        let base = Self.sample()
        let edits: [(inout Source) -> Void] = [
            { $0.key = "x" }, { $0.keyRange = 0..<1 }, { $0.entryRange = 0..<1 }, { $0.path = "/x" },
            { $0.format = .cslJSON }, { $0.entryType = "x" }, { $0.authors = [] }, { $0.year = "x" },
            { $0.title = "x" }, { $0.container = "x" }, { $0.url = "x" }, { $0.doi = "x" },
            { $0.fields = [:] }, { $0.aliases = [] },
        ]
        for edit in edits {
            var other = base
            edit(&other)
            #expect(other != base)
        }
    }
}
