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
        let sentence = Sentences.sentence(containing: annotation.range.lowerBound, in: document.text)
        let after = annotation.markupRange.upperBound..<max(annotation.markupRange.upperBound, sentence.upperBound)
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
