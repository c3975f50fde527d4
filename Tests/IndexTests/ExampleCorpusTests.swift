import Foundation
import Testing
@testable import MarginaliaCore

/// The example corpus shipped in the repository, loaded as `marginalia check` loads it.
@Suite struct ExampleCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/corpus").path

    @Test func loadsEveryDocumentAndRegistry() {
        let corpus = CorpusLoader.load(root: Self.root)
        #expect(corpus.documents.count >= 5)
        #expect(corpus.registries.entitiesByID.count >= 10)
        #expect(corpus.registries.sourcesByKey.count >= 8)
        for finding in corpus.allFindings {
            let text = corpus.text(of: finding.path)
            let position = text.map { $0.position(of: finding.range.lowerBound, in: .utf32) }
            print("\(finding.path.replacingOccurrences(of: Self.root + "/", with: "")):\((position?.zeroBasedLine ?? 0) + 1):\((position?.zeroBasedColumn ?? 0) + 1): \(finding.severity): \(finding.message) [\(finding.rule)]")
        }
    }
}
