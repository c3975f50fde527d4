/// "Did you mean" candidates by edit distance.
public enum Suggestions {
    /// Names within a small edit distance of `name` (case-insensitive), nearest first.
    public static func nearest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        SuggestionIndex(candidates).nearest(to: name, limit: limit)
    }

    /// How many edits a name of `length` scalars may be away from a suggestion.
    static func budget(forLength length: Int) -> Int { max(1, min(3, length / 3)) }

    /// Levenshtein distance, stopping early once it exceeds `cap`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int) -> Int {
        var previous: [Int] = []
        var current: [Int] = []
        return editDistance(a, b, cap: cap, previous: &previous, current: &current)
    }

    /// The same, with the two rows passed in so a scan over many candidates allocates them once.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int, previous: inout [Int], current: inout [Int]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: b.count + 1))
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > cap { return cap + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Candidate names prepared once (lowercased, as scalars, grouped by length) so that a query
/// only measures the candidates whose length is within its edit budget.
struct SuggestionIndex: Sendable {
    private struct Candidate: Sendable {
        let name: String
        let folded: [Unicode.Scalar]
    }

    /// Candidates by their folded length in scalars.
    private let candidatesByLength: [Int: [Candidate]]

    /// Prepares distinct candidate names.
    init<Names: Sequence<String>>(_ names: Names) {
        var byLength: [Int: [Candidate]] = [:]
        for name in Set(names) {
            let folded = Array(name.lowercased().unicodeScalars)
            byLength[folded.count, default: []].append(Candidate(name: name, folded: folded))
        }
        candidatesByLength = byLength
    }

    /// Names within the edit budget of `name` (case-insensitive), nearest first, then by name.
    func nearest(to name: String, limit: Int = 3) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        let budget = Suggestions.budget(forLength: target.count)
        var scored: [(name: String, distance: Int)] = []
        var previous: [Int] = []
        var current: [Int] = []
        for length in max(0, target.count - budget)...(target.count + budget) {
            for candidate in candidatesByLength[length] ?? [] where candidate.name != name {
                let distance = Suggestions.editDistance(target, candidate.folded, cap: budget, previous: &previous, current: &current)
                if distance <= budget { scored.append((candidate.name, distance)) }
            }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
    }
}
