/// One occurrence of a gazetteer pattern in a text.
public struct GazetteerMatch: Sendable, Hashable {
    /// Byte range in the original text; combining marks after the last letter are included.
    public var range: Range<Int>
    /// The payloads of every pattern that folds to the matched string, in pattern order
    /// (more than one means the name is ambiguous).
    public var payloads: [Int]

    /// Creates a match.
    public init(range: Range<Int>, payloads: [Int]) {
        self.range = range
        self.payloads = payloads
    }
}

/// Finds every occurrence of a set of names in UTF-8 text: the implicit-mention matcher.
///
/// Matching runs on the `TextFolding` fold of both sides (blind to diacritics, NFC vs NFD,
/// typographic apostrophes and whitespace runs) but keeps case, on word boundaries, and reports
/// leftmost-longest, non-overlapping matches as byte ranges of the original text.
///
/// Since a match can only start where a word starts, the scan does not run an Aho-Corasick
/// automaton over every byte (a serial chain of dependent table loads: 32 ms against 23 ms for
/// this design, side by side on 10 MB with 2,000 patterns); it moves from word start to word
/// start with one rarely taken branch per byte, and walks a byte trie of the folded patterns
/// only where some pattern's first byte occurs. The walk folds the text on the fly and keeps
/// the longest pattern end that is also a word end. Worst case O(text × longest pattern).
public struct Gazetteer: Sendable {
    /// Dense rows of 256 children (0: none) for the root (state 0, row 0) and for every state
    /// with many edges, where a linear scan of sorted edges would cost more than one load.
    private let denseChildren: [Int32]
    /// Per state, the start of its row in `denseChildren`, or -1 when its edges are sparse.
    private let denseRowStarts: [Int32]
    /// Per state, the start of its edges in `edgeBytes`/`edgeTargets` (the next state's start ends them).
    private let edgeStarts: [Int32]
    /// Edge labels (folded bytes), sorted within each state.
    private let edgeBytes: [UInt8]
    /// Edge targets, parallel to `edgeBytes`.
    private let edgeTargets: [Int32]
    /// Per state, the group of patterns that ends there, or -1.
    private let groupOfState: [Int32]
    /// Per byte, bits of `ByteKind`: the main loop's only table.
    private let byteKinds: [UInt8]
    /// Payloads of each group of patterns that fold alike, in pattern order.
    private let groupPayloads: [[Int]]

    /// Number of distinct folded patterns (patterns that fold to empty are ignored).
    public var distinctPatternCount: Int { groupPayloads.count }
    /// Number of trie states, the root included.
    public var stateCount: Int { groupOfState.count }

    /// Builds the trie; `payload` is the caller's index (e.g. of the entity).
    public init(patterns: [(text: String, payload: Int)]) {
        var groupByFolded: [[UInt8]: Int] = [:]
        var groupPayloads: [[Int]] = []
        var children: [[(byte: UInt8, target: Int32)]] = [[]]
        var groupOfState: [Int32] = [-1]
        for pattern in patterns {
            let folded = Array(pattern.text.utf8).withUnsafeBufferPointer { TextFolding.foldedBytes($0) }
            if folded.isEmpty { continue }
            if let group = groupByFolded[folded] {
                groupPayloads[group].append(pattern.payload)
                continue
            }
            let group = groupPayloads.count
            groupByFolded[folded] = group
            groupPayloads.append([pattern.payload])
            var state = 0
            for byte in folded {
                if let edge = children[state].first(where: { $0.byte == byte }) {
                    state = Int(edge.target)
                } else {
                    let target = groupOfState.count
                    children[state].append((byte: byte, target: Int32(target)))
                    children.append([])
                    groupOfState.append(-1)
                    state = target
                }
            }
            groupOfState[state] = Int32(group)
        }

        var denseChildren: [Int32] = []
        var denseRowStarts = [Int32](repeating: -1, count: children.count)
        for (state, edges) in children.enumerated() where state == 0 || edges.count >= Gazetteer.denseEdgeCount {
            denseRowStarts[state] = Int32(denseChildren.count)
            var row = [Int32](repeating: 0, count: 256)
            for edge in edges { row[Int(edge.byte)] = edge.target }
            denseChildren.append(contentsOf: row)
        }
        var edgeStarts: [Int32] = []
        edgeStarts.reserveCapacity(children.count + 1)
        var edgeBytes: [UInt8] = []
        var edgeTargets: [Int32] = []
        for edges in children {
            edgeStarts.append(Int32(edgeBytes.count))
            for edge in edges.sorted(by: { $0.byte < $1.byte }) {
                edgeBytes.append(edge.byte)
                edgeTargets.append(edge.target)
            }
        }
        edgeStarts.append(Int32(edgeBytes.count))

        self.denseChildren = denseChildren
        self.denseRowStarts = denseRowStarts
        self.edgeStarts = edgeStarts
        self.edgeBytes = edgeBytes
        self.edgeTargets = edgeTargets
        self.groupOfState = groupOfState
        self.byteKinds = (0..<256).map { byte -> UInt8 in
            if byte >= 0x80 { return ByteKind.nonASCII }
            return (FoldTable.asciiIsWord(UInt8(byte)) ? ByteKind.word : 0)
                | (denseChildren[byte] != 0 ? ByteKind.startsPattern : 0)
        }
        self.groupPayloads = groupPayloads
    }

    /// Matches in `bytes[range]` (the whole text by default); bytes around the range still
    /// count as context for word boundaries.
    public func matches(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) -> [GazetteerMatch] {
        let upper = min(max(range?.upperBound ?? bytes.count, 0), bytes.count)
        let lower = min(max(range?.lowerBound ?? 0, 0), upper)
        guard !groupPayloads.isEmpty, lower < upper else { return [] }
        var matches: [GazetteerMatch] = []
        let foldTable = FoldTable.shared
        foldTable.packedUTF8.withUnsafeBufferPointer { packedTable in
            foldTable.isWord.withUnsafeBufferPointer { isWordTable in
                byteKinds.withUnsafeBufferPointer { byteKinds in
                    // 1 after a word scalar, else 0: kept as an integer so the common path has no branch on it.
                    var afterWord: UInt8 = lower > 0 && TextFolding.isWordScalar(endingAt: lower, in: bytes) ? 1 : 0
                    var utf8Offset = lower
                    while utf8Offset < upper {
                        let byte = bytes[utf8Offset]
                        let kind = byteKinds[Int(byte)]
                        // Taken only for non-ASCII bytes and for a pattern's first byte at a word start.
                        if kind & ByteKind.nonASCII | (kind >> 1 & ~afterWord & 1) == 0 {
                            afterWord = kind & ByteKind.word
                            utf8Offset += 1
                            continue
                        }
                        if byte < 0x80 {
                            if let match = longestMatch(in: bytes, from: utf8Offset, to: upper) {
                                matches.append(match)
                                utf8Offset = match.range.upperBound
                                afterWord = TextFolding.isWordScalar(endingAt: utf8Offset, in: bytes) ? 1 : 0
                                continue
                            }
                            afterWord = kind & ByteKind.word
                            utf8Offset += 1
                            continue
                        }
                        let decoded = TextFolding.decodeScalar(bytes, at: utf8Offset)
                        if !decoded.isValid {
                            afterWord = 1  // Unknown bytes: never a word boundary.
                            utf8Offset += 1
                            continue
                        }
                        let packed: UInt32
                        let isWord: Bool
                        if decoded.scalar < UInt32(FoldTable.tableScalarLimit) {
                            packed = packedTable[Int(decoded.scalar)]
                            isWord = isWordTable[Int(decoded.scalar)]
                        } else {
                            packed = TextFolding.foldedUTF8(of: decoded.scalar)
                            isWord = TextFolding.computeIsWordScalar(decoded.scalar, packed: packed)
                        }
                        // A walk needs a word start, a kept scalar and a root child for its first folded byte.
                        let firstFoldedByte =
                            packed == TextFolding.identityMarker ? byte : UInt8(truncatingIfNeeded: packed)
                        if afterWord == 0 && packed >> 24 != 0 && denseChildren[Int(firstFoldedByte)] != 0,
                            let match = longestMatch(in: bytes, from: utf8Offset, to: upper)
                        {
                            matches.append(match)
                            utf8Offset = match.range.upperBound
                            afterWord = TextFolding.isWordScalar(endingAt: utf8Offset, in: bytes) ? 1 : 0
                            continue
                        }
                        afterWord = isWord ? 1 : 0
                        utf8Offset += decoded.utf8Length
                    }
                }
            }
        }
        return matches
    }

    /// Matches in a byte array; see `matches(in:range:)`.
    public func matches(in bytes: [UInt8], range: Range<Int>? = nil) -> [GazetteerMatch] {
        bytes.withUnsafeBufferPointer { matches(in: $0, range: range) }
    }

    /// Matches in a source text; see `matches(in:range:)`.
    public func matches(in text: SourceText, range: Range<Int>? = nil) -> [GazetteerMatch] {
        matches(in: text.bytes, range: range)
    }

    /// Edge count from which a state gets a dense row (not tuned: walks are a small share of the time).
    private static let denseEdgeCount = 6

    /// Bits of `byteKinds`.
    private enum ByteKind {
        /// An ASCII letter or digit.
        static let word: UInt8 = 1
        /// The root has a child for this byte: a walk may start here.
        static let startsPattern: UInt8 = 2
        /// A byte of a multi-byte scalar (or an invalid byte).
        static let nonASCII: UInt8 = 4
    }

    /// The child of a state along a folded byte, or 0 when there is none.
    @inline(__always)
    private func child(of state: Int, along byte: UInt8) -> Int {
        let denseRowStart = Int(denseRowStarts[state])
        if denseRowStart >= 0 { return Int(denseChildren[denseRowStart + Int(byte)]) }
        var edge = Int(edgeStarts[state])
        let edgeEnd = Int(edgeStarts[state + 1])
        while edge < edgeEnd {
            let label = edgeBytes[edge]
            if label == byte { return Int(edgeTargets[edge]) }
            if label > byte { return 0 }
            edge += 1
        }
        return 0
    }

    /// The longest pattern occurrence that starts at `utf8Start` and ends on a word boundary.
    private func longestMatch(
        in bytes: UnsafeBufferPointer<UInt8>, from utf8Start: Int, to upper: Int
    ) -> GazetteerMatch? {
        var bestUTF8End = -1
        var bestGroup = -1
        var state = 0
        var utf8Offset = utf8Start
        var previousWasSpace = false
        while utf8Offset < upper {
            var foldedBytes: UInt32
            var foldedByteCount = 1
            var isSpace: Bool
            let lead = bytes[utf8Offset]
            if lead < 0x80 {
                // ASCII: folds to itself, whitespace to a space.
                isSpace = lead == 0x20 || lead &- 0x09 < 5
                foldedBytes = isSpace ? 0x20 : UInt32(lead)
                utf8Offset += 1
            } else {
                let decoded = TextFolding.decodeScalar(bytes, at: utf8Offset)
                guard decoded.isValid else { break }
                let packed = TextFolding.foldedUTF8(of: decoded.scalar)
                if packed == TextFolding.identityMarker {
                    foldedBytes = 0
                    foldedByteCount = decoded.utf8Length
                    for index in 0..<decoded.utf8Length {
                        foldedBytes |= UInt32(bytes[utf8Offset + index]) << (8 * UInt32(index))
                    }
                } else {
                    foldedBytes = packed & 0x00FF_FFFF
                    foldedByteCount = Int(packed >> 24)
                }
                utf8Offset += decoded.utf8Length
                if foldedByteCount == 0 { continue }  // A dropped mark: invisible to patterns.
                isSpace = packed == FoldTable.packedSpace
            }
            if isSpace {
                if previousWasSpace { continue }
                previousWasSpace = true
            } else {
                previousWasSpace = false
            }
            for _ in 0..<foldedByteCount {
                state = child(of: state, along: UInt8(truncatingIfNeeded: foldedBytes))
                if state == 0 { return match(utf8Start, bestUTF8End, bestGroup) }
                foldedBytes >>= 8
            }
            let group = groupOfState[state]
            if group < 0 { continue }
            var utf8End = utf8Offset
            if utf8End < bytes.count && bytes[utf8End] < 0x80 {
                if FoldTable.asciiIsWord(bytes[utf8End]) { continue }
            } else {
                // Marks dropped by folding after the last letter belong to the match.
                while utf8End < bytes.count {
                    let next = TextFolding.decodeScalar(bytes, at: utf8End)
                    guard next.isValid, next.scalar != 0xFEFF, TextFolding.isDropped(next.scalar) else { break }
                    utf8End += next.utf8Length
                }
                if utf8End < bytes.count {
                    let next = TextFolding.decodeScalar(bytes, at: utf8End)
                    if !next.isValid || TextFolding.isWordScalar(next.scalar) { continue }
                }
            }
            bestUTF8End = utf8End
            bestGroup = Int(group)
        }
        return match(utf8Start, bestUTF8End, bestGroup)
    }

    /// The match of a group, or nil when no group matched (`group` < 0).
    @inline(__always)
    private func match(_ utf8Start: Int, _ utf8End: Int, _ group: Int) -> GazetteerMatch? {
        group < 0 ? nil : GazetteerMatch(range: utf8Start..<utf8End, payloads: groupPayloads[group])
    }

    /// The case-preserving fold patterns and text are compared under; see `TextFolding.fold(_:)`.
    public static func fold(_ string: String) -> String {
        TextFolding.fold(string)
    }
}
