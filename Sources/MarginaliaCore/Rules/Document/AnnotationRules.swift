/// `unknown-type`, `unknown-attribute` and `invalid-attribute-value` on a document's spans.
enum AnnotationSchemaRule: DocumentRule {
    static let id = RuleID.unknownType

    /// Attributes every span may carry whatever its types.
    static let universalAttributes: Set<String> = ["note", "id", "class", "lang", "dir", "style", "title"]

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        let registries = context.registries
        var findings: [Finding] = []
        for annotation in context.document.markup.annotations {
            var known: [AttributeSpec] = []
            var anyKnownType = false
            for type in annotation.types {
                if registries.typesByName[type.name] != nil {
                    anyKnownType = true
                    known += registries.attributes(of: type.name)
                } else if registries.entityTypesByName[type.name] != nil {
                    anyKnownType = true
                } else {
                    let near = Suggestions.nearest(to: type.name, among: Array(registries.typesByName.keys))
                    var message = "unknown annotation type '\(type.name)': the codebook does not define it"
                    if let first = near.first { message += " (did you mean '\(first)'?)" }
                    let fixes = near.prefix(3).map { candidate in
                        Fix(title: "Change to '\(candidate)'",
                            change: WorkspaceChange(edits: [TextEdit(path: context.document.path, range: type.range, newText: candidate)]))
                    }
                    findings.append(context.finding(RuleID.unknownType, message, at: type.range, fixes: Array(fixes)))
                }
            }
            guard anyKnownType else { continue }
            for attribute in annotation.attributes where !universalAttributes.contains(attribute.key) {
                guard let spec = known.first(where: { $0.name == attribute.key }) else {
                    findings.append(context.finding(
                        RuleID.unknownAttribute,
                        "unknown attribute '\(attribute.key)' for \(annotation.typeNames.joined(separator: ", "))",
                        at: attribute.keyRange))
                    continue
                }
                if let values = spec.values, !values.contains(attribute.value) {
                    let fixes = values.map { value in
                        Fix(title: "Change to '\(value)'",
                            change: WorkspaceChange(edits: [TextEdit(path: context.document.path, range: attribute.valueRange, newText: value)]))
                    }
                    findings.append(context.finding(
                        RuleID.invalidAttributeValue,
                        "invalid value '\(attribute.value)' for '\(attribute.key)': expected one of \(values.joined(separator: ", "))",
                        at: attribute.valueRange, fixes: fixes))
                }
            }
        }
        return findings
    }
}
