import MarginaliaCore

/// Converts byte offsets of one text to 1-based lines and Unicode-scalar columns, exactly as
/// `SourceText.position(of:in: .utf32)` does, but cheaply for offsets that mostly grow: it
/// keeps the current line and how far into it it has counted, so findings sorted by offset
/// cost one forward walk over the line table and over each line's bytes, however many
/// findings share a long line. An offset behind the cursor restarts from its line's start.
struct LineColumnCursor {
    /// The text.
    let text: SourceText
    /// The line the cursor is on (zero-based), its first byte, and the next line's first byte
    /// (`Int.max` on the last line).
    private var zeroBasedLine = 0
    private var lineStart = 0
    private var nextLineStart: Int
    /// How far into the line the walk has come: a character boundary, and the scalars before it.
    private var walkOffset = 0
    private var walkColumn = 0

    /// A cursor at the start of `text`.
    init(_ text: SourceText) {
        self.text = text
        nextLineStart = text.lineCount > 1 ? text.lineStarts[1] : Int.max
    }

    /// Zero-based line and zero-based scalar column of a byte offset (clamped into the text);
    /// an offset inside a character counts up to that character's start.
    mutating func position(_ utf8Offset: Int) -> (zeroBasedLine: Int, zeroBasedColumn: Int) {
        let target = min(max(0, utf8Offset), text.count)
        if target >= nextLineStart {
            // Sorted offsets mostly land a few lines further on; a long jump searches.
            var steps = 0
            while target >= nextLineStart && steps < 8 {
                moveTo(line: zeroBasedLine + 1)
                steps += 1
            }
            if target >= nextLineStart { moveTo(line: text.line(containing: target)) }
        } else if target < lineStart {
            moveTo(line: text.line(containing: target))
        } else if target < walkOffset {
            walkOffset = lineStart
            walkColumn = 0
        }
        if target > walkOffset {
            text.bytes.withUnsafeBufferPointer { buffer in
                let (offset, scalars) = ScalarCounting.walk(buffer, from: walkOffset, to: target)
                walkOffset = offset
                walkColumn += scalars
            }
        }
        return (zeroBasedLine, walkColumn)
    }

    /// 1-based line and 1-based scalar column, as reporters print them.
    mutating func lineColumn(_ utf8Offset: Int) -> (line: Int, column: Int) {
        let position = position(utf8Offset)
        return (position.zeroBasedLine + 1, position.zeroBasedColumn + 1)
    }

    private mutating func moveTo(line: Int) {
        zeroBasedLine = line
        lineStart = text.lineStarts[line]
        nextLineStart = line + 1 < text.lineCount ? text.lineStarts[line + 1] : Int.max
        walkOffset = lineStart
        walkColumn = 0
    }
}

/// Counting Unicode scalars in UTF-8 the way `SourceText` counts UTF-32 columns: a well-formed
/// sequence is one scalar, each byte of an ill-formed one is one.
enum ScalarCounting {
    /// Walks whole characters from `start` while they end at or before `end`; returns where it
    /// stopped (`end`, or the start of a character crossing `end`) and the scalars passed.
    /// Eight ASCII bytes at a time where it can.
    @inline(__always)
    static func walk(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (offset: Int, scalars: Int) {
        guard let base = buffer.baseAddress else { return (start, 0) }
        let raw = UnsafeRawPointer(base)
        var index = start
        var scalars = 0
        while index < end {
            if index + 8 <= end && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                scalars += 8
                continue
            }
            let length = buffer[index] < 0x80 ? 1 : sequenceLength(buffer, at: index)
            if index + length > end { break }
            index += length
            scalars += 1
        }
        return (index, scalars)
    }

    /// Length of the well-formed UTF-8 sequence at `index`, or 1 for an ill-formed byte: the
    /// same table as `SourceText` (Unicode 3-7), so columns agree with the core's.
    static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let b0 = buffer[index]
        if b0 < 0x80 { return 1 }
        let count = buffer.count
        @inline(__always) func continuation(_ j: Int) -> Bool { j < count && (buffer[j] & 0xC0) == 0x80 }
        if b0 >= 0xC2 && b0 <= 0xDF { return continuation(index + 1) ? 2 : 1 }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard index + 1 < count else { return 1 }
            let b1 = buffer[index + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 1 }
            if b0 == 0xED && b1 > 0x9F { return 1 }
            return continuation(index + 1) && continuation(index + 2) ? 3 : 1
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard index + 1 < count else { return 1 }
            let b1 = buffer[index + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 1 }
            if b0 == 0xF4 && b1 > 0x8F { return 1 }
            return continuation(index + 1) && continuation(index + 2) && continuation(index + 3) ? 4 : 1
        }
        return 1
    }
}

/// Positions in one file for reporters: separate cursors for range starts (sorted), range ends
/// (nearly sorted) and anything else (related places, fix edits), and, for SARIF, the scalars
/// before each line.
final class FilePositions {
    /// Cursor for the starts of findings' ranges.
    var starts: LineColumnCursor
    /// Cursor for the ends of findings' ranges.
    var ends: LineColumnCursor
    /// Cursor for related locations and edits.
    var others: LineColumnCursor
    private var codePointsBeforeLine: [Int]?

    /// Positions over a text.
    init(_ text: SourceText) {
        starts = LineColumnCursor(text)
        ends = starts
        others = starts
    }

    /// Scalars from the start of the text to a position (SARIF `charOffset`); builds the
    /// per-line table on first use.
    func codePointOffset(zeroBasedLine: Int, zeroBasedColumn: Int) -> Int {
        if codePointsBeforeLine == nil { codePointsBeforeLine = FilePositions.lineTable(starts.text) }
        return (codePointsBeforeLine?[zeroBasedLine] ?? 0) + zeroBasedColumn
    }

    /// Scalars before each line: a line's content and terminator are whole characters, so one
    /// walk per line counts them all.
    static func lineTable(_ text: SourceText) -> [Int] {
        var table = [Int](repeating: 0, count: text.lineCount)
        text.bytes.withUnsafeBufferPointer { buffer in
            var total = 0
            for line in 1..<max(1, text.lineCount) {
                total += ScalarCounting.walk(buffer, from: text.lineStarts[line - 1], to: text.lineStarts[line]).scalars
                table[line] = total
            }
        }
        return table
    }
}

/// The `FilePositions` of the files a report is on: the current finding's file, and the
/// others its related places and fixes point into (mostly the same few registry files, so they
/// are kept, up to `otherFileLimit`). Moving to another finding file drops the previous one,
/// so only a few line tables exist at once.
final class PositionTracker {
    private let corpus: Corpus
    private var currentPath: String?
    private var current: FilePositions?
    private var otherFiles: [String: FilePositions] = [:]
    /// How many files other than the current one are kept before all are dropped.
    static let otherFileLimit = 32

    /// A tracker over a corpus's texts.
    init(_ corpus: Corpus) { self.corpus = corpus }

    /// The positions of a finding's file; a new file releases the previous one.
    func finding(_ path: String) -> FilePositions {
        if path == currentPath, let current { return current }
        let positions = otherFiles.removeValue(forKey: path) ?? make(path)
        currentPath = path
        current = positions
        return positions
    }

    /// The positions of any file (empty text for a file the corpus does not know).
    func file(_ path: String) -> FilePositions {
        if path == currentPath, let current { return current }
        if let known = otherFiles[path] { return known }
        if otherFiles.count >= PositionTracker.otherFileLimit { otherFiles.removeAll(keepingCapacity: true) }
        let positions = make(path)
        otherFiles[path] = positions
        return positions
    }

    private func make(_ path: String) -> FilePositions {
        FilePositions(corpus.text(of: path) ?? SourceText(bytes: []))
    }
}

/// Paths as shown to the user, relative to the current directory when inside it; computed
/// once per path, since the current directory does not change during a report.
struct DisplayPaths {
    private let prefix: String
    private var lastPath = ""
    private var lastDisplay = ""

    /// Paths relative to the current directory at creation.
    init() {
        let cwd = Terminal.currentDirectory
        prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
    }

    /// What `Terminal.display` returns for `path`; the last finding's path is remembered.
    mutating func display(_ path: String) -> String {
        if path == lastPath && !lastPath.isEmpty { return lastDisplay }
        lastPath = path
        lastDisplay = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        return lastDisplay
    }
}
