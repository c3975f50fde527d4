/// `unknown-citation-key`: a citation names a key that no bibliography defines.
enum UnknownCitationKeyRule: DocumentRule {
    static let id = RuleID.unknownCitationKey

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        var findings: [Finding] = []
        for citation in context.document.markup.citations {
            for item in citation.items where !CrossReference.isCrossReference(item.key) {
                guard context.registries.sourcesByKey[item.key] == nil else { continue }
                var fixes = [Fixes.createSource(key: item.key, in: context.registries)]
                let near = context.registries.sourceKeySuggestions.nearest(to: item.key)
                for candidate in near.prefix(3) {
                    fixes.append(Fix(title: "Change to '\(candidate)'",
                                     change: WorkspaceChange(edits: [TextEdit(path: context.document.path, range: item.keyRange, newText: candidate)])))
                }
                var message = "unknown citation key '\(item.key)': no source defines it"
                if let first = near.first { message += " (did you mean '\(first)'?)" }
                findings.append(context.finding(id, message, at: item.keyRange, fixes: fixes))
            }
        }
        return findings
    }
}
