// swift-tools-version: 6.2
import PackageDescription

/// Every target builds in Swift 6 mode with warnings treated as errors.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Marginalia",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "marginalia", targets: ["marginalia"]),
        .library(name: "MarginaliaCore", targets: ["MarginaliaCore"]),
    ],
    targets: [
        // The model: text, markup, registries, index, queries, rules. Knows no protocol.
        .target(name: "MarginaliaCore", swiftSettings: strict),
        // JSON-RPC 2.0 framing, envelopes and the stdio connection.
        .target(name: "JSONRPC", swiftSettings: strict),
        // The LSP 3.17 types the server speaks, Codable values only.
        .target(name: "LanguageServerProtocol", dependencies: ["JSONRPC"], swiftSettings: strict),
        // The language server: translates between LSP and MarginaliaCore.
        .target(
            name: "MarginaliaServer",
            dependencies: ["MarginaliaCore", "JSONRPC", "LanguageServerProtocol"],
            swiftSettings: strict),
        // The command line: arguments, commands, reporters.
        .target(name: "MarginaliaCLI", dependencies: ["MarginaliaCore", "MarginaliaServer", "JSONRPC"], swiftSettings: strict),
        .executableTarget(name: "marginalia", dependencies: ["MarginaliaCLI"], swiftSettings: strict),

        .testTarget(name: "TextTests", dependencies: ["MarginaliaCore"], swiftSettings: strict),
        .testTarget(name: "MarkupTests", dependencies: ["MarginaliaCore"], swiftSettings: strict),
        .testTarget(name: "RegistryTests", dependencies: ["MarginaliaCore"], swiftSettings: strict),
        .testTarget(name: "IndexTests", dependencies: ["MarginaliaCore"], swiftSettings: strict),
        .testTarget(name: "RuleTests", dependencies: ["MarginaliaCore"], swiftSettings: strict),
        .testTarget(name: "JSONRPCTests", dependencies: ["JSONRPC", "LanguageServerProtocol"], swiftSettings: strict),
        .testTarget(name: "ServerTests", dependencies: ["MarginaliaServer"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["MarginaliaCLI", "marginalia"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
