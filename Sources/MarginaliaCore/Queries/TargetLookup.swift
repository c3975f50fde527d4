/// Resolving a name typed by a user (on the command line, in a workspace-symbol query) to the
/// targets it can mean.
extension Corpus {
    /// Every target `query` names: a citation key (`@` optional), an entity id, name or alias
    /// (case- and diacritic-insensitive), a type, an annotation id (`#` optional) or a note
    /// label (`^label` or `[^label]`, one target per document that has it). Empty when none.
    public func targets(named query: String) -> [Target] {
        let name = query.trimmingWhitespace()
        if name.isEmpty { return [] }
        if let label = Corpus.noteLabel(in: name) { return noteTargets(label: label) }
        var result: [Target] = []
        let key = name.hasPrefix("@") ? String(name.dropFirst()) : name
        if registries.sourcesByKey[key] != nil || useCounts[.source(key: key)] != nil {
            result.append(.source(key: registries.source(forKey: key)?.key ?? key))
        }
        if name.hasPrefix("@") { return result }
        switch registries.resolveMention(name) {
        case .entity(let id): result.append(.entity(id: id))
        case .ambiguous(let ids): result += ids.map { .entity(id: $0) }
        case .unknown: break
        }
        if registries.typesByName[name] != nil || registries.entityTypesByName[name] != nil {
            result.append(.type(name: name))
        }
        let annotationID = name.hasPrefix("#") ? String(name.dropFirst()) : name
        if annotationIDs.contains(annotationID) { result.append(.annotation(id: annotationID)) }
        if result.isEmpty { result = noteTargets(label: name) }
        return result
    }

    /// Every name a user could type for some target, for "did you mean" suggestions.
    public var targetNames: [String] {
        var names = Set<String>()
        for key in registries.sourcesByKey.keys { names.insert(key) }
        for entity in registries.allEntities {
            names.insert(entity.id)
            names.insert(entity.name)
            for alias in entity.aliases { names.insert(alias) }
        }
        for name in registries.typesByName.keys { names.insert(name) }
        for name in registries.entityTypesByName.keys { names.insert(name) }
        for id in annotationIDs { names.insert(id) }
        for document in documents.values {
            for definition in document.document.markup.noteDefinitions where definition.style != .inline {
                names.insert("^" + definition.label)
            }
        }
        names.remove("")
        return names.sorted()
    }

    /// The nearest names to an unknown one (`@`, `#`, `[^...]` decorations are ignored).
    public func suggestions(forTarget query: String, limit: Int = 3) -> [String] {
        var name = query.trimmingWhitespace()
        if let label = Corpus.noteLabel(in: name) { name = "^" + label }
        else if name.hasPrefix("@") || name.hasPrefix("#") { name.removeFirst() }
        return Suggestions.nearest(to: name, among: targetNames, limit: limit)
    }

    /// Ids of every named annotation (`#id`) in the corpus.
    var annotationIDs: Set<String> {
        var ids = Set<String>()
        for document in documents.values {
            for annotation in document.document.markup.annotations {
                if let id = annotation.id { ids.insert(id) }
            }
        }
        return ids
    }

    /// One note target per document that defines or references `label`, in path order.
    func noteTargets(label: String) -> [Target] {
        var result: [Target] = []
        for path in documentPaths {
            guard let markup = documents[path]?.document.markup else { continue }
            let defined = markup.noteDefinitions.contains { $0.label == label && $0.style != .inline }
            let referenced = markup.noteReferences.contains { $0.label == label }
            if defined || referenced { result.append(.note(path: path, label: label)) }
        }
        return result
    }

    /// The label of `^label` or `[^label]`, nil for anything else.
    static func noteLabel(in name: String) -> String? {
        if name.hasPrefix("[^") && name.hasSuffix("]") && name.count > 3 {
            return String(name.dropFirst(2).dropLast())
        }
        if name.hasPrefix("^") && name.count > 1 { return String(name.dropFirst()) }
        return nil
    }
}
