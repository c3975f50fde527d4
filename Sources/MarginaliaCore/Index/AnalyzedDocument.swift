/// A document with everything derived from it against the registries: resolved occurrences
/// (implicit mentions included) and its findings. Immutable; rebuilt when the document or the
/// registries change.
public struct AnalyzedDocument: Sendable {
    /// The parsed document.
    public var document: Document { storage.document }
    /// Every occurrence of a target in the document, sorted by start offset.
    public var occurrences: [Occurrence] { storage.occurrences }
    /// The document's findings, configured and suppressions applied.
    public var findings: [Finding] { storage.findings }
    /// How many times each target occurs in this document (definitions excluded).
    public var useCounts: [Target: Int] { storage.useCounts }

    /// The fields, behind one reference: a corpus snapshot copies its table of documents on
    /// every edit, and one retain per document is far cheaper than one per array and string.
    private final class Storage: Sendable {
        let document: Document
        let occurrences: [Occurrence]
        let findings: [Finding]
        let useCounts: [Target: Int]

        init(document: Document, occurrences: [Occurrence], findings: [Finding], useCounts: [Target: Int]) {
            self.document = document
            self.occurrences = occurrences
            self.findings = findings
            self.useCounts = useCounts
        }
    }

    private let storage: Storage

    /// Documents at least this large (bytes) run the heuristics on a second core beside the
    /// rest of the analysis: what an editor waits for after each keystroke in a long document.
    static let concurrentAnalysisThreshold = 256 * 1024

    /// Analyzes a document.
    public init(_ document: Document, registries: Registries) {
        self.init(document, registries: registries, concurrentAbove: AnalyzedDocument.concurrentAnalysisThreshold)
    }

    /// Analyzes a document, on two cores when it has at least `threshold` bytes.
    init(_ document: Document, registries: Registries, concurrentAbove threshold: Int) {
        let policy = FindingPolicy(registries.configuration)
        let structural: StructuralAnalysis
        let heuristicFindings: [Finding]
        if document.text.count >= threshold {
            // The heuristics read only the text and markup, the rest only the markup and
            // registries: the two halves share nothing mutable.
            let halves = ParallelMap.map([false, true]) { heuristics -> AnalysisHalf in
                heuristics ? .heuristics(HeuristicRules.check(document, registries: registries, policy: policy))
                    : .structural(StructuralAnalysis(document, registries: registries))
            }
            var found: (StructuralAnalysis?, [Finding]) = (nil, [])
            for half in halves {
                switch half {
                case .structural(let analysis): found.0 = analysis
                case .heuristics(let findings): found.1 = findings
                }
            }
            structural = found.0 ?? StructuralAnalysis(document, registries: registries)
            heuristicFindings = found.1
        } else {
            structural = StructuralAnalysis(document, registries: registries)
            heuristicFindings = HeuristicRules.check(document, registries: registries, policy: policy)
        }
        storage = Storage(
            document: document, occurrences: structural.occurrences,
            findings: policy.apply(structural.findings + heuristicFindings, suppressions: document.markup.suppressions, text: document.text),
            useCounts: structural.useCounts)
    }

    /// One of the two halves of an analysis run side by side.
    private enum AnalysisHalf: Sendable {
        case structural(StructuralAnalysis)
        case heuristics([Finding])
    }

    /// Everything but the heuristics: occurrences, use counts and the markup rules' findings
    /// (before the configuration applies).
    private struct StructuralAnalysis: Sendable {
        var occurrences: [Occurrence] = []
        var useCounts: [Target: Int] = [:]
        var findings: [Finding] = []

        init(_ document: Document, registries: Registries) {
            let markup = document.markup
            let path = document.path
            occurrences.reserveCapacity(markup.citations.count + markup.mentions.count * 2)

            for citation in markup.citations {
                for item in citation.items where !CrossReference.isCrossReference(item.key) {
                    let key = registries.source(forKey: item.key)?.key ?? item.key
                    occurrences.append(Occurrence(target: .source(key: key), path: path, range: item.keyRange, kind: .citation))
                }
            }
            for reference in markup.noteReferences {
                occurrences.append(Occurrence(target: .note(path: path, label: reference.label), path: path, range: reference.labelRange, kind: .noteMarker))
            }
            for definition in markup.noteDefinitions where definition.style != .inline {
                occurrences.append(Occurrence(target: .note(path: path, label: definition.label), path: path, range: definition.labelRange, kind: .noteDefinition))
            }
            var resolutions: [(mention: MentionMarkup, resolution: MentionResolution)] = []
            resolutions.reserveCapacity(markup.mentions.count)
            for mention in markup.mentions {
                let resolution = registries.resolveMention(mention.target)
                resolutions.append((mention, resolution))
                if case .entity(let id) = resolution {
                    occurrences.append(Occurrence(target: .entity(id: id), path: path, range: mention.targetRange, kind: .explicitMention))
                }
            }
            for annotation in markup.annotations {
                for type in annotation.types {
                    occurrences.append(Occurrence(target: .type(name: type.name), path: path, range: type.range, kind: .annotationType))
                }
                if let id = annotation.id, let idRange = annotation.idRange {
                    occurrences.append(Occurrence(target: .annotation(id: id), path: path, range: idRange, kind: .annotationID))
                }
            }
            occurrences += AnalyzedDocument.implicitMentions(in: document, registries: registries)
            occurrences.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }

            for occurrence in occurrences where !occurrence.isDefinition {
                useCounts[occurrence.target, default: 0] += 1
            }
            let context = DocumentRuleContext(document: document, registries: registries, mentionResolutions: resolutions)
            findings = DocumentRules.run(context)
        }
    }

    private init(document: Document, occurrences: [Occurrence], findings: [Finding], useCounts: [Target: Int]) {
        storage = Storage(document: document, occurrences: occurrences, findings: findings, useCounts: useCounts)
    }

    /// A copy keeping only what a report over the whole corpus reads once every document is
    /// analyzed: the text, the findings, the use counts, and of the markup the annotation ids
    /// (duplicate ids), suppressions and front matter. A batch run keeps this of each document
    /// instead of its whole tree, so its memory stays near the size of the corpus.
    public func trimmedForReport() -> AnalyzedDocument {
        var markup = MarkupTree()
        markup.frontMatter = document.markup.frontMatter
        markup.suppressions = document.markup.suppressions
        markup.annotations = document.markup.annotations.filter { $0.id != nil }
        let trimmed = Document(path: document.path, format: document.format, text: document.text, markup: markup)
        return AnalyzedDocument(document: trimmed, occurrences: [], findings: findings, useCounts: useCounts)
    }

    /// Gazetteer matches outside code, comments, URLs and explicit markup.
    static func implicitMentions(in document: Document, registries: Registries) -> [Occurrence] {
        guard registries.configuration.implicitMentions, !registries.gazetteerEntityIDs.isEmpty else { return [] }
        let markup = document.markup
        var blocked: [Range<Int>] = markup.opaqueRanges
        blocked += markup.mentions.map(\.range)
        blocked += markup.citations.map(\.range)
        blocked += markup.links.map(\.range)
        for annotation in markup.annotations {
            // The attribute block `]{...}` is markup; the text inside the brackets is prose.
            if annotation.range.upperBound < annotation.markupRange.upperBound {
                blocked.append(annotation.range.upperBound..<annotation.markupRange.upperBound)
            }
        }
        if let frontMatter = markup.frontMatter { blocked.append(frontMatter.range) }
        blocked.sort { $0.lowerBound < $1.lowerBound }

        let matches = registries.gazetteer.matches(in: document.text.bytes)
        var result: [Occurrence] = []
        var blockIndex = 0
        for match in matches {
            while blockIndex < blocked.count && blocked[blockIndex].upperBound <= match.range.lowerBound { blockIndex += 1 }
            var overlaps = false
            var probe = blockIndex
            while probe < blocked.count && blocked[probe].lowerBound < match.range.upperBound {
                if blocked[probe].overlaps(match.range) { overlaps = true; break }
                probe += 1
            }
            if overlaps { continue }
            for payload in match.payloads where payload < registries.gazetteerEntityIDs.count {
                result.append(Occurrence(target: .entity(id: registries.gazetteerEntityIDs[payload]), path: document.path,
                                         range: match.range, kind: .implicitMention))
            }
        }
        return result
    }

    /// The innermost occurrence whose range holds `offset` (an offset at the end counts too,
    /// so a cursor right after a name still finds it).
    public func occurrence(at offset: Int) -> Occurrence? {
        let occurrences = storage.occurrences
        var best: Occurrence?
        // Occurrences are sorted by start; binary search the last one starting at or before offset.
        var low = 0
        var high = occurrences.count
        while low < high {
            let mid = (low + high) / 2
            if occurrences[mid].range.lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        var index = low - 1
        // Walk back over the few that might still contain the offset.
        var scanned = 0
        while index >= 0 && scanned < 64 {
            let candidate = occurrences[index]
            if candidate.range.lowerBound <= offset && offset <= candidate.range.upperBound {
                if best == nil || candidate.range.count < (best?.range.count ?? Int.max) { best = candidate }
            }
            index -= 1
            scanned += 1
        }
        return best
    }
}

/// The document rules, in the order they run.
enum DocumentRules {
    /// Every document rule but the heuristics (`HeuristicRules`), which run last.
    static func run(_ context: DocumentRuleContext) -> [Finding] {
        var findings: [Finding] = []
        findings += ParseIssuesRule.check(context)
        findings += UnknownCitationKeyRule.check(context)
        findings += UncitedClaimRule.check(context)
        findings += UndefinedNoteRule.check(context)
        findings += UnusedNoteRule.check(context)
        findings += DuplicateNoteRule.check(context)
        findings += EmptyNoteRule.check(context)
        findings += MentionTargetRule.check(context)
        findings += AnnotationSchemaRule.check(context)
        return findings
    }
}
