import Synchronization

/// Completion candidates of one kind (sources or entities) with their filter texts folded once,
/// so a request only searches bytes instead of rebuilding and folding every candidate.
struct CompletionIndex: Sendable {
    /// Candidates in the order completion returns them (documentation left empty).
    let candidates: [CompletionCandidate]
    /// `TextFolding.key(for: filterText)` of each candidate.
    let foldedFilters: [String]
    /// The UTF-8 of each folded filter text, for the byte search.
    let foldedBytes: [[UInt8]]

    /// Folds the filter text of every candidate.
    init(_ candidates: [CompletionCandidate]) {
        self.candidates = candidates
        foldedFilters = candidates.map { TextFolding.key(for: $0.filterText) }
        foldedBytes = foldedFilters.map { Array($0.utf8) }
    }

    /// The first `limit` candidates whose folded filter text holds `needle` (already folded), and
    /// whether more matched: the same answer as `String.contains` over every candidate.
    func matching(_ needle: String, limit: Int) -> (candidates: [CompletionCandidate], isIncomplete: Bool) {
        guard !needle.isEmpty else {
            return (Array(candidates.prefix(limit)), candidates.count > limit)
        }
        let needleBytes = Array(needle.utf8)
        var kept: [CompletionCandidate] = []
        for index in candidates.indices where CompletionIndex.bytes(foldedBytes[index], contain: needleBytes) {
            // A byte match can still split a grapheme; `String.contains` decides, as it did before.
            guard foldedFilters[index].contains(needle) else { continue }
            if kept.count == limit { return (kept, true) }
            kept.append(candidates[index])
        }
        return (kept, false)
    }

    /// Whether `needle` occurs in `haystack` byte for byte (needle not empty).
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let first = pin.first, hay.count >= pin.count else { return false }
                var start = 0
                let last = hay.count - pin.count
                while start <= last {
                    if hay[start] == first {
                        var matched = 1
                        while matched < pin.count && hay[start + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}

/// Completion indexes kept across requests, keyed by the identity of the registry arrays they
/// come from.
///
/// `Registries` is a value without identity; its `bibliographies` and `entityFiles` arrays are
/// immutable buffers shared by every copy, so the buffer address names one registry state. Each
/// entry keeps its array alive, so the address cannot be reused by another state while cached.
/// Two entries per kind cover a snapshot and its successor (or two corpora) without holding
/// old registries for long.
enum CompletionIndexCache {
    /// One cached index with the array it was built from.
    private struct Entry<Key: Sendable>: Sendable {
        let key: [Key]
        let index: CompletionIndex
    }

    /// Source indexes by bibliography array.
    private static let sources = Mutex<[Entry<BibliographyFile>]>([])
    /// Entity indexes by entity-file array.
    private static let entities = Mutex<[Entry<EntitiesFile>]>([])
    /// How many registry states each kind keeps.
    private static let capacity = 2

    /// The index of the sources of `registries`, built on first use.
    static func sources(of registries: Registries, build: () -> [CompletionCandidate]) -> CompletionIndex {
        cached(sources, key: registries.bibliographies, build: build)
    }

    /// The index of the entities of `registries`, built on first use.
    static func entities(of registries: Registries, build: () -> [CompletionCandidate]) -> CompletionIndex {
        cached(entities, key: registries.entityFiles, build: build)
    }

    /// The most recently used entry first; the lock is held while building, so concurrent first
    /// requests wait instead of building twice.
    private static func cached<Key: Sendable>(
        _ slot: borrowing Mutex<[Entry<Key>]>, key: [Key], build: () -> [CompletionCandidate]
    ) -> CompletionIndex {
        let address = identity(of: key)
        return slot.withLock { entries in
            if let found = entries.firstIndex(where: { identity(of: $0.key) == address && $0.key.count == key.count }) {
                let entry = entries.remove(at: found)
                entries.insert(entry, at: 0)
                return entry.index
            }
            let index = CompletionIndex(build())
            entries.insert(Entry(key: key, index: index), at: 0)
            if entries.count > capacity { entries.removeLast() }
            return index
        }
    }

    /// The address of an array's element buffer (nil for an empty array without storage).
    private static func identity<Key>(of array: [Key]) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
}
