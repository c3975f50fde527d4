/// What a document rule sees: one document, its resolved mentions, and the registries.
public struct DocumentRuleContext: Sendable {
    /// The document.
    public let document: Document
    /// The registries of its corpus.
    public let registries: Registries
    /// Each explicit mention with what its target resolves to, in document order.
    public let mentionResolutions: [(mention: MentionMarkup, resolution: MentionResolution)]

    /// A finding of `rule` in this document at its default severity (configuration applies later).
    public func finding(_ rule: String, _ message: String, at range: Range<Int>, fixes: [Fix] = [], related: [RelatedLocation] = []) -> Finding {
        Finding(rule: rule, severity: RuleCatalog.defaultSeverity(rule), message: message, path: document.path,
                range: range, fixes: fixes, related: related)
    }
}

/// A rule that looks at one document at a time; it reruns whenever that document changes.
protocol DocumentRule {
    /// The rule's id.
    static var id: String { get }
    /// The findings in one document.
    static func check(_ context: DocumentRuleContext) -> [Finding]
}

/// Applies the configuration to raw findings: drops rules turned off, sets severities, and
/// honours `<!-- marginalia-ignore RULE -->` suppressions of the finding's document.
public struct FindingPolicy: Sendable {
    let settings: [String: RuleSetting]

    /// Reads rule settings from a configuration.
    public init(_ configuration: Configuration) {
        settings = configuration.rules
    }

    /// The configured severity of a rule, nil when it is off.
    public func severity(of rule: String) -> Severity? {
        switch settings[rule] {
        case .off: return nil
        case .severity(let severity): return severity
        case nil: return RuleCatalog.defaultSeverity(rule)
        }
    }

    /// Whether a rule is on.
    public func isEnabled(_ rule: String) -> Bool { severity(of: rule) != nil }

    /// The findings that survive, with configured severities.
    public func apply(_ findings: [Finding], suppressions: [Suppression] = [], text: SourceText? = nil) -> [Finding] {
        var result: [Finding] = []
        result.reserveCapacity(findings.count)
        for var finding in findings {
            guard let severity = severity(of: finding.rule) else { continue }
            if let text, !suppressions.isEmpty {
                let line = text.line(containing: finding.range.lowerBound)
                if suppressions.contains(where: { $0.targetLine == line && ($0.rules.isEmpty || $0.rules.contains(finding.rule)) }) {
                    continue
                }
            }
            finding.severity = severity
            result.append(finding)
        }
        return result
    }
}

/// Citation keys with these prefixes are Pandoc/Quarto cross-references, not bibliography keys.
enum CrossReference {
    static let prefixes = ["fig-", "sec-", "tbl-", "eq-", "lst-", "thm-", "lem-", "def-"]

    /// Whether a key is a cross-reference (`@fig-map`).
    static func isCrossReference(_ key: String) -> Bool {
        prefixes.contains { key.hasPrefix($0) }
    }
}
