/// Typed reads of positioned JSON that record an issue, with the value's range, for every
/// value of the wrong type: how the registry parsers validate without a schema library.
struct RegistryJSONReader {
    /// The rule issues are filed under.
    let rule: String
    /// Issues recorded so far.
    var issues: [ParseIssue] = []

    /// Creates a reader filing issues under `rule`.
    init(rule: String = RuleID.invalidRegistry) {
        self.rule = rule
    }

    /// Records an issue.
    mutating func report(_ message: String, _ range: Range<Int>) {
        issues.append(ParseIssue(rule: rule, message: message, range: range))
    }

    /// The members of an object, or an issue naming what `what` should be.
    mutating func object(_ node: JSONNode, _ what: String) -> [JSONMember]? {
        if let members = node.members { return members }
        report("\(what) must be an object, not \(node.kindName)", node.range)
        return nil
    }

    /// A string, or an issue.
    mutating func string(_ node: JSONNode, _ what: String) -> String? {
        if let s = node.stringValue { return s }
        report("\(what) must be a string, not \(node.kindName)", node.range)
        return nil
    }

    /// A boolean, or an issue.
    mutating func bool(_ node: JSONNode, _ what: String) -> Bool? {
        if let b = node.boolValue { return b }
        report("\(what) must be true or false, not \(node.kindName)", node.range)
        return nil
    }

    /// An array of strings (non-strings are reported and skipped), or an issue.
    mutating func strings(_ node: JSONNode, _ what: String, allowSingle: Bool = false) -> [String]? {
        if allowSingle, let s = node.stringValue { return [s] }
        guard let elements = node.elements else {
            report("\(what) must be \(allowSingle ? "a string or " : "")an array of strings, not \(node.kindName)", node.range)
            return nil
        }
        var result: [String] = []
        for element in elements {
            if let s = element.stringValue {
                result.append(s)
            } else {
                report("each item of \(what) must be a string, not \(element.kindName)", element.range)
            }
        }
        return result
    }

    /// Reports a member the format does not define (the value is otherwise ignored).
    mutating func unknown(_ member: JSONMember, in what: String, known: [String]) {
        report("unknown key \"\(member.key)\" in \(what) (known: \(known.joined(separator: ", ")))", member.keyRange)
    }

    /// Parses `text`, recording syntax errors, and returns the top-level object's members.
    mutating func topLevelObject(_ text: SourceText, what: String) -> (node: JSONNode, members: [JSONMember])? {
        let (value, parseIssues) = PositionedJSON.parse(text, rule: rule)
        issues.append(contentsOf: parseIssues)
        guard let value else { return nil }
        guard let members = value.members else {
            report("\(what) must be a JSON object, not \(value.kindName)", value.range)
            return nil
        }
        return (value, members)
    }
}
