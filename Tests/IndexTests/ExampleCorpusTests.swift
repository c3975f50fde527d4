import Foundation
import Testing
@testable import MarginaliaCore

/// The example corpus shipped in the repository, loaded as `marginalia check` loads it.
@Suite struct ExampleCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/corpus").path
    static let corpus = CorpusLoader.load(root: root)

    /// "file:line rule" for every finding, paths relative to the corpus.
    static let described: [String] = corpus.allFindings.map { finding in
        let line = (corpus.text(of: finding.path)?.position(of: finding.range.lowerBound, in: .utf32).zeroBasedLine ?? -1) + 1
        return "\(finding.path.replacingOccurrences(of: root + "/", with: "")):\(line) \(finding.rule)"
    }

    @Test func loadsEveryDocumentAndRegistry() {
        #expect(Self.corpus.documents.count == 5)
        #expect(Self.corpus.registries.entitiesByID.count >= 10)
        #expect(Self.corpus.registries.sourcesByKey.count >= 8)
        #expect(Self.corpus.registries.codebook.path != nil)
    }

    /// Each deliberate fault listed in examples/corpus/README.md is found where it was put.
    @Test(arguments: [
        "texts/assembly-new-year-2025.md:30 unknown-citation-key",
        "texts/red-machete-statement.md:17 uncited-claim",
        "texts/assembly-new-year-2025.md:37 uncited-claim",
        "texts/assembly-new-year-2025.md:25 undefined-note",
        "texts/coming-war.md:48 unused-note",
        "texts/assembly-new-year-2025.md:14 unknown-mention",
        "texts/assembly-new-year-2025.md:45 unknown-type",
        "texts/izyum-shield.md:62 invalid-attribute-value",
        "texts/izyum-shield.md:56 unsourced-figure",
        "texts/izyum-shield.md:77 weasel-attribution",
        "texts/izyum-shield.md:64 unsourced-quote",
        "texts/red-machete-statement.md:23 missing-source-pointer",
        "references.bib:52 unused-source",
        "references.bib:36 incomplete-source",
    ])
    func deliberateFaultIsFound(_ expected: String) {
        #expect(Self.described.contains(expected))
    }

    /// Suppressions, code and comments produce nothing; `ami-site` is used through `crossref`.
    @Test func nothingWhereNothingShouldBe() {
        #expect(!Self.described.contains { $0.hasPrefix("texts/izyum-shield.md:75 ") })
        // The fenced template at the end holds an unknown key, a bad value and an undefined note.
        #expect(!Self.described.contains { $0.hasPrefix("texts/izyum-shield.md:10") })
        let unused = Self.corpus.allFindings.filter { $0.rule == RuleID.unusedSource }
        #expect(!unused.contains { $0.message.contains("'ami-site'") })
    }
}
