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
/// leftmost-longest, non-overlapping matches as byte ranges of the original text. It is a
/// byte-level Aho-Corasick automaton over the folded bytes, produced on the fly; bytes are
/// first mapped to classes (the bytes that occur in some pattern), so a dense row per state
/// stays small.
public struct Gazetteer: Sendable {
    /// Class of each folded byte: 0 for bytes in no pattern, 1 for space, then one per byte.
    private let classOfByte: [Int32]
    /// Number of byte classes: the width of a transition row.
    private let classCount: Int
    /// Dense transitions, `state * classCount + class` → target row start; a negative value
    /// `~row` marks a target state where some pattern ends.
    private let transitions: [Int32]
    /// Per state, the start of its groups in `outputGroups` (the next state's start ends them).
    private let outputStarts: [Int32]
    /// Groups ending at each state, longest first (own pattern, then via failure links).
    private let outputGroups: [Int32]
    /// Folded length in bytes of each group of patterns that fold alike.
    private let groupFoldedLengths: [Int]
    /// Payloads of each group, in pattern order.
    private let groupPayloads: [[Int]]
    /// Mask of the ring of original offsets (size a power of two above the longest pattern).
    private let ringMask: Int

    /// Number of distinct folded patterns (patterns that fold to empty are ignored).
    public var distinctPatternCount: Int { groupPayloads.count }
    /// Number of automaton states.
    public var stateCount: Int { outputStarts.count - 1 }

    /// Builds the automaton; `payload` is the caller's index (e.g. of the entity).
    public init(patterns: [(text: String, payload: Int)]) {
        var groupByFolded: [[UInt8]: Int] = [:]
        var groupFolded: [[UInt8]] = []
        var groupPayloads: [[Int]] = []
        for pattern in patterns {
            let folded = Array(pattern.text.utf8).withUnsafeBufferPointer { TextFolding.foldedBytes($0) }
            if folded.isEmpty { continue }
            if let group = groupByFolded[folded] {
                groupPayloads[group].append(pattern.payload)
            } else {
                groupByFolded[folded] = groupFolded.count
                groupFolded.append(folded)
                groupPayloads.append([pattern.payload])
            }
        }

        var classOfByte = [Int32](repeating: 0, count: 256)
        for folded in groupFolded { for byte in folded { classOfByte[Int(byte)] = 1 } }
        var classCount: Int32 = 2
        for byte in 0..<256 where classOfByte[byte] != 0 && byte != 0x20 {
            classOfByte[byte] = classCount
            classCount += 1
        }
        // Text whitespace folds to a space (the folded text never holds these bytes otherwise).
        for byte in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20] { classOfByte[byte] = 1 }
        let width = Int(classCount)

        // The trie: `goto` rows of -1 (no edge) grown one state at a time.
        var goto = [Int32](repeating: -1, count: width)
        var ownGroup: [Int32] = [-1]
        var longestFoldedLength = 0
        for (group, folded) in groupFolded.enumerated() {
            longestFoldedLength = max(longestFoldedLength, folded.count)
            var state = 0
            for byte in folded {
                let slot = state * width + Int(classOfByte[Int(byte)])
                if goto[slot] < 0 {
                    goto[slot] = Int32(ownGroup.count)
                    ownGroup.append(-1)
                    goto.append(contentsOf: repeatElement(-1, count: width))
                }
                state = Int(goto[slot])
            }
            ownGroup[state] = Int32(group)
        }

        // Failure links in breadth-first order turn the trie into a complete DFA; a state's
        // outputs are its own group followed by its failure state's outputs.
        let stateCount = ownGroup.count
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputs = [[Int32]](repeating: [], count: stateCount)
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        for byteClass in 0..<width {
            if goto[byteClass] < 0 { goto[byteClass] = 0 } else { queue.append(goto[byteClass]) }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let fallback = Int(failure[state])
            outputs[state] = (ownGroup[state] >= 0 ? [ownGroup[state]] : []) + outputs[fallback]
            for byteClass in 0..<width {
                let slot = state * width + byteClass
                let inherited = goto[fallback * width + byteClass]
                if goto[slot] < 0 {
                    goto[slot] = inherited
                } else {
                    failure[Int(goto[slot])] = inherited
                    queue.append(goto[slot])
                }
            }
        }

        var outputStarts: [Int32] = []
        outputStarts.reserveCapacity(stateCount + 1)
        var outputGroups: [Int32] = []
        for stateOutputs in outputs {
            outputStarts.append(Int32(outputGroups.count))
            outputGroups.append(contentsOf: stateOutputs)
        }
        outputStarts.append(Int32(outputGroups.count))
        let transitions = goto.map { target -> Int32 in
            let row = target * Int32(width)
            return outputs[Int(target)].isEmpty ? row : ~row
        }

        var ringSize = 16
        while ringSize <= longestFoldedLength { ringSize *= 2 }

        self.classOfByte = classOfByte
        self.classCount = width
        self.transitions = transitions
        self.outputStarts = outputStarts
        self.outputGroups = outputGroups
        self.groupFoldedLengths = groupFolded.map(\.count)
        self.groupPayloads = groupPayloads
        self.ringMask = ringSize - 1
    }

    /// A raw occurrence before word-boundary checks and overlap resolution.
    private struct Candidate {
        var utf8Start: Int
        var utf8End: Int
        var group: Int32
    }

    /// Matches in `bytes[range]` (the whole text by default); bytes around the range still
    /// count as context for word boundaries.
    public func matches(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) -> [GazetteerMatch] {
        let upper = min(max(range?.upperBound ?? bytes.count, 0), bytes.count)
        let lower = min(max(range?.lowerBound ?? 0, 0), upper)
        guard !groupPayloads.isEmpty, lower < upper else { return [] }
        let candidates = scan(bytes, from: lower, to: upper)
        return resolve(candidates, in: bytes)
    }

    /// Matches in a byte array; see `matches(in:range:)`.
    public func matches(in bytes: [UInt8], range: Range<Int>? = nil) -> [GazetteerMatch] {
        bytes.withUnsafeBufferPointer { matches(in: $0, range: range) }
    }

    /// Runs the automaton over the folded bytes of `bytes[lower..<upper]`.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int) -> [Candidate] {
        var candidates: [Candidate] = []
        let ring = UnsafeMutableBufferPointer<Int>.allocate(capacity: ringMask + 1)
        defer { ring.deallocate() }
        ring.initialize(repeating: lower)
        let ringMask = self.ringMask
        let foldLimit = UInt32(FoldTable.tableScalarLimit)
        FoldTable.shared.packedUTF8.withUnsafeBufferPointer { foldTable in
            transitions.withUnsafeBufferPointer { table in
                classOfByte.withUnsafeBufferPointer { classes in
                    var row = 0
                    var foldedCount = 0  // Folded bytes fed so far: the ring's write position.
                    var previousWasSpace = true
                    var utf8Offset = lower
                    while utf8Offset < upper {
                        let byte = bytes[utf8Offset]
                        if byte < 0x80 {
                            // ASCII: folds to itself, whitespace to a space.
                            let byteClass = Int(classes[Int(byte)])
                            if byteClass == 1 {
                                if previousWasSpace {
                                    utf8Offset += 1
                                    continue
                                }
                                previousWasSpace = true
                            } else {
                                previousWasSpace = false
                            }
                            ring[foldedCount & ringMask] = utf8Offset
                            foldedCount &+= 1
                            utf8Offset += 1
                            let target = Int(table[row + byteClass])
                            if target >= 0 {
                                row = target
                            } else {
                                row = ~target
                                emit(row: row, foldedCount: foldedCount, utf8End: utf8Offset, ring: ring, into: &candidates)
                            }
                            continue
                        }
                        let decoded = TextFolding.decodeScalar(bytes, at: utf8Offset)
                        var packed: UInt32
                        if !decoded.isValid {
                            packed = 1 << 24 | 0xFF  // Never in a pattern: resets the automaton.
                        } else if decoded.scalar < foldLimit {
                            packed = foldTable[Int(decoded.scalar)]
                        } else {
                            packed = TextFolding.foldedUTF8(of: decoded.scalar)
                        }
                        var foldedBytes: UInt32
                        var foldedByteCount: Int
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
                        let scalarStart = utf8Offset
                        utf8Offset += decoded.utf8Length
                        if foldedByteCount == 0 { continue }  // A dropped mark: invisible to patterns.
                        if packed == FoldTable.packedSpace {
                            if previousWasSpace { continue }
                            previousWasSpace = true
                        } else {
                            previousWasSpace = false
                        }
                        for _ in 0..<foldedByteCount {
                            let byteClass = Int(classes[Int(foldedBytes & 0xFF)])
                            foldedBytes >>= 8
                            ring[foldedCount & ringMask] = scalarStart
                            foldedCount &+= 1
                            let target = Int(table[row + byteClass])
                            if target >= 0 {
                                row = target
                            } else {
                                row = ~target
                                // Patterns are whole scalars, so only a scalar's last byte can end one.
                                emit(row: row, foldedCount: foldedCount, utf8End: utf8Offset, ring: ring, into: &candidates)
                            }
                        }
                    }
                }
            }
        }
        return candidates
    }

    /// Records every group that ends at the state starting `row`.
    private func emit(
        row: Int, foldedCount: Int, utf8End: Int, ring: UnsafeMutableBufferPointer<Int>,
        into candidates: inout [Candidate]
    ) {
        let state = row / classCount
        for index in Int(outputStarts[state])..<Int(outputStarts[state + 1]) {
            let group = outputGroups[index]
            let utf8Start = ring[(foldedCount - groupFoldedLengths[Int(group)]) & ringMask]
            candidates.append(Candidate(utf8Start: utf8Start, utf8End: utf8End, group: group))
        }
    }

    /// Applies word boundaries, then keeps the leftmost-longest non-overlapping candidates.
    private func resolve(_ candidates: [Candidate], in bytes: UnsafeBufferPointer<UInt8>) -> [GazetteerMatch] {
        var accepted: [Candidate] = []
        accepted.reserveCapacity(candidates.count)
        for var candidate in candidates {
            // Marks dropped by folding after the last letter belong to the match.
            while candidate.utf8End < bytes.count {
                let next = TextFolding.decodeScalar(bytes, at: candidate.utf8End)
                guard next.isValid, TextFolding.isDropped(next.scalar), next.scalar != 0xFEFF else { break }
                candidate.utf8End += next.utf8Length
            }
            if candidate.utf8Start > 0 {
                let previous = TextFolding.decodeScalar(bytes, endingAt: candidate.utf8Start)
                if !previous.isValid || TextFolding.isWordScalar(previous.scalar) { continue }
            }
            if candidate.utf8End < bytes.count {
                let next = TextFolding.decodeScalar(bytes, at: candidate.utf8End)
                if !next.isValid || TextFolding.isWordScalar(next.scalar) { continue }
            }
            accepted.append(candidate)
        }
        accepted.sort { ($0.utf8Start, -$0.utf8End) < ($1.utf8Start, -$1.utf8End) }
        var matches: [GazetteerMatch] = []
        var utf8Covered = 0
        for candidate in accepted where candidate.utf8Start >= utf8Covered {
            matches.append(
                GazetteerMatch(
                    range: candidate.utf8Start..<candidate.utf8End, payloads: groupPayloads[Int(candidate.group)]))
            utf8Covered = candidate.utf8End
        }
        return matches
    }

    /// The case-preserving fold patterns and text are compared under; see `TextFolding.fold(_:)`.
    public static func fold(_ string: String) -> String {
        TextFolding.fold(string)
    }
}
