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
    /// What is summed over all documents, kept up to date edit by edit.
    let totals: CorpusTotals

    /// Use counts of every target across all documents.
    public var useCounts: OverlayTable<Target, Int> { totals.useCounts }
    /// How many documents use each target.
    public var documentCounts: OverlayTable<Target, Int> { totals.documentCounts }
    /// Document paths, sorted.
    public var documentPaths: [String] { totals.sortedPaths }
    /// The documents that name each annotation id (`#id`), in path order, a path once per definition.
    public var annotationDefinitions: OverlayTable<String, [String]> { totals.annotationPaths }

    /// Builds a snapshot from registries and analyzed documents.
    public init(registries: Registries, documents: [String: AnalyzedDocument]) {
        self.registries = registries
        self.documents = documents
        self.totals = CorpusTotals(documents)
    }

    init(registries: Registries, documents: [String: AnalyzedDocument], totals: CorpusTotals) {
        self.registries = registries
        self.documents = documents
        self.totals = totals
    }

    /// Analyzes documents against registries, in parallel.
    public init(registries: Registries, parsed: [Document]) {
        let analyzed = ParallelMap.map(parsed) { AnalyzedDocument($0, registries: registries) }
        self.init(registries: registries, documents: Dictionary(analyzed.map { ($0.document.path, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The snapshot with one document replaced (or added): only that document is reanalyzed.
    public func updating(_ document: Document) -> Corpus {
        let analyzed = AnalyzedDocument(document, registries: registries)
        var totals = totals
        if let old = documents[document.path] { totals.remove(old) } else { totals.insertPath(document.path) }
        totals.add(analyzed)
        var newDocuments = documents
        newDocuments[document.path] = analyzed
        return Corpus(registries: registries, documents: newDocuments, totals: totals)
    }

    /// The snapshot without a document.
    public func removing(documentAt path: String) -> Corpus {
        guard let old = documents[path] else { return self }
        var totals = totals
        totals.remove(old)
        totals.removePath(path)
        var newDocuments = documents
        newDocuments[path] = nil
        return Corpus(registries: registries, documents: newDocuments, totals: totals)
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

    /// Findings for one file (document or registry), computing only the corpus rules that can
    /// report in it: what an editor asks for after every keystroke.
    public func findings(for path: String) -> [Finding] {
        var findings = CorpusRules.run(self, onlyIn: path)
        if let document = documents[path] { findings += document.findings }
        return findings.sorted { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
    }

    /// The text of any file the corpus knows: a document or a registry.
    public func text(of path: String) -> SourceText? {
        documents[path]?.document.text ?? registries.texts[path]
    }
}

/// Sums over all documents of a corpus, updated by taking one document out and putting one in.
struct CorpusTotals: Sendable {
    var useCounts = OverlayTable<Target, Int>()
    var documentCounts = OverlayTable<Target, Int>()
    var annotationPaths = OverlayTable<String, [String]>()
    var sortedPaths: [String] = []

    /// The sums over `documents`, built in plain dictionaries.
    init(_ documents: [String: AnalyzedDocument]) {
        var uses: [Target: Int] = [:]
        var documentsUsing: [Target: Int] = [:]
        var paths: [String: [String]] = [:]
        for (path, document) in documents {
            for (target, count) in document.useCounts {
                uses[target, default: 0] += count
                documentsUsing[target, default: 0] += 1
            }
            for annotation in document.document.markup.annotations {
                if let id = annotation.id { paths[id, default: []].append(path) }
            }
        }
        for (id, list) in paths { paths[id] = list.sorted() }
        useCounts = OverlayTable(uses)
        documentCounts = OverlayTable(documentsUsing)
        annotationPaths = OverlayTable(paths)
        sortedPaths = documents.keys.sorted()
    }

    mutating func add(_ document: AnalyzedDocument) {
        for (target, count) in document.useCounts {
            useCounts[target, default: 0] += count
            documentCounts[target, default: 0] += 1
        }
        for annotation in document.document.markup.annotations {
            guard let id = annotation.id else { continue }
            var paths = annotationPaths[id, default: []]
            let index = paths.firstIndex { $0 > document.document.path } ?? paths.count
            paths.insert(document.document.path, at: index)
            annotationPaths[id] = paths
        }
    }

    mutating func remove(_ document: AnalyzedDocument) {
        for (target, count) in document.useCounts {
            let total = (useCounts[target] ?? 0) - count
            useCounts[target] = total > 0 ? total : nil
            let documentsUsing = (documentCounts[target] ?? 0) - 1
            documentCounts[target] = documentsUsing > 0 ? documentsUsing : nil
        }
        for annotation in document.document.markup.annotations {
            guard let id = annotation.id, var paths = annotationPaths[id] else { continue }
            if let index = paths.firstIndex(of: document.document.path) { paths.remove(at: index) }
            annotationPaths[id] = paths.isEmpty ? nil : paths
        }
    }

    mutating func insertPath(_ path: String) {
        var low = 0
        var high = sortedPaths.count
        while low < high {
            let mid = (low + high) / 2
            if sortedPaths[mid] < path { low = mid + 1 } else { high = mid }
        }
        if low == sortedPaths.count || sortedPaths[low] != path { sortedPaths.insert(path, at: low) }
    }

    mutating func removePath(_ path: String) {
        if let index = sortedPaths.firstIndex(of: path) { sortedPaths.remove(at: index) }
    }
}

/// Maps over an array on every core, keeping order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots.set(index, transform(items[index]))
        }
        return slots.values()
    }

    /// Slots written once each by concurrent iterations, read after all have finished.
    final class Slots<Value>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Value?>

        /// Makes `count` empty slots.
        init(count: Int) {
            slots = UnsafeMutableBufferPointer<Value?>.allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        /// Each index is written by exactly one iteration, so distinct slots never race.
        func set(_ index: Int, _ value: Value) { slots[index] = value }

        /// Moves the value out of a slot.
        func take(_ index: Int) -> Value? {
            let value = slots[index]
            slots[index] = nil
            return value
        }

        /// Every value set, in index order.
        func values() -> [Value] { slots.compactMap { $0 } }
    }
}
