/// Turns the heuristics' hits into findings, adding the bare-URL quick fix.
enum HeuristicRules {
    static let ids: Set<String> = [
        RuleID.unsourcedQuote, RuleID.unsourcedFigure, RuleID.missingSourcePointer, RuleID.weaselAttribution, RuleID.bareURLCitation,
    ]

    static func check(_ document: Document, registries: Registries, policy: FindingPolicy) -> [Finding] {
        guard ids.contains(where: policy.isEnabled) else { return [] }
        // The heuristics read no mention: their context needs none.
        let context = DocumentRuleContext(document: document, registries: registries, mentionResolutions: [])
        return Heuristics.hits(in: context.document).map { hit in
            var fixes: [Fix] = []
            if hit.rule == RuleID.bareURLCitation {
                fixes.append(bareURLFix(url: context.document.text.string(hit.range), range: hit.range, context: context))
            }
            return context.finding(hit.rule, hit.message, at: hit.range, fixes: fixes)
        }
    }

    /// Creates a source entry for the URL and replaces the URL with a citation of it.
    static func bareURLFix(url: String, range: Range<Int>, context: DocumentRuleContext) -> Fix {
        let key = uniqueKey(for: url, registries: context.registries)
        var change = Fixes.createSource(key: key, in: context.registries, url: url).change
        change.edits.append(TextEdit(path: context.document.path, range: range, newText: "[@\(key)]"))
        return Fix(title: "Turn the URL into source '\(key)' and cite it", change: change)
    }

    /// A citation key made from a URL's host and last path segment, unused in the corpus.
    static func uniqueKey(for url: String, registries: Registries) -> String {
        var trimmed = Substring(url)
        if let scheme = trimmed.range(of: "://") { trimmed = trimmed[scheme.upperBound...] }
        let parts = trimmed.split(separator: "/").filter { !$0.isEmpty }
        let host = parts.first.map { $0.split(separator: ".").dropLast().last.map(String.init) ?? String($0) } ?? "source"
        let tail = parts.count > 1 ? String(parts[parts.count - 1].prefix(24)) : ""
        var base = Fixes.slug(host + " " + tail)
        if base.isEmpty { base = "source" }
        var key = base
        var n = 2
        while registries.sourcesByKey[key] != nil {
            key = "\(base)-\(n)"
            n += 1
        }
        return key
    }
}
