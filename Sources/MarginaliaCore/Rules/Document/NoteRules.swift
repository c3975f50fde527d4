/// `undefined-note`: a marker whose label has no definition in the document.
enum UndefinedNoteRule: DocumentRule {
    static let id = RuleID.undefinedNote

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        let markup = context.document.markup
        let defined = Set(markup.noteDefinitions.map(\.label))
        let end = context.document.text.count
        return markup.noteReferences.filter { !defined.contains($0.label) }.map { reference in
            let stub = reference.style == .pandoc ? "\n[^\(reference.label)]: " : "\n(\(reference.label)) "
            let fix = Fix(title: "Add a definition for note '\(reference.label)'",
                          change: WorkspaceChange(edits: [TextEdit(path: context.document.path, range: end..<end, newText: stub)]))
            return context.finding(id, "note '\(reference.label)' is never defined", at: reference.range, fixes: [fix])
        }
    }
}

/// `unused-note`: a definition no marker references.
enum UnusedNoteRule: DocumentRule {
    static let id = RuleID.unusedNote

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        let markup = context.document.markup
        let referenced = Set(markup.noteReferences.map(\.label))
        return markup.noteDefinitions.filter { $0.style != .inline && !referenced.contains($0.label) }.map {
            context.finding(id, "note '\($0.label)' is defined but never referenced", at: $0.labelRange)
        }
    }
}

/// `duplicate-note`: a label defined twice; the first definition wins.
enum DuplicateNoteRule: DocumentRule {
    static let id = RuleID.duplicateNote

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        var first: [String: NoteDefinition] = [:]
        var findings: [Finding] = []
        for definition in context.document.markup.noteDefinitions where definition.style != .inline {
            if let original = first[definition.label] {
                findings.append(context.finding(
                    id, "note '\(definition.label)' is defined twice; the first definition is used", at: definition.labelRange,
                    related: [RelatedLocation(path: context.document.path, range: original.labelRange, message: "first definition")]))
            } else {
                first[definition.label] = definition
            }
        }
        return findings
    }
}

/// `empty-note`: a note with no text.
enum EmptyNoteRule: DocumentRule {
    static let id = RuleID.emptyNote

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        context.document.markup.noteDefinitions.filter { $0.text.trimmingWhitespace().isEmpty }.map {
            context.finding(id, "note '\($0.label)' is empty", at: $0.style == .inline ? $0.range : $0.labelRange)
        }
    }
}
