import Synchronization

/// Tables derived from a `Registries` value that most analyses never need, built on first use
/// and then shared by every copy of that value (and every thread reading it).
final class RegistryCaches: Sendable {
    private let entities = Mutex<[Entity]?>(nil)
    private let sources = Mutex<[Source]?>(nil)
    private let entityNames = Mutex<SuggestionIndex?>(nil)
    private let sourceKeys = Mutex<SuggestionIndex?>(nil)

    /// The value in `slot`, built by `make` the first time; the lock is held while building so
    /// concurrent first readers wait instead of building it twice.
    private static func cached<T: Sendable>(_ slot: borrowing Mutex<T?>, _ make: () -> T) -> T {
        slot.withLock { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }

    func allEntities(_ make: () -> [Entity]) -> [Entity] { Self.cached(entities, make) }
    func allSources(_ make: () -> [Source]) -> [Source] { Self.cached(sources, make) }
    func entityNameIndex(_ make: () -> SuggestionIndex) -> SuggestionIndex { Self.cached(entityNames, make) }
    func sourceKeyIndex(_ make: () -> SuggestionIndex) -> SuggestionIndex { Self.cached(sourceKeys, make) }
}
