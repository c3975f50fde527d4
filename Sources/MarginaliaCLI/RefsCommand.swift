import Foundation
import MarginaliaCore

/// `marginalia refs TARGET`: the definition and every use of a target.
enum RefsCommand {
    /// Runs the command; returns the exit status.
    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let parsed = try ParsedArguments.parse(arguments, options: ["format", "root"], flags: ["no-progress"])
        if parsed.has("help") { Terminal.out(Help.refs); return 0 }
        let format = try parsed.choice("format", among: ["text", "json"], default: "text")
        guard parsed.positionals.count == 1, let name = parsed.positionals.first else {
            throw UsageError(message: "refs takes exactly one TARGET")
        }
        let root = try CorpusSession.root(option: parsed.value("root"), start: nil)
        let corpus = try CorpusSession.load(root: root, progress: !parsed.has("no-progress") && format == "text")
        let targets = corpus.targets(named: name)
        if targets.isEmpty {
            let near = corpus.suggestions(forTarget: name)
            let hint = near.isEmpty ? "" : "; did you mean " + near.map { "'\($0)'" }.joined(separator: ", ") + "?"
            Terminal.err("marginalia: unknown target '\(name)'\(hint)\n")
            return 1
        }
        let positions = PositionCache(corpus)
        var text = ""
        var targetsJSON: [JSON] = []
        for target in targets {
            let occurrences = corpus.references(to: target, includeDefinitions: true)
            let definitions = occurrences.filter(\.isDefinition)
            let uses = occurrences.filter { !$0.isDefinition }
            var label = "\(target.kindName) \(target.name)"
            if case .note(let path, _) = target { label += " in \(Terminal.display(path))" }
            text += "\(label): \(definitions.count) definition\(definitions.count == 1 ? "" : "s"), \(uses.count) use\(uses.count == 1 ? "" : "s")\n"
            func entry(_ occurrence: Occurrence) -> (line: String, json: JSON) {
                let mapper = positions.mapper(occurrence.path)
                let (line, column) = mapper.lineColumn(occurrence.range.lowerBound)
                let lineText = excerpt(mapper.text, line: line - 1)
                let location = "\(Terminal.display(occurrence.path)):\(line):\(column):"
                let marker = occurrence.isDefinition ? " [definition]" : ""
                let json = JSON.object([
                    ("file", .string(Terminal.display(occurrence.path))), ("kind", .string(occurrence.kind.rawValue)),
                    ("range", mapper.json(occurrence.range)), ("text", .string(lineText)),
                ])
                return ("\(location)\(marker) \(lineText)\n", json)
            }
            let definitionEntries = definitions.map(entry)
            let useEntries = uses.map(entry)
            text += (definitionEntries + useEntries).map(\.line).joined()
            var members: [(String, JSON)] = [("kind", .string(target.kindName)), ("name", .string(target.name))]
            if case .note(let path, _) = target { members.append(("document", .string(Terminal.display(path)))) }
            members += [("definitions", .array(definitionEntries.map(\.json))), ("uses", .array(useEntries.map(\.json)))]
            targetsJSON.append(.object(members))
        }
        Terminal.out(format == "json" ? JSON.object([("query", .string(name)), ("targets", .array(targetsJSON))]).text : text)
        return 0
    }

    /// A line's text, trimmed, cut to about 200 code points around nothing in particular
    /// (long single-line files must not flood the terminal).
    static func excerpt(_ text: SourceText, line: Int) -> String {
        let full = text.lineText(line).trimmingCharacters(in: .whitespaces)
        let scalars = full.unicodeScalars
        guard scalars.count > 200 else { return full }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars.prefix(200))
        return String(result) + "…"
    }
}
