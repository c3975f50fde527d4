import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/codeLens`: use counts above registry entries, resolved at once. The command is
    /// empty: a display-only lens, since showing references needs a client-specific command.
    static func codeLenses(_ params: CodeLensParams, _ snapshot: Snapshot) -> [CodeLens]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        return file.corpus.usageLenses(of: file.path).map { lens in
            CodeLens(range: snapshot.converter.range(ofUTF8Range: lens.range, in: file.text),
                     command: Command(title: lens.title, command: ""))
        }
    }
}
