/// What an outline entry is.
public enum SymbolKind: String, Sendable, Hashable {
    case heading, note, annotation, source, entity, type, document
}

/// An entry of a document outline, with children.
public struct OutlineSymbol: Sendable, Hashable {
    /// Name shown.
    public var name: String
    /// Detail shown beside it.
    public var detail: String?
    /// Kind.
    public var kind: SymbolKind
    /// Range of the whole thing.
    public var range: Range<Int>
    /// Range of its name.
    public var selectionRange: Range<Int>
    /// Nested entries.
    public var children: [OutlineSymbol]
}

/// A workspace symbol: something named, anywhere in the corpus.
public struct CorpusSymbol: Sendable, Hashable {
    /// Name.
    public var name: String
    /// Kind.
    public var kind: SymbolKind
    /// Where it is.
    public var location: Location
    /// Container (the file or type).
    public var container: String?
}

/// Semantic token categories.
public enum SemanticCategory: String, Sendable, Hashable, CaseIterable {
    case citation, mention, note, annotationType, uncitedClaim, unknownReference
}

/// One highlighted range with a category and, for mentions, the entity type as modifier.
public struct SemanticToken: Sendable, Hashable {
    /// Byte range (within one line; multi-line ranges are split by the server).
    public var range: Range<Int>
    /// Category.
    public var category: SemanticCategory
    /// Entity type for mentions (`person`...), or nil.
    public var entityType: String?
    /// Whether the mention is implicit.
    public var isImplicit: Bool
}

/// A short label shown after a range (an inlay hint).
public struct InlineHint: Sendable, Hashable {
    /// Offset after which it is shown.
    public var offset: Int
    /// The label.
    public var label: String
    /// Tooltip markdown.
    public var tooltip: String?
}

/// A count shown above a registry entry (a code lens).
public struct UsageLens: Sendable, Hashable {
    /// Range of the entry's key.
    public var range: Range<Int>
    /// "3 citations".
    public var title: String
    /// The target, to list its references.
    public var target: Target
}

/// A foldable range.
public struct Fold: Sendable, Hashable {
    /// Byte range.
    public var range: Range<Int>
    /// "comment", "region" or nil.
    public var kind: String?
}

extension Corpus {
    /// The outline of a document: headings nesting notes and named annotations.
    public func outline(of path: String) -> [OutlineSymbol] {
        guard let document = documents[path]?.document else { return registryOutline(of: path) }
        let markup = document.markup
        var leaves: [OutlineSymbol] = []
        for definition in markup.noteDefinitions where definition.style != .inline {
            leaves.append(OutlineSymbol(name: "[^\(definition.label)]", detail: String(definition.text.prefix(60)), kind: .note,
                                        range: definition.range, selectionRange: definition.labelRange, children: []))
        }
        for annotation in markup.annotations where annotation.id != nil {
            let name = "#" + (annotation.id ?? "")
            leaves.append(OutlineSymbol(name: name, detail: annotation.typeNames.joined(separator: " "), kind: .annotation,
                                        range: annotation.markupRange, selectionRange: annotation.idRange ?? annotation.range, children: []))
        }
        // Build the heading tree with a stack; leaves go under the innermost heading holding them.
        var roots: [OutlineSymbol] = []
        var stack: [(level: Int, symbol: OutlineSymbol)] = []
        func popTo(_ level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                if stack.isEmpty { roots.append(last.symbol) } else { stack[stack.count - 1].symbol.children.append(last.symbol) }
            }
        }
        var leafIndex = 0
        let sortedLeaves = leaves.sorted { $0.range.lowerBound < $1.range.lowerBound }
        func placeLeaves(before offset: Int) {
            while leafIndex < sortedLeaves.count && sortedLeaves[leafIndex].range.lowerBound < offset {
                if stack.isEmpty { roots.append(sortedLeaves[leafIndex]) } else { stack[stack.count - 1].symbol.children.append(sortedLeaves[leafIndex]) }
                leafIndex += 1
            }
        }
        for heading in markup.headings {
            placeLeaves(before: heading.range.lowerBound)
            popTo(heading.level)
            stack.append((heading.level, OutlineSymbol(name: heading.text, detail: nil, kind: .heading, range: heading.sectionRange,
                                                       selectionRange: heading.range, children: [])))
        }
        placeLeaves(before: Int.max)
        popTo(0)
        return roots
    }

    func registryOutline(of path: String) -> [OutlineSymbol] {
        (registries.occurrencesByPath[path] ?? []).filter { $0.kind == .registryEntry }.map { occurrence in
            let kind: SymbolKind = switch occurrence.target {
            case .source: .source
            case .entity: .entity
            default: .type
            }
            return OutlineSymbol(name: occurrence.target.name, detail: nil, kind: kind, range: occurrence.range,
                                 selectionRange: occurrence.range, children: [])
        }
    }

    /// Entities, sources, types and documents whose name contains `query` (case- and diacritic-insensitive).
    public func symbols(matching query: String, limit: Int = 500) -> [CorpusSymbol] {
        let needle = TextFolding.key(for: query)
        func matches(_ names: [String]) -> Bool {
            needle.isEmpty || names.contains { TextFolding.key(for: $0).contains(needle) }
        }
        var result: [CorpusSymbol] = []
        for entity in registries.allEntities where matches([entity.id, entity.name] + entity.aliases) {
            result.append(CorpusSymbol(name: entity.name, kind: .entity, location: Location(path: entity.path, range: entity.idRange), container: entity.type))
        }
        for source in registries.allSources where matches([source.key, source.title ?? ""]) {
            result.append(CorpusSymbol(name: source.key, kind: .source, location: Location(path: source.path, range: source.keyRange),
                                       container: ReferenceFormatter.short(source)))
        }
        if let path = registries.codebook.path {
            for type in registries.codebook.types + registries.codebook.entityTypes where matches([type.name]) {
                if let range = type.range {
                    result.append(CorpusSymbol(name: type.name, kind: .type, location: Location(path: path, range: range), container: "codebook"))
                }
            }
        }
        for path in documentPaths {
            guard let document = documents[path]?.document else { continue }
            let title = document.markup.frontMatter?.value("title") ?? (path as String).split(separator: "/").last.map(String.init) ?? path
            if matches([title, path]) {
                result.append(CorpusSymbol(name: title, kind: .document, location: Location(path: path, range: 0..<0), container: nil))
            }
            if result.count >= limit { break }
        }
        return Array(result.prefix(limit))
    }

    /// Highlighted ranges of a document: mentions by entity type, citations, notes, types, uncited claims.
    public func semanticTokens(of path: String) -> [SemanticToken] {
        guard let analyzed = documents[path] else { return [] }
        var tokens: [SemanticToken] = []
        for occurrence in analyzed.occurrences {
            switch occurrence.kind {
            case .citation:
                let known = registries.sourcesByKey[occurrence.target.name] != nil
                tokens.append(SemanticToken(range: occurrence.range, category: known ? .citation : .unknownReference, entityType: nil, isImplicit: false))
            case .explicitMention, .implicitMention:
                let type = registries.entity(forID: occurrence.target.name)?.type
                tokens.append(SemanticToken(range: occurrence.range, category: .mention, entityType: type, isImplicit: occurrence.kind == .implicitMention))
            case .noteMarker, .noteDefinition:
                tokens.append(SemanticToken(range: occurrence.range, category: .note, entityType: nil, isImplicit: false))
            case .annotationType:
                tokens.append(SemanticToken(range: occurrence.range, category: .annotationType, entityType: nil, isImplicit: false))
            default:
                continue
            }
        }
        for finding in analyzed.findings where finding.rule == RuleID.uncitedClaim {
            tokens.append(SemanticToken(range: finding.range, category: .uncitedClaim, entityType: nil, isImplicit: false))
        }
        return tokens.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A short reference after each citation ("Smith 2020").
    public func inlineHints(of path: String, in range: Range<Int>? = nil) -> [InlineHint] {
        guard let document = documents[path]?.document else { return [] }
        var hints: [InlineHint] = []
        for citation in document.markup.citations {
            if let range, !range.overlaps(citation.range) && !range.contains(citation.range.lowerBound) { continue }
            let labels = citation.items.compactMap { registries.source(forKey: $0.key).map(ReferenceFormatter.short) }
            guard !labels.isEmpty else { continue }
            hints.append(InlineHint(offset: citation.range.upperBound, label: labels.joined(separator: "; "), tooltip: nil))
        }
        return hints
    }

    /// Use counts above every entry of a registry file.
    public func usageLenses(of path: String) -> [UsageLens] {
        (registries.occurrencesByPath[path] ?? []).filter { $0.kind == .registryEntry }.map { occurrence in
            let count = useCounts[occurrence.target] ?? 0
            let noun: String = switch occurrence.target {
            case .source: count == 1 ? "citation" : "citations"
            case .entity: count == 1 ? "mention" : "mentions"
            default: count == 1 ? "use" : "uses"
            }
            return UsageLens(range: occurrence.range, title: "\(count) \(noun)", target: occurrence.target)
        }
    }

    /// Foldable ranges: sections, front matter, code blocks, comments, note definitions.
    public func folds(of path: String) -> [Fold] {
        guard let document = documents[path]?.document else { return [] }
        var folds: [Fold] = document.markup.headings.map { Fold(range: $0.sectionRange, kind: "region") }
        if let frontMatter = document.markup.frontMatter { folds.append(Fold(range: frontMatter.range, kind: "region")) }
        folds += document.markup.noteDefinitions.filter { $0.style != .inline }.map { Fold(range: $0.range, kind: nil) }
        folds += document.markup.opaqueRanges.map { range in
            let isComment = document.text.bytes[range.lowerBound...].starts(with: Array("<!--".utf8))
            return Fold(range: range, kind: isComment ? "comment" : nil)
        }
        // Only ranges that span lines fold.
        return folds.filter { document.text.line(containing: $0.range.lowerBound) < document.text.line(containing: max($0.range.lowerBound, $0.range.upperBound - 1)) }
    }

    /// URLs and DOIs in a document, with their targets.
    public func links(of path: String) -> [(range: Range<Int>, url: String)] {
        documents[path]?.document.markup.links.map { ($0.range, $0.url) } ?? []
    }

    /// Quick fixes for findings overlapping `range`, then "annotate selection as TYPE" for a
    /// non-empty selection, and "link mention" for an implicit mention under the cursor.
    public func codeActions(in path: String, range: Range<Int>) -> [(fix: Fix, finding: Finding?)] {
        var actions: [(fix: Fix, finding: Finding?)] = []
        for finding in findings(for: path) where finding.range.overlaps(range) || finding.range.contains(range.lowerBound)
            || (finding.range.isEmpty && range.contains(finding.range.lowerBound)) || finding.range.upperBound == range.lowerBound {
            for fix in finding.fixes { actions.append((fix, finding)) }
        }
        guard let analyzed = documents[path] else { return actions }
        if let occurrence = analyzed.occurrence(at: range.lowerBound), occurrence.kind == .implicitMention {
            let shown = analyzed.document.text.string(occurrence.range)
            let id = occurrence.target.name
            let newText = shown == id ? "[[\(id)]]" : "[[\(id)|\(shown)]]"
            actions.append((Fix(title: "Link mention to '\(id)'",
                                change: WorkspaceChange(edits: [TextEdit(path: path, range: occurrence.range, newText: newText)])), nil))
        }
        if !range.isEmpty {
            let selected = analyzed.document.text.string(range)
            for type in registries.codebook.types {
                actions.append((Fix(title: "Annotate selection as \(type.name)",
                                    change: WorkspaceChange(edits: [TextEdit(path: path, range: range, newText: "[\(selected)]{.\(type.name)}")])), nil))
            }
        }
        return actions
    }
}
