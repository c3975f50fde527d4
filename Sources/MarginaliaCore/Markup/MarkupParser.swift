/// Parses Pandoc Markdown and plain text into a `MarkupTree`.
public enum MarkupParser {
    /// Parses one document. Never fails: problems become `issues` in the tree.
    public static func parse(_ text: SourceText, format: DocumentFormat) -> MarkupTree {
        MarkupTree()
    }
}
