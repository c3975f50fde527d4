import Foundation
import Testing
@testable import MarginaliaCore

/// Measures the heuristics against the hand labels in `Tests/heuristics/labels.tsv`.
///
/// Prints per-rule precision and recall and the confusion lists; asserts only that the labels
/// parse and that every labelled sentence occurs verbatim in its seed file.
@Suite struct HeuristicsEvaluationTests {
    /// One labelled sentence.
    struct Label {
        var file: String
        var sentence: String
        var rules: Set<String>
    }

    /// The repository root, from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Parses the TSV: header, then `file<TAB>sentence<TAB>labels`.
    static func parseLabels(_ text: String) -> (labels: [Label], badLines: [Int]) {
        var labels: [Label] = []
        var bad: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index == 0 || line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 || fields.count == 2 else { bad.append(index + 1); continue }
            let rules = fields.count == 3 ? Set(fields[2].split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) : []
            labels.append(Label(file: String(fields[0]), sentence: String(fields[1]), rules: rules))
        }
        return (labels, bad)
    }

    /// Byte offset of `needle` in `haystack`, or nil.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        let first = needle[0]
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    @Test func precisionAndRecallOnSeedLabels() throws {
        let labelsURL = Self.repositoryRoot.appendingPathComponent("Tests/heuristics/labels.tsv")
        let seeds = Self.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/seeds")
        guard let labelData = FileManager.default.contents(atPath: labelsURL.path) else {
            print("HeuristicsEvaluation: skipped, no labels at \(labelsURL.path)")
            return
        }
        guard FileManager.default.fileExists(atPath: seeds.path) else {
            print("HeuristicsEvaluation: skipped, no seed corpus at \(seeds.path)")
            return
        }
        let (labels, badLines) = Self.parseLabels(String(decoding: labelData, as: UTF8.self))
        #expect(badLines.isEmpty, "malformed label lines: \(badLines)")
        #expect(!labels.isEmpty)

        var truePositives: [String: Int] = [:]
        var falsePositives: [String: [String]] = [:]
        var falseNegatives: [String: [String]] = [:]
        var missing: [String] = []
        var elapsed = Duration.zero
        let clock = ContinuousClock()
        for (file, fileLabels) in Dictionary(grouping: labels, by: \.file).sorted(by: { $0.key < $1.key }) {
            guard let data = FileManager.default.contents(atPath: seeds.appendingPathComponent(file).path) else {
                missing.append(file)
                continue
            }
            let bytes = [UInt8](data)
            var hits: [HeuristicHit] = []
            elapsed += clock.measure {
                let document = Document(path: "/seeds/\(file)", text: SourceText(bytes: bytes), format: .plainText)
                hits = Heuristics.hits(in: document)
            }
            for label in fileLabels {
                guard let start = Self.find(Array(label.sentence.utf8), in: bytes) else {
                    missing.append("\(file): \(label.sentence.prefix(60))")
                    continue
                }
                let range = start..<(start + label.sentence.utf8.count)
                var predicted = Set<String>()
                for hit in hits {
                    // A quotation counts on the sentence where it opens; others where they overlap.
                    let maps = hit.rule == RuleID.unsourcedQuote
                        ? range.contains(hit.range.lowerBound)
                        : hit.range.overlaps(range) || (hit.range.isEmpty && range.contains(hit.range.lowerBound))
                    if maps { predicted.insert(hit.rule) }
                }
                let short = "\(file.prefix(3)): \(label.sentence.prefix(90))"
                for rule in Heuristics.ruleIDs {
                    switch (label.rules.contains(rule), predicted.contains(rule)) {
                    case (true, true): truePositives[rule, default: 0] += 1
                    case (false, true): falsePositives[rule, default: []].append(short)
                    case (true, false): falseNegatives[rule, default: []].append(short)
                    default: break
                    }
                }
            }
        }
        #expect(missing.isEmpty, "labelled sentences not found verbatim: \(missing)")

        func ratio(_ a: Int, _ b: Int) -> String { b == 0 ? "  -  " : String(format: "%.2f", Double(a) / Double(b)) }
        var report = "\nHeuristics on \(labels.count) labelled seed sentences (\(elapsed) for the seed documents, debug build)\n"
        report += "rule                     labels  TP  FP  FN  precision  recall\n"
        var totals = (tp: 0, fp: 0, fn: 0)
        for rule in Heuristics.ruleIDs {
            let tp = truePositives[rule, default: 0]
            let fp = falsePositives[rule, default: []].count
            let fn = falseNegatives[rule, default: []].count
            totals = (totals.tp + tp, totals.fp + fp, totals.fn + fn)
            let name = rule.padding(toLength: 24, withPad: " ", startingAt: 0)
            report += "\(name) \(String(format: "%6d %3d %3d %3d", tp + fn, tp, fp, fn))     \(ratio(tp, tp + fp))    \(ratio(tp, tp + fn))\n"
        }
        let all = "overall".padding(toLength: 24, withPad: " ", startingAt: 0)
        report += "\(all) \(String(format: "%6d %3d %3d %3d", totals.tp + totals.fn, totals.tp, totals.fp, totals.fn))     \(ratio(totals.tp, totals.tp + totals.fp))    \(ratio(totals.tp, totals.tp + totals.fn))\n"
        for rule in Heuristics.ruleIDs {
            for line in falsePositives[rule, default: []] { report += "  FP \(rule): \(line)\n" }
            for line in falseNegatives[rule, default: []] { report += "  FN \(rule): \(line)\n" }
        }
        print(report)
    }
}
