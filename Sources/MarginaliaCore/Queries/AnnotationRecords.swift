/// What kind of construct an annotation record is.
public enum AnnotationRecordKind: String, Sendable, Hashable {
    /// One cited item of a citation.
    case citation
    /// A note attached at a marker (or an inline note, which is its own marker).
    case note
    /// An explicit `[[...]]` mention.
    case mention
    /// A name or alias matched without markup.
    case implicitMention = "implicit-mention"
    /// A typed span.
    case span
}

/// One `key: value` of a record, in order.
public struct RecordAttribute: Sendable, Hashable {
    /// The name.
    public var key: String
    /// The value.
    public var value: String

    /// Creates one.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One annotation of a document as exporters see it, whatever its origin: the model's view,
/// independent of markup syntax.
public struct AnnotationRecord: Sendable, Hashable {
    /// The kind.
    public var kind: AnnotationRecordKind
    /// Absolute path of the document.
    public var path: String
    /// Byte range of the annotated text (what a selector points at).
    public var range: Range<Int>
    /// Byte range of the whole construct as written (equal to `range` for implicit mentions).
    public var markupRange: Range<Int>
    /// What it refers to: citation key, entity id, note label, or the span's `#id`.
    public var target: String?
    /// Types: the span's codebook types, or the mentioned entity's type.
    public var types: [String]
    /// The note's text, or the span's `note=` attribute.
    public var note: String?
    /// Everything else, in order (prefix/suffix/mode of a citation, attributes of a span...).
    public var attributes: [RecordAttribute]
    /// Links to what the target is: the source's DOI or URL, the entity's `sameAs`.
    public var links: [String]
}

extension Corpus {
    /// Every annotation of a document, sorted by position; empty for an unknown path.
    public func annotationRecords(in path: String) -> [AnnotationRecord] {
        guard let analyzed = documents[path] else { return [] }
        let markup = analyzed.document.markup
        var records: [AnnotationRecord] = []

        for citation in markup.citations {
            for item in citation.items where !CrossReference.isCrossReference(item.key) {
                let source = registries.source(forKey: item.key)
                var attributes = [RecordAttribute(key: "mode", value: item.mode.rawValue)]
                if !item.prefix.isEmpty { attributes.append(RecordAttribute(key: "prefix", value: item.prefix)) }
                if !item.suffix.isEmpty { attributes.append(RecordAttribute(key: "suffix", value: item.suffix)) }
                attributes.append(RecordAttribute(key: "resolved", value: source == nil ? "false" : "true"))
                var links: [String] = []
                if let doi = source?.doi, !doi.isEmpty { links.append("https://doi.org/" + doi) }
                if let url = source?.url, !url.isEmpty { links.append(url) }
                records.append(AnnotationRecord(
                    kind: .citation, path: path, range: item.range, markupRange: citation.range, target: source?.key ?? item.key,
                    types: [], note: nil, attributes: attributes, links: links))
            }
        }

        var definitions: [String: NoteDefinition] = [:]
        for definition in markup.noteDefinitions where definition.style != .inline && definitions[definition.label] == nil {
            definitions[definition.label] = definition
        }
        for reference in markup.noteReferences {
            let definition = definitions[reference.label]
            records.append(AnnotationRecord(
                kind: .note, path: path, range: reference.range, markupRange: reference.range, target: reference.label,
                types: [], note: definition?.text, attributes: [RecordAttribute(key: "style", value: reference.style.rawValue)],
                links: []))
        }
        for definition in markup.noteDefinitions where definition.style == .inline {
            records.append(AnnotationRecord(
                kind: .note, path: path, range: definition.range, markupRange: definition.range, target: definition.label,
                types: [], note: definition.text, attributes: [RecordAttribute(key: "style", value: definition.style.rawValue)],
                links: []))
        }

        for mention in markup.mentions {
            var record = AnnotationRecord(
                kind: .mention, path: path, range: mention.range, markupRange: mention.range, target: nil, types: [],
                note: nil, attributes: [RecordAttribute(key: "written", value: mention.target)], links: [])
            if let shown = mention.shownText { record.attributes.append(RecordAttribute(key: "shown", value: shown)) }
            switch registries.resolveMention(mention.target) {
            case .entity(let id):
                record.target = id
                if let entity = registries.entity(forID: id) {
                    record.types = [entity.type]
                    record.links = entity.sameAs
                }
            case .ambiguous(let ids):
                record.attributes.append(RecordAttribute(key: "ambiguous", value: ids.joined(separator: " ")))
            case .unknown:
                record.attributes.append(RecordAttribute(key: "unresolved", value: "true"))
            }
            records.append(record)
        }
        for occurrence in analyzed.occurrences where occurrence.kind == .implicitMention {
            guard case .entity(let id) = occurrence.target else { continue }
            let entity = registries.entity(forID: id)
            records.append(AnnotationRecord(
                kind: .implicitMention, path: path, range: occurrence.range, markupRange: occurrence.range, target: id,
                types: entity.map { [$0.type] } ?? [], note: nil, attributes: [], links: entity?.sameAs ?? []))
        }

        for annotation in markup.annotations {
            let attributes = annotation.attributes.filter { $0.key != "note" }.map { RecordAttribute(key: $0.key, value: $0.value) }
            records.append(AnnotationRecord(
                kind: .span, path: path, range: annotation.range, markupRange: annotation.markupRange, target: annotation.id,
                types: annotation.typeNames, note: annotation.note, attributes: attributes, links: []))
        }

        return records.sorted {
            ($0.range.lowerBound, $0.range.upperBound, $0.kind.rawValue) < ($1.range.lowerBound, $1.range.upperBound, $1.kind.rawValue)
        }
    }
}
