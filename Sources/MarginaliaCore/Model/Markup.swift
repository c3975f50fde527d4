/// The kinds of document the core reads.
public enum DocumentFormat: String, Sendable, Hashable {
    /// Pandoc Markdown (`.md`, `.markdown`).
    case markdown
    /// Plain text (`.txt`): no Markdown markup, only the conventions of unmarked corpora.
    case plainText

    /// The format for a file name, by extension; nil when it is not a document.
    public static func forPath(_ path: String) -> DocumentFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".txt") { return .plainText }
        return nil
    }
}

/// How a citation item renders, as Pandoc names it.
public enum CitationMode: String, Sendable, Hashable {
    /// `[@key]`: author and date in parentheses.
    case normalCitation = "NormalCitation"
    /// `[-@key]`: date only.
    case suppressAuthor = "SuppressAuthor"
    /// `@key`: author in the text.
    case authorInText = "AuthorInText"
}

/// One cited source inside a citation.
public struct CitationItem: Sendable, Hashable {
    /// The key, without `@` or braces.
    public var key: String
    /// Byte range of the key itself (inside braces when braced).
    public var keyRange: Range<Int>
    /// Byte range of the whole item, prefix to suffix.
    public var range: Range<Int>
    /// The mode.
    public var mode: CitationMode
    /// Prefix as plain text, whitespace collapsed ("see").
    public var prefix: String
    /// Suffix as plain text, whitespace collapsed, locator included (", pp. 3-4").
    public var suffix: String
}

/// A citation: a bracketed group `[see @a, p. 3; @b]` or an in-text `@key` / `@key [p. 4]`.
public struct Citation: Sendable, Hashable {
    /// Byte range of the whole construct.
    public var range: Range<Int>
    /// The items, in order.
    public var items: [CitationItem]
    /// True for `[...]` groups, false for in-text citations.
    public var isBracketed: Bool
}

/// How a note is written.
public enum NoteStyle: String, Sendable, Hashable {
    /// Pandoc `[^label]` and `[^label]: text`.
    case pandoc
    /// Pandoc inline `^[text]`.
    case inline
    /// Unmarked corpora: `(1)`, `[1]` or a superscript digit, defined under a notes heading.
    case numbered
}

/// A note marker in the text: `[^label]`, `(1)`, `[1]`, `¹`.
public struct NoteReference: Sendable, Hashable {
    /// The label (`1`, `smith`); superscript digits are given as ASCII digits.
    public var label: String
    /// Byte range of the whole marker.
    public var range: Range<Int>
    /// Byte range of the label.
    public var labelRange: Range<Int>
    /// The style.
    public var style: NoteStyle
}

/// A note's text: a definition `[^label]: ...`, a numbered note under a notes heading, or an
/// inline note `^[...]` (which is its own reference).
public struct NoteDefinition: Sendable, Hashable {
    /// The label; for inline notes a synthetic `^N` (N counting from 1 in the document).
    public var label: String
    /// Byte range of the whole definition, marker and continuation lines included.
    public var range: Range<Int>
    /// Byte range of the label.
    public var labelRange: Range<Int>
    /// Byte range of the text after the marker.
    public var contentRange: Range<Int>
    /// The text, continuation indentation removed, whitespace collapsed.
    public var text: String
    /// The style.
    public var style: NoteStyle
}

/// A mention written as markup: `[[target]]` or `[[target|shown text]]`.
public struct MentionMarkup: Sendable, Hashable {
    /// The target as written (an id, a name or an alias).
    public var target: String
    /// Byte range of the target.
    public var targetRange: Range<Int>
    /// The shown text, when given after `|`.
    public var shownText: String?
    /// Byte range of the whole `[[...]]`.
    public var range: Range<Int>
}

/// One `key=value` of an attribute block.
public struct AttributeValue: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value, quotes removed and escapes resolved.
    public var value: String
    /// Byte range of the key.
    public var keyRange: Range<Int>
    /// Byte range of the value (inside the quotes when quoted).
    public var valueRange: Range<Int>
}

/// A name and the byte range where it is written.
public struct NamedRange: Sendable, Hashable {
    /// The name.
    public var name: String
    /// Its byte range.
    public var range: Range<Int>

    /// Creates one.
    public init(name: String, range: Range<Int>) {
        self.name = name
        self.range = range
    }
}

/// Where an annotation comes from. Annotations are not assumed to be markup: the coming
/// standoff layer anchors the same model in a sidecar file.
public enum AnnotationOrigin: Sendable, Hashable {
    /// A bracketed span `[text]{...}`; the range is the whole markup.
    case inlineMarkup(markupRange: Range<Int>)
    /// An entry of a sidecar file (path, index of the entry).
    case sidecar(path: String, entryIndex: Int)
}

/// A typed span: `[text]{.claim #c1 speaker=hrw note="..."}`.
public struct Annotation: Sendable, Hashable {
    /// Where it is defined.
    public var origin: AnnotationOrigin
    /// Byte range of the annotated text (inside the brackets for inline markup).
    public var range: Range<Int>
    /// Classes in order (`claim`), each with the byte range of its name (without the dot).
    public var types: [NamedRange]
    /// The `#id`, if any.
    public var id: String?
    /// Byte range of the id (without `#`).
    public var idRange: Range<Int>?
    /// Attributes in order.
    public var attributes: [AttributeValue]

    /// The value of `note=`, if any.
    public var note: String? { attributes.first { $0.key == "note" }?.value }

    /// The type names.
    public var typeNames: [String] { types.map(\.name) }
}

/// A heading (`#` or setext in Markdown; a notes heading or a short title line in plain text).
public struct Heading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's text.
    public var text: String
    /// Byte range of the heading line(s).
    public var range: Range<Int>
    /// Byte range of the section it opens, up to the next heading of the same or a higher level.
    public var sectionRange: Range<Int>
}

/// A URL or DOI in the text: bare, autolinked `<...>`, or a Markdown link destination.
public struct Link: Sendable, Hashable {
    /// The URL as written (a DOI is given as `https://doi.org/...`).
    public var url: String
    /// Byte range of the URL text.
    public var range: Range<Int>
    /// True when the URL stands alone in the text (not a link destination nor autolink).
    public var isBare: Bool
}

/// `<!-- marginalia-ignore RULE [RULE...] -->`: silences findings of those rules on the next line.
public struct Suppression: Sendable, Hashable {
    /// Rule ids named; empty means every rule.
    public var rules: [String]
    /// Byte range of the comment.
    public var range: Range<Int>
    /// The zero-based line the suppression applies to.
    public var targetLine: Int
}

/// One `key: value` of front matter.
public struct FrontMatterField: Sendable, Hashable {
    /// The key.
    public var key: String
    /// Byte range of the key.
    public var keyRange: Range<Int>
    /// The values: one for a scalar, several for a list.
    public var values: [String]
    /// Byte ranges of the values.
    public var valueRanges: [Range<Int>]
}

/// The YAML block at the top of a Markdown document.
public struct FrontMatter: Sendable, Hashable {
    /// Byte range of the whole block, delimiters included.
    public var range: Range<Int>
    /// Fields in order.
    public var fields: [FrontMatterField]

    /// The first value of a field.
    public func value(_ key: String) -> String? { fields.first { $0.key == key }?.values.first }

    /// All values of a field.
    public func values(_ key: String) -> [String] { fields.first { $0.key == key }?.values ?? [] }
}

/// Everything the markup parser finds in one document. Pure data, in document order.
public struct MarkupTree: Sendable, Hashable {
    /// Front matter, when the document opens with one.
    public var frontMatter: FrontMatter?
    /// Citations.
    public var citations: [Citation] = []
    /// Note markers.
    public var noteReferences: [NoteReference] = []
    /// Note texts, including inline notes.
    public var noteDefinitions: [NoteDefinition] = []
    /// Explicit mentions.
    public var mentions: [MentionMarkup] = []
    /// Typed spans.
    public var annotations: [Annotation] = []
    /// Headings.
    public var headings: [Heading] = []
    /// URLs and DOIs.
    public var links: [Link] = []
    /// Suppression comments.
    public var suppressions: [Suppression] = []
    /// Ranges that hold no markup: code spans, code blocks, HTML comments, front matter.
    /// Sorted and disjoint. Heuristics and implicit mentions skip them.
    public var opaqueRanges: [Range<Int>] = []
    /// Problems met while parsing (unterminated markup, invalid front matter...).
    public var issues: [ParseIssue] = []

    /// Creates an empty tree.
    public init() {}
}
