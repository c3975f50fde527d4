import Foundation
import LanguageServerProtocol
import Testing

/// Encodes a value the way the connection does and returns the JSON text.
func wireJSON(_ value: some Encodable) throws -> String {
    let encoder = MessageEncoding.makeEncoder()
    encoder.outputFormatting.insert(.sortedKeys)
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Decodes `json` as `type`.
func decodeJSON<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
    try JSONDecoder().decode(Value.self, from: Data(json.utf8))
}

@Suite struct LSPTypesTests {
    @Test func initializeParamsFromVSCode() throws {
        let json = #"""
            {"processId":4242,"clientInfo":{"name":"Visual Studio Code","version":"1.95.0"},"locale":"en",
             "rootPath":"/home/u/corpus","rootUri":"file:///home/u/corpus",
             "capabilities":{
               "workspace":{"applyEdit":true,"workspaceEdit":{"documentChanges":true,"resourceOperations":["create","rename","delete"],"failureHandling":"textOnlyTransactional"},
                 "didChangeConfiguration":{"dynamicRegistration":true},
                 "didChangeWatchedFiles":{"dynamicRegistration":true,"relativePatternSupport":true},
                 "workspaceFolders":true,"configuration":true,"diagnostics":{"refreshSupport":true},
                 "semanticTokens":{"refreshSupport":true}},
               "textDocument":{
                 "completion":{"dynamicRegistration":true,"contextSupport":true,"completionItem":{"snippetSupport":true,"documentationFormat":["markdown","plaintext"],"insertReplaceSupport":true,"tagSupport":{"valueSet":[1]}},"insertTextMode":2},
                 "hover":{"dynamicRegistration":true,"contentFormat":["markdown","plaintext"]},
                 "publishDiagnostics":{"relatedInformation":true,"versionSupport":false,"tagSupport":{"valueSet":[1,2]},"codeDescriptionSupport":true,"dataSupport":true},
                 "diagnostic":{"dynamicRegistration":true,"relatedDocumentSupport":false},
                 "semanticTokens":{"requests":{"range":true,"full":{"delta":true}},"tokenTypes":["namespace","type"],"tokenModifiers":["declaration"],"formats":["relative"],"multilineTokenSupport":false},
                 "rename":{"prepareSupport":true,"prepareSupportDefaultBehavior":1}},
               "window":{"showMessage":{"messageActionItem":{"additionalPropertiesSupport":true}},"workDoneProgress":true},
               "general":{"staleRequestSupport":{"cancel":true,"retryOnContentModified":[]},"positionEncodings":["utf-16"]},
               "notebookDocument":{"synchronization":{}}},
             "trace":"off","workspaceFolders":[{"uri":"file:///home/u/corpus","name":"corpus"}]}
            """#
        let params = try decodeParams(InitializeParams.self, from: Data(json.utf8))
        #expect(params.processId == 4242)
        #expect(params.clientInfo?.name == "Visual Studio Code")
        #expect(params.capabilities.positionEncodings == [.utf16])
        #expect(params.capabilities.window?.workDoneProgress == true)
        #expect(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration == true)
        #expect(params.capabilities.workspace?.configuration == true)
        #expect(params.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport == true)
        #expect(params.capabilities.textDocument?.hover?.contentFormat?.first == .markdown)
        #expect(params.capabilities.textDocument?.diagnostic != nil)
        #expect(params.capabilities.textDocument?.semanticTokens?.tokenTypes == ["namespace", "type"])
        #expect(params.capabilities.textDocument?.rename?.prepareSupport == true)
        #expect(params.trace == .off)
        #expect(params.effectiveWorkspaceFolders.map(\.name) == ["corpus"])
    }

    @Test func initializeParamsFromNeovimAndOddClients() throws {
        // Neovim 0.7 shape: no positionEncodings, null workspaceFolders, workDoneProgress true.
        let neovim = #"""
            {"processId":77,"rootPath":"/tmp/c","rootUri":"file:///tmp/c","clientInfo":{"name":"Neovim","version":"0.7.2"},
             "initializationOptions":{"marginalia":{"strict":true}},"trace":"off","workspaceFolders":null,
             "capabilities":{"textDocument":{"hover":{"contentFormat":["markdown","plaintext"],"dynamicRegistration":false},
               "publishDiagnostics":{"relatedInformation":true,"tagSupport":{"valueSet":[1,2]}}},
               "window":{"workDoneProgress":true,"showMessage":{"messageActionItem":{"additionalPropertiesSupport":false}}},
               "workspace":{"applyEdit":true,"workspaceFolders":true,"configuration":true}}}
            """#
        let params = try decodeParams(InitializeParams.self, from: Data(neovim.utf8))
        #expect(params.capabilities.positionEncodings == [.utf16])
        #expect(params.workspaceFolders == nil)
        #expect(params.effectiveWorkspaceFolders == [WorkspaceFolder(uri: DocumentURI("file:///tmp/c"), name: "/tmp/c")])
        #expect(params.initializationOptions?["marginalia"]?["strict"] == .bool(true))
        // A malformed member loses only itself; an unknown encoding round-trips.
        let odd = #"""
            {"processId":null,"rootUri":null,"capabilities":{"general":{"positionEncodings":["utf-8","utf-7"]},
             "window":{"workDoneProgress":"yes"},"workspace":{"configuration":true}}}
            """#
        let oddParams = try decodeParams(InitializeParams.self, from: Data(odd.utf8))
        #expect(oddParams.processId == nil)
        #expect(oddParams.capabilities.positionEncodings == [.utf8, PositionEncodingKind(rawValue: "utf-7")])
        #expect(oddParams.capabilities.window == nil)
        #expect(oddParams.capabilities.workspace?.configuration == true)
        #expect(try decodeParams(InitializeParams.self, from: Data("{}".utf8)).capabilities == ClientCapabilities())
    }

    @Test func serverCapabilitiesEncoding() throws {
        let result = InitializeResult(
            capabilities: ServerCapabilities(
                positionEncoding: .utf8,
                textDocumentSync: TextDocumentSyncOptions(openClose: true, change: .incremental, save: SaveOptions(includeText: false)),
                hoverProvider: true,
                completionProvider: CompletionOptions(triggerCharacters: ["@", "["], resolveProvider: false),
                renameProvider: RenameOptions(prepareProvider: true),
                codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix]),
                semanticTokensProvider: SemanticTokensOptions(
                    legend: SemanticTokensLegend(tokenTypes: ["variable"], tokenModifiers: []), range: true, full: true),
                diagnosticProvider: DiagnosticOptions(interFileDependencies: true, workspaceDiagnostics: true),
                workspace: WorkspaceServerCapabilities(
                    workspaceFolders: WorkspaceFoldersServerCapabilities(supported: true, changeNotifications: true))),
            serverInfo: ServerInfo(name: "marginalia", version: "0.1"))
        let json = try wireJSON(result)
        #expect(json.contains(#""positionEncoding":"utf-8""#))
        #expect(json.contains(#""textDocumentSync":{"change":2,"openClose":true,"save":{"includeText":false}}"#))
        #expect(json.contains(#""renameProvider":{"prepareProvider":true}"#))
        #expect(json.contains(#""codeActionProvider":{"codeActionKinds":["quickfix"]}"#))
        #expect(json.contains(#""diagnosticProvider":{"interFileDependencies":true,"workspaceDiagnostics":true}"#))
        #expect(json.contains(#""serverInfo":{"name":"marginalia","version":"0.1"}"#))
        #expect(!json.contains("definitionProvider"))
        #expect(try decodeJSON(InitializeResult.self, json) == result)
    }

    @Test func textSynchronization() throws {
        let change = try decodeJSON(
            DidChangeTextDocumentParams.self,
            #"{"textDocument":{"uri":"file:///a.md","version":3},"contentChanges":[{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":2}},"rangeLength":1,"text":"x"},{"text":"whole"}]}"#)
        #expect(change.contentChanges[0].range == LSPRange(start: Position(line: 0, character: 1), end: Position(line: 0, character: 2)))
        #expect(change.contentChanges[1].range == nil)
        #expect(change.contentChanges[1].text == "whole")
        let open = try decodeJSON(
            DidOpenTextDocumentParams.self,
            ##"{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1,"text":"# T\n"}}"##)
        #expect(open.textDocument.text == "# T\n")
        let watched = try decodeJSON(DidChangeWatchedFilesParams.self, #"{"changes":[{"uri":"file:///r.bib","type":3}]}"#)
        #expect(watched.changes == [FileEvent(uri: DocumentURI("file:///r.bib"), type: .deleted)])
        let configuration = try decodeJSON(DidChangeConfigurationParams.self, #"{"settings":{"marginalia":{"a":[1,2.5,"s",null]}}}"#)
        #expect(configuration.settings["marginalia"]?["a"] == [1, .double(2.5), "s", nil])
        #expect(try decodeJSON(DidChangeConfigurationParams.self, "{}").settings == .null)
    }

    @Test func workspaceEditBothForms() throws {
        let range = LSPRange(at: Position(line: 1, character: 0))
        let uri = DocumentURI(filePath: "/c/entities.json")
        let edit = WorkspaceEdit(
            changes: [uri: [TextEdit(range: range, newText: "x")]],
            documentChanges: [
                .createFile(CreateFile(uri: uri, options: CreateFileOptions(ignoreIfExists: true))),
                .textDocumentEdit(
                    TextDocumentEdit(
                        textDocument: OptionalVersionedTextDocumentIdentifier(uri: uri, version: nil),
                        edits: [TextEdit(range: range, newText: "{}")])),
            ])
        let json = try wireJSON(edit)
        #expect(json.contains(#""changes":{"file:///c/entities.json":[{"newText":"x""#))
        #expect(json.contains(#"{"kind":"create","options":{"ignoreIfExists":true},"uri":"file:///c/entities.json"}"#))
        #expect(json.contains(#""textDocument":{"uri":"file:///c/entities.json","version":null}"#))
        #expect(try decodeJSON(WorkspaceEdit.self, json) == edit)
    }

    @Test func completionItemEdits() throws {
        let range = LSPRange(at: Position(line: 0, character: 2))
        let plain = CompletionItem(
            label: "smith2020", kind: .reference, documentation: .markup(.markdown("**Smith**")),
            textEdit: .textEdit(TextEdit(range: range, newText: "smith2020")))
        let insertReplace = CompletionItem(
            label: "doe", textEdit: .insertReplace(InsertReplaceEdit(newText: "doe", insert: range, replace: range)))
        for item in [plain, insertReplace] {
            #expect(try decodeJSON(CompletionItem.self, try wireJSON(item)) == item)
        }
        #expect(try wireJSON(plain).contains(#""documentation":{"kind":"markdown","value":"**Smith**"}"#))
        #expect(try decodeJSON(CompletionItem.self, #"{"label":"a","documentation":"plain"}"#).documentation == .string("plain"))
    }

    @Test func diagnosticReports() throws {
        let diagnostic = Diagnostic(
            range: LSPRange(at: Position(line: 0, character: 0)), severity: .warning, code: "unknown-citation-key",
            source: "marginalia", message: "no source", data: ["fix": "add"])
        #expect(try wireJSON(diagnostic).contains(#""code":"unknown-citation-key""#))
        let full = DocumentDiagnosticReport.full(resultId: "7", items: [diagnostic])
        #expect(try wireJSON(full).hasPrefix(#"{"items":["#))
        #expect(try wireJSON(full).contains(#""kind":"full""#))
        #expect(try wireJSON(DocumentDiagnosticReport.unchanged(resultId: "7")) == #"{"kind":"unchanged","resultId":"7"}"#)
        let workspace = WorkspaceDiagnosticReport(items: [
            WorkspaceDocumentDiagnosticReport(uri: DocumentURI("file:///a.md"), version: nil, report: .unchanged(resultId: "1")),
            WorkspaceDocumentDiagnosticReport(uri: DocumentURI("file:///b.md"), version: 4, report: full),
        ])
        let json = try wireJSON(workspace)
        #expect(json.contains(#"{"kind":"unchanged","resultId":"1","uri":"file:///a.md","version":null}"#))
        #expect(try decodeJSON(WorkspaceDiagnosticReport.self, json) == workspace)
        let pull = try decodeJSON(
            WorkspaceDiagnosticParams.self, #"{"previousResultIds":[{"uri":"file:///a.md","value":"1"}],"partialResultToken":"p"}"#)
        #expect(pull.previousResultIds.first?.value == "1")
        #expect(pull.partialResultToken == "p")
    }

    @Test func openVocabulariesRoundTrip() throws {
        #expect(try decodeJSON([CodeActionKind].self, #"["quickfix","marginalia.custom"]"#) == [.quickFix, CodeActionKind(rawValue: "marginalia.custom")])
        #expect(CodeActionKind(rawValue: "quickfix.add").isContained(in: .quickFix))
        #expect(!CodeActionKind.refactor.isContained(in: .quickFix))
        #expect(try wireJSON([SymbolKind.string, SymbolKind(rawValue: 99)]) == "[15,99]")
        #expect(try wireJSON(MarkupKind(rawValue: "html")) == #""html""#)
    }

    @Test func progressAndRegistration() throws {
        let begin = ProgressParams(token: "index", value: .begin(WorkDoneProgressBegin(title: "Indexing", percentage: 0)))
        #expect(try wireJSON(begin) == #"{"token":"index","value":{"kind":"begin","percentage":0,"title":"Indexing"}}"#)
        #expect(try decodeJSON(ProgressParams.self, try wireJSON(begin)) == begin)
        let end = ProgressParams(token: 3, value: .end(WorkDoneProgressEnd()))
        #expect(try wireJSON(end) == #"{"token":3,"value":{"kind":"end"}}"#)
        let registration = try Registration(
            id: "watch", method: LSPMethod.didChangeWatchedFiles,
            options: DidChangeWatchedFilesRegistrationOptions(watchers: [
                FileSystemWatcher(globPattern: "**/*.bib"),
                FileSystemWatcher(
                    globPattern: .relative(baseUri: DocumentURI("file:///c"), pattern: "*.json"), kind: [.create, .delete]),
            ]))
        let json = try wireJSON(RegistrationParams(registrations: [registration]))
        #expect(json.contains(#""watchers":[{"globPattern":"**/*.bib"},{"globPattern":{"baseUri":"file:///c","pattern":"*.json"},"kind":5}]"#))
        #expect(try decodeJSON(CancelParams.self, #"{"id":"abc"}"#).id == "abc")
        #expect(try wireJSON(LogMessageParams(type: .warning, message: "m")) == #"{"message":"m","type":2}"#)
    }

    @Test func methodNamesExistInTheSpecification() throws {
        let specURL = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/specs/lsp-3.17-metaModel.json")
        let model = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: specURL))
        var specMethods = Set<String>()
        for section in ["requests", "notifications"] {
            guard case .array(let entries)? = model[section] else {
                Issue.record("no \(section) in the meta model")
                continue
            }
            for entry in entries {
                if let method = entry["method"]?.stringValue { specMethods.insert(method) }
            }
        }
        #expect(specMethods.count > 80)
        for method in LSPMethod.all {
            #expect(specMethods.contains(method), "\(method) is not an LSP 3.17 method")
        }
        let typed: [String] = [
            InitializeParams.method, HoverParams.method, DefinitionParams.method, ReferenceParams.method,
            CompletionParams.method, CompletionItem.method, RenameParams.method, PrepareRenameParams.method,
            CodeActionParams.method, DocumentDiagnosticParams.method, WorkspaceDiagnosticParams.method,
            SemanticTokensParams.method, SemanticTokensRangeParams.method, InlayHintParams.method, CodeLensParams.method,
            FoldingRangeParams.method, DocumentLinkParams.method, DocumentSymbolParams.method, WorkspaceSymbolParams.method,
            DidOpenTextDocumentParams.method, DidChangeTextDocumentParams.method, ProgressParams.method,
            WorkDoneProgressCreateParams.method, RegistrationParams.method, PublishDiagnosticsParams.method,
        ]
        for method in typed { #expect(specMethods.contains(method)) }
    }
}

@Suite struct DocumentURITests {
    @Test(arguments: [
        "/home/u/corpus/notes.md",
        "/tmp/with space/a b.md",
        "/tmp/ünïcödé/日本語.md",
        "/tmp/hash#name/50%done?.md",
        "/tmp/emoji 😀/x+y=z&a;b@c.md",
        "/",
    ])
    func roundTrip(path: String) {
        let uri = DocumentURI(filePath: path)
        #expect(uri.rawValue.hasPrefix("file:///"))
        #expect(!uri.rawValue.dropFirst(7).contains(" "))
        #expect(!uri.rawValue.dropFirst(7).contains("#"))
        #expect(uri.filePath == path)
    }

    @Test func encodingDetails() {
        #expect(DocumentURI(filePath: "/a b/c#d%e").rawValue == "file:///a%20b/c%23d%25e")
        #expect(DocumentURI(filePath: "/é").rawValue == "file:///%C3%A9")
    }

    @Test func decodingClientSpellings() {
        #expect(DocumentURI("file:///a%20b/c%23d").filePath == "/a b/c#d")
        #expect(DocumentURI("file:///a%c3%a9").filePath == "/aé")
        #expect(DocumentURI("file:///tmp/%E6%97%A5").filePath == "/tmp/日")
        #expect(DocumentURI("file:///tmp/raw é").filePath == "/tmp/raw é")
        #expect(DocumentURI("FILE://localhost/x").filePath == "/x")
        #expect(DocumentURI("file:/x").filePath == "/x")
        #expect(DocumentURI("file:///x#fragment").filePath == "/x")
        #expect(DocumentURI("file://server/share/x").filePath == nil)
        #expect(DocumentURI("untitled:Untitled-1").filePath == nil)
        #expect(DocumentURI("file:///bad%zz").filePath == nil)
        #expect(DocumentURI("file:///bad%ff").filePath == nil)
    }

    @Test func codableAsBareString() throws {
        #expect(try wireJSON(TextDocumentIdentifier(uri: DocumentURI(filePath: "/a b"))) == #"{"uri":"file:///a%20b"}"#)
    }
}
