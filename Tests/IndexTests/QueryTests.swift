import Testing
@testable import MarginaliaCore

/// A corpus built in memory from named files; `1️⃣`, `2️⃣`... mark positions in document text
/// (each marker used once across all the files of a fixture).
struct Fixture {
    static let root = "/fixture"
    let corpus: Corpus
    var markers: [String: (path: String, offset: Int)] = [:]

    init(_ files: [String: String]) {
        var overlays: [String: SourceText] = [:]
        var markers: [String: (path: String, offset: Int)] = [:]
        for (name, content) in files {
            let path = Fixture.root + "/" + name
            var bytes: [UInt8] = []
            var remaining = Substring(content)
            while let marker = Fixture.markerNames.compactMap({ name in remaining.range(of: name).map { (name, $0) } })
                .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                bytes += Array(remaining[..<marker.1.lowerBound].utf8)
                markers[marker.0] = (path, bytes.count)
                remaining = remaining[marker.1.upperBound...]
            }
            bytes += Array(remaining.utf8)
            overlays[path] = SourceText(bytes: bytes)
        }
        corpus = CorpusLoader.load(root: Fixture.root, overlays: overlays)
        self.markers = markers
    }

    static let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣"]

    func at(_ marker: String) -> (path: String, offset: Int) {
        markers[marker] ?? ("", 0)
    }

    func path(_ name: String) -> String { Fixture.root + "/" + name }

    /// "name.md:line:column" (1-based, code points) of a location.
    func describe(_ path: String, _ range: Range<Int>) -> String {
        let text = corpus.text(of: path)
        let position = text?.position(of: range.lowerBound, in: .utf32)
        let name = path.replacingOccurrences(of: Fixture.root + "/", with: "")
        return "\(name):\((position?.zeroBasedLine ?? -1) + 1):\((position?.zeroBasedColumn ?? -1) + 1)"
    }
}

let sampleFiles: [String: String] = [
    "references.bib": """
        @article{smith2020,
          author = {Smith, Jane and Doe, Alex},
          title = {Counting the Displaced},
          journal = {Journal of Migration},
          year = {2020},
          doi = {10.1000/xyz}
        }
        @book{unused2019,
          author = {Roe, Richard},
          title = {Never Cited},
          year = {2019},
          url = {https://example.org/never}
        }
        """,
    "entities.json": """
        { "entities": {
            "hrw": { "type": "organization", "name": "Human Rights Watch", "aliases": ["HRW"],
                     "note": "International human-rights NGO.", "sameAs": ["https://www.wikidata.org/wiki/Q187052"] },
            "assembly": { "type": "organization", "name": "Assembly", "note": "Kharkiv social-revolutionary media." }
        } }
        """,
    "a.md": """
        # Report

        [[hr1️⃣w]] says [displacement doubled]{.cla2️⃣im} [@smi3️⃣th2020, p. 4].
        Human Rights Wat4️⃣ch reported it; the assembly point was closed.
        A note here[^n5️⃣1] and [an uncited claim]{.claim}.

        [^n1]: See @smith2020 for details.
        """,
    "b.txt": "Assembly wrote about HRW again.\n",
]

@Suite struct QueryTests {
    let fixture = Fixture(sampleFiles)

    @Test func hoverOnCitationShowsFormattedReferenceAndCount() {
        let (path, offset) = fixture.at("3️⃣")
        let hover = fixture.corpus.hover(at: offset, in: path)
        #expect(hover?.markdown == """
            Smith, Jane and Doe, Alex (2020). *Counting the Displaced*. Journal of Migration. https://doi.org/10.1000/xyz

            `@smith2020` · article · Cited 2 times in 1 document.
            """)
    }

    @Test func hoverOnMentionShowsEntityCard() {
        let (path, offset) = fixture.at("1️⃣")
        let hover = fixture.corpus.hover(at: offset, in: path)
        #expect(hover?.markdown == """
            **Human Rights Watch** · organization

            International human-rights NGO.

            Also: HRW

            <https://www.wikidata.org/wiki/Q187052>

            `hrw` · Mentioned 3 times in 2 documents.
            """)
    }

    @Test func implicitMentionsRespectCase() {
        let (path, offset) = fixture.at("4️⃣")
        #expect(fixture.corpus.occurrence(at: offset, in: path)?.target == .entity(id: "hrw"))
        // "assembly point" is not the group "Assembly"; "Assembly" in b.txt is.
        let uses = fixture.corpus.references(to: .entity(id: "assembly"), includeDefinitions: false)
        #expect(uses.map { fixture.describe($0.path, $0.range) } == ["b.txt:1:1"])
    }

    @Test func definitionAndReferencesOfACitation() {
        let (path, offset) = fixture.at("3️⃣")
        guard let target = fixture.corpus.occurrence(at: offset, in: path)?.target else {
            Issue.record("no occurrence")
            return
        }
        #expect(fixture.corpus.definitions(of: target).map { fixture.describe($0.path, $0.range) } == ["references.bib:1:10"])
        let all = fixture.corpus.references(to: target, includeDefinitions: true)
        #expect(all.map { fixture.describe($0.path, $0.range) } == ["references.bib:1:10", "a.md:3:47", "a.md:7:13"])
    }

    @Test func hoverOnTypeAndNote() {
        let (path, offset) = fixture.at("2️⃣")
        #expect(fixture.corpus.hover(at: offset, in: path)?.markdown.hasPrefix("**claim** · annotation type") == true)
        let note = fixture.at("5️⃣")
        #expect(fixture.corpus.hover(at: note.offset, in: note.path)?.markdown == "**Note n1**\n\nSee @smith2020 for details.")
    }

    @Test func findingsOfTheCorpus() {
        let described = fixture.corpus.allFindings.filter { !$0.rule.hasPrefix("unsourced") }.map {
            "\(fixture.describe($0.path, $0.range)) \($0.rule)"
        }
        #expect(described.contains("a.md:5:23 uncited-claim"))
        #expect(described.contains("references.bib:8:7 unused-source"))
        #expect(!described.contains { $0.contains("a.md:3") && $0.contains("uncited-claim") })
    }

    @Test func completionAfterAtListsSourcesWithAuthorAndYear() {
        let fixture = Fixture(sampleFiles.merging(["c.md": "As [@sm6️⃣ shows."]) { $1 })
        let (path, offset) = fixture.at("6️⃣")
        let result = fixture.corpus.completions(at: offset, in: path)
        #expect(result?.candidates.map(\.label) == ["smith2020"])
        #expect(result?.candidates.first?.detail == "Smith & Doe 2020 · Counting the Displaced")
        #expect(result?.replaceRange == 5..<7)
    }

    @Test func completionInsideMentionAndAttributeBlock() {
        let fixture = Fixture(sampleFiles.merging(["c.md": "See [[Hum7️⃣ and [x]{.cl8️⃣"]) { $1 })
        let mention = fixture.at("7️⃣")
        #expect(fixture.corpus.completions(at: mention.offset, in: mention.path)?.candidates.map(\.insertText) == ["hrw"])
        let all = Fixture(sampleFiles.merging(["c.md": "See [[7️⃣"]) { $1 }).at("7️⃣")
        let everything = Fixture(sampleFiles.merging(["c.md": "See [[7️⃣"]) { $1 }).corpus.completions(at: all.offset, in: all.path)
        #expect(everything?.candidates.map(\.insertText) == ["assembly", "hrw"])
        #expect(everything?.candidates.last?.documentation.hasPrefix("**Human Rights Watch** · organization") == true)
        let type = fixture.at("8️⃣")
        #expect(fixture.corpus.completions(at: type.offset, in: type.path)?.candidates.first?.label == "claim")
    }

    @Test func renameSourceKeyEditsBibAndEveryCitation() throws {
        let (path, offset) = fixture.at("3️⃣")
        let change = try fixture.corpus.rename(at: offset, in: path, to: "smith2020a").get()
        let described = change.edits.map { "\(fixture.describe($0.path, $0.range)) \($0.newText)" }.sorted()
        #expect(described == ["a.md:3:47 smith2020a", "a.md:7:13 smith2020a", "references.bib:1:10 smith2020a"])
        #expect(throws: RenameError.self) { try fixture.corpus.rename(at: offset, in: path, to: "unused2019").get() }
    }

    @Test func editProducesNewSnapshotWithoutTouchingTheOld() {
        let path = fixture.path("b.txt")
        let old = fixture.corpus
        let new = old.updating(Document(path: path, text: SourceText("Nothing here.\n")))
        #expect(old.useCounts[.entity(id: "assembly")] == 1)
        #expect(new.useCounts[.entity(id: "assembly")] == nil)
        #expect(new.useCounts[.entity(id: "hrw")] == 2)
    }
}

@Suite struct CitationSupportTests {
    func uncited(_ markdown: String) -> [String] {
        let fixture = Fixture(sampleFiles.merging(["c.md": markdown]) { $1 })
        return fixture.corpus.findings(for: fixture.path("c.md")).filter { $0.rule == RuleID.uncitedClaim }
            .map { fixture.corpus.text(of: fixture.path("c.md"))?.string($0.range) ?? "" }
    }

    @Test func citationInsideOrAfterInTheSameSentenceSupportsTheSpan() {
        #expect(uncited("[Prices rose]{.claim} in May [@smith2020, p. 3].\n") == [])
        #expect(uncited("[Prices rose [@smith2020]]{.claim}.\n") == [])
        #expect(uncited("[Prices rose]{.claim}[^1].\n\n[^1]: See https://example.org/prices.\n") == [])
        #expect(uncited("[Prices rose]{.claim}^[As @smith2020 shows.]\n") == [])
    }

    @Test func citationInTheNextSentenceDoesNot() {
        #expect(uncited("[Prices rose.]{.claim} Others agree [@smith2020].\n") == ["Prices rose."])
        #expect(uncited("[Prices rose]{.claim}. Others agree [@smith2020].\n") == ["Prices rose"])
        #expect(uncited("[Prices rose]{.claim}\n\nA new paragraph [@smith2020].\n") == ["Prices rose"])
        #expect(uncited("[Prices rose]{.claim}[^1].\n\n[^1]: A note with no source.\n") == ["Prices rose"])
    }

    @Test func childTypesInheritTheRequirement() {
        #expect(uncited("[12,000 people]{.statistic} left.\n") == ["12,000 people"])
        #expect(uncited("[Words]{.quote} said.\n") == [])
    }
}

@Suite struct DuplicateAnnotationTests {
    @Test func laterDefinitionsAreDuplicatesWhetherAskedPerFileOrForAll() {
        let fixture = Fixture(sampleFiles.merging([
            "c.md": "[x]{.quote #q1} and [y]{.quote #q1}.\n",
            "d.md": "[z]{.quote #q1} and [w]{.quote #q2}.\n",
        ]) { $1 })
        let all = fixture.corpus.allFindings.filter { $0.rule == RuleID.duplicateAnnotationID }
            .map { fixture.describe($0.path, $0.range) }
        #expect(all == ["c.md:1:33", "d.md:1:13"])
        let perFile = ["c.md", "d.md"].flatMap { name in
            fixture.corpus.findings(for: fixture.path(name)).filter { $0.rule == RuleID.duplicateAnnotationID }
                .map { fixture.describe($0.path, $0.range) + " first at " + fixture.describe($0.related[0].path, $0.related[0].range) }
        }
        #expect(perFile == ["c.md:1:33 first at c.md:1:13", "d.md:1:13 first at c.md:1:13"])
    }
}
