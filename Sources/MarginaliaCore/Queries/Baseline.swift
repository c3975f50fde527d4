import Foundation

/// Fingerprints of findings that survive lines moving, and the baseline file that holds them.
///
/// A fingerprint hashes the rule, the file's path relative to the corpus root, the finding's
/// line with surrounding whitespace trimmed, and the finding's index among findings sharing
/// those three: inserting or deleting other lines leaves it unchanged, editing the line does not.
public struct Baseline: Sendable, Hashable {
    /// The version written to and expected in baseline files.
    public static let formatVersion = 1
    /// The prefix of every fingerprint, naming the scheme (SARIF's `partialFingerprints` key too).
    public static let scheme = "marginalia/v1"

    /// The fingerprints the baseline accepts.
    public let fingerprints: Set<String>

    /// Creates a baseline from fingerprints.
    public init(fingerprints: Set<String>) {
        self.fingerprints = fingerprints
    }

    /// One fingerprint per finding, in the same order. Findings are numbered among identical
    /// (rule, path, line text) triples in the order given, so pass them sorted.
    public static func fingerprints(of findings: [Finding], in corpus: Corpus) -> [String] {
        fingerprintHashes(of: findings, in: corpus).map(hex)
    }

    /// The 64-bit hashes behind `fingerprints(of:in:)` (`hex` turns one into its fingerprint).
    ///
    /// Hashes the line's bytes where they lie in the text: only a line holding ill-formed
    /// UTF-8 is decoded first (its U+FFFD replacements are what the fingerprint has always
    /// hashed). Findings of one path are best passed together, as sorted findings are.
    public static func fingerprintHashes(of findings: [Finding], in corpus: Corpus) -> [UInt64] {
        fingerprintHashes(of: findings, textOf: { corpus.text(of: $0) }, root: corpus.root)
    }

    /// `fingerprintHashes(of:in:)` over any texts: `textOf` gives a file's text by absolute path.
    static func fingerprintHashes(of findings: [Finding], textOf: (String) -> SourceText?, root: String) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(findings.count)
        // Occurrences so far of each (rule, trimmed line) per relative path.
        var seenByPath: [String: [LineIdentity: Int]] = [:]
        var currentPath: String?
        var relative: [UInt8] = []
        var relativeKey = ""
        var text: SourceText?
        var seen: [LineIdentity: Int] = [:]
        for finding in findings {
            if finding.path != currentPath {
                if currentPath != nil { seenByPath[relativeKey] = seen }
                currentPath = finding.path
                relativeKey = relativePath(finding.path, root: root)
                relative = Array(relativeKey.utf8)
                text = textOf(finding.path)
                seen = seenByPath.removeValue(forKey: relativeKey) ?? [:]
            }
            let line = text.map { trimmedLineBytes($0, containing: finding.range.lowerBound) } ?? []
            var hash = FNV1a()
            hash.add(finding.rule.utf8)
            hash.add(0)
            hash.add(relative)
            hash.add(0)
            hash.add(line)
            let identity = LineIdentity(rule: finding.rule, line: line, identityHash: hash.value)
            let index = seen[identity, default: 0]
            seen[identity] = index + 1
            hash.add(0)
            hash.add(String(index).utf8)
            result.append(hash.value)
        }
        return result
    }

    /// A fingerprint's line identity within one file.
    struct LineIdentity: Hashable {
        /// The rule id.
        var rule: String
        /// The trimmed line's UTF-8.
        var line: ArraySlice<UInt8>
        /// FNV-1a of rule, path and line, already computed for the fingerprint: hashing it
        /// instead of the line's bytes again keeps long lines cheap.
        var identityHash: UInt64

        /// Hashes the precomputed identity hash only.
        func hash(into hasher: inout Hasher) { hasher.combine(identityHash) }

        /// Same rule and same line bytes (the hash first, as the cheap test).
        static func == (lhs: LineIdentity, rhs: LineIdentity) -> Bool {
            lhs.identityHash == rhs.identityHash && lhs.rule == rhs.rule && lhs.line == rhs.line
        }
    }

    /// The bytes of the line holding `offset`, without its terminator and without leading and
    /// trailing spaces, tabs, CRs and LFs; as the UTF-8 of its decoded string when the line
    /// holds ill-formed UTF-8.
    static func trimmedLineBytes(_ text: SourceText, containing offset: Int) -> ArraySlice<UInt8> {
        let content = text.contentRange(ofLine: text.line(containing: offset))
        return text.bytes.withUnsafeBufferPointer { buffer -> ArraySlice<UInt8> in
            @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            var start = content.lowerBound
            var end = content.upperBound
            while start < end && isSpace(buffer[start]) { start += 1 }
            while end > start && isSpace(buffer[end - 1]) { end -= 1 }
            var index = start
            while index < end {
                if buffer[index] < 0x80 { index += 1; continue }
                let length = SourceText.validSequenceLength(buffer, at: index)
                if length == 1 {
                    return ArraySlice(String(decoding: text.bytes[start..<end], as: UTF8.self).utf8)
                }
                index += length
            }
            return text.bytes[start..<end]
        }
    }

    /// 64-bit FNV-1a, fed piece by piece.
    struct FNV1a {
        /// The hash so far (the offset basis before any byte).
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        /// Feeds one byte.
        mutating func add(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }

        /// Feeds bytes in order (from contiguous storage without per-byte calls when it can).
        mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                var hash = value
                for byte in buffer {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x0000_0100_0000_01b3
                }
                value = hash
            }
            if done == nil { for byte in bytes { add(byte) } }
        }
    }

    /// The findings whose fingerprints the baseline does not hold.
    public func newFindings(_ findings: [Finding], in corpus: Corpus) -> [Finding] {
        let prints = Baseline.fingerprints(of: findings, in: corpus)
        return zip(findings, prints).filter { !fingerprints.contains($0.1) }.map(\.0)
    }

    /// The baseline file's JSON text: `{"version": 1, "fingerprints": [...]}`, sorted, one per line.
    public var fileText: String {
        let lines = fingerprints.sorted().map { "    \"\($0)\"" }.joined(separator: ",\n")
        return "{\n  \"version\": \(Baseline.formatVersion),\n  \"fingerprints\": [\n\(lines)\n  ]\n}\n"
    }

    /// Reads a baseline file's bytes; nil when they are not a baseline.
    public static func parse(_ bytes: [UInt8]) -> Baseline? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let list = object["fingerprints"] as? [Any] else { return nil }
        var prints = Set<String>()
        for item in list {
            guard let string = item as? String else { return nil }
            prints.insert(string)
        }
        return Baseline(fingerprints: prints)
    }

    /// A path relative to `root` (`/`-separated), or the path itself when outside it.
    public static func relativePath(_ path: String, root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// 64-bit FNV-1a of the UTF-8, as 16 hex digits: stable across runs and platforms,
    /// unlike `Hasher`, which is seeded per process.
    static func hexHash(_ string: String) -> String {
        var hash = FNV1a()
        hash.add(string.utf8)
        return hex(hash.value)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A hash as a fingerprint: 16 lowercase hex digits.
    public static func hex(_ hash: UInt64) -> String {
        let digits = hexDigits
        var bytes = [UInt8](repeating: 0, count: 16)
        var rest = hash
        for index in stride(from: 15, through: 0, by: -1) {
            bytes[index] = digits[Int(rest & 0xF)]
            rest >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
