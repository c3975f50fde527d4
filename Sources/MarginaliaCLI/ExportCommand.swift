import Foundation
import MarginaliaCore

/// `marginalia export`: annotations as the model's JSON, W3C Web Annotation or brat standoff.
enum ExportCommand {
    /// Runs the command; returns the exit status.
    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let parsed = try ParsedArguments.parse(arguments, options: ["format", "out", "root"], flags: ["no-progress"])
        if parsed.has("help") { Terminal.out(Help.export); return 0 }
        guard parsed.value("format") != nil else { throw UsageError(message: "export needs --format json, w3c or brat") }
        let format = try parsed.choice("format", among: ["json", "w3c", "brat"], default: "json")
        if let extra = parsed.positionals.first { throw UsageError(message: "unexpected argument '\(extra)'") }
        let out = parsed.value("out").map(Terminal.absolute)
        if format == "brat" && out == nil { throw UsageError(message: "export --format brat needs --out DIR") }
        let root = try CorpusSession.root(option: parsed.value("root"), start: nil)
        let corpus = try CorpusSession.load(root: root, progress: !parsed.has("no-progress") && out != nil)
        let positions = PositionCache(corpus)
        switch format {
        case "brat":
            guard let out else { return 2 }
            try BratExporter.write(corpus, to: out, positions: positions)
        default:
            let text = format == "w3c" ? W3CExporter.collection(corpus, positions: positions) : modelJSON(corpus, positions: positions)
            if let out {
                try Terminal.makeDirectory(out)
                try Terminal.writeAtomically(text, to: out + (format == "w3c" ? "/annotations.jsonld" : "/annotations.json"))
            } else {
                Terminal.out(text)
            }
        }
        return 0
    }

    /// The model's own view: every record with kind, ranges, target, types, note, attributes.
    static func modelJSON(_ corpus: Corpus, positions: PositionCache) -> String {
        let documents: [JSON] = corpus.documentPaths.map { path in
            let mapper = positions.mapper(path)
            let records: [JSON] = corpus.annotationRecords(in: path).map { record in
                var members: [(String, JSON)] = [
                    ("kind", .string(record.kind.rawValue)), ("range", mapper.json(record.range)),
                    ("markupRange", mapper.json(record.markupRange)),
                    ("codePoints", .object([("start", .int(mapper.codePointOffset(record.range.lowerBound))),
                                            ("end", .int(mapper.codePointOffset(record.range.upperBound)))])),
                    ("text", .string(mapper.text.string(record.range))), ("target", .optional(record.target)),
                    ("types", .array(record.types.map(JSON.string))), ("note", .optional(record.note)),
                ]
                members.append(("attributes", .object(record.attributes.map { ($0.key, JSON.string($0.value)) })))
                members.append(("links", .array(record.links.map(JSON.string))))
                return .object(members)
            }
            let format = corpus.documents[path]?.document.format.rawValue ?? "plainText"
            return .object([("file", .string(Baseline.relativePath(path, root: corpus.root))), ("format", .string(format)),
                            ("annotations", .array(records))])
        }
        return JSON.object([("version", .int(1)), ("root", .string(corpus.root)), ("documents", .array(documents))]).text
    }
}

/// W3C Web Annotation Data Model, as JSON-LD: one AnnotationCollection whose first (and only)
/// page holds every annotation. Positions count Unicode code points, as the model requires.
enum W3CExporter {
    /// Characters of context kept in a TextQuoteSelector's prefix and suffix.
    static let contextLength = 32

    /// The collection's JSON-LD text.
    static func collection(_ corpus: Corpus, positions: PositionCache) -> String {
        var items: [JSON] = []
        for path in corpus.documentPaths {
            let mapper = positions.mapper(path)
            let source = SARIFReporter.fileURI(path)
            for (index, record) in corpus.annotationRecords(in: path).enumerated() {
                items.append(annotation(record, id: "\(source)#anno-\(index + 1)", source: source, mapper: mapper, corpus: corpus))
            }
        }
        let rootURI = SARIFReporter.directoryURI(corpus.root)
        return JSON.object([
            ("@context", .string("http://www.w3.org/ns/anno.jsonld")),
            ("id", .string(rootURI + "#annotations")),
            ("type", .string("AnnotationCollection")),
            ("label", .string("Annotations of \((corpus.root as NSString).lastPathComponent)")),
            ("generator", .object([("id", .string(SARIFReporter.informationURI)), ("type", .string("Software")),
                                   ("name", .string("marginalia \(MarginaliaCommand.version)"))])),
            ("total", .int(items.count)),
            ("first", .object([("id", .string(rootURI + "#annotations-page-1")), ("type", .string("AnnotationPage")),
                               ("startIndex", .int(0)), ("items", .array(items))])),
        ]).text
    }

    /// One Annotation: motivation and body by kind, target with quote and position selectors.
    static func annotation(_ record: AnnotationRecord, id: String, source: String, mapper: PositionMapper, corpus: Corpus) -> JSON {
        let motivation: String
        var bodies: [JSON] = []
        func textual(_ value: String, purpose: String) -> JSON {
            .object([("type", .string("TextualBody")), ("value", .string(value)), ("format", .string("text/plain")), ("purpose", .string(purpose))])
        }
        switch record.kind {
        case .mention, .implicitMention:
            motivation = "identifying"
            if let target = record.target {
                let iri = record.links.first ?? "urn:marginalia:entity:" + percentEncodedComponent(target)
                var body: [(String, JSON)] = [("id", .string(iri))]
                if let entity = corpus.registries.entity(forID: target) { body.append(("label", .string(entity.name))) }
                bodies.append(.object(body))
            } else if let written = record.attributes.first(where: { $0.key == "written" }) {
                bodies.append(textual(written.value, purpose: "identifying"))
            }
        case .note:
            motivation = "commenting"
            bodies.append(textual(record.note ?? "", purpose: "commenting"))
        case .span:
            motivation = "classifying"
            bodies += record.types.map { textual($0, purpose: "classifying") }
            if let note = record.note { bodies.append(textual(note, purpose: "commenting")) }
            bodies += record.attributes.map { textual("\($0.key)=\($0.value)", purpose: "tagging") }
        case .citation:
            motivation = "linking"
            let key = record.target ?? ""
            bodies.append(.string(record.links.first ?? "urn:marginalia:source:" + percentEncodedComponent(key)))
        }
        let text = mapper.text
        let exact = text.string(record.range)
        let prefixStart = scalarBoundary(text.bytes, from: record.range.lowerBound, steps: -contextLength)
        let suffixEnd = scalarBoundary(text.bytes, from: record.range.upperBound, steps: contextLength)
        let selectors: [JSON] = [
            .object([("type", .string("TextQuoteSelector")), ("exact", .string(exact)),
                     ("prefix", .string(text.string(prefixStart..<record.range.lowerBound))),
                     ("suffix", .string(text.string(record.range.upperBound..<suffixEnd)))]),
            .object([("type", .string("TextPositionSelector")), ("start", .int(mapper.codePointOffset(record.range.lowerBound))),
                     ("end", .int(mapper.codePointOffset(record.range.upperBound)))]),
        ]
        var members: [(String, JSON)] = [("id", .string(id)), ("type", .string("Annotation")), ("motivation", .string(motivation))]
        if bodies.count == 1, let body = bodies.first { members.append(("body", body)) } else if !bodies.isEmpty { members.append(("body", .array(bodies))) }
        members.append(("target", .object([("source", .string(source)), ("selector", .array(selectors))])))
        return .object(members)
    }

    /// The byte offset `steps` code points before (negative) or after `offset`, stopping at the
    /// text's ends; continuation bytes are never boundaries, so selectors never cut a character.
    static func scalarBoundary(_ bytes: [UInt8], from offset: Int, steps: Int) -> Int {
        var index = offset
        var remaining = abs(steps)
        while remaining > 0 {
            if steps < 0 {
                guard index > 0 else { break }
                let end = index
                index -= 1
                // At most three continuation bytes belong to one scalar; more are invalid bytes.
                while index > 0 && bytes[index] & 0xC0 == 0x80 && end - index < 4 { index -= 1 }
            } else {
                guard index < bytes.count else { break }
                index += 1
                while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
            }
            remaining -= 1
        }
        return index
    }

    /// A string safe inside a URN.
    static func percentEncodedComponent(_ string: String) -> String {
        string.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? string
    }
}

/// brat standoff: per document a copy of its text (`NAME.txt`) and `NAME.ann` with T (text
/// bound), N (normalization to an authority), A (attribute) and # (note) lines; offsets in code
/// points, multi-line spans as fragments.
enum BratExporter {
    /// Writes every document's pair under `out`, keeping the corpus's folder layout.
    static func write(_ corpus: Corpus, to out: String, positions: PositionCache) throws(UsageError) {
        for path in corpus.documentPaths {
            guard let text = corpus.text(of: path) else { continue }
            var relative = Baseline.relativePath(path, root: corpus.root)
            if relative.hasSuffix(".txt") { relative.removeLast(4) }
            let base = out + "/" + relative
            try Terminal.makeDirectory((base as NSString).deletingLastPathComponent)
            try Terminal.writeAtomically(String(decoding: text.bytes, as: UTF8.self), to: base + ".txt")
            try Terminal.writeAtomically(annotations(corpus.annotationRecords(in: path), mapper: positions.mapper(path), corpus: corpus),
                                         to: base + ".ann")
        }
    }

    /// The `.ann` text for one document's records.
    static func annotations(_ records: [AnnotationRecord], mapper: PositionMapper, corpus: Corpus) -> String {
        var lines: [String] = []
        var textBound = 0
        var normalization = 0
        var attribute = 0
        var note = 0
        for record in records {
            let types: [String]
            switch record.kind {
            case .citation: types = ["Citation"]
            case .note: types = ["Note"]
            case .mention, .implicitMention: types = [record.types.first.map(bratType) ?? "Mention"]
            case .span: types = record.types.isEmpty ? ["Span"] : record.types.map(bratType)
            }
            let fragments = self.fragments(record.range, mapper: mapper)
            let fragmentText = fragments.map { "\(mapper.codePointOffset($0.lowerBound)) \(mapper.codePointOffset($0.upperBound))" }
                .joined(separator: ";")
            let covered = fragments.map { bratText(mapper.text.string($0)) }.joined(separator: " ")
            for type in types {
                textBound += 1
                let id = "T\(textBound)"
                lines.append("\(id)\t\(type) \(fragmentText)\t\(covered)")
                if record.kind == .mention || record.kind == .implicitMention, let target = record.target {
                    normalization += 1
                    let name = corpus.registries.entity(forID: target)?.name ?? target
                    lines.append("N\(normalization)\tReference \(id) \(reference(target, links: record.links))\t\(bratText(name))")
                }
                if record.kind == .citation, let target = record.target {
                    normalization += 1
                    lines.append("N\(normalization)\tReference \(id) source:\(bratName(target))\t\(bratText(target))")
                }
                if record.kind == .span {
                    for item in record.attributes {
                        attribute += 1
                        lines.append("A\(attribute)\t\(bratName(item.key)) \(id) \(bratName(item.value))")
                    }
                }
                if let text = record.note, !text.isEmpty {
                    note += 1
                    lines.append("#\(note)\tAnnotatorNotes \(id)\t\(bratText(text))")
                }
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The range split at line breaks (brat fragments cannot span lines), empty pieces dropped;
    /// an empty range stays one empty fragment.
    static func fragments(_ range: Range<Int>, mapper: PositionMapper) -> [Range<Int>] {
        let text = mapper.text
        let first = text.line(containing: range.lowerBound)
        let last = text.line(containing: range.upperBound)
        var result: [Range<Int>] = []
        for line in first...last {
            let content = text.contentRange(ofLine: line)
            let start = max(content.lowerBound, range.lowerBound)
            let end = min(content.upperBound, range.upperBound)
            if start < end { result.append(start..<end) }
        }
        return result.isEmpty ? [range] : result
    }

    /// `Wikidata:Q187052` for a Wikidata `sameAs`, else `entity:ID`.
    static func reference(_ id: String, links: [String]) -> String {
        for link in links {
            if let range = link.range(of: "wikidata.org/wiki/") { return "Wikidata:" + link[range.upperBound...] }
            if let range = link.range(of: "wikidata.org/entity/") { return "Wikidata:" + link[range.upperBound...] }
        }
        return "entity:" + bratName(id)
    }

    /// A type or attribute name brat accepts (no whitespace).
    static func bratName(_ name: String) -> String {
        String(name.map { $0.isWhitespace ? "_" : $0 })
    }

    /// A type name: whitespace to underscores.
    static func bratType(_ name: String) -> String { bratName(name) }

    /// Text on one `.ann` line: tabs and line breaks become spaces.
    static func bratText(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
