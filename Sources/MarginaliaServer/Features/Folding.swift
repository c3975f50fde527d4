import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/foldingRange`: sections, front matter, note definitions, code blocks and comments, by line.
    static func foldingRanges(_ params: FoldingRangeParams, _ snapshot: Snapshot) -> [FoldingRange]? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        return file.corpus.folds(of: file.path).compactMap { fold in
            let startLine = file.text.line(containing: fold.range.lowerBound)
            // A range ending right after a newline ends on the line before.
            let endLine = file.text.line(containing: max(fold.range.lowerBound, fold.range.upperBound - 1))
            guard endLine > startLine else { return nil }
            return FoldingRange(startLine: startLine, endLine: endLine, kind: fold.kind.map { FoldingRangeKind(rawValue: $0) })
        }
    }
}
