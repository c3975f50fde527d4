import Foundation
import Testing
@testable import MarginaliaCore

/// Large documents are analyzed on two cores; the result must be the one-core result.
@Suite struct ConcurrentAnalysisTests {
    @Test func twoCoresGiveTheSameAnalysisAsOne() {
        let root = ExampleCorpusTests.root
        let corpus = ExampleCorpusTests.corpus
        #expect(corpus.documents.count > 0)
        for path in corpus.documentPaths {
            guard let analyzed = corpus.documents[path] else { continue }
            let sequential = AnalyzedDocument(analyzed.document, registries: corpus.registries, concurrentAbove: Int.max)
            let concurrent = AnalyzedDocument(analyzed.document, registries: corpus.registries, concurrentAbove: 0)
            #expect(!sequential.findings.isEmpty, "\(path) in \(root)")
            #expect(concurrent.findings == sequential.findings)
            #expect(concurrent.occurrences == sequential.occurrences)
            #expect(concurrent.useCounts == sequential.useCounts)
            #expect(analyzed.findings == sequential.findings)
        }
    }
}
