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
    static func resultID(of diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(diagnostics)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    /// `textDocument/diagnostic`: the file's report, or `unchanged` when the client has it already.
    static func documentDiagnostic(_ params: DocumentDiagnosticParams, _ snapshot: Snapshot) -> DocumentDiagnosticReport? {
        guard let file = snapshot.file(params.textDocument.uri) else {
            return .full(resultId: resultID(of: []), items: [])
        }
        let items = diagnostics(path: file.path, corpus: file.corpus, snapshot)
        let id = resultID(of: items)
        return params.previousResultId == id ? .unchanged(resultId: id) : .full(resultId: id, items: items)
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

extension Server {
    /// How long pushed diagnostics wait after the last change, so typing does not flood the client.
    static let diagnosticsDelay = DispatchTimeInterval.milliseconds(50)

    /// State queue: publishes diagnostics of open documents once changes pause (marksman-style:
    /// only for documents whose diagnostics changed). Clients that pull diagnostics get no pushes.
    func scheduleDiagnostics() {
        guard isIndexed, state.capabilities.textDocument?.diagnostic == nil else { return }
        diagnosticsGeneration += 1
        let generation = diagnosticsGeneration
        stateQueue.asyncAfter(deadline: .now() + Server.diagnosticsDelay) { [self] in
            guard generation == diagnosticsGeneration else { return }
            let snapshot = state
            diagnosticsQueue.async { [self] in publishDiagnostics(snapshot) }
        }
    }

    /// Diagnostics queue: pushes the diagnostics of every open document that changed since last pushed.
    private func publishDiagnostics(_ snapshot: Snapshot) {
        for open in snapshot.openDocuments.values.sorted(by: { $0.path < $1.path }) {
            guard let root = snapshot.root(containing: open.path), let corpus = snapshot.corpora[root] else { continue }
            let diagnostics = Features.diagnostics(path: open.path, corpus: corpus, snapshot)
            guard publishedDiagnostics[open.uri] != diagnostics else { continue }
            publishedDiagnostics[open.uri] = diagnostics
            connection.send(notification: PublishDiagnosticsParams(uri: open.uri, version: open.version, diagnostics: diagnostics))
        }
    }
}
