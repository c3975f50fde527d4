import MarginaliaCore

/// Entry point of the `marginalia` command line.
public enum MarginaliaCommand {
    /// Parses the process arguments, runs a command and exits with its status.
    public static func main() {
        print("marginalia: not yet")
    }
}
