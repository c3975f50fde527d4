import Foundation
import MarginaliaCore

/// Finds the corpus root for a command and loads it, turning an unparseable configuration
/// into a usage error (exit 2).
enum CorpusSession {
    /// The root: `--root`, else the nearest folder holding `marginalia.json` at or above
    /// `start` (the first PATH) or the current folder, else that folder itself.
    static func root(option: String?, start: String?) throws(UsageError) -> String {
        if let option {
            let path = Terminal.absolute(option)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageError(message: "root '\(option)' is not a folder")
            }
            return path
        }
        let from = start.map(Terminal.absolute) ?? Terminal.currentDirectory
        if let found = CorpusLoader.findRoot(startingAt: from) { return (found as NSString).standardizingPath }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: from, isDirectory: &isDirectory), !isDirectory.boolValue {
            return (from as NSString).deletingLastPathComponent
        }
        return from
    }

    /// Loads the corpus, after checking that `marginalia.json` (when present) is JSON at all:
    /// a config that does not parse would silently change which files are checked.
    /// `reportOnly` keeps of each document only what a findings report reads (see
    /// `CorpusLoader.loadForReport`).
    static func load(root: String, progress: Bool, reportOnly: Bool = false) throws(UsageError) -> Corpus {
        let configPath = root + "/marginalia.json"
        if let data = FileManager.default.contents(atPath: configPath),
           (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
            let text = SourceText(bytes: [UInt8](data))
            let issue = ConfigurationParser.parse(text, path: configPath).issues.first
            var location = Terminal.display(configPath)
            if let issue {
                let position = PositionMapper(text).lineColumn(issue.range.lowerBound)
                location += ":\(position.line):\(position.column)"
            }
            throw UsageError(message: "\(location): configuration is not valid JSON" + (issue.map { ": \($0.message)" } ?? ""))
        }
        let line = ProgressLine("marginalia: reading \(Terminal.display(root))…", enabled: progress)
        let corpus = reportOnly ? CorpusLoader.loadForReport(root: root) : CorpusLoader.load(root: root)
        line.finish()
        return corpus
    }
}
