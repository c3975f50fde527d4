import Foundation
import Testing

/// What a run of the binary produced.
struct RunResult {
    /// Exit status.
    var status: Int32
    /// Standard output.
    var stdout: String
    /// Standard error.
    var stderr: String
}

/// Runs the built `marginalia` binary as a process, and writes fixture corpora.
enum CLI {
    /// The binary: `MARGINALIA_BIN`, else `marginalia` beside the test runner (the build's
    /// products folder, whatever `--scratch-path` was), else beside `argv[0]`.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["MARGINALIA_BIN"] { return path }
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for directory in candidates {
            var url = directory
            // Inside a bundle (`X.xctest/Contents/MacOS`), climb to the products folder.
            for _ in 0..<4 {
                let candidate = url.appendingPathComponent("marginalia").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                url.deleteLastPathComponent()
            }
        }
        return "marginalia"
    }()

    /// Runs `marginalia arguments` in `directory` with colors off; output goes through files so
    /// that large outputs cannot fill a pipe and deadlock.
    static func run(_ arguments: [String], in directory: String, environment extra: [String: String] = [:], input: Data = Data()) throws -> RunResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        let inURL = scratch.appendingPathComponent("in")
        try input.write(to: inURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return RunResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ name: String = "corpus") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-cli-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return (url.path as NSString).standardizingPath
    }

    /// Writes files (relative path to content) under `root`.
    static func write(_ files: [String: String], under root: String) throws {
        for (relative, content) in files {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// The small fixture corpus: two documents, a bibliography, entities and a codebook.
    static let fixture: [String: String] = [
        "marginalia.json": #"{ "rules": { "unused-source": "warning" } }"# + "\n",
        "docs/a.md": """
        # Alpha

        [[hrw]] reported that [mines were laid]{.claim} near the town [@smith2020].
        [An uncited assertion]{.claim #c1} stands here.
        Unknown key [@smyth2020] and a note.[^n1]

        [^n1]: See @smith2020.

        """,
        "docs/b.txt": "Human Rights Watch visited Izyum. Émile said nothing about it.\n",
        "refs.bib": """
        @article{smith2020,
          author = {Smith, Jane},
          title = {Mines},
          journal = {Journal},
          year = {2020},
          url = {https://example.org/mines},
        }

        @book{unused2019,
          author = {Doe, John},
          title = {Unused},
          year = {2019},
          url = {https://example.org/unused},
        }

        """,
        "entities.json": """
        {
          "entities": {
            "hrw": { "type": "organization", "name": "Human Rights Watch", "aliases": ["HRW"],
                     "sameAs": ["https://www.wikidata.org/wiki/Q187052"] },
            "emile": { "type": "person", "name": "Émile" }
          }
        }

        """,
        "codebook.json": """
        {
          "types": {
            "claim": { "description": "A factual assertion.", "requiresCitation": true },
            "quote": { "description": "Words attributed to a speaker." }
          },
          "entityTypes": {
            "person": { "description": "A named individual." },
            "organization": { "description": "A group." }
          }
        }

        """,
    ]

    /// Writes the fixture into a fresh folder and returns its path.
    static func fixtureCorpus() throws -> String {
        let root = try temporaryDirectory()
        try write(fixture, under: root)
        return root
    }

    /// Parses JSON text into a dictionary.
    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }
}
