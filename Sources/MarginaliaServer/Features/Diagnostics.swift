import Dispatch
import Foundation
import LanguageServerProtocol
import MarginaliaCore

extension Features {
    /// The LSP diagnostic of a finding: severity, rule id as code, related locations, and `data`
    /// naming the rule (code actions recompute fixes from the snapshot, so nothing else is needed).
    static func diagnostic(_ finding: Finding, _ snapshot: Snapshot, text: SourceText) -> Diagnostic {
        let severity: DiagnosticSeverity = switch finding.severity {
        case .error: .error
        case .warning: .warning
        case .info: .information
        case .hint: .hint
        }
        let unnecessary = finding.rule == RuleID.unusedSource || finding.rule == RuleID.unusedNote
        return Diagnostic(
            range: snapshot.converter.range(ofUTF8Range: finding.range, in: text),
            severity: severity,
            code: .string(finding.rule),
            source: "marginalia",
            message: finding.message,
            tags: unnecessary ? [.unnecessary] : nil,
            relatedInformation: finding.related.isEmpty ? nil : finding.related.map {
                DiagnosticRelatedInformation(location: snapshot.location(path: $0.path, utf8Range: $0.range), message: $0.message)
            },
            data: ["rule": .string(finding.rule), "fixable": .bool(!finding.fixes.isEmpty)])
    }

    /// Diagnostics of one file of a corpus, with `corpusFindings` computed once by the caller
    /// (for reports over many files).
    static func diagnostics(path: String, corpus: Corpus, corpusFindings: [Finding], _ snapshot: Snapshot) -> [Diagnostic] {
        guard let text = corpus.text(of: path) else { return [] }
        var findings = corpusFindings.filter { $0.path == path }
        if let analyzed = corpus.documents[path] { findings += analyzed.findings }
        findings.sort { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
        return findings.map { diagnostic($0, snapshot, text: text) }
    }

    /// Diagnostics of one file, running only the corpus rules that can report there.
    static func diagnostics(path: String, corpus: Corpus, _ snapshot: Snapshot) -> [Diagnostic] {
        guard let text = corpus.text(of: path) else { return [] }
        return corpus.findings(for: path).map { diagnostic($0, snapshot, text: text) }
    }

    /// A result id for a report: a 64-bit FNV-1a hash of its JSON, so equal reports get equal ids.
    /// The JSON is the hand-written one (fixed member order, sorted `data` keys), so equal
    /// reports always hash equal bytes, at a fraction of `JSONEncoder`'s cost.
    static func resultID(of diagnostics: [Diagnostic]) -> String {
        resultID(ofJSON: writtenJSON(diagnostics))
    }

    /// The hand-written JSON array of `diagnostics`.
    static func writtenJSON(_ diagnostics: [Diagnostic]) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 * diagnostics.count + 2)
        diagnostics.write(to: &writer)
        return writer.bytes
    }

    /// The result id of diagnostics already written as JSON.
    static func resultID(ofJSON json: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in json {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    /// `textDocument/diagnostic`: the file's report, or `unchanged` when the client has it already.
    /// The items are written once, for the result id and for the answer.
    static func documentDiagnostic(_ params: DocumentDiagnosticParams, _ snapshot: Snapshot) -> WrittenDiagnosticReport? {
        guard let file = snapshot.file(params.textDocument.uri) else {
            return WrittenDiagnosticReport(.full(resultId: resultID(of: []), items: []))
        }
        let items = diagnostics(path: file.path, corpus: file.corpus, snapshot)
        let json = writtenJSON(items)
        let id = resultID(ofJSON: json)
        if params.previousResultId == id { return WrittenDiagnosticReport(.unchanged(resultId: id)) }
        return WrittenDiagnosticReport(report: .full(resultId: id, items: items), itemsJSON: json)
    }

    /// `workspace/diagnostic`: a report for every document and registry file of every corpus.
    static func workspaceDiagnostic(_ params: WorkspaceDiagnosticParams, _ snapshot: Snapshot) -> WorkspaceDiagnosticReport? {
        var previous: [String: String] = [:]
        for entry in params.previousResultIds {
            if let path = entry.uri.filePath.map(Snapshot.standardized) { previous[path] = entry.value }
        }
        var items: [WorkspaceDocumentDiagnosticReport] = []
        for root in snapshot.corpora.keys.sorted() {
            guard let corpus = snapshot.corpora[root] else { continue }
            let corpusFindings = corpus.corpusFindings
            let paths = Set(corpus.documents.keys).union(corpus.registries.texts.keys).sorted()
            for path in paths {
                let diagnostics = diagnostics(path: path, corpus: corpus, corpusFindings: corpusFindings, snapshot)
                let id = resultID(of: diagnostics)
                let report: DocumentDiagnosticReport = previous[path] == id
                    ? .unchanged(resultId: id) : .full(resultId: id, items: diagnostics)
                items.append(WorkspaceDocumentDiagnosticReport(
                    uri: snapshot.uri(for: path), version: snapshot.openDocuments[path]?.version, report: report))
            }
        }
        return WorkspaceDiagnosticReport(items: items)
    }
}

/// A pull report with its items' JSON already written (to hash the result id), so the answer
/// reuses those bytes instead of writing a thousand diagnostics a second time.
struct WrittenDiagnosticReport: JSONWritable, Sendable {
    /// The report.
    let report: DocumentDiagnosticReport
    /// The JSON of the full report's items, when written already.
    let itemsJSON: [UInt8]?

    /// A report with its items' JSON.
    init(report: DocumentDiagnosticReport, itemsJSON: [UInt8]?) {
        self.report = report
        self.itemsJSON = itemsJSON
    }

    /// A report written when answered.
    init(_ report: DocumentDiagnosticReport) {
        self.init(report: report, itemsJSON: nil)
    }

    /// The report as `DocumentDiagnosticReport` writes it, with the written items spliced in.
    func write(to writer: inout JSONWriter) {
        guard case .full(let resultId, _) = report, let itemsJSON else { return report.write(to: &writer) }
        writer.beginObject()
        writer.key("kind")
        writer.string("full")
        writer.member("resultId", resultId)
        writer.key("items")
        writer.json(itemsJSON)
        writer.endObject()
    }

    /// The report's own encoding, for encoders other than the wire's.
    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
    }
}

extension Server {
    /// The least time between the starts of two publishes, so typing does not flood the client.
    static let diagnosticsDelay = DispatchTimeInterval.milliseconds(50)

    /// State queue: publishes diagnostics of open documents after a change (marksman-style: only
    /// for documents whose diagnostics changed). Clients that pull diagnostics get no pushes.
    ///
    /// Leading edge: the first change after a quiet spell publishes at once. Changes arriving while
    /// a publish runs, or within `diagnosticsDelay` of the last one's start, are coalesced into one
    /// more publish of the newest state when both have passed.
    func scheduleDiagnostics() {
        guard isIndexed, state.capabilities.textDocument?.diagnostic == nil else { return }
        publishPending = true
        startPublishIfReady()
    }

    /// State queue: starts the pending publish unless one runs or the interval has not passed.
    private func startPublishIfReady() {
        guard publishPending, !publishInFlight, !publishTimerArmed else { return }
        let now = DispatchTime.now()
        if let last = lastPublishStart, now < last + Server.diagnosticsDelay {
            publishTimerArmed = true
            stateQueue.asyncAfter(deadline: last + Server.diagnosticsDelay) { [self] in
                publishTimerArmed = false
                startPublishIfReady()
            }
            return
        }
        publishPending = false
        publishInFlight = true
        lastPublishStart = now
        publishCount += 1
        let snapshot = state
        diagnosticsQueue.async { [self] in
            publishDiagnostics(snapshot)
            stateQueue.async { [self] in
                publishInFlight = false
                startPublishIfReady()
            }
        }
    }

    /// Diagnostics queue: pushes the diagnostics of every open document that changed since last
    /// pushed; edited documents first, since their diagnostics are the ones the user waits for.
    private func publishDiagnostics(_ snapshot: Snapshot) {
        let open = snapshot.openDocuments.values.sorted { $0.path < $1.path }
        let edited = open.filter { publishedVersions[$0.uri] != $0.version }
        let others = open.filter { publishedVersions[$0.uri] == $0.version }
        for document in edited + others {
            guard let root = snapshot.root(containing: document.path), let corpus = snapshot.corpora[root] else { continue }
            let diagnostics = Features.diagnostics(path: document.path, corpus: corpus, snapshot)
            publishedVersions[document.uri] = document.version
            guard publishedDiagnostics[document.uri] != diagnostics else { continue }
            publishedDiagnostics[document.uri] = diagnostics
            connection.send(notification: PublishDiagnosticsParams(uri: document.uri, version: document.version, diagnostics: diagnostics))
        }
    }
}
