/// A link from a diagnostic to documentation about its code.
public struct CodeDescription: Codable, Hashable, Sendable {
    /// The documentation URI.
    public var href: String

    /// Builds the description.
    public init(href: String) { self.href = href }
}

/// Another place relevant to a diagnostic (the other duplicate, the source entry).
public struct DiagnosticRelatedInformation: Codable, Hashable, Sendable {
    /// Where.
    public var location: Location
    /// Why it matters.
    public var message: String

    /// Builds the information.
    public init(location: Location, message: String) {
        self.location = location
        self.message = message
    }
}

/// A finding attached to a range.
public struct Diagnostic: Codable, Hashable, Sendable {
    /// The range.
    public var range: LSPRange
    /// Error, warning, information or hint.
    public var severity: DiagnosticSeverity?
    /// The rule id.
    public var code: DiagnosticCode?
    /// Documentation for the rule.
    public var codeDescription: CodeDescription?
    /// The producer (`marginalia`).
    public var source: String?
    /// The message.
    public var message: String
    /// Rendering tags.
    public var tags: [DiagnosticTag]?
    /// Related places.
    public var relatedInformation: [DiagnosticRelatedInformation]?
    /// Data the client hands back in code action requests (fix payloads).
    public var data: LSPAny?

    /// Builds a diagnostic.
    public init(
        range: LSPRange, severity: DiagnosticSeverity? = nil, code: DiagnosticCode? = nil,
        codeDescription: CodeDescription? = nil, source: String? = nil, message: String, tags: [DiagnosticTag]? = nil,
        relatedInformation: [DiagnosticRelatedInformation]? = nil, data: LSPAny? = nil
    ) {
        self.range = range
        self.severity = severity
        self.code = code
        self.codeDescription = codeDescription
        self.source = source
        self.message = message
        self.tags = tags
        self.relatedInformation = relatedInformation
        self.data = data
    }
}

/// Params of `textDocument/publishDiagnostics` (server to client).
public struct PublishDiagnosticsParams: LSPNotification {
    /// `textDocument/publishDiagnostics`.
    public static let method = LSPMethod.publishDiagnostics
    /// The document.
    public var uri: DocumentURI
    /// The document version the diagnostics were computed for.
    public var version: Int?
    /// All diagnostics of the document (an empty array clears them).
    public var diagnostics: [Diagnostic]

    /// Builds the params.
    public init(uri: DocumentURI, version: Int? = nil, diagnostics: [Diagnostic]) {
        self.uri = uri
        self.version = version
        self.diagnostics = diagnostics
    }
}

/// Params of `textDocument/diagnostic` (pull).
public struct DocumentDiagnosticParams: LSPRequest {
    /// A full or unchanged report.
    public typealias Response = DocumentDiagnosticReport
    /// `textDocument/diagnostic`.
    public static let method = LSPMethod.documentDiagnostic
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The provider identifier from the registration.
    public var identifier: String?
    /// The result id of the last report the client has.
    public var previousResultId: String?

    /// Builds the params.
    public init(textDocument: TextDocumentIdentifier, identifier: String? = nil, previousResultId: String? = nil) {
        self.textDocument = textDocument
        self.identifier = identifier
        self.previousResultId = previousResultId
    }
}

/// A pull-diagnostic report for one document.
public enum DocumentDiagnosticReport: Codable, Hashable, Sendable {
    /// All diagnostics, with a result id for the next pull.
    case full(resultId: String?, items: [Diagnostic])
    /// Nothing changed since `resultId`.
    case unchanged(resultId: String)

    /// The wire names.
    enum CodingKeys: String, CodingKey {
        case kind, resultId, items
    }

    /// Decodes by `kind` (`full` or `unchanged`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try container.decode(String.self, forKey: .kind) == "unchanged" {
            self = .unchanged(resultId: try container.decode(String.self, forKey: .resultId))
        } else {
            self = .full(
                resultId: try container.decodeIfPresent(String.self, forKey: .resultId),
                items: try container.decode([Diagnostic].self, forKey: .items))
        }
    }

    /// Encodes with the `kind` discriminator.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .full(let resultId, let items):
            try container.encode("full", forKey: .kind)
            try container.encodeIfPresent(resultId, forKey: .resultId)
            try container.encode(items, forKey: .items)
        case .unchanged(let resultId):
            try container.encode("unchanged", forKey: .kind)
            try container.encode(resultId, forKey: .resultId)
        }
    }
}

/// A result id the client holds for a document.
public struct PreviousResultId: Codable, Hashable, Sendable {
    /// The document.
    public var uri: DocumentURI
    /// The result id.
    public var value: String

    /// Builds the pair.
    public init(uri: DocumentURI, value: String) {
        self.uri = uri
        self.value = value
    }
}

/// Params of `workspace/diagnostic` (pull for every document).
public struct WorkspaceDiagnosticParams: LSPRequest {
    /// One report per document.
    public typealias Response = WorkspaceDiagnosticReport
    /// `workspace/diagnostic`.
    public static let method = LSPMethod.workspaceDiagnostic
    /// The provider identifier.
    public var identifier: String?
    /// What the client already has.
    public var previousResultIds: [PreviousResultId]
    /// A token for progress, if the client made one.
    public var workDoneToken: ProgressToken?
    /// A token for partial results (streamed via `$/progress`), if the client made one.
    public var partialResultToken: ProgressToken?

    /// Builds the params.
    public init(
        identifier: String? = nil, previousResultIds: [PreviousResultId], workDoneToken: ProgressToken? = nil,
        partialResultToken: ProgressToken? = nil
    ) {
        self.identifier = identifier
        self.previousResultIds = previousResultIds
        self.workDoneToken = workDoneToken
        self.partialResultToken = partialResultToken
    }
}

/// The result of `workspace/diagnostic`.
public struct WorkspaceDiagnosticReport: Codable, Hashable, Sendable {
    /// One report per document.
    public var items: [WorkspaceDocumentDiagnosticReport]

    /// Builds the report.
    public init(items: [WorkspaceDocumentDiagnosticReport]) { self.items = items }
}

/// A document's report inside a workspace report; `version` is written as `null` when unknown, as the spec requires.
public struct WorkspaceDocumentDiagnosticReport: Codable, Hashable, Sendable {
    /// The document.
    public var uri: DocumentURI
    /// The version of the open document, or nil for a file on disk.
    public var version: Int?
    /// The full or unchanged report.
    public var report: DocumentDiagnosticReport

    /// Builds the report.
    public init(uri: DocumentURI, version: Int?, report: DocumentDiagnosticReport) {
        self.uri = uri
        self.version = version
        self.report = report
    }

    /// The members added to the document report.
    enum CodingKeys: String, CodingKey {
        case uri, version
    }

    /// Decodes the flat object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(DocumentURI.self, forKey: .uri)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        report = try DocumentDiagnosticReport(from: decoder)
    }

    /// Encodes the flat object with `uri`, `version` (possibly null) and the report's members.
    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encode(version, forKey: .version)
    }
}

/// Params of the server-to-client `workspace/diagnostic/refresh` request (none).
public struct DiagnosticRefreshParams: LSPRequest {
    /// The client answers `null`.
    public typealias Response = LSPAny?
    /// `workspace/diagnostic/refresh`.
    public static let method = LSPMethod.workspaceDiagnosticRefresh
    /// No members.
    public init() {}
}
