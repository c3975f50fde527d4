/// A dictionary that is cheap to copy and to change a few keys at a time: changes go into a
/// small overlay on top of a base shared by every copy, and are folded into a new base once the
/// overlay grows large. A corpus snapshot keeps its sums over all documents in these, so an
/// edit to one document costs what that document touches, not the size of the corpus.
public struct OverlayTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private final class Base: Sendable {
        let entries: [Key: Value]
        init(_ entries: [Key: Value]) { self.entries = entries }
    }

    private var base: Base
    /// Keys changed since the base was built; a nil value marks a removed key.
    private var overlay: [Key: Value?] = [:]

    /// A table holding `entries`.
    public init(_ entries: [Key: Value] = [:]) {
        base = Base(entries)
    }

    /// The value for `key`, or nil.
    public subscript(key: Key) -> Value? {
        get {
            if let changed = overlay[key] { return changed }
            return base.entries[key]
        }
        set {
            overlay[key] = .some(newValue)
            foldIfLarge()
        }
    }

    /// The value for `key`, or `defaultValue` (for `table[key, default: 0] += 1`).
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    /// Every entry, as one dictionary (costs the size of the table).
    public var dictionary: [Key: Value] {
        guard !overlay.isEmpty else { return base.entries }
        var merged = base.entries
        for (key, value) in overlay { merged[key] = value }
        return merged
    }

    /// Folds the overlay into a new base once it holds an eighth of the base (and at least 2,048
    /// keys): the fold is amortized over the changes that grew the overlay, and the overlay a
    /// snapshot copies on each change stays small against the whole table.
    private mutating func foldIfLarge() {
        guard overlay.count > max(2048, base.entries.count / 8) else { return }
        base = Base(dictionary)
        overlay = [:]
    }
}

extension OverlayTable: Equatable where Value: Equatable {
    /// Equal when they hold the same entries, however they are split between base and overlay.
    public static func == (lhs: OverlayTable, rhs: OverlayTable) -> Bool { lhs.dictionary == rhs.dictionary }
}
