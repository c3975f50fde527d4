import MarginaliaServer

/// `marginalia lsp`: serves the language server on stdin and stdout.
enum LSPCommand {
    /// Runs the language server until `exit` or end of input; returns its exit code.
    /// `--stdio` (which VS Code's client passes) is accepted and means the default.
    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let parsed = try ParsedArguments.parse(arguments, options: [], flags: ["stdio"])
        if parsed.has("help") { Terminal.out(Help.lsp); return 0 }
        if let extra = parsed.positionals.first { throw UsageError(message: "unexpected argument '\(extra)'") }
        return LanguageServer.run()
    }
}
