import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// The token legend. Standard LSP token types so every theme colours them without configuration:
    /// mentions are `variable` (modifier: the entity type, `implicit` for unmarked names), citations
    /// `macro`, note markers and definitions `comment`, annotation types `type`, uncited claims
    /// `string` with the `uncited` modifier, and unknown keys/targets `variable` + `unresolved`.
    static let semanticTokensLegend = SemanticTokensLegend(
        tokenTypes: ["variable", "macro", "comment", "type", "string"],
        tokenModifiers: ["implicit", "uncited", "unresolved", "person", "organization", "place", "event", "term"])

    /// `textDocument/semanticTokens/full`.
    static func semanticTokens(_ params: SemanticTokensParams, _ snapshot: Snapshot) -> SemanticTokens? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        return SemanticTokens(data: encodeTokens(file.corpus.semanticTokens(of: file.path), in: file.text, snapshot.converter, within: nil))
    }

    /// `textDocument/semanticTokens/range`.
    static func semanticTokensRange(_ params: SemanticTokensRangeParams, _ snapshot: Snapshot) -> SemanticTokens? {
        guard let file = snapshot.file(params.textDocument.uri) else { return nil }
        let range = snapshot.converter.utf8Range(of: params.range, in: file.text)
        return SemanticTokens(data: encodeTokens(file.corpus.semanticTokens(of: file.path), in: file.text, snapshot.converter, within: range))
    }

    /// The type index and modifier bits of a core token.
    static func tokenClass(_ token: SemanticToken) -> (type: UInt32, modifiers: UInt32) {
        let modifiers = semanticTokensLegend.tokenModifiers
        func bit(_ name: String?) -> UInt32 {
            guard let name, let index = modifiers.firstIndex(of: name) else { return 0 }
            return 1 << UInt32(index)
        }
        switch token.category {
        case .mention: return (0, bit(token.entityType) | (token.isImplicit ? bit("implicit") : 0))
        case .citation: return (1, 0)
        case .note: return (2, 0)
        case .annotationType: return (3, 0)
        case .uncitedClaim: return (4, bit("uncited"))
        case .unknownReference: return (0, bit("unresolved"))
        }
    }

    /// Encodes tokens as LSP's relative quintuples: single-line, sorted, never overlapping.
    /// Uncited claims are a background: the markup inside a claim keeps its own tokens and the
    /// claim fills the gaps around them.
    static func encodeTokens(_ tokens: [SemanticToken], in text: SourceText, _ converter: PositionConverter, within: Range<Int>?) -> [UInt32] {
        var foreground: [(range: Range<Int>, type: UInt32, modifiers: UInt32)] = []
        var background: [(range: Range<Int>, type: UInt32, modifiers: UInt32)] = []
        for token in tokens.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where !token.range.isEmpty {
            let (type, modifiers) = tokenClass(token)
            if token.category == .uncitedClaim {
                background.append((token.range, type, modifiers))
            } else if foreground.last.map({ $0.range.upperBound <= token.range.lowerBound }) ?? true {
                foreground.append((token.range, type, modifiers))
            }
        }
        var pieces = foreground
        for claim in background {
            var start = claim.range.lowerBound
            for token in foreground where token.range.overlaps(claim.range) {
                if token.range.lowerBound > start { pieces.append((start..<token.range.lowerBound, claim.type, claim.modifiers)) }
                start = max(start, token.range.upperBound)
            }
            if start < claim.range.upperBound { pieces.append((start..<claim.range.upperBound, claim.type, claim.modifiers)) }
        }
        pieces.sort { $0.range.lowerBound < $1.range.lowerBound }
        var data: [UInt32] = []
        var previousLine = 0
        var previousColumn = 0
        var lastEnd = 0
        for piece in pieces {
            let range = text.clamp(piece.range)
            if let within, !range.overlaps(within) { continue }
            guard range.lowerBound >= lastEnd else { continue }
            lastEnd = range.upperBound
            // Split at line ends: not every client supports multi-line tokens.
            var line = text.line(containing: range.lowerBound)
            var start = range.lowerBound
            while start < range.upperBound {
                let lineEnd = min(text.contentRange(ofLine: line).upperBound, range.upperBound)
                if lineEnd > start {
                    let startPosition = converter.position(ofUTF8Offset: start, in: text)
                    let endPosition = converter.position(ofUTF8Offset: lineEnd, in: text)
                    let length = endPosition.character - startPosition.character
                    if length > 0 {
                        let deltaLine = startPosition.line - previousLine
                        let deltaStart = deltaLine == 0 ? startPosition.character - previousColumn : startPosition.character
                        data += [UInt32(deltaLine), UInt32(deltaStart), UInt32(length), piece.type, piece.modifiers]
                        previousLine = startPosition.line
                        previousColumn = startPosition.character
                    }
                }
                line += 1
                guard line < text.lineCount else { break }
                start = max(start, text.lineStarts[line])
            }
        }
        return data
    }
}
