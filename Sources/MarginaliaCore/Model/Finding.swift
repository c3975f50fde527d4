/// How serious a finding is. Ordered: `hint < info < warning < error`.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case hint, info, warning, error

    var rank: Int {
        switch self {
        case .hint: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One text replacement in one file: the unit of every fix and rename.
public struct TextEdit: Sendable, Hashable {
    /// Absolute path of the file the edit applies to.
    public var path: String
    /// Byte range replaced (empty for an insertion).
    public var range: Range<Int>
    /// The new text.
    public var newText: String

    /// Creates an edit.
    public init(path: String, range: Range<Int>, newText: String) {
        self.path = path
        self.range = range
        self.newText = newText
    }
}

/// A set of edits that together make one change, possibly creating files.
public struct WorkspaceChange: Sendable, Hashable {
    /// Files to create before applying edits (path and initial content).
    public var createdFiles: [String: String]
    /// Edits to existing files, in no particular order; ranges never overlap within a file.
    public var edits: [TextEdit]

    /// Creates a change.
    public init(createdFiles: [String: String] = [:], edits: [TextEdit] = []) {
        self.createdFiles = createdFiles
        self.edits = edits
    }

    /// Edits grouped by file, each group sorted by position.
    public var editsByFile: [String: [TextEdit]] {
        Dictionary(grouping: edits, by: \.path).mapValues { $0.sorted { $0.range.lowerBound < $1.range.lowerBound } }
    }
}

/// A fix offered for a finding: a title and the change it makes.
public struct Fix: Sendable, Hashable {
    /// What the editor shows ("Create source entry 'smith2020'").
    public var title: String
    /// The change.
    public var change: WorkspaceChange

    /// Creates a fix.
    public init(title: String, change: WorkspaceChange) {
        self.title = title
        self.change = change
    }
}

/// A place related to a finding (the first definition of a duplicate, say).
public struct RelatedLocation: Sendable, Hashable {
    /// Absolute path.
    public var path: String
    /// Byte range.
    public var range: Range<Int>
    /// What it is.
    public var message: String

    /// Creates a related location.
    public init(path: String, range: Range<Int>, message: String) {
        self.path = path
        self.range = range
        self.message = message
    }
}

/// One problem found in a file, with its rule, severity and exact byte range.
public struct Finding: Sendable, Hashable {
    /// The rule's stable id, e.g. `unknown-citation-key`.
    public var rule: String
    /// The severity after configuration.
    public var severity: Severity
    /// The message shown to the user.
    public var message: String
    /// Absolute path of the file.
    public var path: String
    /// Byte range in that file.
    public var range: Range<Int>
    /// Fixes, best first.
    public var fixes: [Fix]
    /// Related places.
    public var related: [RelatedLocation]

    /// Creates a finding.
    public init(
        rule: String, severity: Severity, message: String, path: String, range: Range<Int>,
        fixes: [Fix] = [], related: [RelatedLocation] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.fixes = fixes
        self.related = related
    }
}

/// A problem found while parsing one file, before it is attached to a path and a severity.
///
/// Parsers know the rule and the range; the workspace adds the path and applies the config.
public struct ParseIssue: Sendable, Hashable {
    /// The rule id (see `RuleID`).
    public var rule: String
    /// The message.
    public var message: String
    /// Byte range in the parsed file.
    public var range: Range<Int>

    /// Creates an issue.
    public init(rule: String, message: String, range: Range<Int>) {
        self.rule = rule
        self.message = message
        self.range = range
    }
}
