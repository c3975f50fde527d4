import Foundation
import MarginaliaCore

/// SARIF 2.1.0 for code-scanning uploads. Columns count Unicode code points
/// (`run.columnKind = unicodeCodePoints`), as do `charOffset` and `charLength`.
enum SARIFReporter {
    /// The schema URI written in `$schema`.
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// Where the tool is documented.
    static let informationURI = "https://github.com/marginalia-tools/marginalia"

    /// The SARIF log for findings with their fingerprints.
    static func report(_ findings: [(finding: Finding, fingerprint: String)], corpus: Corpus, positions: PositionCache) -> String {
        let rules = RuleCatalog.all
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { ruleIndex[rule.id] = index }
        let rulesJSON: [JSON] = rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("shortDescription", .object([("text", .string(rule.summary))])),
                ("fullDescription", .object([("text", .string(rule.summary + " " + rule.help))])),
                ("help", .object([("text", .string(rule.help)), ("markdown", .string("**\(rule.summary)**\n\n\(rule.help)"))])),
                ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
                ("properties", .object([("tags", .array([.string(rule.group)])), ("hasFix", .bool(rule.hasFix))])),
            ])
        }
        let root = corpus.root
        func location(_ path: String, _ range: Range<Int>) -> JSON {
            .object([("physicalLocation", .object([
                ("artifactLocation", artifact(path, root: root)), ("region", region(range, positions.mapper(path))),
            ]))])
        }
        let results: [JSON] = findings.map { item in
            let finding = item.finding
            var members: [(String, JSON)] = [("ruleId", .string(finding.rule))]
            if let index = ruleIndex[finding.rule] { members.append(("ruleIndex", .int(index))) }
            members += [
                ("level", .string(level(finding.severity))),
                ("message", .object([("text", .string(finding.message))])),
                ("locations", .array([location(finding.path, finding.range)])),
                ("partialFingerprints", .object([(Baseline.scheme, .string(item.fingerprint))])),
            ]
            if !finding.related.isEmpty {
                members.append(("relatedLocations", .array(finding.related.enumerated().map { index, related in
                    guard case .object(var fields) = location(related.path, related.range) else { return .null }
                    fields.insert(("id", .int(index + 1)), at: 0)
                    fields.append(("message", .object([("text", .string(related.message))])))
                    return .object(fields)
                })))
            }
            if !finding.fixes.isEmpty {
                members.append(("fixes", .array(finding.fixes.map { fix($0, root: root, positions: positions) })))
            }
            return .object(members)
        }
        let run = JSON.object([
            ("tool", .object([("driver", .object([
                ("name", .string("marginalia")), ("version", .string(MarginaliaCommand.version)),
                ("semanticVersion", .string(MarginaliaCommand.version)), ("informationUri", .string(informationURI)),
                ("rules", .array(rulesJSON)),
            ]))])),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(directoryURI(root)))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return JSON.object([("$schema", .string(schemaURI)), ("version", .string("2.1.0")), ("runs", .array([run]))]).text
    }

    /// SARIF level for a severity: hint and info are notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info, .hint: "note"
        }
    }

    /// An artifact location relative to `%SRCROOT%` (absolute file URI when outside the root).
    static func artifact(_ path: String, root: String) -> JSON {
        let relative = Baseline.relativePath(path, root: root)
        if relative == path { return .object([("uri", .string(fileURI(path)))]) }
        return .object([("uri", .string(percentEncoded(relative))), ("uriBaseId", .string("%SRCROOT%"))])
    }

    /// A region in code points: 1-based lines and columns, exclusive end, offset and length.
    static func region(_ range: Range<Int>, _ mapper: PositionMapper) -> JSON {
        let start = mapper.lineColumn(range.lowerBound)
        let end = mapper.lineColumn(range.upperBound)
        let startOffset = mapper.codePointOffset(range.lowerBound)
        return .object([
            ("startLine", .int(start.line)), ("startColumn", .int(start.column)), ("endLine", .int(end.line)),
            ("endColumn", .int(end.column)), ("charOffset", .int(startOffset)),
            ("charLength", .int(mapper.codePointOffset(range.upperBound) - startOffset)),
        ])
    }

    /// A SARIF fix: edits as replacements; created files as insertions into a new artifact.
    static func fix(_ fix: Fix, root: String, positions: PositionCache) -> JSON {
        var changes: [JSON] = []
        for (path, edits) in fix.change.editsByFile.sorted(by: { $0.key < $1.key }) {
            let mapper = positions.mapper(path)
            let replacements: [JSON] = edits.map { edit in
                .object([("deletedRegion", region(edit.range, mapper)), ("insertedContent", .object([("text", .string(edit.newText))]))])
            }
            changes.append(.object([("artifactLocation", artifact(path, root: root)), ("replacements", .array(replacements))]))
        }
        for (path, content) in fix.change.createdFiles.sorted(by: { $0.key < $1.key }) {
            let insertion = JSON.object([
                ("deletedRegion", .object([("charOffset", .int(0)), ("charLength", .int(0))])),
                ("insertedContent", .object([("text", .string(content))])),
            ])
            changes.append(.object([("artifactLocation", artifact(path, root: root)), ("replacements", .array([insertion]))]))
        }
        return .object([("description", .object([("text", .string(fix.title))])), ("artifactChanges", .array(changes))])
    }

    /// `file:///...` for an absolute path.
    static func fileURI(_ path: String) -> String { "file://" + percentEncoded(path) }

    /// `file:///root/` (with the trailing slash SARIF requires of base URIs).
    static func directoryURI(_ path: String) -> String { fileURI(path.hasSuffix("/") ? path : path + "/") }

    /// A path with characters outside RFC 3986 path characters percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
