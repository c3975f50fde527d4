/// `uncited-claim`: a span whose type requires a citation has none inside it, none in a note
/// it carries, and none directly after it in the same sentence.
enum UncitedClaimRule: DocumentRule {
    static let id = RuleID.uncitedClaim

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        let document = context.document
        var findings: [Finding] = []
        var evidence: CitationSupport.Evidence?
        for annotation in document.markup.annotations {
            guard let type = annotation.typeNames.first(where: { context.registries.requiresCitation($0) }) else { continue }
            let index = evidence ?? CitationSupport.Evidence(document.markup)
            evidence = index
            if index.supports(annotation, in: document.text.bytes) { continue }
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
        Evidence(document.markup).supports(annotation, in: document.text.bytes)
    }

    /// Where a document's supporting citations and notes start, sorted, so that checking a span
    /// is a binary search instead of a walk over every citation and note.
    public struct Evidence: Sendable {
        /// Starts of citations naming at least one source (cross-references do not count).
        private let citationStarts: [Int]
        /// Starts of inline notes and note markers whose note holds a citation or link.
        private let supportingNoteStarts: [Int]

        /// Indexes a document's markup.
        public init(_ markup: MarkupTree) {
            let citations = markup.citations.filter { $0.items.contains { !CrossReference.isCrossReference($0.key) } }
            citationStarts = citations.map(\.range.lowerBound).sorted()
            var sourceStarts = citations.map(\.range.lowerBound)
            sourceStarts += markup.links.map(\.range.lowerBound)
            sourceStarts.sort()
            func holdsSource(_ note: NoteDefinition) -> Bool {
                Evidence.anyStart(in: sourceStarts, note.contentRange)
            }
            var supportingLabels = Set<String>()
            var seenLabels = Set<String>()
            var notes: [Int] = []
            for definition in markup.noteDefinitions {
                if definition.style == .inline {
                    if holdsSource(definition) { notes.append(definition.range.lowerBound) }
                } else if seenLabels.insert(definition.label).inserted, holdsSource(definition) {
                    // The first definition of a label is the one a marker refers to.
                    supportingLabels.insert(definition.label)
                }
            }
            for reference in markup.noteReferences where supportingLabels.contains(reference.label) {
                notes.append(reference.range.lowerBound)
            }
            supportingNoteStarts = notes.sorted()
        }

        /// True when a supporting citation or note starts inside the span or in the rest of its sentence.
        public func supports(_ annotation: Annotation, in bytes: [UInt8]) -> Bool {
            let inside = annotation.range
            let after = annotation.markupRange.upperBound..<CitationSupport.restOfSentence(after: annotation, in: bytes)
            // A citation or note starting inside the span ends inside it (markup nests).
            return Evidence.anyStart(in: citationStarts, inside) || Evidence.anyStart(in: citationStarts, after)
                || Evidence.anyStart(in: supportingNoteStarts, inside) || Evidence.anyStart(in: supportingNoteStarts, after)
        }

        /// The index of the first value >= `bound` in sorted `values` (`values.count` if none).
        static func firstIndex(in values: [Int], atLeast bound: Int) -> Int {
            var low = 0
            var high = values.count
            while low < high {
                let mid = (low + high) / 2
                if values[mid] < bound { low = mid + 1 } else { high = mid }
            }
            return low
        }

        /// Whether some value of sorted `values` lies in `range`.
        static func anyStart(in values: [Int], _ range: Range<Int>) -> Bool {
            guard !range.isEmpty else { return false }
            let index = firstIndex(in: values, atLeast: range.lowerBound)
            return index < values.count && values[index] < range.upperBound
        }
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
}

extension Annotation {
    /// The byte range of the whole markup, or the annotated range for sidecar annotations.
    public var markupRange: Range<Int> {
        if case .inlineMarkup(let markupRange) = origin { return markupRange }
        return range
    }
}
