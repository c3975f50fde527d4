/// What a rule is: its id, default severity and the texts reporters show.
public struct RuleDescriptor: Sendable, Hashable {
    /// Stable id (see `RuleID`).
    public var id: String
    /// Severity when the config says nothing.
    public var defaultSeverity: Severity
    /// One line: what the rule finds.
    public var summary: String
    /// Why it matters and how to fix it.
    public var help: String
    /// Whether a quick fix is offered.
    public var hasFix: Bool
    /// The group it belongs to, for docs ("Citations and sources"...).
    public var group: String

    /// Creates a descriptor.
    public init(id: String, defaultSeverity: Severity, summary: String, help: String, hasFix: Bool = false, group: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.help = help
        self.hasFix = hasFix
        self.group = group
    }
}

/// Every rule, in documentation order. Reporters (SARIF's driver) and config validation read it.
public enum RuleCatalog {
    /// All rules.
    public static let all: [RuleDescriptor] = [
        RuleDescriptor(id: RuleID.invalidUTF8, defaultSeverity: .error, summary: "Bytes that are not UTF-8.",
                       help: "Re-save the file as UTF-8. The bytes are kept as they are; positions count each bad byte as one character.", group: "Text"),
        RuleDescriptor(id: RuleID.nulByte, defaultSeverity: .error, summary: "A NUL byte in a document.",
                       help: "NUL bytes usually come from a binary file or a broken conversion; remove them.", group: "Text"),
        RuleDescriptor(id: RuleID.unterminatedMarkup, defaultSeverity: .warning, summary: "Markup opened and never closed.",
                       help: "A code fence, HTML comment, front matter block or attribute block runs to the end of the document; close it.", group: "Text"),
        RuleDescriptor(id: RuleID.invalidFrontMatter, defaultSeverity: .warning, summary: "Front matter outside the flat YAML subset.",
                       help: "Front matter holds `key: value` lines and `- item` lists; nested maps are not read.", group: "Text"),

        RuleDescriptor(id: RuleID.unknownCitationKey, defaultSeverity: .error, summary: "A citation whose key no source defines.",
                       help: "Add the source to a bibliography (the quick fix creates a stub) or correct the key.", hasFix: true, group: "Citations and sources"),
        RuleDescriptor(id: RuleID.uncitedClaim, defaultSeverity: .warning, summary: "A span whose type requires a citation has none.",
                       help: "Cite a source inside the span or right after it in the same sentence, or attach a note holding a citation or URL.", hasFix: true, group: "Citations and sources"),
        RuleDescriptor(id: RuleID.duplicateSourceKey, defaultSeverity: .error, summary: "Two sources share one key.",
                       help: "Citations to this key are ambiguous; rename one of the entries.", group: "Citations and sources"),
        RuleDescriptor(id: RuleID.unusedSource, defaultSeverity: .hint, summary: "A source no document cites.",
                       help: "Cite it or remove it from the bibliography.", group: "Citations and sources"),
        RuleDescriptor(id: RuleID.incompleteSource, defaultSeverity: .info, summary: "A source lacks a title, an author, a date, or both URL and DOI.",
                       help: "Readers need these to find the source; complete the entry.", group: "Citations and sources"),
        RuleDescriptor(id: RuleID.unreadableBibliography, defaultSeverity: .error, summary: "A bibliography file that does not parse or cannot be read.",
                       help: "Fix the syntax at the reported line; entries before and after the error are still read.", group: "Citations and sources"),
        RuleDescriptor(id: RuleID.invalidRegistry, defaultSeverity: .error, summary: "An entities, codebook or config file that does not parse or breaks its schema.",
                       help: "Fix the JSON at the reported position; the `$schema` key lets editors check these files as you type.", group: "Citations and sources"),

        RuleDescriptor(id: RuleID.undefinedNote, defaultSeverity: .error, summary: "A note marker with no definition.",
                       help: "Add the note's definition (`[^label]: text`) or remove the marker.", hasFix: true, group: "Notes"),
        RuleDescriptor(id: RuleID.unusedNote, defaultSeverity: .warning, summary: "A note definition never referenced.",
                       help: "Reference it with `[^label]` where it belongs, or remove it.", group: "Notes"),
        RuleDescriptor(id: RuleID.duplicateNote, defaultSeverity: .error, summary: "Two definitions of one note label.",
                       help: "Only the first definition is used; rename or merge the other.", group: "Notes"),
        RuleDescriptor(id: RuleID.emptyNote, defaultSeverity: .warning, summary: "A note with no text.",
                       help: "Write the note, or remove it and its markers.", group: "Notes"),

        RuleDescriptor(id: RuleID.unknownMention, defaultSeverity: .error, summary: "A mention whose target matches no entity.",
                       help: "Use an entity id, name or alias from the entity registry; the quick fix creates a stub entity.", hasFix: true, group: "Entities and annotations"),
        RuleDescriptor(id: RuleID.ambiguousMention, defaultSeverity: .warning, summary: "A mention whose target matches several entities.",
                       help: "Use the entity id instead of a shared name or alias.", hasFix: true, group: "Entities and annotations"),
        RuleDescriptor(id: RuleID.duplicateEntity, defaultSeverity: .error, summary: "Two entities share one id.",
                       help: "Mentions of this id are ambiguous; rename one entity.", group: "Entities and annotations"),
        RuleDescriptor(id: RuleID.unknownType, defaultSeverity: .error, summary: "An annotation or entity type the codebook does not define.",
                       help: "Define the type in codebook.json or correct the name.", group: "Entities and annotations"),
        RuleDescriptor(id: RuleID.unknownAttribute, defaultSeverity: .warning, summary: "An attribute the span's types do not take.",
                       help: "Declare the attribute on the type in codebook.json or remove it. `note`, `id` and `class` are always allowed.", group: "Entities and annotations"),
        RuleDescriptor(id: RuleID.invalidAttributeValue, defaultSeverity: .error, summary: "An attribute value outside its allowed values.",
                       help: "Use one of the values the codebook lists for this attribute.", hasFix: true, group: "Entities and annotations"),
        RuleDescriptor(id: RuleID.duplicateAnnotationID, defaultSeverity: .error, summary: "Two annotations share one id.",
                       help: "Annotation ids name a span across the corpus; make them unique.", group: "Entities and annotations"),

        RuleDescriptor(id: RuleID.unsourcedQuote, defaultSeverity: .warning, summary: "A direct quotation with no citation or note.",
                       help: "Cite where the words come from, or attach a note.", group: "Unannotated text"),
        RuleDescriptor(id: RuleID.unsourcedFigure, defaultSeverity: .info, summary: "A figure with no citation.",
                       help: "Numbers presented as fact need a source: cite it in the same sentence.", group: "Unannotated text"),
        RuleDescriptor(id: RuleID.missingSourcePointer, defaultSeverity: .warning, summary: "A pointer to a source that is not there.",
                       help: "\"You can read more about it here:\" promises a link; add it.", group: "Unannotated text"),
        RuleDescriptor(id: RuleID.weaselAttribution, defaultSeverity: .info, summary: "An attribution that names no one.",
                       help: "\"Experts say\" tells the reader nothing; name and cite the experts.", group: "Unannotated text"),
        RuleDescriptor(id: RuleID.bareURLCitation, defaultSeverity: .hint, summary: "A bare URL standing in for a citation.",
                       help: "Make it a source entry and cite it; the quick fix does both.", hasFix: true, group: "Unannotated text"),
    ]

    /// Descriptors by id.
    public static let byID: [String: RuleDescriptor] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The default severity of a rule (warning for an id not in the catalog).
    public static func defaultSeverity(_ id: String) -> Severity { byID[id]?.defaultSeverity ?? .warning }
}
