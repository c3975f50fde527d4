/// What kind of thing a completion candidate inserts.
public enum CompletionKind: String, Sendable, Hashable {
    case source, entity, type, note, attributeValue
}

/// One completion candidate.
public struct CompletionCandidate: Sendable, Hashable {
    /// What the list shows.
    public var label: String
    /// What replaces `replaceRange`.
    public var insertText: String
    /// Text the client filters on (names and aliases for entities).
    public var filterText: String
    /// A one-line detail ("Smith 2020", "organization").
    public var detail: String
    /// Markdown documentation (the hover card).
    public var documentation: String
    /// The kind.
    public var kind: CompletionKind
    /// What it names, when the documentation is its card (filled in after filtering, or left
    /// for `Corpus.card(for:)` when the caller asks for candidates without documentation).
    public internal(set) var target: Target? = nil
}

/// The candidates at a position and the range they replace.
public struct CompletionResult: Sendable, Hashable {
    /// Byte range of the partial word typed so far.
    public var replaceRange: Range<Int>
    /// Candidates, sorted.
    public var candidates: [CompletionCandidate]
    /// True when more candidates match than were returned: the client should ask again as
    /// the user types.
    public var isIncomplete: Bool = false
}

/// Where completion applies: the range being typed, the candidates to filter, and the kind
/// to give every returned candidate when it differs from the index's (speaker values).
struct CompletionContext {
    /// Byte range of the partial word typed so far.
    var replaceRange: Range<Int>
    /// The candidates, folded for filtering.
    var index: CompletionIndex
    /// A kind overriding the candidates' own.
    var kind: CompletionKind? = nil
}

extension Corpus {
    /// Candidates for source keys after `@`, entities inside `[[`, types after `{.`, note labels
    /// after `[^`, and attribute values after `key=` in an attribute block: at most `limit` whose
    /// filter text holds the typed text (folded), in candidate order.
    /// With `cards` false, candidates naming a source or entity come without documentation (a
    /// client fetches it for the one it shows): building cards is most of an answer's cost.
    public func completions(at offset: Int, in path: String, limit: Int = 100, cards: Bool = true) -> CompletionResult? {
        guard let analyzed = documents[path], let context = completionContext(at: offset, in: analyzed) else { return nil }
        let typed = analyzed.document.text.string(context.replaceRange)
        let (positions, isIncomplete) = context.index.matching(TextFolding.key(for: typed), limit: limit)
        var candidates: [CompletionCandidate] = []
        candidates.reserveCapacity(positions.count)
        let counts = (uses: useCounts, documents: documentCounts)
        // Cards are built only for what is returned: a corpus may have tens of thousands of sources.
        for position in positions {
            var candidate = context.index.candidates[position]
            if let kind = context.kind { candidate.kind = kind }
            if cards, let target = candidate.target, let card = card(for: target, counts: counts, memo: context.index.cards, position: position) {
                candidate.documentation = card
            }
            candidates.append(candidate)
        }
        return CompletionResult(replaceRange: context.replaceRange, candidates: candidates, isIncomplete: isIncomplete)
    }

    /// `card(for:)` of an indexed source or entity, reused while its counts are unchanged: its
    /// registry entry cannot change within one index.
    func card(for target: Target, counts: (uses: OverlayTable<Target, Int>, documents: OverlayTable<Target, Int>), memo: CardMemo, position: Int) -> String? {
        let uses = counts.uses[target] ?? 0
        let documents = counts.documents[target] ?? 0
        if let card = memo.card(position, uses: uses, documents: documents) { return card }
        guard let card = card(for: target) else { return nil }
        memo.store(position, uses: uses, documents: documents, card: card)
        return card
    }

    /// The completion context at `offset`: sources and entities come from indexes cached per
    /// registry state; the small lists (types, notes, attribute values) are built per request.
    func completionContext(at offset: Int, in analyzed: AnalyzedDocument) -> CompletionContext? {
        let bytes = analyzed.document.text.bytes
        let end = min(max(offset, 0), bytes.count)
        let lineStart = analyzed.document.text.lineStarts[analyzed.document.text.line(containing: end)]
        // Scan back over the word being typed.
        var start = end
        while start > lineStart && CompletionScanner.isKeyByte(bytes[start - 1]) { start -= 1 }
        let prefixByte: UInt8? = start > lineStart ? bytes[start - 1] : nil

        if prefixByte == UInt8(ascii: "@") {
            return CompletionContext(replaceRange: start..<end, index: sourceIndex())
        }
        if prefixByte == UInt8(ascii: "^"), start - 2 >= lineStart, bytes[start - 2] == UInt8(ascii: "[") {
            return CompletionContext(replaceRange: start..<end, index: CompletionIndex(noteCandidates(analyzed.document)))
        }
        if prefixByte == UInt8(ascii: "."), CompletionScanner.insideAttributeBlock(bytes, before: start - 1, lineStart: lineStart) {
            return CompletionContext(replaceRange: start..<end, index: CompletionIndex(typeCandidates()))
        }
        if prefixByte == UInt8(ascii: "="), let key = CompletionScanner.attributeKey(bytes, before: start - 1, lineStart: lineStart) {
            if key == "speaker" {
                return CompletionContext(replaceRange: start..<end, index: entityIndex(), kind: .attributeValue)
            }
            return CompletionContext(replaceRange: start..<end, index: CompletionIndex(attributeValueCandidates(key)))
        }
        // `[[` opens a mention target that may hold spaces: scan back to it on this line.
        if let open = CompletionScanner.openMention(bytes, before: end, lineStart: lineStart) {
            return CompletionContext(replaceRange: open..<end, index: entityIndex())
        }
        return nil
    }

    /// Every source as a candidate, folded once per registry state.
    func sourceIndex() -> CompletionIndex {
        CompletionIndexCache.sources(of: registries) { sourceCandidates() }
    }

    /// Every entity as a candidate, folded once per registry state.
    func entityIndex() -> CompletionIndex {
        CompletionIndexCache.entities(of: registries) { entityCandidates() }
    }

    func sourceCandidates() -> [CompletionCandidate] {
        registries.allSources.map { source in
            CompletionCandidate(
                label: source.key, insertText: source.key,
                filterText: source.key + " " + source.authors.map(\.family).joined(separator: " ") + " " + (source.title ?? ""),
                detail: ReferenceFormatter.short(source) + (source.title.map { " · \($0)" } ?? ""),
                documentation: "", kind: .source, target: .source(key: source.key))
        }
    }

    func entityCandidates() -> [CompletionCandidate] {
        registries.allEntities.map { entity in
            CompletionCandidate(
                label: entity.name, insertText: entity.id,
                filterText: ([entity.name, entity.id] + entity.aliases).joined(separator: " "),
                detail: "\(entity.type) · \(entity.id)", documentation: "", kind: .entity, target: .entity(id: entity.id))
        }
    }

    func typeCandidates() -> [CompletionCandidate] {
        let codes = registries.codebook.types.map { type in
            CompletionCandidate(label: type.name, insertText: type.name, filterText: type.name,
                                detail: "annotation type", documentation: typeCard(type.name) ?? "", kind: .type)
        }
        let entityTypes = registries.codebook.entityTypes.map { type in
            CompletionCandidate(label: type.name, insertText: type.name, filterText: type.name,
                                detail: "entity type", documentation: typeCard(type.name) ?? "", kind: .type)
        }
        return codes + entityTypes
    }

    func noteCandidates(_ document: Document) -> [CompletionCandidate] {
        var seen = Set<String>()
        return document.markup.noteDefinitions.filter { $0.style == .pandoc && seen.insert($0.label).inserted }.map { note in
            CompletionCandidate(label: note.label, insertText: note.label + "]", filterText: note.label,
                                detail: String(note.text.prefix(60)), documentation: note.text, kind: .note)
        }
    }

    func attributeValueCandidates(_ key: String) -> [CompletionCandidate] {
        var values: [String] = []
        for type in registries.codebook.types {
            for attribute in registries.attributes(of: type.name) where attribute.name == key {
                for value in attribute.values ?? [] where !values.contains(value) { values.append(value) }
            }
        }
        return values.map {
            CompletionCandidate(label: $0, insertText: $0, filterText: $0, detail: "\(key) value", documentation: "", kind: .attributeValue)
        }
    }
}

/// Byte-level look-behind for completion contexts.
enum CompletionScanner {
    /// Bytes that may appear in a key, label or type name being typed.
    static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"): true
        case 0x80...0xFF: true
        default: false
        }
    }

    /// Whether `{` opens an attribute block before `index` on the line, with no `}` between.
    static func insideAttributeBlock(_ bytes: [UInt8], before index: Int, lineStart: Int) -> Bool {
        var i = index - 1
        while i >= lineStart {
            if bytes[i] == UInt8(ascii: "}") { return false }
            if bytes[i] == UInt8(ascii: "{") { return true }
            i -= 1
        }
        return false
    }

    /// The attribute key before `=` at `index`, when inside an attribute block.
    static func attributeKey(_ bytes: [UInt8], before index: Int, lineStart: Int) -> String? {
        var start = index
        while start > lineStart && isKeyByte(bytes[start - 1]) { start -= 1 }
        guard start < index, insideAttributeBlock(bytes, before: start, lineStart: lineStart) else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The offset just after an unclosed `[[` before `end` on the line.
    static func openMention(_ bytes: [UInt8], before end: Int, lineStart: Int) -> Int? {
        var i = end - 1
        while i > lineStart {
            if bytes[i] == UInt8(ascii: "]") || bytes[i] == UInt8(ascii: "|") { return nil }
            if bytes[i] == UInt8(ascii: "[") && bytes[i - 1] == UInt8(ascii: "[") { return i + 1 }
            i -= 1
        }
        return nil
    }
}
