/// Params of the server-to-client `window/workDoneProgress/create` request.
public struct WorkDoneProgressCreateParams: LSPRequest {
    /// The client answers `null`.
    public typealias Response = LSPAny?
    /// `window/workDoneProgress/create`.
    public static let method = LSPMethod.workDoneProgressCreate
    /// The token to report under.
    public var token: ProgressToken

    /// Builds the params.
    public init(token: ProgressToken) { self.token = token }
}

/// Params of `window/workDoneProgress/cancel` (the user cancelled a progress).
public struct WorkDoneProgressCancelParams: LSPNotification {
    /// `window/workDoneProgress/cancel`.
    public static let method = LSPMethod.workDoneProgressCancel
    /// The token.
    public var token: ProgressToken

    /// Builds the params.
    public init(token: ProgressToken) { self.token = token }
}

/// The value of a work-done `$/progress` notification.
public enum WorkDoneProgress: Codable, Hashable, Sendable {
    /// Starts a progress.
    case begin(WorkDoneProgressBegin)
    /// Reports on it.
    case report(WorkDoneProgressReport)
    /// Ends it.
    case end(WorkDoneProgressEnd)

    /// The discriminator.
    enum KindKey: String, CodingKey {
        case kind
    }

    /// Decodes by `kind`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "begin": self = .begin(try WorkDoneProgressBegin(from: decoder))
        case "report": self = .report(try WorkDoneProgressReport(from: decoder))
        default: self = .end(try WorkDoneProgressEnd(from: decoder))
        }
    }

    /// Encodes the wrapped value (which carries its own `kind`).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .begin(let value): try value.encode(to: encoder)
        case .report(let value): try value.encode(to: encoder)
        case .end(let value): try value.encode(to: encoder)
        }
    }
}

/// Starts a progress.
public struct WorkDoneProgressBegin: Codable, Hashable, Sendable {
    /// Always `begin`.
    public var kind: String = "begin"
    /// The title (e.g. "Indexing").
    public var title: String
    /// Whether the user may cancel.
    public var cancellable: Bool?
    /// Detail.
    public var message: String?
    /// 0-100.
    public var percentage: Int?

    /// Builds the value.
    public init(title: String, cancellable: Bool? = nil, message: String? = nil, percentage: Int? = nil) {
        self.title = title
        self.cancellable = cancellable
        self.message = message
        self.percentage = percentage
    }
}

/// Reports on a progress.
public struct WorkDoneProgressReport: Codable, Hashable, Sendable {
    /// Always `report`.
    public var kind: String = "report"
    /// Whether the user may cancel.
    public var cancellable: Bool?
    /// Detail.
    public var message: String?
    /// 0-100.
    public var percentage: Int?

    /// Builds the value.
    public init(cancellable: Bool? = nil, message: String? = nil, percentage: Int? = nil) {
        self.cancellable = cancellable
        self.message = message
        self.percentage = percentage
    }
}

/// Ends a progress.
public struct WorkDoneProgressEnd: Codable, Hashable, Sendable {
    /// Always `end`.
    public var kind: String = "end"
    /// A final message.
    public var message: String?

    /// Builds the value.
    public init(message: String? = nil) { self.message = message }
}

/// Params of `$/progress` for work-done progress.
public struct ProgressParams: LSPNotification {
    /// `$/progress`.
    public static let method = LSPMethod.progress
    /// The token from `window/workDoneProgress/create` or the request's `workDoneToken`.
    public var token: ProgressToken
    /// Begin, report or end.
    public var value: WorkDoneProgress

    /// Builds the params.
    public init(token: ProgressToken, value: WorkDoneProgress) {
        self.token = token
        self.value = value
    }
}

/// Params of `$/cancelRequest`.
public struct CancelParams: LSPNotification {
    /// `$/cancelRequest`.
    public static let method = LSPMethod.cancelRequest
    /// The request to cancel.
    public var id: RequestID

    /// Builds the params.
    public init(id: RequestID) { self.id = id }
}

/// Params of `$/setTrace`.
public struct SetTraceParams: LSPNotification {
    /// `$/setTrace`.
    public static let method = LSPMethod.setTrace
    /// The new trace level.
    public var value: TraceValue

    /// Builds the params.
    public init(value: TraceValue) { self.value = value }
}

/// Params of `$/logTrace`.
public struct LogTraceParams: LSPNotification {
    /// `$/logTrace`.
    public static let method = LSPMethod.logTrace
    /// The message.
    public var message: String
    /// Verbose detail, when tracing is verbose.
    public var verbose: String?

    /// Builds the params.
    public init(message: String, verbose: String? = nil) {
        self.message = message
        self.verbose = verbose
    }
}

/// Params of `window/logMessage`.
public struct LogMessageParams: LSPNotification {
    /// `window/logMessage`.
    public static let method = LSPMethod.logMessage
    /// The severity.
    public var type: MessageType
    /// The message.
    public var message: String

    /// Builds the params.
    public init(type: MessageType, message: String) {
        self.type = type
        self.message = message
    }
}

/// Params of `window/showMessage`.
public struct ShowMessageParams: LSPNotification {
    /// `window/showMessage`.
    public static let method = LSPMethod.showMessage
    /// The severity.
    public var type: MessageType
    /// The message.
    public var message: String

    /// Builds the params.
    public init(type: MessageType, message: String) {
        self.type = type
        self.message = message
    }
}
