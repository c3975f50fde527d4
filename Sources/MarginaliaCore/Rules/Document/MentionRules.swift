/// `unknown-mention` and `ambiguous-mention`: a `[[target]]` that names no entity, or several.
enum MentionTargetRule: DocumentRule {
    static let id = RuleID.unknownMention

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (mention, resolution) in context.mentionResolutions {
            switch resolution {
            case .entity:
                continue
            case .unknown:
                let near = context.registries.entityNameSuggestions.nearest(to: mention.target)
                var message = "unknown mention target '\(mention.target)': no entity has this id, name or alias"
                if let first = near.first { message += " (did you mean '\(first)'?)" }
                findings.append(context.finding(
                    RuleID.unknownMention, message, at: mention.targetRange,
                    fixes: [Fixes.createEntity(named: mention.target, in: context.registries)]))
            case .ambiguous(let ids):
                let fixes = ids.map { id in
                    Fix(title: "Link to '\(id)'",
                        change: WorkspaceChange(edits: [TextEdit(path: context.document.path, range: mention.targetRange, newText: id)]))
                }
                findings.append(context.finding(
                    RuleID.ambiguousMention,
                    "ambiguous mention target '\(mention.target)': it names \(ids.map { "'\($0)'" }.joined(separator: ", ")); use an id",
                    at: mention.targetRange, fixes: fixes))
            }
        }
        return findings
    }
}
