/// The stable ids of every rule. Ids never change once published: configs and baselines name them.
public enum RuleID {
    // Text
    /// Bytes that are not UTF-8.
    public static let invalidUTF8 = "invalid-utf8"
    /// A NUL byte in a document.
    public static let nulByte = "nul-byte"
    /// Markup opened and never closed (span, code fence, front matter, comment).
    public static let unterminatedMarkup = "unterminated-markup"
    /// Front matter that is not the flat YAML subset.
    public static let invalidFrontMatter = "invalid-front-matter"

    // Citations and sources
    /// A citation whose key no source defines.
    public static let unknownCitationKey = "unknown-citation-key"
    /// A span whose type requires a citation, with none.
    public static let uncitedClaim = "uncited-claim"
    /// Two sources with the same key.
    public static let duplicateSourceKey = "duplicate-source-key"
    /// A source no document cites.
    public static let unusedSource = "unused-source"
    /// A source lacking title, author, date, or both URL and DOI.
    public static let incompleteSource = "incomplete-source"
    /// A bibliography file that does not parse (or is missing).
    public static let unreadableBibliography = "unreadable-bibliography"
    /// An entities, codebook or config file that does not parse or breaks its schema.
    public static let invalidRegistry = "invalid-registry"

    // Notes
    /// A note marker with no definition.
    public static let undefinedNote = "undefined-note"
    /// A note definition never referenced.
    public static let unusedNote = "unused-note"
    /// Two definitions of one note label in a document.
    public static let duplicateNote = "duplicate-note"
    /// A note with no text.
    public static let emptyNote = "empty-note"

    // Entities and annotations
    /// A mention whose target matches no entity.
    public static let unknownMention = "unknown-mention"
    /// A mention whose target matches several entities.
    public static let ambiguousMention = "ambiguous-mention"
    /// Two entities with the same id.
    public static let duplicateEntity = "duplicate-entity"
    /// An annotation type the codebook does not define.
    public static let unknownType = "unknown-type"
    /// An attribute the annotation's types do not take.
    public static let unknownAttribute = "unknown-attribute"
    /// An attribute value outside the allowed values.
    public static let invalidAttributeValue = "invalid-attribute-value"
    /// Two annotations with the same id.
    public static let duplicateAnnotationID = "duplicate-annotation-id"

    // Heuristics on unannotated text
    /// A direct quotation with no citation or note.
    public static let unsourcedQuote = "unsourced-quote"
    /// A figure with no citation.
    public static let unsourcedFigure = "unsourced-figure"
    /// "You can read more here:" followed by nothing.
    public static let missingSourcePointer = "missing-source-pointer"
    /// "Experts say", "it is known".
    public static let weaselAttribution = "weasel-attribution"
    /// A bare URL standing in for a citation.
    public static let bareURLCitation = "bare-url-citation"
}
