import Foundation
import MarginaliaCore

/// `marginalia stats`: claims cited and uncited, citations, notes, mentions.
enum StatsCommand {
    /// Runs the command; returns the exit status.
    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let parsed = try ParsedArguments.parse(arguments, options: ["format", "root"], flags: ["no-progress"])
        if parsed.has("help") { Terminal.out(Help.stats); return 0 }
        let format = try parsed.choice("format", among: ["text", "json", "csv"], default: "text")
        if let extra = parsed.positionals.first { throw UsageError(message: "unexpected argument '\(extra)'") }
        let root = try CorpusSession.root(option: parsed.value("root"), start: nil)
        let corpus = try CorpusSession.load(root: root, progress: !parsed.has("no-progress") && format == "text")
        let statistics = corpus.statistics
        func name(_ path: String) -> String { Baseline.relativePath(path, root: corpus.root) }
        switch format {
        case "json": Terminal.out(json(statistics, name: name))
        case "csv": Terminal.out(csv(statistics, name: name))
        default: Terminal.out(text(statistics, name: name))
        }
        return 0
    }

    /// Aligned tables: documents, then entities, then sources.
    static func text(_ statistics: CorpusStatistics, name: (String) -> String) -> String {
        var documentRows = [["document", "claims", "cited", "uncited", "citations", "notes", "mentions", "implicit"]]
        for row in statistics.documents {
            documentRows.append([name(row.path), "\(row.claims)", "\(row.citedClaims)", "\(row.uncitedClaims)", "\(row.citations)",
                                 "\(row.notes)", "\(row.explicitMentions)", "\(row.implicitMentions)"])
        }
        let totals = statistics.documents
        documentRows.append(["total", "\(totals.reduce(0) { $0 + $1.claims })", "\(totals.reduce(0) { $0 + $1.citedClaims })",
                             "\(totals.reduce(0) { $0 + $1.uncitedClaims })", "\(totals.reduce(0) { $0 + $1.citations })",
                             "\(totals.reduce(0) { $0 + $1.notes })", "\(totals.reduce(0) { $0 + $1.explicitMentions })",
                             "\(totals.reduce(0) { $0 + $1.implicitMentions })"])
        var entityRows = [["entity", "name", "mentions", "implicit", "documents"]]
        for row in statistics.entities {
            entityRows.append([row.name, row.label, "\(row.explicitUses)", "\(row.implicitUses)", "\(row.documents)"])
        }
        var sourceRows = [["source", "reference", "citations", "documents"]]
        for row in statistics.sources {
            sourceRows.append([row.name, row.label, "\(row.explicitUses)", "\(row.documents)"])
        }
        return [table(documentRows), table(entityRows), table(sourceRows)].joined(separator: "\n")
    }

    /// Columns padded to their widest cell (in code points); numbers right-aligned.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.unicodeScalars.count) } }
        var out = ""
        for (rowIndex, row) in rows.enumerated() {
            var cells: [String] = []
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.unicodeScalars.count)
                let numeric = rowIndex > 0 && !cell.isEmpty && cell.allSatisfy(\.isNumber)
                cells.append(numeric ? padding + cell : cell + padding)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// One CSV (RFC 4180) with a `section` column: document, entity or source rows.
    static func csv(_ statistics: CorpusStatistics, name: (String) -> String) -> String {
        var lines = ["section,name,label,claims,cited_claims,uncited_claims,citations,notes,mentions,implicit_mentions,documents"]
        func field(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        for row in statistics.documents {
            lines.append(["document", field(name(row.path)), "", "\(row.claims)", "\(row.citedClaims)", "\(row.uncitedClaims)",
                          "\(row.citations)", "\(row.notes)", "\(row.explicitMentions)", "\(row.implicitMentions)", "1"].joined(separator: ","))
        }
        for row in statistics.entities {
            lines.append(["entity", field(row.name), field(row.label), "", "", "", "", "", "\(row.explicitUses)", "\(row.implicitUses)",
                          "\(row.documents)"].joined(separator: ","))
        }
        for row in statistics.sources {
            lines.append(["source", field(row.name), field(row.label), "", "", "", "\(row.explicitUses)", "", "", "",
                          "\(row.documents)"].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `{version, documents, entities, sources}`.
    static func json(_ statistics: CorpusStatistics, name: (String) -> String) -> String {
        let documents: [JSON] = statistics.documents.map { row in
            .object([("file", .string(name(row.path))), ("claims", .int(row.claims)), ("citedClaims", .int(row.citedClaims)),
                     ("uncitedClaims", .int(row.uncitedClaims)), ("citations", .int(row.citations)), ("notes", .int(row.notes)),
                     ("explicitMentions", .int(row.explicitMentions)), ("implicitMentions", .int(row.implicitMentions))])
        }
        let entities: [JSON] = statistics.entities.map { row in
            .object([("id", .string(row.name)), ("name", .string(row.label)), ("explicitMentions", .int(row.explicitUses)),
                     ("implicitMentions", .int(row.implicitUses)), ("documents", .int(row.documents))])
        }
        let sources: [JSON] = statistics.sources.map { row in
            .object([("key", .string(row.name)), ("reference", .string(row.label)), ("citations", .int(row.explicitUses)),
                     ("documents", .int(row.documents))])
        }
        return JSON.object([("version", .int(1)), ("documents", .array(documents)), ("entities", .array(entities)),
                            ("sources", .array(sources))]).text
    }
}
