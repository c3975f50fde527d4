import Foundation
import MarginaliaCore

/// `marginalia check`: runs the rules and reports findings.
enum CheckCommand {
    /// Formats `check` writes.
    static let formats = ["text", "json", "sarif", "github"]

    /// Runs the command; returns the exit status.
    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let parsed = try ParsedArguments.parse(
            arguments, options: ["format", "fail-on", "baseline", "write-baseline", "root"], flags: ["no-progress"])
        if parsed.has("help") { Terminal.out(Help.check); return 0 }
        let started = Date()
        let format = try parsed.choice("format", among: formats, default: "text")
        let failOnName = try parsed.choice("fail-on", among: ["hint", "info", "warning", "error", "never"], default: "warning")
        let failOn = Severity(rawValue: failOnName)

        let scopes = parsed.positionals.map(Terminal.absolute)
        for (given, path) in zip(parsed.positionals, scopes) where !FileManager.default.fileExists(atPath: path) {
            throw UsageError(message: "no such file or folder: '\(given)'")
        }
        var baseline: Baseline?
        if let file = parsed.value("baseline") {
            guard let data = FileManager.default.contents(atPath: Terminal.absolute(file)) else {
                throw UsageError(message: "cannot read baseline '\(file)'")
            }
            guard let read = Baseline.parse([UInt8](data)) else {
                throw UsageError(message: "'\(file)' is not a baseline file (expected {\"version\": 1, \"fingerprints\": [...]})")
            }
            baseline = read
        }

        let root = try CorpusSession.root(option: parsed.value("root"), start: parsed.positionals.first)
        let corpus = try CorpusSession.load(root: root, progress: !parsed.has("no-progress") && format == "text")

        func inScope(_ path: String) -> Bool {
            scopes.isEmpty || scopes.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        let all = corpus.allFindings.filter { inScope($0.path) }
        let fingerprints = Baseline.fingerprints(of: all, in: corpus)
        if let file = parsed.value("write-baseline") {
            try Terminal.writeAtomically(Baseline(fingerprints: Set(fingerprints)).fileText, to: Terminal.absolute(file))
        }
        var reported: [(finding: Finding, fingerprint: String)] = Array(zip(all, fingerprints))
        if let baseline { reported = reported.filter { !baseline.fingerprints.contains($0.fingerprint) } }

        let files = Set(corpus.documents.keys).union(corpus.registries.texts.keys).filter(inScope).count
        let summary = Summary(files: files, findings: reported.map(\.finding), suppressed: all.count - reported.count,
                              seconds: Date().timeIntervalSince(started))
        let positions = PositionCache(corpus)
        switch format {
        case "json": Terminal.out(FindingReporters.json(reported.map(\.finding), corpus: corpus, positions: positions, summary: summary))
        case "sarif": Terminal.out(SARIFReporter.report(reported, corpus: corpus, positions: positions))
        case "github": Terminal.out(FindingReporters.github(reported.map(\.finding), positions: positions))
        default: Terminal.out(FindingReporters.text(reported.map(\.finding), positions: positions, colors: Terminal.colorsEnabled))
        }
        Terminal.err(summary.line + "\n")
        guard let failOn else { return 0 }
        return reported.contains { $0.finding.severity >= failOn } ? 1 : 0
    }
}

/// Counts for the summary line.
struct Summary {
    /// Files in scope.
    var files: Int
    /// Reported findings.
    var findings: [Finding]
    /// Findings dropped by the baseline.
    var suppressed: Int
    /// Wall time.
    var seconds: Double

    /// How many findings have a severity.
    func count(_ severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }

    /// "3 files checked, 1 error, 2 warnings, 0 info, 0 hints in 0.12 s".
    var line: String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var text = "\(plural(files, "file")) checked, \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), "
            + "\(count(.info)) info, \(plural(count(.hint), "hint"))"
        if suppressed > 0 { text += " (\(suppressed) in the baseline)" }
        return text + " in \(String(format: "%.2f", seconds)) s"
    }
}

/// The text, JSON and GitHub reporters.
enum FindingReporters {
    /// `path:line:column: severity: message [rule]`, one per line.
    static func text(_ findings: [Finding], positions: PositionCache, colors: Bool) -> String {
        var out = ""
        for finding in findings {
            let (line, column) = positions.mapper(finding.path).lineColumn(finding.range.lowerBound)
            let location = "\(Terminal.display(finding.path)):\(line):\(column):"
            let severity = finding.severity.rawValue
            if colors {
                let code = switch finding.severity { case .error: "31"; case .warning: "33"; case .info: "34"; case .hint: "36" }
                out += "\u{1B}[1m\(location)\u{1B}[0m \u{1B}[\(code)m\(severity)\u{1B}[0m: \(finding.message) \u{1B}[2m[\(finding.rule)]\u{1B}[0m\n"
            } else {
                out += "\(location) \(severity): \(finding.message) [\(finding.rule)]\n"
            }
        }
        return out
    }

    /// One JSON object: version, root, findings, summary.
    static func json(_ findings: [Finding], corpus: Corpus, positions: PositionCache, summary: Summary) -> String {
        let items: [JSON] = findings.map { finding in
            let fixes: [JSON] = finding.fixes.map { fix in
                let edits: [JSON] = fix.change.edits.map { edit in
                    .object([("file", .string(Terminal.display(edit.path))), ("range", positions.mapper(edit.path).json(edit.range)),
                             ("newText", .string(edit.newText))])
                }
                let created: [JSON] = fix.change.createdFiles.sorted { $0.key < $1.key }.map {
                    .object([("file", .string(Terminal.display($0.key))), ("content", .string($0.value))])
                }
                return .object([("title", .string(fix.title)), ("edits", .array(edits)), ("createdFiles", .array(created))])
            }
            let related: [JSON] = finding.related.map {
                .object([("file", .string(Terminal.display($0.path))), ("range", positions.mapper($0.path).json($0.range)),
                         ("message", .string($0.message))])
            }
            return .object([
                ("file", .string(Terminal.display(finding.path))), ("rule", .string(finding.rule)),
                ("severity", .string(finding.severity.rawValue)), ("message", .string(finding.message)),
                ("range", positions.mapper(finding.path).json(finding.range)), ("fixes", .array(fixes)), ("related", .array(related)),
            ])
        }
        let summaryJSON = JSON.object([
            ("files", .int(summary.files)), ("errors", .int(summary.count(.error))), ("warnings", .int(summary.count(.warning))),
            ("info", .int(summary.count(.info))), ("hints", .int(summary.count(.hint))), ("baselineSuppressed", .int(summary.suppressed)),
        ])
        return JSON.object([("version", .int(1)), ("root", .string(corpus.root)), ("findings", .array(items)), ("summary", summaryJSON)]).text
    }

    /// GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`.
    static func github(_ findings: [Finding], positions: PositionCache) -> String {
        var out = ""
        for finding in findings {
            let mapper = positions.mapper(finding.path)
            let start = mapper.lineColumn(finding.range.lowerBound)
            let end = mapper.lineColumn(finding.range.upperBound)
            let command = switch finding.severity { case .error: "error"; case .warning: "warning"; case .info, .hint: "notice" }
            let properties = [
                "file=" + escapeProperty(Terminal.display(finding.path)), "line=\(start.line)", "col=\(start.column)",
                "endLine=\(end.line)", "endColumn=\(end.column)", "title=" + escapeProperty(finding.rule),
            ]
            out += "::\(command) \(properties.joined(separator: ","))::\(escapeData(finding.message))\n"
        }
        return out
    }

    /// Escapes a workflow command's message (`%`, CR, LF), as the Actions toolkit does.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a workflow command's property value: the message escapes plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
