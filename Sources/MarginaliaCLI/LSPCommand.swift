/// `marginalia lsp`: placeholder until the server's entry point is wired in.
enum LSPCommand {
    /// Runs the language server; for now reports that it is not available (exit 2).
    static func run(_ arguments: [String]) -> Int32 {
        Terminal.err("marginalia: the language server is not available in this build\n")
        return 2
    }
}
