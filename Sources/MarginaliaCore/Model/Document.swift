/// One parsed document: an immutable value. An edit produces a new one.
public struct Document: Sendable, Hashable {
    /// Absolute path (the identity of a document across the core).
    public let path: String
    /// Markdown or plain text.
    public let format: DocumentFormat
    /// The bytes and their line table.
    public let text: SourceText
    /// What the markup parser found.
    public let markup: MarkupTree

    /// Parses `text` as a document at `path`.
    public init(path: String, text: SourceText, format: DocumentFormat? = nil) {
        self.path = path
        self.format = format ?? DocumentFormat.forPath(path) ?? .plainText
        self.text = text
        self.markup = MarkupParser.parse(text, format: self.format)
    }

    /// The document after replacing `range` with `newText`, parsed anew.
    /// A document with a markup tree given, not parsed (for trimmed copies).
    init(path: String, format: DocumentFormat, text: SourceText, markup: MarkupTree) {
        self.path = path
        self.format = format
        self.text = text
        self.markup = markup
    }

    public func applying(_ range: Range<Int>, replacement newText: String) -> Document {
        Document(path: path, text: text.replacing(range, with: Array(newText.utf8)), format: format)
    }
}
