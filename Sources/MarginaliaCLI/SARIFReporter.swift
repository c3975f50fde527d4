import Foundation
import MarginaliaCore

/// SARIF 2.1.0 for code-scanning uploads. Columns count Unicode code points
/// (`run.columnKind = unicodeCodePoints`), as do `charOffset` and `charLength`.
enum SARIFReporter {
    /// The schema URI written in `$schema`.
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// Where the tool is documented.
    static let informationURI = "https://github.com/marginalia-tools/marginalia"

    /// Streams the SARIF log for findings and their fingerprint hashes (same order) to `out`.
    static func report(_ findings: [Finding], fingerprints: [UInt64], root: String, positions: PositionTracker, to out: ByteWriter) {
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
        let json = JSONWriter(out)
        json.beginObject()
        json.member("$schema", schemaURI)
        json.member("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("tool")
        json.value(.object([("driver", .object([
            ("name", .string("marginalia")), ("version", .string(MarginaliaCommand.version)),
            ("semanticVersion", .string(MarginaliaCommand.version)), ("informationUri", .string(informationURI)),
            ("rules", .array(rulesJSON)),
        ]))]))
        json.key("originalUriBaseIds")
        json.value(.object([("%SRCROOT%", .object([("uri", .string(directoryURI(root)))]))]))
        json.member("columnKind", "unicodeCodePoints")
        json.key("results")
        json.beginArray()
        var artifacts = ArtifactCache(root: root)
        for (position, finding) in findings.enumerated() {
            let file = positions.finding(finding.path)
            json.beginObject()
            json.member("ruleId", finding.rule)
            if let index = ruleIndex[finding.rule] { json.member("ruleIndex", index) }
            json.member("level", level(finding.severity))
            json.key("message")
            json.beginObject()
            json.member("text", finding.message)
            json.endObject()
            json.key("locations")
            json.beginArray()
            json.beginObject()
            writePhysicalLocation(finding.path, finding.range, file: file, sorted: true, artifacts: &artifacts, to: json)
            json.endObject()
            json.endArray()
            json.key("partialFingerprints")
            json.beginObject()
            json.key(escaping: Baseline.scheme)
            json.string(position < fingerprints.count ? Baseline.hex(fingerprints[position]) : "")
            json.endObject()
            if !finding.related.isEmpty {
                json.key("relatedLocations")
                json.beginArray()
                for (index, related) in finding.related.enumerated() {
                    json.beginObject()
                    json.member("id", index + 1)
                    writePhysicalLocation(related.path, related.range, file: positions.file(related.path), sorted: false,
                                          artifacts: &artifacts, to: json)
                    json.key("message")
                    json.beginObject()
                    json.member("text", related.message)
                    json.endObject()
                    json.endObject()
                }
                json.endArray()
            }
            if !finding.fixes.isEmpty {
                json.key("fixes")
                json.beginArray()
                for fix in finding.fixes { writeFix(fix, positions: positions, artifacts: &artifacts, to: json) }
                json.endArray()
            }
            json.endObject()
            out.flushIfFull()
        }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
        out.append(UInt8(ascii: "\n"))
    }

    /// `"physicalLocation": {artifactLocation, region}` as a member of the open object.
    private static func writePhysicalLocation(_ path: String, _ range: Range<Int>, file: FilePositions, sorted: Bool,
                                              artifacts: inout ArtifactCache, to json: JSONWriter) {
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.value(artifacts.artifact(path))
        json.key("region")
        writeRegion(range, file: file, sorted: sorted, to: json)
        json.endObject()
    }

    /// A region in code points: 1-based lines and columns, exclusive end, offset and length.
    /// `sorted` uses the file's start and end cursors (a finding's own range), else the cursor
    /// for out-of-order places.
    private static func writeRegion(_ range: Range<Int>, file: FilePositions, sorted: Bool, to json: JSONWriter) {
        let start = sorted ? file.starts.position(range.lowerBound) : file.others.position(range.lowerBound)
        let end = sorted ? file.ends.position(range.upperBound) : file.others.position(range.upperBound)
        let startOffset = file.codePointOffset(zeroBasedLine: start.zeroBasedLine, zeroBasedColumn: start.zeroBasedColumn)
        let endOffset = file.codePointOffset(zeroBasedLine: end.zeroBasedLine, zeroBasedColumn: end.zeroBasedColumn)
        json.beginObject()
        json.member("startLine", start.zeroBasedLine + 1)
        json.member("startColumn", start.zeroBasedColumn + 1)
        json.member("endLine", end.zeroBasedLine + 1)
        json.member("endColumn", end.zeroBasedColumn + 1)
        json.member("charOffset", startOffset)
        json.member("charLength", endOffset - startOffset)
        json.endObject()
    }

    /// A SARIF fix: edits as replacements; created files as insertions into a new artifact.
    private static func writeFix(_ fix: Fix, positions: PositionTracker, artifacts: inout ArtifactCache, to json: JSONWriter) {
        json.beginObject()
        json.key("description")
        json.beginObject()
        json.member("text", fix.title)
        json.endObject()
        json.key("artifactChanges")
        json.beginArray()
        for (path, edits) in fix.change.editsByFile.sorted(by: { $0.key < $1.key }) {
            let file = positions.file(path)
            json.beginObject()
            json.key("artifactLocation")
            json.value(artifacts.artifact(path))
            json.key("replacements")
            json.beginArray()
            for edit in edits {
                json.beginObject()
                json.key("deletedRegion")
                writeRegion(edit.range, file: file, sorted: false, to: json)
                json.key("insertedContent")
                json.beginObject()
                json.member("text", edit.newText)
                json.endObject()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        for (path, content) in fix.change.createdFiles.sorted(by: { $0.key < $1.key }) {
            json.beginObject()
            json.key("artifactLocation")
            json.value(artifacts.artifact(path))
            json.key("replacements")
            json.value(.array([.object([
                ("deletedRegion", .object([("charOffset", .int(0)), ("charLength", .int(0))])),
                ("insertedContent", .object([("text", .string(content))])),
            ])]))
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// Artifact locations by path: percent-encoding a path costs more than a finding's JSON.
    struct ArtifactCache {
        /// The corpus root (`%SRCROOT%`).
        let root: String
        private var lastPath = ""
        private var last = JSON.null

        /// A cache for one report.
        init(root: String) { self.root = root }

        /// `artifact(path, root:)`, remembered for the last path.
        mutating func artifact(_ path: String) -> JSON {
            if path == lastPath, case .object = last { return last }
            lastPath = path
            last = SARIFReporter.artifact(path, root: root)
            return last
        }
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
