/// A person's name as bibliographies write it.
public struct PersonName: Sendable, Hashable {
    /// Family name ("van Gogh"), or the whole name of an institution / literal.
    public var family: String
    /// Given names.
    public var given: String?

    /// Creates a name.
    public init(family: String, given: String? = nil) {
        self.family = family
        self.given = given
    }
}

/// One field of a source as written in its file.
public struct SourceField: Sendable, Hashable {
    /// The value, macros expanded, braces and LaTeX markup removed (a BibTeX value is cleaned
    /// when read: most fields of a large bibliography are never shown).
    public var value: String {
        get {
            switch storage {
            case .text(let text): text
            case .bibTeX(let raw): raw.cleaned()
            }
        }
        set { storage = .text(newValue) }
    }
    /// Byte range of the value in the registry file.
    public var range: Range<Int>
    /// The value, cleaned or still raw.
    var storage: Storage

    /// A cleaned value, or raw BibTeX bytes cleaned on each read.
    enum Storage: Sendable {
        case text(String)
        case bibTeX(BibTeXRawText)
    }

    /// Creates a field.
    public init(value: String, range: Range<Int>) {
        self.storage = .text(value)
        self.range = range
    }

    /// Creates a field whose raw BibTeX value is cleaned when read.
    init(bibTeX raw: BibTeXRawText, range: Range<Int>) {
        self.storage = .bibTeX(raw)
        self.range = range
    }

    /// Fields are equal when their cleaned values and ranges are, however they are stored.
    public static func == (lhs: SourceField, rhs: SourceField) -> Bool {
        lhs.range == rhs.range && lhs.value == rhs.value
    }

    /// Hashes the cleaned value and the range, as `==` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(range)
    }
}

/// The file format a source came from.
public enum SourceFormat: String, Sendable, Hashable {
    case bibtex, cslJSON = "csl-json"
}

/// A bibliography entry: a BibTeX entry or a CSL-JSON item, normalized.
///
/// A value with copy-on-write storage: the fields live behind one reference, so a copy (into a
/// key table, a rule's loop, a cache) costs one retain instead of one per string and array.
public struct Source: Sendable, Hashable {
    /// The citation key (BibTeX key, CSL `id`).
    public var key: String {
        get { storage.key }
        set { uniqueStorage().key = newValue }
        _modify { yield &uniqueStorage().key }
    }
    /// Byte range of the key in its file.
    public var keyRange: Range<Int> {
        get { storage.keyRange }
        set { uniqueStorage().keyRange = newValue }
        _modify { yield &uniqueStorage().keyRange }
    }
    /// Byte range of the whole entry.
    public var entryRange: Range<Int> {
        get { storage.entryRange }
        set { uniqueStorage().entryRange = newValue }
        _modify { yield &uniqueStorage().entryRange }
    }
    /// Absolute path of the file.
    public var path: String {
        get { storage.path }
        set { uniqueStorage().path = newValue }
        _modify { yield &uniqueStorage().path }
    }
    /// The format.
    public var format: SourceFormat {
        get { storage.format }
        set { uniqueStorage().format = newValue }
        _modify { yield &uniqueStorage().format }
    }
    /// Entry type as written (`article`, `article-journal`, `book`...), lowercased.
    public var entryType: String {
        get { storage.entryType }
        set { uniqueStorage().entryType = newValue }
        _modify { yield &uniqueStorage().entryType }
    }
    /// Authors (or editors when there are no authors), in order.
    public var authors: [PersonName] {
        get { storage.authors }
        set { uniqueStorage().authors = newValue }
        _modify { yield &uniqueStorage().authors }
    }
    /// Year of issue, as text ("2020", "2020/2021"), if known.
    public var year: String? {
        get { storage.year }
        set { uniqueStorage().year = newValue }
        _modify { yield &uniqueStorage().year }
    }
    /// Title.
    public var title: String? {
        get { storage.title }
        set { uniqueStorage().title = newValue }
        _modify { yield &uniqueStorage().title }
    }
    /// Journal, book, site or publisher: where it appeared.
    public var container: String? {
        get { storage.container }
        set { uniqueStorage().container = newValue }
        _modify { yield &uniqueStorage().container }
    }
    /// URL.
    public var url: String? {
        get { storage.url }
        set { uniqueStorage().url = newValue }
        _modify { yield &uniqueStorage().url }
    }
    /// DOI, without the `https://doi.org/` prefix.
    public var doi: String? {
        get { storage.doi }
        set { uniqueStorage().doi = newValue }
        _modify { yield &uniqueStorage().doi }
    }
    /// Every field by lowercased name (BibTeX names; CSL-JSON variable names), for hover and
    /// completion details.
    public var fields: [String: SourceField] {
        get { storage.fields }
        set { uniqueStorage().fields = newValue }
        _modify { yield &uniqueStorage().fields }
    }
    /// Other keys this entry answers to (BibLaTeX `ids`).
    public var aliases: [String] {
        get { storage.aliases }
        set { uniqueStorage().aliases = newValue }
        _modify { yield &uniqueStorage().aliases }
    }

    /// The fields. Only ever mutated while uniquely referenced (`uniqueStorage()`), which is
    /// what makes the `var`s safe to share across threads.
    private final class Storage: @unchecked Sendable {
        var key: String
        var keyRange: Range<Int>
        var entryRange: Range<Int>
        var path: String
        var format: SourceFormat
        var entryType: String
        var authors: [PersonName]
        var year: String?
        var title: String?
        var container: String?
        var url: String?
        var doi: String?
        var fields: [String: SourceField]
        var aliases: [String]

        init(
            key: String, keyRange: Range<Int>, entryRange: Range<Int>, path: String, format: SourceFormat,
            entryType: String, authors: [PersonName], year: String?, title: String?, container: String?,
            url: String?, doi: String?, fields: [String: SourceField], aliases: [String]
        ) {
            self.key = key
            self.keyRange = keyRange
            self.entryRange = entryRange
            self.path = path
            self.format = format
            self.entryType = entryType
            self.authors = authors
            self.year = year
            self.title = title
            self.container = container
            self.url = url
            self.doi = doi
            self.fields = fields
            self.aliases = aliases
        }

        /// A copy of every field, for the first mutation of a shared value.
        func copy() -> Storage {
            Storage(
                key: key, keyRange: keyRange, entryRange: entryRange, path: path, format: format,
                entryType: entryType, authors: authors, year: year, title: title, container: container,
                url: url, doi: doi, fields: fields, aliases: aliases)
        }
    }

    private var storage: Storage

    /// The storage, copied first when another value shares it: mutation never shows through a copy.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Creates a source.
    public init(
        key: String, keyRange: Range<Int>, entryRange: Range<Int>, path: String, format: SourceFormat,
        entryType: String, authors: [PersonName] = [], year: String? = nil, title: String? = nil,
        container: String? = nil, url: String? = nil, doi: String? = nil,
        fields: [String: SourceField] = [:], aliases: [String] = []
    ) {
        storage = Storage(
            key: key, keyRange: keyRange, entryRange: entryRange, path: path, format: format,
            entryType: entryType, authors: authors, year: year, title: title, container: container,
            url: url, doi: doi, fields: fields, aliases: aliases)
    }

    /// Sources are equal when every field is, as for a plain struct; a shared storage is equal
    /// without looking further.
    public static func == (lhs: Source, rhs: Source) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let l = lhs.storage, r = rhs.storage
        return l.key == r.key && l.keyRange == r.keyRange && l.entryRange == r.entryRange && l.path == r.path
            && l.format == r.format && l.entryType == r.entryType && l.authors == r.authors && l.year == r.year
            && l.title == r.title && l.container == r.container && l.url == r.url && l.doi == r.doi
            && l.fields == r.fields && l.aliases == r.aliases
    }

    /// Hashes every field, as `==` compares them.
    public func hash(into hasher: inout Hasher) {
        let s = storage
        hasher.combine(s.key)
        hasher.combine(s.keyRange)
        hasher.combine(s.entryRange)
        hasher.combine(s.path)
        hasher.combine(s.format)
        hasher.combine(s.entryType)
        hasher.combine(s.authors)
        hasher.combine(s.year)
        hasher.combine(s.title)
        hasher.combine(s.container)
        hasher.combine(s.url)
        hasher.combine(s.doi)
        hasher.combine(s.fields)
        hasher.combine(s.aliases)
    }
}

/// The result of parsing one bibliography file: what could be recovered, and what went wrong.
public struct BibliographyFile: Sendable, Hashable {
    /// Absolute path.
    public var path: String
    /// Entries in file order.
    public var sources: [Source]
    /// Problems, each with a range (rule `unreadable-bibliography` for syntax errors).
    public var issues: [ParseIssue]

    /// Creates one.
    public init(path: String, sources: [Source], issues: [ParseIssue]) {
        self.path = path
        self.sources = sources
        self.issues = issues
    }
}

/// A named thing documents mention: a person, organization, place, event or term.
public struct Entity: Sendable, Hashable {
    /// The id (the key in `entities.json`).
    public var id: String
    /// Byte range of the id's JSON string (quotes excluded).
    public var idRange: Range<Int>
    /// Byte range of the whole entry (the key and its object).
    public var entryRange: Range<Int>
    /// Absolute path of the registry file.
    public var path: String
    /// Entity type (`person`...).
    public var type: String
    /// Byte range of the type's value, when given.
    public var typeRange: Range<Int>?
    /// Display name.
    public var name: String
    /// Byte range of the name's value, when given.
    public var nameRange: Range<Int>?
    /// Aliases.
    public var aliases: [String]
    /// A note shown on hover.
    public var note: String?
    /// Links to authority records (Wikidata, VIAF...).
    public var sameAs: [String]

    /// Creates an entity.
    public init(
        id: String, idRange: Range<Int>, entryRange: Range<Int>, path: String, type: String,
        typeRange: Range<Int>? = nil, name: String, nameRange: Range<Int>? = nil,
        aliases: [String] = [], note: String? = nil, sameAs: [String] = []
    ) {
        self.id = id
        self.idRange = idRange
        self.entryRange = entryRange
        self.path = path
        self.type = type
        self.typeRange = typeRange
        self.name = name
        self.nameRange = nameRange
        self.aliases = aliases
        self.note = note
        self.sameAs = sameAs
    }
}

/// The result of parsing one entities file.
public struct EntitiesFile: Sendable, Hashable {
    /// Absolute path.
    public var path: String
    /// Entities in file order (duplicates kept: the rules report them).
    public var entities: [Entity]
    /// Problems (rule `invalid-registry`).
    public var issues: [ParseIssue]

    /// Creates one.
    public init(path: String, entities: [Entity], issues: [ParseIssue]) {
        self.path = path
        self.entities = entities
        self.issues = issues
    }
}

/// An attribute an annotation type takes.
public struct AttributeSpec: Sendable, Hashable {
    /// The attribute's name.
    public var name: String
    /// What it means.
    public var description: String?
    /// Allowed values; nil means any string.
    public var values: [String]?
    /// Byte range of the name in the codebook (nil for built-ins).
    public var range: Range<Int>?

    /// Creates one.
    public init(name: String, description: String? = nil, values: [String]? = nil, range: Range<Int>? = nil) {
        self.name = name
        self.description = description
        self.values = values
        self.range = range
    }
}

/// An annotation type (a code) or an entity type.
public struct CodeType: Sendable, Hashable {
    /// The name (`claim`).
    public var name: String
    /// What it means.
    public var description: String?
    /// Parent type, for codes that form a tree.
    public var parent: String?
    /// Whether a span of this type must be cited; nil inherits from the parent (default false).
    public var requiresCitation: Bool?
    /// Attributes declared on this type itself (children inherit their parents').
    public var attributes: [AttributeSpec]
    /// Byte range of the name in the codebook (nil for built-ins).
    public var range: Range<Int>?
    /// Byte range of the whole definition (nil for built-ins).
    public var entryRange: Range<Int>?

    /// Creates one.
    public init(
        name: String, description: String? = nil, parent: String? = nil, requiresCitation: Bool? = nil,
        attributes: [AttributeSpec] = [], range: Range<Int>? = nil, entryRange: Range<Int>? = nil
    ) {
        self.name = name
        self.description = description
        self.parent = parent
        self.requiresCitation = requiresCitation
        self.attributes = attributes
        self.range = range
        self.entryRange = entryRange
    }
}

/// The codebook: annotation types and entity types.
public struct Codebook: Sendable, Hashable {
    /// Absolute path, or nil for the built-in default.
    public var path: String?
    /// Annotation types in file order.
    public var types: [CodeType]
    /// Entity types in file order.
    public var entityTypes: [CodeType]
    /// Problems (rule `invalid-registry`).
    public var issues: [ParseIssue]

    /// Creates one.
    public init(path: String?, types: [CodeType], entityTypes: [CodeType], issues: [ParseIssue] = []) {
        self.path = path
        self.types = types
        self.entityTypes = entityTypes
        self.issues = issues
    }

    /// The built-in codebook used when the corpus has none.
    public static let builtIn = Codebook(
        path: nil,
        types: [
            CodeType(name: "claim", description: "A factual assertion a reader should be able to check.", requiresCitation: true),
            CodeType(name: "quote", description: "Words attributed to a speaker.",
                     attributes: [AttributeSpec(name: "speaker", description: "Entity id of the speaker.")]),
            CodeType(name: "statistic", description: "A number presented as fact.", parent: "claim"),
        ],
        entityTypes: [
            CodeType(name: "person", description: "A named individual."),
            CodeType(name: "organization", description: "A group, agency or company."),
            CodeType(name: "place", description: "A geographic location."),
            CodeType(name: "event", description: "Something that happened at a time and place."),
            CodeType(name: "term", description: "A concept or technical term."),
        ])
}

/// A rule's configured severity: a level, or off.
public enum RuleSetting: Sendable, Hashable {
    case off
    case severity(Severity)
}

/// `marginalia.json`: every key optional; `{}` is valid.
public struct Configuration: Sendable, Hashable {
    /// Absolute path, or nil when the corpus has no config.
    public var path: String?
    /// Globs of documents, relative to the root.
    public var documents: [String]
    /// Globs excluded.
    public var exclude: [String]
    /// Bibliography globs or paths.
    public var sources: [String]
    /// Entity registry paths.
    public var entities: [String]
    /// Codebook path.
    public var codebook: String?
    /// Whether names and aliases match without markup (implicit mentions).
    public var implicitMentions: Bool
    /// Per-rule settings, by rule id.
    public var rules: [String: RuleSetting]
    /// Per-rule options (`{ "severity": ..., "minDigits": 4 }`), raw strings by option name.
    public var ruleOptions: [String: [String: String]]
    /// Problems (rule `invalid-registry`).
    public var issues: [ParseIssue]

    /// The defaults of the brief.
    public static let defaultDocuments = ["**/*.md", "**/*.markdown", "**/*.txt"]
    /// The default bibliography globs.
    public static let defaultSources = ["**/*.bib", "**/*.csl.json", "references.json"]

    /// Creates a configuration (defaults for everything not given).
    public init(
        path: String? = nil, documents: [String] = Configuration.defaultDocuments, exclude: [String] = [],
        sources: [String] = Configuration.defaultSources, entities: [String] = ["entities.json"],
        codebook: String? = "codebook.json", implicitMentions: Bool = true,
        rules: [String: RuleSetting] = [:], ruleOptions: [String: [String: String]] = [:],
        issues: [ParseIssue] = []
    ) {
        self.path = path
        self.documents = documents
        self.exclude = exclude
        self.sources = sources
        self.entities = entities
        self.codebook = codebook
        self.implicitMentions = implicitMentions
        self.rules = rules
        self.ruleOptions = ruleOptions
        self.issues = issues
    }
}
