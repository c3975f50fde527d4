import Foundation
import LanguageServerProtocol
@testable import MarginaliaCore
@testable import MarginaliaServer
import Testing

/// A temporary corpus folder with a bibliography, entities and one document.
private struct Fixture {
    let folder: URL
    let document: String

    init(bib: String, text: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("marginalia.json"))
        try Data(bib.utf8).write(to: folder.appendingPathComponent("references.bib"))
        try Data(#"""
            {"entities": {
              "hrw": {"type": "organization", "name": "Human Rights Watch", "aliases": ["HRW"]},
              "zelensky": {"type": "person", "name": "Volodymyr Zelenskyy", "aliases": ["Зеленський", "Zelensky"]},
              "kyiv": {"type": "place", "name": "Kyïv", "aliases": ["Kiev"]},
              "amnesty": {"type": "organization", "name": "Amnesty International"}
            }}
            """#.utf8).write(to: folder.appendingPathComponent("entities.json"))
        document = folder.path + "/a.md"
        try Data(text.utf8).write(to: URL(fileURLWithPath: document))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

private let bibliography = """
    @book{smith2020, author = {Smith, John and Ñúñez, María}, title = {Wars of Words}, year = {2020}}
    @article{muller2019, author = {M{\\"u}ller, Jörg}, title = {Über Grenzen}, journal = {J}, year = {2019}}
    @report{hrw2023landmines, author = {{Human Rights Watch}}, title = {Banned Landmines}, year = {2023}}
    @misc{a1, title = {Alpha one}}
    @misc{a2, title = {Alpha two}}
    @misc{a3, title = {Alpha three}}
    """

/// The answer completion gave before the index: every candidate rebuilt, folded and filtered.
private func referenceCompletions(_ corpus: Corpus, kind: String, typed: String, limit: Int) -> ([CompletionCandidate], Bool) {
    var all = kind == "source" ? corpus.sourceCandidates() : corpus.entityCandidates()
    let needle = TextFolding.key(for: typed)
    if !needle.isEmpty { all = all.filter { TextFolding.key(for: $0.filterText).contains(needle) } }
    let incomplete = all.count > limit
    let kept = Array(all.prefix(limit)).map { candidate in
        var candidate = candidate
        if let target = candidate.target, let card = corpus.card(for: target) { candidate.documentation = card }
        return candidate
    }
    return (kept, incomplete)
}

@Suite struct CompletionIndexTests {
    @Test func sameCandidatesAsFilteringEveryOne() throws {
        let typedTexts = ["", "s", "SMI", "nunez", "Ñú", "müller", "mul", "uber", "alpha", "a", "zzz", "20", "-", "words", "zelensky", "зелен"]
        for typed in typedTexts {
            for (kind, opener) in [("source", "See @"), ("entity", "Met [[")] {
                let text = opener + typed
                let fixture = try Fixture(bib: bibliography, text: text + "\n")
                defer { fixture.remove() }
                let corpus = CorpusLoader.load(root: fixture.folder.path)
                for limit in [200, 2, 1] {
                    let result = try #require(corpus.completions(at: text.utf8.count, in: fixture.document, limit: limit))
                    let (expected, incomplete) = referenceCompletions(corpus, kind: kind, typed: typed, limit: limit)
                    #expect(result.candidates == expected, "\(kind) \(typed) limit \(limit)")
                    #expect(result.isIncomplete == incomplete, "\(kind) \(typed) limit \(limit)")
                }
            }
        }
    }

    @Test func aNewRegistryStateGetsNewCandidates() throws {
        let fixture = try Fixture(bib: bibliography, text: "See @\n")
        defer { fixture.remove() }
        let before = CorpusLoader.load(root: fixture.folder.path)
        let offset = "See @".utf8.count
        #expect(before.completions(at: offset, in: fixture.document)?.candidates.map(\.label).contains("smith2020") == true)
        try Data("@book{zeta2024, title = {Zeta}}\n".utf8).write(to: fixture.folder.appendingPathComponent("references.bib"))
        let after = before.reloadingRegistries(overlays: [:])
        #expect(after.completions(at: offset, in: fixture.document)?.candidates.map(\.label) == ["zeta2024"])
        // The old state still answers from its own registries.
        #expect(before.completions(at: offset, in: fixture.document)?.candidates.count == 6)
    }

    @Test func cardsFollowTheCounts() throws {
        let fixture = try Fixture(bib: bibliography, text: "See @smi\n")
        defer { fixture.remove() }
        let corpus = CorpusLoader.load(root: fixture.folder.path)
        let offset = "See @smi".utf8.count
        let before = try #require(corpus.completions(at: offset, in: fixture.document)?.candidates.first)
        #expect(before.documentation == corpus.card(for: .source(key: "smith2020")))
        #expect(before.documentation.contains("Not cited"))
        // Citing the source changes its counts: the card is rebuilt, not reused.
        let cited = corpus.updating(Document(path: fixture.document, text: SourceText(bytes: Array("See @smi [@smith2020]\n".utf8))))
        let after = try #require(cited.completions(at: offset, in: fixture.document)?.candidates.first)
        #expect(after.documentation == cited.card(for: .source(key: "smith2020")))
        #expect(after.documentation.contains("Cited 1 time in 1 document"))
        // And the old state still shows its own.
        #expect(corpus.completions(at: offset, in: fixture.document)?.candidates.first?.documentation == before.documentation)
    }

    @Test func byteSearch() {
        #expect(CompletionIndex.bytes(Array("abcabd".utf8), contain: Array("abd".utf8)))
        #expect(CompletionIndex.bytes(Array("abc".utf8), contain: Array("abc".utf8)))
        #expect(!CompletionIndex.bytes(Array("ab".utf8), contain: Array("abc".utf8)))
        #expect(!CompletionIndex.bytes(Array("abcab".utf8), contain: Array("bca b".utf8)))
    }
}

/// The completion answer as the server writes it equals `JSONEncoder`'s, parsed back.
@Suite struct CompletionEncodingTests {
    /// A snapshot of a corpus with six sources, and the params of a completion after `See @`.
    private func sixSources(_ fixture: Fixture) -> (Snapshot, CompletionParams) {
        let corpus = CorpusLoader.load(root: fixture.folder.path)
        var snapshot = Snapshot()
        snapshot.corpora[corpus.root] = corpus
        let params = CompletionParams(textDocument: TextDocumentIdentifier(uri: DocumentURI(filePath: fixture.document)),
                                      position: Position(line: 0, character: 5))
        return (snapshot, params)
    }

    @Test func handWrittenListEqualsEncodedList() throws {
        let fixture = try Fixture(bib: bibliography, text: "See @\n")
        defer { fixture.remove() }
        var (snapshot, params) = sixSources(fixture)
        for markdown in [true, false] {
            snapshot.capabilities = markdown
                ? try JSONDecoder().decode(ClientCapabilities.self, from: Data(
                    #"{"textDocument":{"completion":{"completionItem":{"documentationFormat":["markdown"]}}}}"#.utf8))
                : ClientCapabilities()
            let answer = try #require(Features.completion(params, snapshot))
            #expect(answer.list.items.count == 6)
            #expect(answer.list.items.allSatisfy { item in
                if case .markup = item.documentation { return markdown } else { return !markdown }
            })
            var writer = JSONWriter()
            answer.write(to: &writer)
            let written = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: MessageEncoding.makeEncoder().encode(answer.list)) as? NSDictionary
            #expect(written != nil && written == encoded)
        }
        // Outside any completion context: an empty, complete list.
        let nowhere = CompletionParams(textDocument: params.textDocument, position: Position(line: 0, character: 2))
        let empty = try #require(Features.completion(nowhere, snapshot))
        var writer = JSONWriter()
        empty.write(to: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"isIncomplete":false,"items":[]}"#)
    }

    /// A client that resolves documentation gets items without cards, each with `data`, and
    /// `completionItem/resolve` fills in exactly the card the eager answer carried.
    @Test func documentationResolvedLazily() throws {
        let fixture = try Fixture(bib: bibliography, text: "See @\n")
        defer { fixture.remove() }
        var (snapshot, params) = sixSources(fixture)
        snapshot.capabilities = try JSONDecoder().decode(ClientCapabilities.self, from: Data(
            #"{"textDocument":{"completion":{"completionItem":{"documentationFormat":["markdown"]}}}}"#.utf8))
        let eager = try #require(Features.completion(params, snapshot)).list.items
        snapshot.capabilities = try JSONDecoder().decode(ClientCapabilities.self, from: Data(
            #"{"textDocument":{"completion":{"completionItem":{"documentationFormat":["markdown"],"resolveSupport":{"properties":["documentation"]}}}}}"#.utf8))
        let answer = try #require(Features.completion(params, snapshot))
        let lazy = answer.list.items
        #expect(lazy.count == eager.count && lazy.count == 6)
        #expect(lazy.allSatisfy { $0.documentation == nil && $0.data?["source"]?.stringValue == $0.label })
        for (lazyItem, eagerItem) in zip(lazy, eager) {
            #expect(eagerItem.documentation != nil)
            let resolved = try #require(Features.resolveCompletion(lazyItem, snapshot))
            #expect(resolved.documentation == eagerItem.documentation)
        }
        var writer = JSONWriter()
        answer.write(to: &writer)
        let written = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? NSDictionary
        let encoded = try JSONSerialization.jsonObject(with: MessageEncoding.makeEncoder().encode(answer.list)) as? NSDictionary
        #expect(written != nil && written == encoded)
        // An item without data comes back unchanged.
        let plain = CompletionItem(label: "x")
        #expect(Features.resolveCompletion(plain, snapshot) == plain)
    }
}

/// Pushed diagnostics: the first change publishes at once; a burst is coalesced.
@Suite struct PublishingTests {
    /// The `publishDiagnostics` notifications for `uri` collected so far (the harness keeps
    /// notifications aside while it waits for a response).
    private func published(_ harness: DispatchTests.Harness, _ uri: String) -> [[String: Any]] {
        harness.pending.compactMap { message in
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                  let params = message["params"] as? [String: Any], params["uri"] as? String == uri else { return nil }
            return params
        }
    }

    /// Sends a trivial request after `seconds` and waits for its answer, collecting what came before.
    private func settle(_ harness: DispatchTests.Harness, seconds: Double, id: Int) {
        Thread.sleep(forTimeInterval: seconds)
        harness.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"marginalia/nothing","params":{}}"#)
        _ = harness.response(id: id)
    }

    @Test func leadingEdgeThenCoalescedBurst() throws {
        let fixture = try Fixture(bib: bibliography, text: "Nothing yet.\n")
        defer { fixture.remove() }
        let uri = DocumentURI(filePath: fixture.document).rawValue
        let harness = DispatchTests.Harness()
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"\#(DocumentURI(filePath: fixture.folder.path).rawValue)","capabilities":{}}}"#)
        _ = harness.response(id: 1)
        harness.send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        harness.send(#"{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":"x"}}"#)
        _ = harness.response(id: 2)  // Answered once indexed.
        harness.send(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\#(uri)","languageId":"markdown","version":1,"text":"Nothing yet.\n"}}}"#)
        settle(harness, seconds: 0.3, id: 3)
        let opened = published(harness, uri)
        #expect(opened.count == 1)
        #expect(opened.last?["version"] as? Int == 1)
        harness.pending.removeAll()

        // A burst of edits, each adding an unknown key, so every one changes the diagnostics.
        let edits = 20
        for n in 0..<edits {
            let change = #"{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"[@missing\#(n)] "}"#
            harness.send(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(uri)","version":\#(n + 2)},"contentChanges":[\#(change)]}}"#)
        }
        settle(harness, seconds: 1.0, id: 4)
        let burst = published(harness, uri)
        #expect(burst.count >= 1 && burst.count <= 4, "\(burst.count) publishes for \(edits) edits")
        // The newest state is always published last.
        #expect(burst.last?["version"] as? Int == edits + 1)
        let diagnostics = burst.last?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.filter { $0["code"] as? String == "unknown-citation-key" }.count == edits)

        harness.send(#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#)
        _ = harness.response(id: 5)
        harness.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(harness.exited.wait(timeout: .now() + 10) == .success)
    }
}

/// A pull report written once answers as `DocumentDiagnosticReport` encodes.
@Suite struct WrittenReportTests {
    @Test func splicedItemsEqualTheEncodedReport() throws {
        let range = LSPRange(start: Position(line: 1, character: 2), end: Position(line: 1, character: 9))
        let items = [
            Diagnostic(range: range, severity: .error, code: .string("unknown-citation-key"), source: "marginalia",
                       message: "unknown key \"x\"", data: ["rule": "unknown-citation-key", "fixable": true]),
            Diagnostic(range: range, severity: .hint, code: .string("unused-note"), source: "marginalia", message: "n",
                       tags: [.unnecessary], data: ["rule": "unused-note", "fixable": false]),
        ]
        let json = Features.writtenJSON(items)
        let id = Features.resultID(ofJSON: json)
        #expect(id == Features.resultID(of: items))
        for (written, report) in [
            (WrittenDiagnosticReport(report: .full(resultId: id, items: items), itemsJSON: json), DocumentDiagnosticReport.full(resultId: id, items: items)),
            (WrittenDiagnosticReport(.full(resultId: id, items: [])), .full(resultId: id, items: [])),
            (WrittenDiagnosticReport(.unchanged(resultId: id)), .unchanged(resultId: id)),
        ] {
            var writer = JSONWriter()
            written.write(to: &writer)
            let mine = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: MessageEncoding.makeEncoder().encode(report)) as? NSDictionary
            #expect(mine != nil && mine == theirs)
        }
    }
}
