import Dispatch

/// An immutable snapshot of a whole corpus: registries, analyzed documents and the use counts
/// across them. Every query runs on one snapshot; every change returns a new one, reparsing only
/// what changed.
public struct Corpus: Sendable {
    /// Absolute path of the corpus root.
    public var root: String { registries.root }
    /// The registries.
    public let registries: Registries
    /// Analyzed documents by absolute path.
    public let documents: [String: AnalyzedDocument]
    /// Use counts of every target across all documents.
    public let useCounts: [Target: Int]
    /// How many documents use each target.
    public let documentCounts: [Target: Int]

    /// Builds a snapshot from registries and analyzed documents.
    public init(registries: Registries, documents: [String: AnalyzedDocument]) {
        self.registries = registries
        self.documents = documents
        var counts: [Target: Int] = [:]
        var documentCounts: [Target: Int] = [:]
        for document in documents.values {
            for (target, count) in document.useCounts {
                counts[target, default: 0] += count
                documentCounts[target, default: 0] += 1
            }
        }
        useCounts = counts
        self.documentCounts = documentCounts
    }

    init(registries: Registries, documents: [String: AnalyzedDocument], useCounts: [Target: Int], documentCounts: [Target: Int]) {
        self.registries = registries
        self.documents = documents
        self.useCounts = useCounts
        self.documentCounts = documentCounts
    }

    /// Counts with one document's contribution taken out (`sign` -1) or put in (+1).
    static func adjust(_ counts: inout [Target: Int], _ documentCounts: inout [Target: Int], by document: AnalyzedDocument, sign: Int) {
        for (target, count) in document.useCounts {
            let total = (counts[target] ?? 0) + sign * count
            counts[target] = total > 0 ? total : nil
            let documentsUsing = (documentCounts[target] ?? 0) + sign
            documentCounts[target] = documentsUsing > 0 ? documentsUsing : nil
        }
    }

    /// Analyzes documents against registries, in parallel.
    public init(registries: Registries, parsed: [Document]) {
        let analyzed = Corpus.analyze(parsed, registries: registries)
        self.init(registries: registries, documents: Dictionary(analyzed.map { ($0.document.path, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    static func analyze(_ parsed: [Document], registries: Registries) -> [AnalyzedDocument] {
        let results = ParallelMap.map(parsed) { AnalyzedDocument($0, registries: registries) }
        return results
    }

    /// Document paths, sorted.
    public var documentPaths: [String] { documents.keys.sorted() }

    /// The snapshot with one document replaced (or added): only that document is reanalyzed.
    public func updating(_ document: Document) -> Corpus {
        let analyzed = AnalyzedDocument(document, registries: registries)
        var counts = useCounts
        var documentCounts = documentCounts
        if let old = documents[document.path] { Corpus.adjust(&counts, &documentCounts, by: old, sign: -1) }
        Corpus.adjust(&counts, &documentCounts, by: analyzed, sign: 1)
        var newDocuments = documents
        newDocuments[document.path] = analyzed
        return Corpus(registries: registries, documents: newDocuments, useCounts: counts, documentCounts: documentCounts)
    }

    /// The snapshot without a document.
    public func removing(documentAt path: String) -> Corpus {
        guard let old = documents[path] else { return self }
        var counts = useCounts
        var documentCounts = documentCounts
        Corpus.adjust(&counts, &documentCounts, by: old, sign: -1)
        var newDocuments = documents
        newDocuments[path] = nil
        return Corpus(registries: registries, documents: newDocuments, useCounts: counts, documentCounts: documentCounts)
    }

    /// The snapshot with new registries: every document is reanalyzed (not reparsed).
    public func replacing(registries newRegistries: Registries) -> Corpus {
        Corpus(registries: newRegistries, parsed: documents.values.map(\.document))
    }

    /// Findings of the corpus-level rules (registries, duplicates, unused sources).
    public var corpusFindings: [Finding] {
        CorpusRules.run(self)
    }

    /// Every finding: documents' and corpus-level, sorted by path and position.
    public var allFindings: [Finding] {
        var findings = corpusFindings
        for document in documents.values { findings += document.findings }
        return findings.sorted { ($0.path, $0.range.lowerBound, $0.rule) < ($1.path, $1.range.lowerBound, $1.rule) }
    }

    /// Findings for one file (document or registry).
    public func findings(for path: String) -> [Finding] {
        var findings = corpusFindings.filter { $0.path == path }
        if let document = documents[path] { findings += document.findings }
        return findings.sorted { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
    }

    /// The text of any file the corpus knows: a document or a registry.
    public func text(of path: String) -> SourceText? {
        documents[path]?.document.text ?? registries.texts[path]
    }
}

/// Maps over an array on every core, keeping order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            box.set(index, transform(items[index]))
        }
        return box.values()
    }

    /// Slots written once each from concurrent iterations; read after all have finished.
    final class ResultBox<R>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<R?>
        init(count: Int) {
            slots = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        /// Each index is written by exactly one iteration, so distinct slots never race.
        func set(_ index: Int, _ value: R) { slots[index] = value }
        func values() -> [R] { slots.compactMap { $0 } }
    }
}
