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
        let corpus = try CorpusSession.load(root: root, progress: !parsed.has("no-progress") && format == "text", reportOnly: true)

        func inScope(_ path: String) -> Bool {
            scopes.isEmpty || scopes.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        let all = scopes.isEmpty ? corpus.allFindings : corpus.allFindings.filter { inScope($0.path) }
        // Fingerprints cost a line lookup and a hash per finding: only a baseline or SARIF needs them.
        var reported = all
        var fingerprints: [UInt64] = []
        let writeBaseline = parsed.value("write-baseline")
        if baseline != nil || writeBaseline != nil || format == "sarif" {
            fingerprints = Baseline.fingerprintHashes(of: all, in: corpus)
            if let file = writeBaseline {
                try Terminal.writeAtomically(Baseline(fingerprints: Set(fingerprints.map(Baseline.hex))).fileText, to: Terminal.absolute(file))
            }
            if let baseline {
                var keptFindings: [Finding] = []
                var keptFingerprints: [UInt64] = []
                for (finding, fingerprint) in zip(all, fingerprints) where !baseline.fingerprints.contains(Baseline.hex(fingerprint)) {
                    keptFindings.append(finding)
                    keptFingerprints.append(fingerprint)
                }
                reported = keptFindings
                fingerprints = keptFingerprints
            }
        }

        let files = Set(corpus.documents.keys).union(corpus.registries.texts.keys).filter(inScope).count
        let summary = Summary(files: files, findings: reported, suppressed: all.count - reported.count,
                              seconds: Date().timeIntervalSince(started))
        let out = ByteWriter(descriptor: STDOUT_FILENO)
        let positions = PositionTracker(corpus)
        switch format {
        case "json": FindingReporters.json(reported, root: corpus.root, positions: positions, summary: summary, to: out)
        case "sarif": SARIFReporter.report(reported, fingerprints: fingerprints, root: corpus.root, positions: positions, to: out)
        case "github": FindingReporters.github(reported, positions: positions, to: out)
        default: FindingReporters.text(reported, positions: positions, colors: Terminal.colorsEnabled, to: out)
        }
        out.flush()
        Terminal.err(summary.line + "\n")
        let status: Int32 = failOn.map { level in reported.contains { $0.severity >= level } ? 1 : 0 } ?? 0
        // The process exits right after: freeing every document, tree and finding one by one
        // would only cost time (a tenth of a run on a large corpus).
        ProcessLifetime.keep(corpus, all, reported)
        return status
    }
}

/// Values the process keeps until it exits, so that they are never freed piece by piece.
enum ProcessLifetime {
    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Retains the values for the rest of the process (a deliberate leak).
    static func keep<each Value>(_ values: repeat each Value) {
        _ = Unmanaged.passRetained(Box((repeat each values)))
    }
}

/// Counts for the summary line.
struct Summary {
    /// Files in scope.
    var files: Int
    /// Reported findings by severity.
    private var counts: [Severity: Int] = [:]
    /// Findings dropped by the baseline.
    var suppressed: Int
    /// Wall time.
    var seconds: Double

    /// Counts the reported findings once.
    init(files: Int, findings: [Finding], suppressed: Int, seconds: Double) {
        self.files = files
        self.suppressed = suppressed
        self.seconds = seconds
        for finding in findings { counts[finding.severity, default: 0] += 1 }
    }

    /// How many findings have a severity.
    func count(_ severity: Severity) -> Int { counts[severity] ?? 0 }

    /// "3 files checked, 1 error, 2 warnings, 0 info, 0 hints in 0.12 s".
    var line: String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var text = "\(plural(files, "file")) checked, \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), "
            + "\(count(.info)) info, \(plural(count(.hint), "hint"))"
        if suppressed > 0 { text += " (\(suppressed) in the baseline)" }
        return text + " in \(String(format: "%.2f", seconds)) s"
    }
}

/// The text, JSON and GitHub reporters. Each streams into a `ByteWriter`, flushing as it goes.
enum FindingReporters {
    /// `path:line:column: severity: message [rule]`, one per line.
    static func text(_ findings: [Finding], positions: PositionTracker, colors: Bool, to out: ByteWriter) {
        var paths = DisplayPaths()
        for finding in findings {
            let file = positions.finding(finding.path)
            let (line, column) = file.starts.lineColumn(finding.range.lowerBound)
            if colors { out.append("\u{1B}[1m" as StaticString) }
            out.append(paths.display(finding.path))
            out.append(UInt8(ascii: ":"))
            out.append(line)
            out.append(UInt8(ascii: ":"))
            out.append(column)
            out.append(UInt8(ascii: ":"))
            if colors {
                out.append("\u{1B}[0m \u{1B}[" as StaticString)
                out.append(color(finding.severity))
                out.append(UInt8(ascii: "m"))
                out.append(finding.severity.rawValue)
                out.append("\u{1B}[0m: " as StaticString)
                out.append(finding.message)
                out.append(" \u{1B}[2m[" as StaticString)
                out.append(finding.rule)
                out.append("]\u{1B}[0m\n" as StaticString)
            } else {
                out.append(UInt8(ascii: " "))
                out.append(finding.severity.rawValue)
                out.append(": " as StaticString)
                out.append(finding.message)
                out.append(" [" as StaticString)
                out.append(finding.rule)
                out.append("]\n" as StaticString)
            }
            out.flushIfFull()
        }
    }

    /// The ANSI color code of a severity.
    private static func color(_ severity: Severity) -> StaticString {
        switch severity {
        case .error: "31"
        case .warning: "33"
        case .info: "34"
        case .hint: "36"
        }
    }

    /// One JSON object: version, root, findings, summary.
    static func json(_ findings: [Finding], root: String, positions: PositionTracker, summary: Summary, to out: ByteWriter) {
        let json = JSONWriter(out)
        var paths = DisplayPaths()
        json.beginObject()
        json.member("version", 1)
        json.member("root", root)
        json.key("findings")
        json.beginArray()
        for finding in findings {
            let file = positions.finding(finding.path)
            json.beginObject()
            json.member("file", paths.display(finding.path))
            json.member("rule", finding.rule)
            json.member("severity", finding.severity.rawValue)
            json.member("message", finding.message)
            json.key("range")
            json.beginObject()
            json.key("start")
            writePosition(finding.range.lowerBound, file.starts.lineColumn(finding.range.lowerBound), to: json)
            json.key("end")
            writePosition(finding.range.upperBound, file.ends.lineColumn(finding.range.upperBound), to: json)
            json.endObject()
            json.key("fixes")
            json.beginArray()
            for fix in finding.fixes {
                json.beginObject()
                json.member("title", fix.title)
                json.key("edits")
                json.beginArray()
                for edit in fix.change.edits {
                    json.beginObject()
                    json.member("file", paths.display(edit.path))
                    json.key("range")
                    writeRange(edit.range, in: positions.file(edit.path), to: json)
                    json.member("newText", edit.newText)
                    json.endObject()
                }
                json.endArray()
                json.key("createdFiles")
                json.beginArray()
                for (path, content) in fix.change.createdFiles.sorted(by: { $0.key < $1.key }) {
                    json.beginObject()
                    json.member("file", paths.display(path))
                    json.member("content", content)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.key("related")
            json.beginArray()
            for related in finding.related {
                json.beginObject()
                json.member("file", paths.display(related.path))
                json.key("range")
                writeRange(related.range, in: positions.file(related.path), to: json)
                json.member("message", related.message)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            out.flushIfFull()
        }
        json.endArray()
        json.key("summary")
        json.beginObject()
        json.member("files", summary.files)
        json.member("errors", summary.count(.error))
        json.member("warnings", summary.count(.warning))
        json.member("info", summary.count(.info))
        json.member("hints", summary.count(.hint))
        json.member("baselineSuppressed", summary.suppressed)
        json.endObject()
        json.endObject()
        out.append(UInt8(ascii: "\n"))
    }

    /// `{line, column, offset}`: 1-based line and scalar column, byte offset.
    private static func writePosition(_ offset: Int, _ position: (line: Int, column: Int), to json: JSONWriter) {
        json.beginObject()
        json.member("line", position.line)
        json.member("column", position.column)
        json.member("offset", offset)
        json.endObject()
    }

    /// `{start, end}` of a related place or an edit (positions looked up out of order).
    private static func writeRange(_ range: Range<Int>, in file: FilePositions, to json: JSONWriter) {
        json.beginObject()
        json.key("start")
        writePosition(range.lowerBound, file.others.lineColumn(range.lowerBound), to: json)
        json.key("end")
        writePosition(range.upperBound, file.others.lineColumn(range.upperBound), to: json)
        json.endObject()
    }

    /// GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`.
    static func github(_ findings: [Finding], positions: PositionTracker, to out: ByteWriter) {
        var paths = DisplayPaths()
        for finding in findings {
            let file = positions.finding(finding.path)
            let start = file.starts.lineColumn(finding.range.lowerBound)
            let end = file.ends.lineColumn(finding.range.upperBound)
            out.append("::" as StaticString)
            switch finding.severity {
            case .error: out.append("error" as StaticString)
            case .warning: out.append("warning" as StaticString)
            case .info, .hint: out.append("notice" as StaticString)
            }
            out.append(" file=" as StaticString)
            out.append(escapeProperty(paths.display(finding.path)))
            out.append(",line=" as StaticString)
            out.append(start.line)
            out.append(",col=" as StaticString)
            out.append(start.column)
            out.append(",endLine=" as StaticString)
            out.append(end.line)
            out.append(",endColumn=" as StaticString)
            out.append(end.column)
            out.append(",title=" as StaticString)
            out.append(escapeProperty(finding.rule))
            out.append("::" as StaticString)
            out.append(escapeData(finding.message))
            out.append(UInt8(ascii: "\n"))
            out.flushIfFull()
        }
    }

    /// Escapes a workflow command's message (`%`, CR, LF), as the Actions toolkit does.
    static func escapeData(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a workflow command's property value: the message escapes plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x0D || $0 == 0x0A || $0 == 0x3A || $0 == 0x2C }) else { return text }
        return escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
