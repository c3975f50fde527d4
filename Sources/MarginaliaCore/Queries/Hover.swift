/// What a hover shows: Markdown and the range it describes.
public struct HoverContent: Sendable, Hashable {
    /// Markdown text.
    public var markdown: String
    /// The byte range hovered.
    public var range: Range<Int>
}

extension Corpus {
    /// The hover card for `offset` in a document or registry file.
    public func hover(at offset: Int, in path: String) -> HoverContent? {
        if let occurrence = occurrence(at: offset, in: path), let markdown = card(for: occurrence.target) {
            return HoverContent(markdown: markdown, range: occurrence.range)
        }
        if let document = documents[path] {
            let markup = document.document.markup
            // An inline note shows its own text.
            if let note = markup.noteDefinitions.first(where: { $0.style == .inline && $0.range.contains(offset) && !$0.contentRange.contains(offset) }) {
                return HoverContent(markdown: "**Note**\n\n\(note.text)", range: note.range)
            }
            if let annotation = annotation(at: offset, in: path) {
                return HoverContent(markdown: annotationCard(annotation, in: document.document), range: annotation.markupRange)
            }
        }
        return nil
    }

    /// The card describing a target, or nil when it is unknown.
    public func card(for target: Target) -> String? {
        switch target {
        case .source(let key): return registries.source(forKey: key).map { sourceCard($0) }
        case .entity(let id): return registries.entity(forID: id).map { entityCard($0) }
        case .note(let path, let label): return noteCard(path: path, label: label)
        case .type(let name): return typeCard(name)
        case .annotation(let id):
            for path in annotationDefinitions[id] ?? [] {
                if let annotation = documents[path]?.document.markup.annotations.first(where: { $0.id == id }),
                   let document = documents[path]?.document {
                    return annotationCard(annotation, in: document)
                }
            }
            return nil
        }
    }

    /// "Cited 3 times in 2 documents."
    func usageLine(_ target: Target, verb: String) -> String {
        let uses = useCounts[target] ?? 0
        let documentsUsing = documentCounts[target] ?? 0
        if uses == 0 { return "Not \(verb) in the corpus." }
        return "\(verb.capitalizedFirst) \(uses) \(uses == 1 ? "time" : "times") in \(documentsUsing) \(documentsUsing == 1 ? "document" : "documents")."
    }

    func sourceCard(_ source: Source) -> String {
        var lines: [String] = [ReferenceFormatter.full(source)]
        lines.append("")
        lines.append("`@\(source.key)` · \(source.entryType) · \(usageLine(.source(key: source.key), verb: "cited"))")
        return lines.joined(separator: "\n")
    }

    func entityCard(_ entity: Entity) -> String {
        var lines = ["**\(entity.name)** · \(entity.type)"]
        if let note = entity.note, !note.isEmpty { lines += ["", note] }
        let aliases = entity.aliases.filter { $0 != entity.name }
        if !aliases.isEmpty { lines += ["", "Also: " + aliases.joined(separator: ", ")] }
        if !entity.sameAs.isEmpty { lines += ["", entity.sameAs.map { "<\($0)>" }.joined(separator: " · ")] }
        lines += ["", "`\(entity.id)` · " + usageLine(.entity(id: entity.id), verb: "mentioned")]
        return lines.joined(separator: "\n")
    }

    func noteCard(path: String, label: String) -> String? {
        guard let definition = documents[path]?.document.markup.noteDefinitions.first(where: { $0.label == label && $0.style != .inline }) else {
            return "**Note \(label)**\n\nNo definition."
        }
        return "**Note \(label)**\n\n\(definition.text)"
    }

    func typeCard(_ name: String) -> String? {
        if let type = registries.typesByName[name] {
            var lines = ["**\(name)** · annotation type"]
            if let description = type.description { lines += ["", description] }
            if let parent = type.parent { lines += ["", "Kind of: `\(parent)`"] }
            if registries.requiresCitation(name) { lines += ["", "Requires a citation."] }
            let attributes = registries.attributes(of: name)
            if !attributes.isEmpty {
                lines.append("")
                for attribute in attributes {
                    var line = "- `\(attribute.name)`"
                    if let description = attribute.description { line += ": \(description)" }
                    if let values = attribute.values { line += " (" + values.joined(separator: ", ") + ")" }
                    lines.append(line)
                }
            }
            lines += ["", usageLine(.type(name: name), verb: "used")]
            return lines.joined(separator: "\n")
        }
        if let type = registries.entityTypesByName[name] {
            var lines = ["**\(name)** · entity type"]
            if let description = type.description { lines += ["", description] }
            return lines.joined(separator: "\n")
        }
        return nil
    }

    func annotationCard(_ annotation: Annotation, in document: Document) -> String {
        var lines: [String] = []
        for type in annotation.typeNames {
            var line = "**\(type)**"
            if let description = registries.typesByName[type]?.description ?? registries.entityTypesByName[type]?.description {
                line += ": \(description)"
            } else if registries.typesByName[type] == nil && registries.entityTypesByName[type] == nil {
                line += ": not in the codebook"
            }
            lines.append(line)
        }
        if let id = annotation.id { lines.append("`#\(id)`") }
        if let note = annotation.note { lines += ["", note] }
        let attributes = annotation.attributes.filter { $0.key != "note" }
        if !attributes.isEmpty {
            lines.append("")
            lines += attributes.map { "- \($0.key): \($0.value)" }
        }
        if annotation.typeNames.contains(where: { registries.requiresCitation($0) }) {
            lines += ["", CitationSupport.isCited(annotation, in: document) ? "✓ Cited." : "⚠ Not cited: this type requires a citation."]
        }
        return lines.joined(separator: "\n")
    }
}

/// Formats references for hover, completion and inlay hints.
public enum ReferenceFormatter {
    /// "Smith, Jane, and Doe, A. (2020). *Title*. Container. https://..."
    public static func full(_ source: Source) -> String {
        var parts: [String] = []
        let authors = authorList(source.authors)
        parts.append((authors.isEmpty ? "Anonymous" : authors) + " (\(source.year ?? "n.d.")).")
        if let title = source.title, !title.isEmpty { parts.append("*\(title)*.") }
        if let container = source.container, !container.isEmpty { parts.append("\(container).") }
        if let doi = source.doi, !doi.isEmpty {
            parts.append("https://doi.org/\(doi)")
        } else if let url = source.url, !url.isEmpty {
            parts.append(url)
        }
        return parts.joined(separator: " ")
    }

    /// "Smith 2020", "Smith & Doe 2020", "Smith et al. 2020".
    public static func short(_ source: Source) -> String {
        let families = source.authors.map(\.family)
        let names: String
        switch families.count {
        case 0: names = source.title.map { String($0.prefix(30)) } ?? source.key
        case 1: names = families[0]
        case 2: names = "\(families[0]) & \(families[1])"
        default: names = "\(families[0]) et al."
        }
        return source.year.map { "\(names) \($0)" } ?? names
    }

    static func authorList(_ authors: [PersonName]) -> String {
        let names = authors.map { name in
            guard let given = name.given, !given.isEmpty else { return name.family }
            return "\(name.family), \(given)"
        }
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        case 2: return "\(names[0]) and \(names[1])"
        default: return names.dropLast().joined(separator: ", ") + ", and " + (names.last ?? "")
        }
    }
}

extension String {
    /// The string with its first letter uppercased.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
