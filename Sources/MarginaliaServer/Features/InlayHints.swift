import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/inlayHint`: the short reference ("Smith 2020") after each citation in the range.
    static func inlayHints(_ params: InlayHintParams, _ snapshot: Snapshot) -> [InlayHint]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let range = snapshot.converter.utf8Range(of: params.range, in: file.text)
        return file.corpus.inlineHints(of: file.path, in: range).map { hint in
            InlayHint(position: snapshot.converter.position(ofUTF8Offset: hint.offset, in: file.text), label: hint.label,
                      tooltip: hint.tooltip.map { .string($0) }, paddingLeft: true)
        }
    }
}
