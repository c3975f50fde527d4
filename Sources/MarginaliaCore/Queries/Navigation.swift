/// A place in a file.
public struct Location: Sendable, Hashable {
    /// Absolute path.
    public var path: String
    /// Byte range.
    public var range: Range<Int>

    /// Creates a location.
    public init(path: String, range: Range<Int>) {
        self.path = path
        self.range = range
    }
}

extension Corpus {
    /// The occurrence under `offset` in a document or a registry file.
    public func occurrence(at offset: Int, in path: String) -> Occurrence? {
        if let document = documents[path] { return document.occurrence(at: offset) }
        guard let occurrences = registries.occurrencesByPath[path] else { return nil }
        return occurrences.filter { $0.range.lowerBound <= offset && offset <= $0.range.upperBound }
            .min { $0.range.count < $1.range.count }
    }

    /// The annotation whose text or markup holds `offset` (innermost first).
    public func annotation(at offset: Int, in path: String) -> Annotation? {
        guard let document = documents[path] else { return nil }
        return document.document.markup.annotations
            .filter { $0.markupRange.lowerBound <= offset && offset < $0.markupRange.upperBound }
            .min { $0.markupRange.count < $1.markupRange.count }
    }

    /// Where a target is defined: a registry entry, a note definition, a named span.
    public func definitions(of target: Target) -> [Location] {
        switch target {
        case .source(let key):
            return (registries.sourcesByKey[key] ?? []).map { Location(path: $0.path, range: $0.keyRange) }
        case .entity(let id):
            return (registries.entitiesByID[id] ?? []).map { Location(path: $0.path, range: $0.idRange) }
        case .note(let path, let label):
            guard let document = documents[path] else { return [] }
            return document.document.markup.noteDefinitions.filter { $0.label == label && $0.style != .inline }
                .map { Location(path: path, range: $0.labelRange) }
        case .type(let name):
            guard let path = registries.codebook.path else { return [] }
            let types = registries.codebook.types + registries.codebook.entityTypes
            return types.filter { $0.name == name }.compactMap { type in type.range.map { Location(path: path, range: $0) } }
        case .annotation:
            return references(to: target, includeDefinitions: true).filter(\.isDefinition).map { Location(path: $0.path, range: $0.range) }
        }
    }

    /// Every occurrence of a target across the corpus, registry files included, in path order.
    public func references(to target: Target, includeDefinitions: Bool) -> [Occurrence] {
        var result: [Occurrence] = []
        if includeDefinitions {
            for path in registries.occurrencesByPath.keys.sorted() {
                result += (registries.occurrencesByPath[path] ?? []).filter { $0.target == target }
            }
        }
        let paths: [String]
        switch target {
        case .note(let path, _): paths = [path]
        case .annotation(let id): paths = Array(Set(annotationDefinitions[id] ?? [])).sorted()
        default: paths = documentPaths
        }
        for path in paths {
            guard let document = documents[path] else { continue }
            // A document that does not use the target is skipped without a scan (notes and
            // annotation ids are defined in the documents listed above).
            if document.useCounts[target] == nil && !documentMayDefine(target) { continue }
            for occurrence in document.occurrences where occurrence.target == target {
                if includeDefinitions || !occurrence.isDefinition { result.append(occurrence) }
            }
        }
        return result
    }

    private func documentMayDefine(_ target: Target) -> Bool {
        switch target {
        case .note, .annotation: return true
        default: return false
        }
    }

    /// The occurrences of the target under `offset` within the same file, for highlighting.
    public func highlights(at offset: Int, in path: String) -> [Occurrence] {
        guard let occurrence = occurrence(at: offset, in: path) else { return [] }
        if let document = documents[path] {
            return document.occurrences.filter { $0.target == occurrence.target }
        }
        return (registries.occurrencesByPath[path] ?? []).filter { $0.target == occurrence.target }
    }
}
