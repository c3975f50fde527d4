import Foundation
import MarginaliaCore

/// `marginalia init [DIR]`: writes a starter configuration, entity registry and codebook.
enum InitCommand {
    /// Base of the schemas' `$id`s: absolute URLs, because a relative `$schema` would depend on
    /// where the corpus sits relative to a checkout of this repository.
    static let schemaBase = "https://marginalia.example/schemas/"

    /// The files written, by name.
    static var files: [(name: String, content: String)] {
        [
            ("marginalia.json", """
            {
              "$schema": "\(schemaBase)marginalia.schema.json",
              "documents": ["**/*.md", "**/*.markdown", "**/*.txt"],
              "exclude": [],
              "sources": ["**/*.bib", "**/*.csl.json", "references.json"],
              "entities": ["entities.json"],
              "codebook": "codebook.json",
              "mentions": { "implicit": true },
              "rules": {}
            }

            """),
            ("entities.json", """
            {
              "$schema": "\(schemaBase)entities.schema.json",
              "entities": {}
            }

            """),
            ("codebook.json", codebook),
        ]
    }

    /// The built-in codebook written out, so that it can be edited.
    static var codebook: String {
        func entry(_ type: CodeType, last: Bool) -> String {
            var fields: [String] = []
            if let description = type.description { fields.append("\"description\": \"\(Fixes.jsonEscaped(description))\"") }
            if let parent = type.parent { fields.append("\"parent\": \"\(Fixes.jsonEscaped(parent))\"") }
            if let requires = type.requiresCitation { fields.append("\"requiresCitation\": \(requires)") }
            if !type.attributes.isEmpty {
                let attributes = type.attributes.map { attribute in
                    "\"\(Fixes.jsonEscaped(attribute.name))\": { \"description\": \"\(Fixes.jsonEscaped(attribute.description ?? ""))\" }"
                }
                fields.append("\"attributes\": { " + attributes.joined(separator: ", ") + " }")
            }
            return "    \"\(Fixes.jsonEscaped(type.name))\": { " + fields.joined(separator: ", ") + " }" + (last ? "" : ",")
        }
        let types = Codebook.builtIn.types.enumerated().map { entry($1, last: $0 == Codebook.builtIn.types.count - 1) }
        let entityTypes = Codebook.builtIn.entityTypes.enumerated().map { entry($1, last: $0 == Codebook.builtIn.entityTypes.count - 1) }
        return "{\n  \"$schema\": \"\(schemaBase)codebook.schema.json\",\n  \"types\": {\n" + types.joined(separator: "\n")
            + "\n  },\n  \"entityTypes\": {\n" + entityTypes.joined(separator: "\n") + "\n  }\n}\n"
    }

    /// Runs the command; returns the exit status.
    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let parsed = try ParsedArguments.parse(arguments, options: [], flags: [])
        if parsed.has("help") { Terminal.out(Help.initialize); return 0 }
        if parsed.positionals.count > 1 { throw UsageError(message: "init takes at most one DIR") }
        let directory = Terminal.absolute(parsed.positionals.first ?? ".")
        let existing = files.map { directory + "/" + $0.name }.filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty {
            throw UsageError(message: "not overwriting " + existing.map { "'\(Terminal.display($0))'" }.joined(separator: ", ")
                + "; nothing was written")
        }
        try Terminal.makeDirectory(directory)
        for file in files {
            try Terminal.writeAtomically(file.content, to: directory + "/" + file.name)
            Terminal.out("created \(Terminal.display(directory + "/" + file.name))\n")
        }
        return 0
    }
}
