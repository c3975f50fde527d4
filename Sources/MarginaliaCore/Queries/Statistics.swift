/// Counts of one document's annotations.
public struct DocumentStatistics: Sendable, Hashable {
    /// Absolute path.
    public var path: String
    /// Spans whose type requires a citation.
    public var claims: Int
    /// Those of them that are cited (`CitationSupport.isCited`).
    public var citedClaims: Int
    /// Claims minus cited claims.
    public var uncitedClaims: Int { claims - citedClaims }
    /// Cited items (`[@a; @b]` counts two); cross-references excluded.
    public var citations: Int
    /// Notes: definitions and inline notes.
    public var notes: Int
    /// `[[...]]` mentions that resolve to an entity.
    public var explicitMentions: Int
    /// Names and aliases matched without markup.
    public var implicitMentions: Int
}

/// How often one registry entry (an entity or a source) is used.
public struct UsageStatistics: Sendable, Hashable {
    /// The entity id or citation key.
    public var name: String
    /// The entity's display name, or the source's short reference.
    public var label: String
    /// Explicit uses: `[[...]]` mentions, or citations.
    public var explicitUses: Int
    /// Implicit mentions (always 0 for sources).
    public var implicitUses: Int
    /// Documents using it at all.
    public var documents: Int
    /// Explicit and implicit uses together.
    public var uses: Int { explicitUses + implicitUses }
}

/// The numbers `marginalia stats` prints: per document, per entity, per source.
public struct CorpusStatistics: Sendable, Hashable {
    /// Per document, sorted by path.
    public var documents: [DocumentStatistics]
    /// Per entity (first definitions), sorted by id.
    public var entities: [UsageStatistics]
    /// Per source (first definitions), sorted by key.
    public var sources: [UsageStatistics]
}

extension Corpus {
    /// Counts over the whole snapshot.
    public var statistics: CorpusStatistics {
        var explicitByTarget: [Target: Int] = [:]
        var implicitByTarget: [Target: Int] = [:]
        var documentRows: [DocumentStatistics] = []
        for path in documentPaths {
            guard let analyzed = documents[path] else { continue }
            let document = analyzed.document
            let markup = document.markup
            var claims = 0
            var cited = 0
            let evidence = CitationSupport.Evidence(markup)
            for annotation in markup.annotations where annotation.typeNames.contains(where: { registries.requiresCitation($0) }) {
                claims += 1
                if evidence.supports(annotation, in: document.text.bytes) { cited += 1 }
            }
            var explicit = 0
            var implicit = 0
            var citations = 0
            for occurrence in analyzed.occurrences {
                switch occurrence.kind {
                case .explicitMention:
                    explicit += 1
                    explicitByTarget[occurrence.target, default: 0] += 1
                case .implicitMention:
                    implicit += 1
                    implicitByTarget[occurrence.target, default: 0] += 1
                case .citation:
                    citations += 1
                    explicitByTarget[occurrence.target, default: 0] += 1
                default: break
                }
            }
            documentRows.append(DocumentStatistics(
                path: path, claims: claims, citedClaims: cited, citations: citations, notes: markup.noteDefinitions.count,
                explicitMentions: explicit, implicitMentions: implicit))
        }
        let entities = registries.allEntities.map { entity -> UsageStatistics in
            let target = Target.entity(id: entity.id)
            return UsageStatistics(name: entity.id, label: entity.name, explicitUses: explicitByTarget[target] ?? 0,
                                   implicitUses: implicitByTarget[target] ?? 0, documents: documentCounts[target] ?? 0)
        }
        let sources = registries.allSources.map { source -> UsageStatistics in
            let target = Target.source(key: source.key)
            return UsageStatistics(name: source.key, label: ReferenceFormatter.short(source), explicitUses: explicitByTarget[target] ?? 0,
                                   implicitUses: 0, documents: documentCounts[target] ?? 0)
        }
        return CorpusStatistics(documents: documentRows, entities: entities, sources: sources)
    }
}
