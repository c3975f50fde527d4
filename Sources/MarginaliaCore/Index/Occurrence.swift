/// Something that can be defined once and used many times across the corpus.
public enum Target: Sendable, Hashable {
    /// A bibliography source, by citation key.
    case source(key: String)
    /// An entity, by id.
    case entity(id: String)
    /// A note, by document path and label (notes are local to their document).
    case note(path: String, label: String)
    /// An annotation type or entity type, by name.
    case type(name: String)
    /// A named annotation (`#id`), by id.
    case annotation(id: String)

    /// The name a user would type for it (`smith2020`, `hrw`, `1`, `claim`).
    public var name: String {
        switch self {
        case .source(let key): key
        case .entity(let id): id
        case .note(_, let label): label
        case .type(let name): name
        case .annotation(let id): id
        }
    }

    /// A word for its kind, for messages ("source", "entity"...).
    public var kindName: String {
        switch self {
        case .source: "source"
        case .entity: "entity"
        case .note: "note"
        case .type: "type"
        case .annotation: "annotation"
        }
    }
}

/// What written construct an occurrence is.
public enum OccurrenceKind: String, Sendable, Hashable {
    /// A citation item's key.
    case citation
    /// A `[[target]]` mention.
    case explicitMention
    /// An unmarked name or alias matched by the gazetteer.
    case implicitMention
    /// A note marker.
    case noteMarker
    /// A note's definition label.
    case noteDefinition
    /// A type name in a span's attribute block (`.claim`).
    case annotationType
    /// A span's `#id`.
    case annotationID
    /// The key of an entry in a registry file (bib key, entity id, codebook type).
    case registryEntry
    /// A type name used as a value inside a registry (an entity's `type`, a code's `parent`).
    case registryReference
}

/// One place where a target is written, in a document or a registry file.
public struct Occurrence: Sendable, Hashable {
    /// What it refers to.
    public var target: Target
    /// Absolute path of the file.
    public var path: String
    /// Byte range of the name as written (the key, the label, the mention target or the matched text).
    public var range: Range<Int>
    /// What construct it is.
    public var kind: OccurrenceKind
    /// Whether this is the defining place.
    public var isDefinition: Bool { kind == .registryEntry || kind == .noteDefinition || kind == .annotationID }

    /// Creates an occurrence.
    public init(target: Target, path: String, range: Range<Int>, kind: OccurrenceKind) {
        self.target = target
        self.path = path
        self.range = range
        self.kind = kind
    }
}
