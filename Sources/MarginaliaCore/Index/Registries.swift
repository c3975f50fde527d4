/// Every registry of a corpus, parsed, with the lookup tables derived from them.
///
/// An immutable value: a change to a registry file builds a new one.
public struct Registries: Sendable {
    /// The corpus root (absolute path), where new registry files are created.
    public let root: String
    /// The configuration (defaults when the corpus has no `marginalia.json`).
    public let configuration: Configuration
    /// Bibliography files, sorted by path.
    public let bibliographies: [BibliographyFile]
    /// Entity files, sorted by path.
    public let entityFiles: [EntitiesFile]
    /// The codebook (the built-in one when the corpus has none).
    public let codebook: Codebook
    /// The text of every registry file read, by path, to convert ranges and build edits.
    public let texts: [String: SourceText]
    /// Problems found while reading registry files that no parser saw (missing files).
    public let loadIssues: [String: [ParseIssue]]

    /// Sources by citation key (and by alias from BibLaTeX `ids`); more than one means a duplicate.
    public let sourcesByKey: [String: [Source]]
    /// Entities by id; more than one means a duplicate.
    public let entitiesByID: [String: [Entity]]
    /// Entity ids by folded id, name or alias, for `[[target]]` resolution.
    let entityIDsByFoldedName: [String: [String]]
    /// Annotation types by name.
    public let typesByName: [String: CodeType]
    /// Names of the annotation types that require a citation (their own setting or an ancestor's).
    let typesRequiringCitation: Set<String>
    /// Entity types by name.
    public let entityTypesByName: [String: CodeType]
    /// The implicit-mention matcher over every entity name and alias.
    let gazetteer: Gazetteer
    /// Entity id for each gazetteer payload.
    let gazetteerEntityIDs: [String]
    /// Occurrences in registry files (definitions and type references), by path, sorted.
    public let occurrencesByPath: [String: [Occurrence]]
    /// Findings of the rules that read registries only (syntax, duplicates, incomplete
    /// entries), configured: computed once here, not on every edit of a document.
    public private(set) var registryFindings: [Finding] = []
    /// Lazily built tables shared by every copy of this value.
    let caches = RegistryCaches()

    /// Builds the lookup tables.
    public init(
        root: String, configuration: Configuration, bibliographies: [BibliographyFile], entityFiles: [EntitiesFile],
        codebook: Codebook, texts: [String: SourceText], loadIssues: [String: [ParseIssue]] = [:]
    ) {
        self.root = root
        self.configuration = configuration
        self.bibliographies = bibliographies.sorted { $0.path < $1.path }
        self.entityFiles = entityFiles.sorted { $0.path < $1.path }
        self.codebook = codebook
        self.texts = texts
        self.loadIssues = loadIssues

        // Sized once for every key, so a large bibliography does not rehash the table as it grows.
        var sources: [String: [Source]] = [:]
        sources.reserveCapacity(self.bibliographies.reduce(0) { $0 + $1.sources.count })
        // Aliases yield to every key, so they go in after all keys; the few sources that have
        // some are set aside on the way, not found by a second walk over every source.
        var withAliases: [Source] = []
        for file in self.bibliographies {
            for source in file.sources {
                sources[source.key, default: []].append(source)
                if !source.aliases.isEmpty { withAliases.append(source) }
            }
        }
        for source in withAliases {
            for alias in source.aliases where sources[alias] == nil {
                sources[alias] = [source]
            }
        }
        sourcesByKey = sources

        var entities: [String: [Entity]] = [:]
        var folded: [String: [String]] = [:]
        var patterns: [(text: String, payload: Int)] = []
        var payloadIDs: [String] = []
        for file in self.entityFiles {
            for entity in file.entities {
                let isFirst = entities[entity.id] == nil
                entities[entity.id, default: []].append(entity)
                guard isFirst else { continue }
                for name in Set([entity.id, entity.name] + entity.aliases) {
                    let key = TextFolding.key(for: name)
                    if !key.isEmpty && !(folded[key]?.contains(entity.id) ?? false) {
                        folded[key, default: []].append(entity.id)
                    }
                }
                let payload = payloadIDs.count
                payloadIDs.append(entity.id)
                for name in Set([entity.name] + entity.aliases) where !name.isEmpty {
                    patterns.append((name, payload))
                }
            }
        }
        entitiesByID = entities
        entityIDsByFoldedName = folded
        gazetteer = Gazetteer(patterns: configuration.implicitMentions ? patterns : [])
        gazetteerEntityIDs = payloadIDs
        occurrencesByPath = Registries.collectOccurrences(
            bibliographies: self.bibliographies, entityFiles: self.entityFiles, codebook: codebook)

        var types: [String: CodeType] = [:]
        for type in codebook.types where types[type.name] == nil { types[type.name] = type }
        typesByName = types
        typesRequiringCitation = Set(types.keys.filter { Registries.requiresCitation($0, typesByName: types) })
        var entityTypes: [String: CodeType] = [:]
        for type in codebook.entityTypes where entityTypes[type.name] == nil { entityTypes[type.name] = type }
        entityTypesByName = entityTypes
        registryFindings = CorpusRules.registryFindings(self)
    }

    /// The source a key names: the first definition when duplicated.
    public func source(forKey key: String) -> Source? { sourcesByKey[key]?.first }

    /// The entity an id names: the first definition when duplicated.
    public func entity(forID id: String) -> Entity? { entitiesByID[id]?.first }

    /// What a `[[target]]` resolves to: an id first, then a name or alias, ignoring case and diacritics.
    public func resolveMention(_ target: String) -> MentionResolution {
        let trimmed = target.trimmingWhitespace()
        if entitiesByID[trimmed] != nil { return .entity(trimmed) }
        let ids = entityIDsByFoldedName[TextFolding.key(for: trimmed)] ?? []
        switch ids.count {
        case 0: return .unknown
        case 1: return .entity(ids[0])
        default: return .ambiguous(ids.sorted())
        }
    }

    /// Every source, first definitions only, sorted by key.
    public var allSources: [Source] {
        caches.allSources {
            bibliographies.flatMap(\.sources).filter { sourcesByKey[$0.key]?.first == $0 }.sorted { $0.key < $1.key }
        }
    }

    /// Every entity, first definitions only, sorted by id.
    public var allEntities: [Entity] {
        caches.allEntities { entitiesByID.values.compactMap(\.first).sorted { $0.id < $1.id } }
    }

    /// "Did you mean" candidates for a mention target: every entity id and name.
    var entityNameSuggestions: SuggestionIndex {
        caches.entityNameIndex { SuggestionIndex(allEntities.flatMap { [$0.id, $0.name] }) }
    }

    /// "Did you mean" candidates for a citation key: every key and alias.
    var sourceKeySuggestions: SuggestionIndex {
        caches.sourceKeyIndex { SuggestionIndex(sourcesByKey.keys) }
    }

    /// Whether a type requires a citation, inheriting from its ancestors.
    public func requiresCitation(_ typeName: String) -> Bool {
        typesRequiringCitation.contains(typeName)
    }

    /// Whether a type requires a citation, walking its ancestors (once per type, at init).
    private static func requiresCitation(_ typeName: String, typesByName: [String: CodeType]) -> Bool {
        var name: String? = typeName
        var seen = Set<String>()
        while let current = name, let type = typesByName[current], seen.insert(current).inserted {
            if let value = type.requiresCitation { return value }
            name = type.parent
        }
        return false
    }

    /// Attributes a type takes, its own first, then its ancestors'.
    public func attributes(of typeName: String) -> [AttributeSpec] {
        var result: [AttributeSpec] = []
        var name: String? = typeName
        var seen = Set<String>()
        while let current = name, let type = typesByName[current], seen.insert(current).inserted {
            for attribute in type.attributes where !result.contains(where: { $0.name == attribute.name }) {
                result.append(attribute)
            }
            name = type.parent
        }
        return result
    }

    /// Every occurrence of a registry key in the registry files (definitions), and of type names
    /// used as values inside them, by path, sorted by start. Entries come in file order, so a
    /// file's list is built in order and sorted only when it is not (several files of one path).
    static func collectOccurrences(bibliographies: [BibliographyFile], entityFiles: [EntitiesFile], codebook: Codebook) -> [String: [Occurrence]] {
        var byPath: [String: [Occurrence]] = [:]
        func add(_ path: String, reserving count: Int, _ fill: (inout [Occurrence]) -> Void) {
            var list = byPath.removeValue(forKey: path) ?? []
            list.reserveCapacity(list.count + count)
            fill(&list)
            byPath[path] = list
        }
        for file in bibliographies {
            add(file.path, reserving: file.sources.count) { list in
                for index in file.sources.indices {
                    let source = file.sources[index]
                    list.append(Occurrence(target: .source(key: source.key), path: file.path, range: source.keyRange, kind: .registryEntry))
                }
            }
        }
        for file in entityFiles {
            add(file.path, reserving: file.entities.count * 2) { list in
                for entity in file.entities {
                    list.append(Occurrence(target: .entity(id: entity.id), path: file.path, range: entity.idRange, kind: .registryEntry))
                    if let typeRange = entity.typeRange {
                        list.append(Occurrence(target: .type(name: entity.type), path: file.path, range: typeRange, kind: .registryReference))
                    }
                }
            }
        }
        if let path = codebook.path {
            add(path, reserving: codebook.types.count + codebook.entityTypes.count) { list in
                for type in codebook.types + codebook.entityTypes {
                    if let range = type.range {
                        list.append(Occurrence(target: .type(name: type.name), path: path, range: range, kind: .registryEntry))
                    }
                }
            }
        }
        for (path, list) in byPath {
            let inOrder = zip(list, list.dropFirst()).allSatisfy { $0.range.lowerBound <= $1.range.lowerBound }
            if !inOrder { byPath[path] = list.sorted { $0.range.lowerBound < $1.range.lowerBound } }
        }
        return byPath
    }
}

/// What a mention's target resolves to.
public enum MentionResolution: Sendable, Hashable {
    /// One entity, by id.
    case entity(String)
    /// No entity.
    case unknown
    /// Several entities, by id.
    case ambiguous([String])
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    func trimmingWhitespace() -> String {
        let utf8 = Array(self.utf8)
        var start = 0
        var end = utf8.count
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 || utf8[start] == 0x0A || utf8[start] == 0x0D { start += 1 }
        while end > start, utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09 || utf8[end - 1] == 0x0A || utf8[end - 1] == 0x0D { end -= 1 }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
