/// A glob over '/'-separated relative paths: `**` (any number of directories), `*` and `?`
/// (within one segment), `[abc]`, `[a-z]`, `[!abc]`, and `{a,b}` alternatives. Byte-based.
public struct Glob: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    /// Each `{a,b}` alternative, split into segments.
    let alternatives: [[[UInt8]]]

    /// Compiles a pattern; a leading "./" or "/" is ignored, as paths are relative to the root.
    public init(_ pattern: String) {
        self.pattern = pattern
        var bytes = Array(pattern.utf8)
        while bytes.starts(with: [0x2E, 0x2F]) { bytes.removeFirst(2) }
        while bytes.first == 0x2F { bytes.removeFirst() }
        alternatives = Glob.expandBraces(bytes, depth: 0).map { alternative in
            alternative.split(separator: 0x2F, omittingEmptySubsequences: true).map(Array.init)
        }
    }

    /// Whether `relativePath` (no leading "/", "./" tolerated) matches.
    public func matches(_ relativePath: String) -> Bool {
        var bytes = Array(relativePath.utf8)
        while bytes.starts(with: [0x2E, 0x2F]) { bytes.removeFirst(2) }
        let segments = bytes.split(separator: 0x2F, omittingEmptySubsequences: true)
        return alternatives.contains { Glob.match(pattern: $0[...], path: segments[...]) }
    }

    /// Expands `{a,b}` (nested allowed) into every alternative; unbalanced braces are literal.
    static func expandBraces(_ bytes: [UInt8], depth: Int) -> [[UInt8]] {
        guard depth < 8, let open = bytes.firstIndex(of: 0x7B) else { return [bytes] }
        var level = 0
        var commas: [Int] = []
        var close: Int?
        for i in open..<bytes.count {
            if bytes[i] == 0x7B {
                level += 1
            } else if bytes[i] == 0x7D {
                level -= 1
                if level == 0 {
                    close = i
                    break
                }
            } else if bytes[i] == 0x2C && level == 1 {
                commas.append(i)
            }
        }
        guard let close else { return [bytes] }
        let prefix = Array(bytes[..<open])
        let suffixes = expandBraces(Array(bytes[(close + 1)...]), depth: depth + 1)
        var cuts = [open] + commas + [close]
        var result: [[UInt8]] = []
        for k in 0..<(cuts.count - 1) {
            let choice = Array(bytes[(cuts[k] + 1)..<cuts[k + 1]])
            for middle in expandBraces(choice, depth: depth + 1) {
                for suffix in suffixes { result.append(prefix + middle + suffix) }
            }
        }
        cuts.removeAll()
        return result
    }

    /// Matches pattern segments against path segments; `**` spans any number of them.
    static func match(pattern: ArraySlice<[UInt8]>, path: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == [0x2A, 0x2A] {
            // `**` matches zero or more whole segments.
            var rest = path
            while true {
                if match(pattern: pattern.dropFirst(), path: rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment) else { return false }
        return match(pattern: pattern.dropFirst(), path: path.dropFirst())
    }

    /// Matches one segment with `*`, `?` and classes (iterative, with one backtrack point).
    static func matchSegment(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var pi = p.startIndex
        var si = s.startIndex
        var starP: Int?
        var starS = s.startIndex
        while si < s.endIndex {
            if pi < p.endIndex {
                let c = p[pi]
                if c == 0x2A {
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                }
                if c == 0x3F {
                    pi += 1
                    si += 1
                    continue
                }
                if c == 0x5B, let (matched, next) = matchClass(p, at: pi, byte: s[si]) {
                    if matched {
                        pi = next
                        si += 1
                        continue
                    }
                } else if c == 0x5C && pi + 1 < p.endIndex {
                    if p[pi + 1] == s[si] {
                        pi += 2
                        si += 1
                        continue
                    }
                } else if c == s[si] {
                    pi += 1
                    si += 1
                    continue
                }
            }
            guard let star = starP else { return false }
            pi = star + 1
            starS += 1
            si = starS
        }
        while pi < p.endIndex && p[pi] == 0x2A { pi += 1 }
        return pi == p.endIndex
    }

    /// Matches `[...]` at `start`: whether `byte` is in the class, and the index after it;
    /// nil when the bracket is not closed (then it is a literal '[').
    static func matchClass(_ p: ArraySlice<UInt8>, at start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.endIndex && (p[i] == 0x21 || p[i] == 0x5E) {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.endIndex && (p[i] != 0x5D || first) {
            first = false
            if i + 2 < p.endIndex && p[i + 1] == 0x2D && p[i + 2] != 0x5D {
                if byte >= p[i] && byte <= p[i + 2] { matched = true }
                i += 3
            } else {
                if byte == p[i] { matched = true }
                i += 1
            }
        }
        guard i < p.endIndex else { return nil }
        return (matched != negate, i + 1)
    }
}
