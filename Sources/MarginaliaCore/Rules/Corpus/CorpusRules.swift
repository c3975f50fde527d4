/// Rules over the whole corpus: registry files, duplicates across files, unused sources.
enum CorpusRules {
    /// Findings of the rules that read registries only: computed once per `Registries`.
    static func registryFindings(_ registries: Registries) -> [Finding] {
        let policy = FindingPolicy(registries.configuration)
        var findings: [Finding] = []
        findings += RegistryIssuesRule.check(registries)
        // Rules turned off are not run at all: on a large bibliography they would cost more
        // than the parse.
        if policy.isEnabled(RuleID.duplicateSourceKey) { findings += DuplicateSourceKeyRule.check(registries) }
        if policy.isEnabled(RuleID.incompleteSource) { findings += IncompleteSourceRule.check(registries) }
        if policy.isEnabled(RuleID.duplicateEntity) { findings += DuplicateEntityRule.check(registries) }
        findings += EntityTypeRule.check(registries)
        return policy.apply(findings)
    }

    /// Every corpus-level finding.
    static func run(_ corpus: Corpus) -> [Finding] {
        var findings = corpus.registries.registryFindings
        if FindingPolicy(corpus.registries.configuration).isEnabled(RuleID.unusedSource) {
            findings += applyPolicy(UnusedSourceRule.check(corpus, in: nil), corpus)
        }
        findings += applyPolicy(DuplicateAnnotationIDRule.check(corpus, in: nil), corpus)
        return findings
    }

    /// The corpus-level findings located in one file, computing only what can land there.
    static func run(_ corpus: Corpus, onlyIn path: String) -> [Finding] {
        var findings = corpus.registries.registryFindings.filter { $0.path == path }
        if corpus.documents[path] != nil {
            findings += applyPolicy(DuplicateAnnotationIDRule.check(corpus, in: path), corpus)
        } else if FindingPolicy(corpus.registries.configuration).isEnabled(RuleID.unusedSource),
                  corpus.registries.bibliographies.contains(where: { $0.path == path }) {
            findings += applyPolicy(UnusedSourceRule.check(corpus, in: path), corpus)
        }
        return findings
    }

    /// Applies configured severities and the suppressions of the finding's document.
    static func applyPolicy(_ findings: [Finding], _ corpus: Corpus) -> [Finding] {
        guard !findings.isEmpty else { return [] }
        var byPath: [String: [Finding]] = [:]
        for finding in findings { byPath[finding.path, default: []].append(finding) }
        let policy = FindingPolicy(corpus.registries.configuration)
        var result: [Finding] = []
        for (path, group) in byPath {
            result += policy.apply(group, suppressions: corpus.documents[path]?.document.markup.suppressions ?? [],
                                   text: corpus.documents[path]?.document.text)
        }
        return result
    }

    static func finding(_ rule: String, _ message: String, path: String, range: Range<Int>,
                        fixes: [Fix] = [], related: [RelatedLocation] = []) -> Finding {
        Finding(rule: rule, severity: RuleCatalog.defaultSeverity(rule), message: message, path: path, range: range,
                fixes: fixes, related: related)
    }
}

/// `unreadable-bibliography` and `invalid-registry`: what the registry parsers reported.
enum RegistryIssuesRule {
    static func check(_ registries: Registries) -> [Finding] {
        var findings: [Finding] = []
        for file in registries.bibliographies {
            findings += file.issues.map { CorpusRules.finding($0.rule, $0.message, path: file.path, range: $0.range) }
        }
        for file in registries.entityFiles {
            findings += file.issues.map { CorpusRules.finding($0.rule, $0.message, path: file.path, range: $0.range) }
        }
        if let path = registries.codebook.path {
            findings += registries.codebook.issues.map { CorpusRules.finding($0.rule, $0.message, path: path, range: $0.range) }
        }
        if let path = registries.configuration.path {
            findings += registries.configuration.issues.map { CorpusRules.finding($0.rule, $0.message, path: path, range: $0.range) }
        }
        for (path, issues) in registries.loadIssues {
            findings += issues.map { CorpusRules.finding($0.rule, $0.message, path: path, range: $0.range) }
        }
        return findings
    }
}

/// `duplicate-source-key`: a key defined more than once, in one file or across files.
enum DuplicateSourceKeyRule {
    static func check(_ registries: Registries) -> [Finding] {
        // Only keys defined more than once matter: most bibliographies have none, and then no
        // entry's key is hashed again.
        let duplicated = registries.sourcesByKey.filter { $0.value.count > 1 }
        guard !duplicated.isEmpty else { return [] }
        var findings: [Finding] = []
        for file in registries.bibliographies {
            for source in file.sources {
                guard let first = duplicated[source.key]?.first, first != source else { continue }
                findings.append(CorpusRules.finding(
                    RuleID.duplicateSourceKey, "duplicate source key '\(source.key)': citations use the first definition",
                    path: file.path, range: source.keyRange,
                    related: [RelatedLocation(path: first.path, range: first.keyRange, message: "first definition")]))
            }
        }
        return findings
    }
}

/// `incomplete-source`: no title, no author, no date, or neither URL nor DOI.
enum IncompleteSourceRule {
    static func check(_ registries: Registries) -> [Finding] {
        var findings: [Finding] = []
        for file in registries.bibliographies {
            for source in file.sources {
                var missing: [String] = []
                if (source.title ?? "").isEmpty { missing.append("title") }
                if source.authors.isEmpty && source.fields["publisher"] == nil && source.fields["organization"] == nil
                    && source.fields["institution"] == nil {
                    missing.append("author")
                }
                if (source.year ?? "").isEmpty { missing.append("date") }
                if (source.url ?? "").isEmpty && (source.doi ?? "").isEmpty { missing.append("URL or DOI") }
                guard !missing.isEmpty else { continue }
                findings.append(CorpusRules.finding(
                    RuleID.incompleteSource, "incomplete source '\(source.key)': no \(missing.joined(separator: ", no "))",
                    path: file.path, range: source.keyRange))
            }
        }
        return findings
    }
}

/// `unused-source`: a source no document cites.
enum UnusedSourceRule {
    static func check(_ corpus: Corpus, in onlyPath: String?) -> [Finding] {
        var findings: [Finding] = []
        // A `crossref` parent is used through its children (a book through its chapters).
        var parentsOfCited = Set<String>()
        for file in corpus.registries.bibliographies {
            for source in file.sources where corpus.useCounts[.source(key: source.key)] != nil {
                if let parent = source.fields["crossref"]?.value { parentsOfCited.insert(parent) }
            }
        }
        for file in corpus.registries.bibliographies where onlyPath == nil || file.path == onlyPath {
            for source in file.sources where corpus.useCounts[.source(key: source.key)] == nil {
                if source.aliases.contains(where: { corpus.useCounts[.source(key: $0)] != nil }) { continue }
                if parentsOfCited.contains(source.key) { continue }
                findings.append(CorpusRules.finding(
                    RuleID.unusedSource, "source '\(source.key)' is never cited", path: file.path, range: source.keyRange))
            }
        }
        return findings
    }
}

/// `duplicate-entity`: an id defined more than once.
enum DuplicateEntityRule {
    static func check(_ registries: Registries) -> [Finding] {
        var findings: [Finding] = []
        for file in registries.entityFiles {
            for entity in file.entities {
                guard let all = registries.entitiesByID[entity.id], all.count > 1, let first = all.first, first != entity else { continue }
                findings.append(CorpusRules.finding(
                    RuleID.duplicateEntity, "duplicate entity id '\(entity.id)': mentions use the first definition",
                    path: file.path, range: entity.idRange,
                    related: [RelatedLocation(path: first.path, range: first.idRange, message: "first definition")]))
            }
        }
        return findings
    }
}

/// `unknown-type` in entity registries: an entity whose type the codebook does not list.
enum EntityTypeRule {
    static func check(_ registries: Registries) -> [Finding] {
        var findings: [Finding] = []
        for file in registries.entityFiles {
            for entity in file.entities where registries.entityTypesByName[entity.type] == nil {
                findings.append(CorpusRules.finding(
                    RuleID.unknownType, "unknown entity type '\(entity.type)' for '\(entity.id)': the codebook does not list it",
                    path: file.path, range: entity.typeRange ?? entity.idRange))
            }
        }
        return findings
    }
}

/// `duplicate-annotation-id`: two spans with one `#id` anywhere in the corpus. The first in
/// path and position order is the original; every later one is reported.
enum DuplicateAnnotationIDRule {
    static func check(_ corpus: Corpus, in onlyPath: String?) -> [Finding] {
        if let onlyPath { return check(corpus, onlyIn: onlyPath) }
        // One pass over every span of every document, in order.
        var first: [String: (path: String, range: Range<Int>)] = [:]
        var findings: [Finding] = []
        for path in corpus.documentPaths {
            guard let document = corpus.documents[path] else { continue }
            for annotation in document.document.markup.annotations {
                guard let id = annotation.id, let range = annotation.idRange else { continue }
                if let original = first[id] {
                    findings.append(duplicate(id, path: path, range: range, original: original))
                } else {
                    first[id] = (path, range)
                }
            }
        }
        return findings
    }

    /// The duplicates in one document, reading only it and the document of each original.
    static func check(_ corpus: Corpus, onlyIn path: String) -> [Finding] {
        guard let document = corpus.documents[path] else { return [] }
        var findings: [Finding] = []
        var seenHere: [String: Range<Int>] = [:]
        for annotation in document.document.markup.annotations {
            guard let id = annotation.id, let range = annotation.idRange else { continue }
            if let earlier = seenHere[id] {
                findings.append(duplicate(id, path: path, range: range, original: (path, earlier)))
                continue
            }
            seenHere[id] = range
            // The paths defining the id are sorted: an earlier one holds the original.
            guard let firstPath = corpus.annotationDefinitions[id]?.first, firstPath < path,
                  let original = corpus.documents[firstPath]?.document.markup.annotations.first(where: { $0.id == id }),
                  let originalRange = original.idRange
            else { continue }
            findings.append(duplicate(id, path: path, range: range, original: (firstPath, originalRange)))
        }
        return findings
    }

    static func duplicate(_ id: String, path: String, range: Range<Int>, original: (path: String, range: Range<Int>)) -> Finding {
        CorpusRules.finding(
            RuleID.duplicateAnnotationID, "duplicate annotation id '\(id)'", path: path, range: range,
            related: [RelatedLocation(path: original.path, range: original.range, message: "first use")])
    }
}
