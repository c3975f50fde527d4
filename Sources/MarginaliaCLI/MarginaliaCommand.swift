import Foundation
import MarginaliaCore

/// Entry point of the `marginalia` command line.
public enum MarginaliaCommand {
    /// The version `--version` prints.
    public static let version = "0.1.0"

    /// Parses the process arguments, runs a command and exits with its status.
    public static func main() {
        signal(SIGPIPE, SIG_IGN)
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs a command line (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            Terminal.err(Help.main)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do throws(UsageError) {
            switch first {
            case "--version", "-V", "version":
                Terminal.out("marginalia \(version)\n")
                return 0
            case "--help", "-h":
                Terminal.out(Help.main)
                return 0
            case "help":
                guard let name = rest.first else { Terminal.out(Help.main); return 0 }
                guard let text = Help.command(name) else { throw UsageError(message: "unknown command '\(name)'") }
                Terminal.out(text)
                return 0
            case "check": return try CheckCommand.run(rest)
            case "refs": return try RefsCommand.run(rest)
            case "stats": return try StatsCommand.run(rest)
            case "export": return try ExportCommand.run(rest)
            case "init": return try InitCommand.run(rest)
            case "lsp": return try LSPCommand.run(rest)
            default:
                let known = ["check", "refs", "stats", "export", "init", "lsp", "help"]
                let near = Suggestions.nearest(to: first, among: known, limit: 1)
                throw UsageError(message: "unknown command '\(first)'" + (near.first.map { "; did you mean '\($0)'?" } ?? ""))
            }
        } catch {
            Terminal.err("marginalia: \(error.message)\nRun 'marginalia --help' for usage.\n")
            return 2
        }
    }
}

/// Help texts, one per command.
enum Help {
    /// `marginalia --help`.
    static let main = """
    marginalia \(MarginaliaCommand.version): check and query an annotated text corpus

    USAGE: marginalia <command> [options]

    COMMANDS:
      check [PATH...]   report findings (exit 1 at or above --fail-on)
      refs TARGET       the definition and every use of a source, entity, note or type
      stats             claims cited and uncited, citations, notes, mentions
      export            annotations as JSON, W3C Web Annotation or brat standoff
      init [DIR]        write marginalia.json, entities.json and codebook.json
      lsp               serve the language server on stdin/stdout
      help COMMAND      help for one command

    OPTIONS:
      --version         print the version
      -h, --help        print this help

    """

    /// Help for one command by name.
    static func command(_ name: String) -> String? {
        switch name {
        case "check": check
        case "refs": refs
        case "stats": stats
        case "export": export
        case "init": initialize
        case "lsp": lsp
        default: nil
        }
    }

    static let check = """
    USAGE: marginalia check [PATH...] [options]

    Runs every rule over the corpus and reports findings in the given files or folders
    (all of the corpus when no PATH is given; the whole corpus is always read, so that
    cross-references resolve).

    OPTIONS:
      --format FORMAT        text (default), json, sarif or github
      --fail-on SEVERITY     exit 1 when a finding is at or above it: hint, info,
                             warning (default), error, or never
      --baseline FILE        report only findings whose fingerprint FILE does not hold
      --write-baseline FILE  write the fingerprints of the current findings to FILE
      --root DIR             the corpus root (default: the nearest folder at or above
                             the first PATH or the current folder holding marginalia.json)
      --no-progress          never draw a progress line
      -h, --help             print this help

    Text lines read `path:line:column: severity: message [rule]`; lines and columns are
    1-based, columns count Unicode code points. The summary line goes to stderr.
    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.

    """

    static let refs = """
    USAGE: marginalia refs TARGET [options]

    Prints the definition(s) and every use of TARGET as `path:line:column: text of the line`,
    definitions first and marked. TARGET is a citation key (`@key` or `key`), an entity id,
    name or alias, a type, an annotation id (`#id`), or a note label (`^label` or `[^label]`).
    Exit status 1 when TARGET is unknown (the nearest names are suggested).

    OPTIONS:
      --format FORMAT   text (default) or json
      --root DIR        the corpus root
      -h, --help        print this help

    """

    static let stats = """
    USAGE: marginalia stats [options]

    Per document: claims (spans whose type requires a citation) cited and uncited,
    citations, notes, explicit and implicit mentions. Per entity and per source: uses.

    OPTIONS:
      --format FORMAT   text (default), json or csv
      --root DIR        the corpus root
      -h, --help        print this help

    """

    static let export = """
    USAGE: marginalia export --format FORMAT [--out DIR] [options]

    Exports the annotations of every document.

    FORMATS:
      json   the model's own view: every construct with kind, range, target, attributes
      w3c    a W3C Web Annotation AnnotationCollection (JSON-LD) with TextQuoteSelector
             and TextPositionSelector (Unicode code points)
      brat   brat standoff: one .ann per document beside a copy of its text (needs --out)

    OPTIONS:
      --format FORMAT   json, w3c or brat (required)
      --out DIR         write into DIR (json: annotations.json, w3c: annotations.jsonld);
                        without it, json and w3c go to stdout
      --root DIR        the corpus root
      -h, --help        print this help

    """

    static let initialize = """
    USAGE: marginalia init [DIR]

    Writes marginalia.json, entities.json and codebook.json into DIR (default: the current
    folder), each with a "$schema" key. Refuses to overwrite: when any of them exists,
    nothing is written and the exit status is 2.

    OPTIONS:
      -h, --help        print this help

    """

    static let lsp = """
    USAGE: marginalia lsp [--stdio]

    Serves the Language Server Protocol (3.17) on stdin and stdout (--stdio, accepted for
    clients that pass it, is the default). Logs go to stderr.

    OPTIONS:
      -h, --help        print this help

    """
}
