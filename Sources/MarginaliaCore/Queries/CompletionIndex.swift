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
    /// Whether each folded filter text is all ASCII, where a byte match is exactly `String.contains`.
    let isASCII: [Bool]
    /// Cards already built for candidates, reused while the counts they show are the same.
    let cards = CardMemo()

    /// Folds the filter text of every candidate.
    init(_ candidates: [CompletionCandidate]) {
        self.candidates = candidates
        foldedFilters = candidates.map { TextFolding.key(for: $0.filterText) }
        foldedBytes = foldedFilters.map { Array($0.utf8) }
        isASCII = foldedBytes.map { $0.allSatisfy { $0 < 0x80 } }
    }

    /// The positions of the first `limit` candidates whose folded filter text holds `needle`
    /// (already folded), and whether more matched: the same answer as `String.contains` over
    /// every candidate, which is only called where non-ASCII text could make it differ from bytes.
    func matching(_ needle: String, limit: Int) -> (positions: [Int], isIncomplete: Bool) {
        guard !needle.isEmpty else {
            return (Array(candidates.indices.prefix(limit)), candidates.count > limit)
        }
        let needleBytes = Array(needle.utf8)
        let needleIsASCII = needleBytes.allSatisfy { $0 < 0x80 }
        var kept: [Int] = []
        for index in candidates.indices {
            let found: Bool
            if needleIsASCII && isASCII[index] {
                found = CompletionIndex.bytes(foldedBytes[index], contain: needleBytes)
            } else {
                // Canonical equivalence and grapheme boundaries decide outside ASCII, as before.
                found = foldedFilters[index].contains(needle)
            }
            guard found else { continue }
            if kept.count == limit { return (kept, true) }
            kept.append(index)
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

/// The cards of an index's candidates, each with the use and document counts it shows.
///
/// A source's or entity's card is its registry entry (fixed for the index's registry state) and
/// its two counts; rebuilding it for every returned candidate was half of a completion's time.
final class CardMemo: Sendable {
    /// Card and counts by candidate position.
    private let cards = Mutex<[Int: (uses: Int, documents: Int, card: String)]>([:])

    /// The card of candidate `position` if it was built with these counts.
    func card(_ position: Int, uses: Int, documents: Int) -> String? {
        cards.withLock { cards in
            guard let entry = cards[position], entry.uses == uses, entry.documents == documents else { return nil }
            return entry.card
        }
    }

    /// Keeps a card built with these counts.
    func store(_ position: Int, uses: Int, documents: Int, card: String) {
        cards.withLock { $0[position] = (uses, documents, card) }
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
