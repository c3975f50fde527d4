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
        var seen: [String: Int] = [:]
        var result: [String] = []
        result.reserveCapacity(findings.count)
        for finding in findings {
            let relative = relativePath(finding.path, root: corpus.root)
            var lineText = ""
            if let text = corpus.text(of: finding.path) {
                lineText = text.lineText(text.line(containing: finding.range.lowerBound)).trimmingWhitespace()
            }
            let identity = finding.rule + "\u{0}" + relative + "\u{0}" + lineText
            let index = seen[identity, default: 0]
            seen[identity] = index + 1
            result.append(hexHash(identity + "\u{0}" + String(index)))
        }
        return result
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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in string.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
