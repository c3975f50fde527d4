import Foundation
import Testing
@testable import MarginaliaCore

/// The batch load that `check` uses keeps less of each document; what it reports must not change.
@Suite struct ReportLoadTests {
    /// A corpus in a temporary folder, with a `bibliography:` in front matter (read before the
    /// rest of the parse), duplicate annotation ids across documents, an unused and a used source,
    /// a suppression, and unknown keys and mentions that get suggestions.
    static func makeCorpus() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/texts", withIntermediateDirectories: true)
        let files: [String: String] = [
            "marginalia.json": #"{ "documents": ["texts/**/*.md"], "sources": ["main.bib"] }"#,
            "main.bib": "@book{smith2020, title={T}, author={Smith, A}, year={2020}, url={https://x.org}}\n@book{unused1999, title={U}, author={B, C}, year={1999}}\n",
            "extra.bib": "@article{fm2021, title={F}, author={D, E}, year={2021}, doi={10.1/x}}\n",
            "entities.json": #"{ "entities": { "ukraine": { "type": "place", "name": "Ukraine" } } }"#,
            "texts/a.md": "---\nbibliography: ../extra.bib\n---\n\nA [claim]{.claim #c1} here [@fm2021]. See [@smith202] and [[Ukrain]].\n\n[Uncited]{.claim #c2} text.\n",
            "texts/b.md": "Again [the claim]{.claim #c1} [@smith2020] in Ukraine.\n\n<!-- marginalia-disable-next-line unknown-citation-key -->\nSee [@nowhere].\n",
        ]
        for (path, text) in files { try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8) }
        return root
    }

    @Test func reportsWhatTheFullLoadReports() throws {
        let root = try Self.makeCorpus()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let full = CorpusLoader.load(root: root)
        let trimmed = CorpusLoader.loadForReport(root: root)
        #expect(!full.allFindings.isEmpty)
        #expect(trimmed.allFindings == full.allFindings)
        #expect(Set(trimmed.documents.keys) == Set(full.documents.keys))
        #expect(trimmed.useCounts == full.useCounts)
        let rules = Set(full.allFindings.map(\.rule))
        for rule in [RuleID.duplicateAnnotationID, RuleID.unusedSource, RuleID.unknownCitationKey, RuleID.uncitedClaim, RuleID.unknownMention] {
            #expect(rules.contains(rule), "expected \(rule) in \(rules)")
        }
        // The source named only in front matter is known, so not reported as unknown.
        #expect(!full.allFindings.contains { $0.message.contains("'fm2021'") })
        // Trimmed documents keep their text but no occurrences.
        #expect(trimmed.documents.values.allSatisfy { $0.occurrences.isEmpty && !$0.document.text.bytes.isEmpty })
    }

    @Test func suggestionsAreTheNearestNamesFirst() {
        let index = SuggestionIndex(["smith2020", "smith2021", "smyth2020", "jones1999", "Smith2020"])
        #expect(index.nearest(to: "smith202") == ["Smith2020", "smith2020", "smith2021"])
        #expect(index.nearest(to: "smith2020") == ["Smith2020", "smith2021", "smyth2020"])
        #expect(index.nearest(to: "zzz").isEmpty)
        #expect(Suggestions.nearest(to: "smith202", among: ["smith2020", "smith2020"], limit: 1) == ["smith2020"])
    }

    @Test func readsWholeFilesAndNothingElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-read-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(big).write(to: URL(fileURLWithPath: folder + "/big.bin"))
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.md"))
        #expect(CorpusLoader.readBytes(folder + "/big.bin") == big)
        #expect(CorpusLoader.readBytes(folder + "/empty.md") == [])
        #expect(CorpusLoader.readBytes(folder) == nil)
        #expect(CorpusLoader.readBytes(folder + "/missing.md") == nil)
    }
}
