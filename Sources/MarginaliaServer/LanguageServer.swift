import Dispatch
import JSONRPC

/// The entry point of `marginalia lsp`: serves LSP 3.17 over stdin and stdout until `exit` or end of input.
public enum LanguageServer {
    /// Runs the server on the process's standard streams; returns the exit code
    /// (0 after `shutdown` then `exit`, 1 for `exit` or end of input without `shutdown`).
    public static func run() -> Int32 {
        run(connection: Connection.standardIO())
    }

    /// Runs the server on any connection (tests use pipes); returns the exit code.
    public static func run(connection: Connection) -> Int32 {
        let finished = DispatchSemaphore(value: 0)
        let server = Server(connection: connection)
        server.start { finished.signal() }
        finished.wait()
        return server.exitCode
    }
}
