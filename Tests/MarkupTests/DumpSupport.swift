import MarginaliaCore

/// Dumps a tree as readable lines with byte ranges, for comparing with expected text.
func dump(_ tree: MarkupTree, kinds: Set<String>? = nil) -> String {
    var lines: [String] = []
    func want(_ k: String) -> Bool { kinds?.contains(k) ?? true }
    func r(_ range: Range<Int>) -> String { "@\(range.lowerBound)-\(range.upperBound)" }
    if want("citation") {
        for c in tree.citations {
            let items = c.items.map { item -> String in
                var s = "[\(item.mode.rawValue)] key=\(item.key)\(r(item.keyRange))"
                if !item.prefix.isEmpty { s += " prefix=\"\(item.prefix)\"" }
                if !item.suffix.isEmpty { s += " suffix=\"\(item.suffix)\"" }
                return s
            }
            lines.append("Citation \(r(c.range))\(c.isBracketed ? " bracketed" : "") " + items.joined(separator: " ; "))
        }
    }
    if want("note") {
        for n in tree.noteReferences { lines.append("NoteRef \(r(n.range)) \(n.style.rawValue) label=\(n.label)") }
        for n in tree.noteDefinitions { lines.append("NoteDef \(r(n.range)) \(n.style.rawValue) label=\(n.label) text=\"\(n.text)\"") }
    }
    if want("mention") {
        for m in tree.mentions {
            lines.append("Mention \(r(m.range)) target=\(m.target)\(r(m.targetRange))" + (m.shownText.map { " shown=\"\($0)\"" } ?? ""))
        }
    }
    if want("span") {
        for a in tree.annotations {
            var s = "Span \(r(a.range)) types=\(a.typeNames.joined(separator: ","))"
            if let id = a.id { s += " id=\(id)" }
            for attr in a.attributes { s += " \(attr.key)=\"\(attr.value)\"" }
            lines.append(s)
        }
    }
    if want("heading") {
        for h in tree.headings { lines.append("Heading \(r(h.range)) level=\(h.level) text=\"\(h.text)\" section=\(r(h.sectionRange))") }
    }
    if want("link") {
        for l in tree.links { lines.append("Link \(r(l.range)) \(l.isBare ? "bare " : "")\(l.url)") }
    }
    if want("suppression") {
        for s in tree.suppressions { lines.append("Suppression \(r(s.range)) line=\(s.targetLine) rules=\(s.rules.joined(separator: ","))") }
    }
    if want("opaque") {
        for o in tree.opaqueRanges { lines.append("Opaque \(r(o))") }
    }
    if want("issue") {
        for i in tree.issues { lines.append("Issue \(r(i.range)) \(i.rule)") }
    }
    return lines.joined(separator: "\n")
}

/// Parses Markdown (or plain text) from a string.
func parse(_ s: String, _ format: DocumentFormat = .markdown) -> MarkupTree {
    MarkupParser.parse(SourceText(s), format: format)
}
