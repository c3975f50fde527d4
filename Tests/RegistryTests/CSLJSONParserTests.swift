import Testing
@testable import MarginaliaCore

@Suite struct CSLJSONParserTests {
    @Test func zoteroItems() throws {
        let json = """
            [
              {"id": "hrw2019", "type": "report", "title": "World Report",
               "author": [{"literal": "Human Rights Watch"}],
               "issued": {"date-parts": [[2019, 1]]}, "publisher": "HRW",
               "URL": "https://hrw.org/r", "DOI": "https://doi.org/10.1/X"},
              {"id": 42, "type": "article-journal", "container-title": "J",
               "editor": [{"family": "Gogh", "non-dropping-particle": "van", "given": "Vincent", "suffix": "Jr."}],
               "issued": {"raw": "2020-05-03"}},
              {"id": "edtf", "issued": "2019/2020"},
              {"id": "range", "issued": {"date-parts": [[2019], [2021]]}},
              {"id": "literal", "issued": {"literal": "circa 1850"}}
            ]
            """
        let file = CSLJSONParser.parse(SourceText(json), path: "/c/refs.json")
        #expect(file.issues.isEmpty)
        #expect(file.sources.map(\.key) == ["hrw2019", "42", "edtf", "range", "literal"])
        let hrw = file.sources[0]
        #expect(hrw.keyRange == byteRange(of: "hrw2019", in: json))
        #expect(hrw.entryRange.lowerBound == byteOffset(of: "{\"id\": \"hrw2019\"", in: json))
        #expect(slice(json, hrw.entryRange).hasSuffix("10.1/X\"}"))
        #expect(hrw.format == .cslJSON)
        #expect(hrw.entryType == "report")
        #expect(hrw.authors == [PersonName(family: "Human Rights Watch")])
        #expect(hrw.year == "2019")
        #expect(hrw.fields["issued"]?.value == "2019-01")
        #expect(hrw.container == "HRW")
        #expect(hrw.url == "https://hrw.org/r")
        #expect(hrw.doi == "10.1/X")
        #expect(hrw.fields["title"]?.range == byteRange(of: "World Report", in: json))
        let second = file.sources[1]
        #expect(second.keyRange == byteRange(of: "42", in: json))
        #expect(second.authors == [PersonName(family: "van Gogh", given: "Vincent, Jr.")])
        #expect(second.year == "2020")
        #expect(second.container == "J")
        #expect(file.sources[2].year == "2019/2020")
        #expect(file.sources[3].year == "2019/2021")
        #expect(file.sources[4].year == "1850")
    }

    @Test func itemsWrapperAndProblems() throws {
        let json = #"{"items": [{"title": "no id"}, 7, {"id": true}, {"id": "ok", "author": "x"}]}"#
        let file = CSLJSONParser.parse(SourceText(json), path: "/r.json")
        #expect(file.sources.map(\.key) == ["ok"])
        #expect(file.issues.count == 4)
        #expect(file.issues.allSatisfy { $0.rule == RuleID.unreadableBibliography })
        #expect(file.issues[1].range == byteRange(of: "7", in: json))
        #expect(file.issues[2].range == byteRange(of: "true", in: json))
        #expect(file.issues[3].message == "\"author\" must be an array of names, not a string")
    }

    @Test func syntaxErrorKeepsEarlierItems() {
        let json = "[\n{\"id\": \"a\"},\n{\"id\": \"b\"}\n{\"id\": \"c\"}\n]"
        let file = CSLJSONParser.parse(SourceText(json), path: "/r.json")
        #expect(file.sources.map(\.key) == ["a", "b"])
        #expect(file.issues.count == 1)
        #expect(file.issues[0].rule == RuleID.unreadableBibliography)
        #expect(file.issues[0].range.lowerBound == byteOffset(of: "{\"id\": \"c\"", in: json))
        #expect(SourceText(json).line(containing: file.issues[0].range.lowerBound) == 3)
    }

    @Test(arguments: [
        (#""issued": "2020-05""#, "2020"), (#""issued": "2019/2020""#, "2019/2020"), (#""issued": "2020-05-03/2020-06""#, "2020"),
        (#""issued": {"date-parts": [["2018", "3"]]}"#, "2018"), (#""issued": {"date-parts": [[2001], [2003, 2]]}"#, "2001/2003"),
        (#""issued": {"raw": "Spring 1999"}"#, "1999"), (#""issued": "1850~""#, "1850"), (#""issued": 2021"#, "2021"),
    ])
    func edtfAndDateParts(issued: String, year: String) throws {
        let json = "[{\"id\": \"x\", \(issued)}]"
        let file = CSLJSONParser.parse(SourceText(json), path: "/r.json")
        #expect(file.issues.isEmpty)
        #expect(try #require(file.sources.first).year == year)
    }
}
