import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MarginaliaCore

/// Standard streams, terminal detection and file writes.
enum Terminal {
    /// Writes text to standard output; a closed pipe (`marginalia check | head`) ends the
    /// process quietly instead of crashing as `FileHandle.write` does.
    static func out(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes text to standard error.
    static func err(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// A `write(2)` loop retrying on `EINTR` and short writes; on standard output a closed
    /// pipe exits 0 and any other error exits 2.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(descriptor, base + written, bytes.count - written)
            if result > 0 { written += result; continue }
            if result < 0 && errno == EINTR { continue }
            if descriptor == STDOUT_FILENO { exit(errno == EPIPE ? 0 : 2) }
            return
        }
    }

    /// Whether standard output is a terminal and `NO_COLOR` is unset (https://no-color.org).
    static var colorsEnabled: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Whether standard error is a terminal (progress lines go there only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The current directory, standardized.
    static var currentDirectory: String {
        (FileManager.default.currentDirectoryPath as NSString).standardizingPath
    }

    /// An absolute, standardized path for a path given on the command line.
    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return (joined as NSString).standardizingPath
    }

    /// A path as shown to the user: relative to the current directory when inside it.
    static func display(_ path: String) -> String {
        let cwd = currentDirectory
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Writes a file atomically: a temporary file in the same folder, then `rename(2)`, so a
    /// reader never sees half a file and a failed run leaves the old one intact.
    static func writeAtomically(_ text: String, to path: String) throws(UsageError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw UsageError(message: "cannot write '\(display(path))'")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw UsageError(message: "cannot write '\(display(path))': \(String(cString: strerror(errno)))")
        }
    }

    /// Creates a folder and its parents.
    static func makeDirectory(_ path: String) throws(UsageError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw UsageError(message: "cannot create folder '\(display(path))'")
        }
    }
}

/// A progress line on stderr for long runs, shown only when stderr is a terminal and the work
/// takes longer than a second; cleared when done.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var shown = false
    private let label: String
    private let start = Date()

    /// Starts the timer; nothing is drawn unless stderr is a terminal.
    init(_ label: String, enabled: Bool) {
        self.label = label
        guard enabled && Terminal.stderrIsTerminal else { finished = true; return }
        schedule()
    }

    private func schedule() {
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [self] in
            lock.lock()
            defer { lock.unlock() }
            if finished { return }
            shown = true
            Terminal.err("\r\u{1B}[2K\(label) \(String(format: "%.0f", Date().timeIntervalSince(start))) s")
            schedule()
        }
    }

    /// Stops the timer and erases the line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { Terminal.err("\r\u{1B}[2K") }
        finished = true
    }
}

/// Converts byte offsets of one text to the positions reporters print.
struct PositionMapper {
    /// The text.
    let text: SourceText
    /// Code points before each line start, for absolute code-point offsets.
    private let codePointsBeforeLine: [Int]

    /// Builds the per-line code-point table (one pass over the text).
    init(_ text: SourceText) {
        self.text = text
        codePointsBeforeLine = FilePositions.lineTable(text)
    }

    /// 1-based line and 1-based column in Unicode scalars.
    func lineColumn(_ offset: Int) -> (line: Int, column: Int) {
        let position = text.position(of: min(max(0, offset), text.count), in: .utf32)
        return (position.zeroBasedLine + 1, position.zeroBasedColumn + 1)
    }

    /// Offset from the start of the text in Unicode scalars (invalid bytes count one each).
    func codePointOffset(_ offset: Int) -> Int {
        let position = text.position(of: min(max(0, offset), text.count), in: .utf32)
        return codePointsBeforeLine[position.zeroBasedLine] + position.zeroBasedColumn
    }

    /// `{line, column, offset}` for JSON output: 1-based line and scalar column, byte offset.
    func json(_ offset: Int) -> JSON {
        let (line, column) = lineColumn(offset)
        return .object([("line", .int(line)), ("column", .int(column)), ("offset", .int(offset))])
    }

    /// `{start, end}` for a byte range.
    func json(_ range: Range<Int>) -> JSON {
        .object([("start", json(range.lowerBound)), ("end", json(range.upperBound))])
    }
}

/// Caches a `PositionMapper` per file.
final class PositionCache {
    private var mappers: [String: PositionMapper] = [:]
    private let corpus: Corpus

    /// Creates an empty cache over a corpus.
    init(_ corpus: Corpus) { self.corpus = corpus }

    /// The mapper for a file the corpus knows (an empty text otherwise).
    func mapper(_ path: String) -> PositionMapper {
        if let mapper = mappers[path] { return mapper }
        let mapper = PositionMapper(corpus.text(of: path) ?? SourceText(bytes: []))
        mappers[path] = mapper
        return mapper
    }
}
