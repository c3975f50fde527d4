import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/codeAction`: quick fixes of the findings in the range, then rewrites
    /// ("Annotate selection as TYPE", "Link mention"), filtered by `context.only`.
    static func codeActions(_ params: CodeActionParams, _ snapshot: Snapshot) -> [CodeAction]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let range = snapshot.converter.utf8Range(of: params.range, in: file.text)
        var actions: [CodeAction] = []
        var preferredGiven = Set<Finding>()
        for (fix, finding) in file.corpus.codeActions(in: file.path, range: range) {
            let kind: CodeActionKind = finding == nil ? .refactorRewrite : .quickFix
            if let only = params.context.only,
               !only.contains(where: { kind.rawValue == $0.rawValue || kind.rawValue.hasPrefix($0.rawValue + ".") }) { continue }
            guard let edit = workspaceEdit(fix.change, snapshot) else { continue }
            var diagnostics: [Diagnostic]?
            var isPreferred: Bool?
            if let finding {
                let text = snapshot.text(of: finding.path)
                diagnostics = [diagnostic(finding, snapshot, text: text)]
                isPreferred = preferredGiven.insert(finding).inserted
            }
            actions.append(CodeAction(title: fix.title, kind: kind, diagnostics: diagnostics, isPreferred: isPreferred, edit: edit))
        }
        return actions
    }
}
