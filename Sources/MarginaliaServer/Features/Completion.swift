import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// `textDocument/completion`: source keys after `@`, entities in `[[`, types after `{.`, note labels after `[^`.
    static func completion(_ params: CompletionParams, _ snapshot: Snapshot) -> CompletionAnswer? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let offset = snapshot.converter.utf8Offset(of: params.position, in: file.text)
        let markdown = prefersMarkdownDocumentation(snapshot)
        // A client that resolves documentation lazily gets the cards of sources and entities
        // through `completionItem/resolve`, for the one item it shows, not for all 100.
        let resolvesDocumentation = snapshot.capabilities.textDocument?.completion?.completionItem?
            .resolveSupport?.properties.contains("documentation") ?? false
        guard let result = file.corpus.completions(at: offset, in: file.path, cards: !resolvesDocumentation) else {
            return CompletionAnswer(candidates: [], isIncomplete: false, range: LSPRange(at: params.position), markdown: markdown)
        }
        let range = snapshot.converter.range(ofUTF8Range: result.replaceRange, in: file.text)
        return CompletionAnswer(candidates: result.candidates, isIncomplete: result.isIncomplete, range: range, markdown: markdown,
                                resolveURI: resolvesDocumentation ? params.textDocument.uri.rawValue : nil)
    }

    /// Whether the client reads Markdown in completion documentation.
    static func prefersMarkdownDocumentation(_ snapshot: Snapshot) -> Bool {
        (snapshot.capabilities.textDocument?.completion?.completionItem?.documentationFormat ?? []).contains(.markdown)
    }

    /// `completionItem/resolve`: the card of the source or entity an item names (its `data`),
    /// as documentation; any other item comes back as it was sent.
    static func resolveCompletion(_ item: CompletionItem, _ snapshot: Snapshot) -> CompletionItem? {
        guard item.documentation == nil, let data = item.data, let uri = data["uri"]?.stringValue,
              let file = snapshot.file(DocumentURI(uri)) else { return item }
        let target: Target? = if let key = data["source"]?.stringValue {
            .source(key: key)
        } else if let id = data["entity"]?.stringValue {
            .entity(id: id)
        } else {
            nil
        }
        guard let target, let card = file.corpus.card(for: target), !card.isEmpty else { return item }
        var resolved = item
        resolved.documentation = prefersMarkdownDocumentation(snapshot) ? .markup(.markdown(card)) : .string(card)
        return resolved
    }

    /// What `completionItem/resolve` needs to find a candidate's card again.
    static func resolveData(_ candidate: CompletionCandidate) -> (kind: String, name: String)? {
        switch candidate.target {
        case .source(let key): ("source", key)
        case .entity(let id): ("entity", id)
        default: nil
        }
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

/// A completion answer written straight from the core's candidates: the `CompletionList` of
/// `list`, without building an item per candidate first (answers carry up to 100 items).
struct CompletionAnswer: JSONWritable, Sendable {
    /// The candidates, best first.
    let candidates: [CompletionCandidate]
    /// Whether more candidates matched than were returned.
    let isIncomplete: Bool
    /// The range every item's edit replaces.
    let range: LSPRange
    /// Whether the client reads Markdown documentation.
    let markdown: Bool
    /// The document's URI, when sources and entities come without documentation and carry
    /// `data` for `completionItem/resolve` instead.
    var resolveURI: String? = nil

    /// The same answer as LSP values.
    var list: CompletionList {
        let items = candidates.enumerated().map { index, candidate in
            CompletionItem(
                label: candidate.label,
                kind: Features.completionKind(candidate.kind),
                detail: candidate.detail.isEmpty ? nil : candidate.detail,
                documentation: candidate.documentation.isEmpty ? nil
                    : markdown ? .markup(.markdown(candidate.documentation)) : .string(candidate.documentation),
                sortText: Features.sortKey(index),
                filterText: candidate.filterText,
                insertTextFormat: .plainText,
                textEdit: .textEdit(LanguageServerProtocol.TextEdit(range: range, newText: candidate.insertText)),
                data: resolveURI.flatMap { uri in
                    Features.resolveData(candidate).map { .object(["uri": .string(uri), $0.kind: .string($0.name)]) }
                })
        }
        return CompletionList(isIncomplete: isIncomplete, items: items)
    }

    /// What `list` writes, member for member.
    func write(to writer: inout JSONWriter) {
        var rangeWriter = JSONWriter(capacity: 64)
        range.write(to: &rangeWriter)
        let rangeJSON = rangeWriter.bytes
        writer.beginObject()
        writer.key("isIncomplete")
        writer.bool(isIncomplete)
        writer.key("items")
        writer.beginArray()
        for (index, candidate) in candidates.enumerated() {
            writer.beginObject()
            writer.key("label")
            writer.string(candidate.label)
            writer.key("kind")
            writer.integer(Features.completionKind(candidate.kind).rawValue)
            if !candidate.detail.isEmpty {
                writer.key("detail")
                writer.string(candidate.detail)
            }
            if !candidate.documentation.isEmpty {
                writer.key("documentation")
                if markdown {
                    writer.beginObject()
                    writer.key("kind")
                    writer.string(MarkupKind.markdown.rawValue)
                    writer.key("value")
                    writer.string(candidate.documentation)
                    writer.endObject()
                } else {
                    writer.string(candidate.documentation)
                }
            }
            writer.key("sortText")
            writer.string(Features.sortKey(index))
            writer.key("filterText")
            writer.string(candidate.filterText)
            writer.key("insertTextFormat")
            writer.integer(InsertTextFormat.plainText.rawValue)
            writer.key("textEdit")
            writer.beginObject()
            writer.key("range")
            writer.json(rangeJSON)
            writer.key("newText")
            writer.string(candidate.insertText)
            writer.endObject()
            if let uri = resolveURI, let data = Features.resolveData(candidate) {
                writer.key("data")
                writer.beginObject()
                writer.key(data.kind)
                writer.string(data.name)
                writer.key("uri")
                writer.string(uri)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// The list's own encoding, for encoders other than the wire's.
    func encode(to encoder: any Encoder) throws {
        try list.encode(to: encoder)
    }
}
