import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/completion`: source keys after `@`, entities in `[[`, types after `{.`, note labels after `[^`.
    static func completion(_ params: CompletionParams, _ snapshot: Snapshot) -> CompletionList? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        guard let result = file.corpus.completions(at: offset, in: file.path) else {
            return CompletionList(isIncomplete: false, items: [])
        }
        let range = snapshot.converter.range(ofUTF8Range: result.replaceRange, in: file.text)
        let formats = snapshot.capabilities.textDocument?.completion?.completionItem?.documentationFormat ?? []
        let markdown = formats.contains(.markdown)
        let items = result.candidates.enumerated().map { index, candidate in
            CompletionItem(
                label: candidate.label,
                kind: completionKind(candidate.kind),
                detail: candidate.detail.isEmpty ? nil : candidate.detail,
                documentation: candidate.documentation.isEmpty ? nil
                    : markdown ? .markup(.markdown(candidate.documentation)) : .string(candidate.documentation),
                sortText: sortKey(index),
                filterText: candidate.filterText,
                insertTextFormat: .plainText,
                textEdit: .textEdit(LanguageServerProtocol.TextEdit(range: range, newText: candidate.insertText)))
        }
        return CompletionList(isIncomplete: result.isIncomplete, items: items)
    }

    /// A sort key keeping the core's order (best first) whatever the client sorts by.
    static func sortKey(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The LSP item kind of a candidate: sources are references, entities variables (as in semantic tokens), types classes.
    static func completionKind(_ kind: CompletionKind) -> CompletionItemKind {
        switch kind {
        case .source: .reference
        case .entity: .variable
        case .type: .class
        case .note: .text
        case .attributeValue: .value
        }
    }
}
