import Testing
@testable import MarginaliaCore

/// The copy-cheap table behind a snapshot's sums behaves as a dictionary, across folds.
@Suite struct OverlayTableTests {
    @Test func randomChangesMatchADictionary() {
        var generator = SystemRandomNumberGenerator()
        var table = OverlayTable<Int, Int>((0..<500).reduce(into: [:]) { $0[$1] = $1 })
        var expected: [Int: Int] = (0..<500).reduce(into: [:]) { $0[$1] = $1 }
        var snapshots: [(OverlayTable<Int, Int>, [Int: Int])] = []
        for step in 0..<20_000 {
            let key = Int(generator.next() % 3000)
            switch generator.next() % 3 {
            case 0:
                table[key] = nil
                expected[key] = nil
            case 1:
                table[key, default: 0] += 1
                expected[key, default: 0] += 1
            default:
                table[key] = step
                expected[key] = step
            }
            #expect(table[key] == expected[key])
            if step % 2500 == 0 { snapshots.append((table, expected)) }
        }
        #expect(table.dictionary == expected)
        #expect(table == OverlayTable(expected))
        // Earlier copies are untouched by later changes and folds.
        for (copy, dictionary) in snapshots { #expect(copy.dictionary == dictionary) }
    }

    /// Sums kept edit by edit equal the sums of a snapshot built from scratch.
    @Test func editedSnapshotSumsEqualFreshSums() {
        let root = ExampleCorpusTests.root
        var corpus = CorpusLoader.load(root: root)
        let paths = corpus.documentPaths
        for (round, path) in (paths + paths).enumerated() {
            guard let document = corpus.documents[path]?.document else { continue }
            let edited = document.applying(0..<0, replacement: round % 2 == 0 ? "[claim]{.claim #c\(round)} [[Kyiv]] [@x\(round)]\n\n" : "")
            corpus = corpus.updating(edited)
        }
        let fresh = Corpus(registries: corpus.registries, documents: corpus.documents)
        #expect(corpus.useCounts == fresh.useCounts)
        #expect(corpus.documentCounts == fresh.documentCounts)
        #expect(corpus.annotationDefinitions == fresh.annotationDefinitions)
        #expect(corpus.useCounts.dictionary.count > 10)
        #expect(corpus.allFindings == fresh.allFindings)
    }
}
