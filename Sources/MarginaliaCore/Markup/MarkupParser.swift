/// Parses Pandoc Markdown and plain text into a `MarkupTree`.
///
/// Three byte-level passes: front matter, then lines (code blocks, comments, headings, note
/// definitions, paragraph blocks), then the inline markup of each block. Pandoc's reader
/// (`-f markdown+wikilinks_title_after_pipe`) is the reference for what each construct is.
public enum MarkupParser {
    /// Parses one document. Never fails: problems become `issues` in the tree.
    public static func parse(_ text: SourceText, format: DocumentFormat) -> MarkupTree {
        var tree = MarkupTree()
        text.bytes.withUnsafeBufferPointer { buf in
            for bad in SourceText.invalidByteRanges(buf) {
                tree.issues.append(ParseIssue(
                    rule: bad.isNUL ? RuleID.nulByte : RuleID.invalidUTF8,
                    message: bad.isNUL ? "NUL byte in the text" : "Bytes that are not valid UTF-8",
                    range: bad.range))
            }
            parse(buf, text, format, &tree)
        }
        return tree
    }

    /// Only the front matter of a document (what decides its bibliographies), without the
    /// rest of the parse.
    public static func frontMatter(_ text: SourceText, format: DocumentFormat) -> FrontMatter? {
        guard format == .markdown else { return nil }
        return text.bytes.withUnsafeBufferPointer { buf in
            FrontMatterParser.parse(buf, text, start: text.bomLength).frontMatter
        }
    }

    private static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ text: SourceText, _ format: DocumentFormat, _ tree: inout MarkupTree) {
        let markdown = format == .markdown
        var firstLine = 0
        var opaque: [Range<Int>] = []
        if markdown {
            let (frontMatter, nextLine, issues) = FrontMatterParser.parse(buf, text, start: text.bomLength)
            tree.frontMatter = frontMatter
            tree.issues += issues
            if let frontMatter {
                opaque.append(frontMatter.range)
                firstLine = nextLine
            }
        }
        var blocks = BlockScanner(buf: buf, text: text, markdown: markdown)
        blocks.run(firstLine: firstLine)
        let layout = blocks.layout
        tree.headings = layout.headings
        tree.suppressions = layout.suppressions
        tree.issues += layout.issues
        opaque += layout.opaque

        let comments = layout.comments.sorted { $0.lowerBound < $1.lowerBound }
        let triggers = ByteTable.inlineTriggers
        var inline = InlineScanner(buf: buf, triggers: triggers.entries, markdown: markdown, comments: comments, tree: tree)
        tree = MarkupTree()  // the scanner owns the tree meanwhile: no copy on write
        for block in layout.inlineBlocks { inline.scan(block) }
        tree = inline.tree
        // Drop the scanner's reference, so that the sorts below work in place instead of
        // copying every array.
        inline.tree = MarkupTree()
        withExtendedLifetime(triggers) {}
        if !inline.exampleLabels.isEmpty {
            // Pandoc reads `@label [p. 3]` before the label's item as a citation; a bare `@label`,
            // or any `@label` after the item, is the item's number.
            let labels = inline.exampleLabels
            tree.citations.removeAll { c in
                guard !c.isBracketed, let item = labels[c.items[0].key] else { return false }
                return c.range.lowerBound > item || (c.items.count == 1 && c.items[0].suffix.isEmpty)
            }
        }
        opaque += inline.opaque

        var definitions: [NoteDefinition] = layout.notes.map { note in
            let text = note.lineRanges.map { ByteClass.plainText(buf, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
            return NoteDefinition(
                label: note.label, range: note.range, labelRange: note.labelRange, contentRange: note.contentRange,
                text: text, style: .pandoc)
        }
        var inlineNotes = inline.inlineNotes.sorted { $0.range.lowerBound < $1.range.lowerBound }
        for index in inlineNotes.indices { inlineNotes[index].label = "^\(index + 1)" }
        definitions += inlineNotes
        tree.noteDefinitions = definitions
        tree.opaqueRanges = merge(opaque)

        PlainTextConventions.apply(buf, text, format, &tree, firstLine: firstLine)

        tree.citations.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.noteReferences.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.noteDefinitions.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.annotations.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.links.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.issues.sort { $0.range.lowerBound < $1.range.lowerBound }
        tree.headings.sort { $0.range.lowerBound < $1.range.lowerBound }
        var sectionEnds: [Int] = []
        sectionEnds.reserveCapacity(tree.headings.count)
        // Each heading's section ends at the next heading of the same or a higher level:
        // a stack of open headings makes this linear.
        var open: [Int] = []
        sectionEnds = Array(repeating: buf.count, count: tree.headings.count)
        for (index, heading) in tree.headings.enumerated() {
            while let last = open.last, tree.headings[last].level >= heading.level {
                sectionEnds[last] = heading.range.lowerBound
                open.removeLast()
            }
            open.append(index)
        }
        for index in tree.headings.indices {
            let r = tree.headings[index].range
            tree.headings[index].sectionRange = r.lowerBound..<max(sectionEnds[index], r.upperBound)
        }
    }

    /// Sorts ranges and merges overlapping or touching ones.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var out: [Range<Int>] = []
        for r in sorted {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
