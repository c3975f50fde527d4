/// `uncited-claim`: a span whose type requires a citation has none inside it, none in a note
/// it carries, and none directly after it in the same sentence.
enum UncitedClaimRule: DocumentRule {
    static let id = RuleID.uncitedClaim

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        let document = context.document
        var findings: [Finding] = []
        for annotation in document.markup.annotations {
            guard let type = annotation.typeNames.first(where: context.registries.requiresCitation) else { continue }
            if CitationSupport.isCited(annotation, in: document) { continue }
            let markupEnd = annotation.markupRange.upperBound
            let fix = Fix(title: "Add a citation placeholder",
                          change: WorkspaceChange(edits: [TextEdit(path: document.path, range: markupEnd..<markupEnd, newText: " [@citation-needed]")]))
            findings.append(context.finding(
                id, "\(type) has no citation: cite a source in the span, in a note on it, or right after it",
                at: annotation.range, fixes: [fix]))
        }
        return findings
    }
}

/// Decides whether a span is supported by a citation, as the brief defines it.
public enum CitationSupport {
    /// True when a citation, or a note holding a citation or URL, sits inside the span or
    /// directly after it in the same sentence.
    public static func isCited(_ annotation: Annotation, in document: Document) -> Bool {
        let markup = document.markup
        let inside = annotation.range
        let after = annotation.markupRange.upperBound..<restOfSentence(after: annotation, in: document.text.bytes)
        func supports(_ range: Range<Int>) -> Bool {
            (range.lowerBound >= inside.lowerBound && range.upperBound <= inside.upperBound) || after.contains(range.lowerBound)
        }
        for citation in markup.citations where supports(citation.range) {
            if citation.items.contains(where: { !CrossReference.isCrossReference($0.key) }) { return true }
        }
        for definition in markup.noteDefinitions where definition.style == .inline && supports(definition.range) {
            if noteHoldsSource(definition, markup) { return true }
        }
        for reference in markup.noteReferences where supports(reference.range) {
            if let definition = markup.noteDefinitions.first(where: { $0.label == reference.label && $0.style != .inline }),
               noteHoldsSource(definition, markup) {
                return true
            }
        }
        return false
    }

    /// Where the sentence that the span sits in ends, scanning from the end of its markup.
    /// A span whose text ends a sentence leaves nothing after it; brackets (a citation's
    /// locator "p. 3") never end a sentence.
    static func restOfSentence(after annotation: Annotation, in bytes: [UInt8]) -> Int {
        let start = annotation.markupRange.upperBound
        // Does the annotated text itself end with a terminator (before closing quotes)?
        var last = annotation.range.upperBound - 1
        while last >= annotation.range.lowerBound, last < bytes.count,
              bytes[last] == 0x20 || bytes[last] == 0x22 || bytes[last] == 0x27 || bytes[last] == 0x29 || bytes[last] == 0x9D || bytes[last] == 0x99 {
            // Skip spaces, straight quotes, `)` and the last byte of ” (E2 80 9D) or ’ (E2 80 99).
            last -= (bytes[last] == 0x9D || bytes[last] == 0x99) ? 3 : 1
        }
        if last >= annotation.range.lowerBound, last < bytes.count,
           bytes[last] == UInt8(ascii: ".") || bytes[last] == UInt8(ascii: "!") || bytes[last] == UInt8(ascii: "?") {
            return start
        }
        var depth = 0
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "("): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"): depth = max(0, depth - 1)
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
                if depth == 0 && (i + 1 >= bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D) {
                    return i + 1
                }
            case 0x0A:
                // A blank line ends the paragraph and so the sentence.
                var j = i + 1
                while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D) { j += 1 }
                if j >= bytes.count || bytes[j] == 0x0A { return i }
            default: break
            }
            i += 1
        }
        return bytes.count
    }

    static func noteHoldsSource(_ note: NoteDefinition, _ markup: MarkupTree) -> Bool {
        let range = note.contentRange
        if markup.citations.contains(where: { range.contains($0.range.lowerBound) }) { return true }
        if markup.links.contains(where: { range.contains($0.range.lowerBound) }) { return true }
        return false
    }
}

extension Annotation {
    /// The byte range of the whole markup, or the annotated range for sidecar annotations.
    public var markupRange: Range<Int> {
        if case .inlineMarkup(let markupRange) = origin { return markupRange }
        return range
    }
}
