import Dispatch

/// Parses BibTeX and BibLaTeX as Zotero, Better BibTeX and JabRef write them.
///
/// Text outside entries is a comment. A syntax error becomes an `unreadable-bibliography`
/// issue at the exact byte, and parsing resumes at the next `@` that starts a line, so one
/// broken entry never hides the rest of the file.
public enum BibTeXParser {
    /// Parses one `.bib` file.
    public static func parse(_ text: SourceText, path: String) -> BibliographyFile {
        parse(text, path: path, workers: BibTeXChunks.defaultWorkers, minChunkBytes: BibTeXChunks.defaultMinChunkBytes)
    }

    /// Parses with up to `workers` threads on chunks of at least `minChunkBytes`; one worker
    /// parses sequentially. Both give the same result (the tests compare them).
    static func parse(_ text: SourceText, path: String, workers: Int, minChunkBytes: Int) -> BibliographyFile {
        let file = text.bytes
        return file.withUnsafeBufferPointer { buffer in
            let scan = scan(buffer, textStart: text.bomLength, workers: workers, minChunkBytes: minChunkBytes)
            let resolver = Resolver(
                chunks: scan.chunks, path: path, buffer: SharedBuffer(buffer: buffer), file: file, hasCrossref: scan.sawCrossref)
            let sources = resolver.resolve(parallel: scan.chunks.count > 2)
            return BibliographyFile(path: path, sources: sources, issues: scan.issues)
        }
    }

    // MARK: - Chunks

    /// Entries and fields scanned from one stretch of the file.
    struct ScannedChunk {
        /// Entries in file order.
        var entries: [RawEntry]
        /// The fields of all `entries`, each entry owning a range of them (one array per chunk,
        /// not one per entry).
        var fields: [RawField]
    }

    /// What the scan of a file found, chunk by chunk in file order.
    private struct ScanResult {
        var chunks: [ScannedChunk]
        var issues: [ParseIssue]
        var sawCrossref: Bool
    }

    /// Scans the file in chunks on several threads when it is large and its boundaries are
    /// clear, otherwise in one pass.
    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>, textStart: Int, workers: Int, minChunkBytes: Int) -> ScanResult {
        if workers > 1,
            let starts = BibTeXChunks.starts(buffer, textStart: textStart, chunks: workers, minChunkBytes: minChunkBytes),
            let result = scanChunks(buffer, textStart: textStart, starts: starts)
        {
            return result
        }
        var scanner = Scanner(buffer: buffer, textStart: textStart, start: textStart, limit: buffer.count, macros: [:])
        scanner.run()
        return ScanResult(
            chunks: [ScannedChunk(entries: scanner.entries, fields: scanner.fields)], issues: scanner.issues,
            sawCrossref: scanner.sawCrossref)
    }

    /// Scans the text before `starts[0]` (which holds every `@string`), then each chunk on its
    /// own thread with those macros. Nil when a chunk did not stop exactly where the next one
    /// starts (an `@comment` or an error ran across the boundary): the caller then scans the
    /// file sequentially, so the result never depends on the split.
    private static func scanChunks(_ buffer: UnsafeBufferPointer<UInt8>, textStart: Int, starts: [Int]) -> ScanResult? {
        guard let firstStart = starts.first else { return nil }
        var prefix = Scanner(buffer: buffer, textStart: textStart, start: textStart, limit: firstStart, macros: [:])
        prefix.run()
        guard prefix.position == firstStart else { return nil }
        let macros = prefix.macros
        let shared = SharedBuffer(buffer: buffer)
        let slots = ParallelMap.Slots<(chunk: ScannedChunk, issues: [ParseIssue], sawCrossref: Bool, end: Int)>(count: starts.count)
        DispatchQueue.concurrentPerform(iterations: starts.count) { index in
            let limit = index + 1 < starts.count ? starts[index + 1] : shared.buffer.count
            var scanner = Scanner(buffer: shared.buffer, textStart: textStart, start: starts[index], limit: limit, macros: macros)
            scanner.run()
            slots.set(
                index,
                (ScannedChunk(entries: scanner.entries, fields: scanner.fields), scanner.issues, scanner.sawCrossref, scanner.position))
        }
        var result = ScanResult(
            chunks: [ScannedChunk(entries: prefix.entries, fields: prefix.fields)], issues: prefix.issues,
            sawCrossref: prefix.sawCrossref)
        for index in 0..<starts.count {
            guard let scanned = slots.take(index) else { return nil }
            if index + 1 < starts.count && scanned.end != starts[index + 1] { return nil }
            result.chunks.append(scanned.chunk)
            result.issues.append(contentsOf: scanned.issues)
            result.sawCrossref = result.sawCrossref || scanned.sawCrossref
        }
        return result
    }

    /// The file's bytes, read (never written) by the threads of one parse.
    struct SharedBuffer: @unchecked Sendable {
        /// The bytes; the file's array outlives every thread that reads them.
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// Splits a BibTeX name list on " and " (outside braces) into names.
    public static func parseNames(_ rawList: String) -> [PersonName] {
        Array(rawList.utf8).withUnsafeBufferPointer { parseNames($0) }
    }

    // MARK: - Raw entries

    /// An entry as written: raw (unexpanded LaTeX) field values, before crossref and cleaning.
    struct RawEntry {
        /// Entry type, lowercased.
        var type: String
        /// The citation key.
        var key: String
        /// Byte range of the key.
        var keyRange: Range<Int>
        /// Byte range from '@' to the closing delimiter (or the error).
        var entryRange: Range<Int>
        /// Where the fields lie in the chunk's field array: file order, names lowercased, first
        /// occurrence of a name only.
        var fieldRange: Range<Int>
    }

    /// A raw value: a slice of the file (one delimited piece), or bytes assembled from macros
    /// and `#` concatenation. Slices avoid a copy per field.
    enum RawValue {
        /// A range of the file's bytes.
        case slice(Range<Int>)
        /// Assembled bytes.
        case owned([UInt8])

        /// Calls `body` with the value's bytes.
        func withBytes<R>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            switch self {
            case .slice(let range): body(UnsafeBufferPointer(rebasing: buffer[range]))
            case .owned(let bytes): bytes.withUnsafeBufferPointer(body)
            }
        }

        /// The value's bytes, copied.
        func bytes(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            withBytes(buffer) { Array($0) }
        }
    }

    /// One field as written.
    struct RawField {
        /// Lowercased field name.
        var name: String
        /// The value as written.
        var value: RawValue
        /// Byte range of the value (inside the delimiters for one delimited piece).
        var range: Range<Int>
    }

    private struct SyntaxError: Error {
        var message: String
        var offset: Int
    }

    // MARK: - Scanner

    private struct Scanner {
        let buffer: UnsafeBufferPointer<UInt8>
        var position = 0
        var entries: [RawEntry] = []
        /// The fields of every entry, in order.
        var fields: [RawField] = []
        var issues: [ParseIssue] = []
        /// `@string` macros by lowercased name, raw value bytes.
        var macros: [String: [UInt8]]
        /// Whether some entry has a `crossref` field.
        var sawCrossref = false

        /// Where the text starts, after a BOM.
        let textStart: Int
        /// No entry starts at or after this offset: the next chunk's scanner parses it.
        let limit: Int

        init(buffer: UnsafeBufferPointer<UInt8>, textStart: Int, start: Int, limit: Int, macros: [String: [UInt8]]) {
            self.buffer = buffer
            self.textStart = textStart
            self.position = start
            self.limit = limit
            self.macros = macros
            // About one entry per 450 bytes and a dozen fields per entry in exported files.
            let expectedEntries = (limit - start) / 450 + 4
            entries.reserveCapacity(expectedEntries)
            fields.reserveCapacity(expectedEntries * 10)
        }

        var count: Int { buffer.count }

        @inline(__always) func isSpace(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
        }

        /// Bytes allowed in entry types, field names and macro names.
        @inline(__always) func isNameByte(_ b: UInt8) -> Bool {
            switch b {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: true
            case 0x5F, 0x2D, 0x2E, 0x3A, 0x2B, 0x2F, 0x21, 0x3F, 0x26, 0x2A, 0x3C, 0x3E, 0x5B, 0x5D, 0x60, 0x27, 0x7C, 0x3B: true
            default: b >= 0x80
            }
        }

        mutating func skipSpace() {
            while position < count && isSpace(buffer[position]) { position += 1 }
        }

        func describe(_ offset: Int) -> String {
            guard offset < count else { return "end of file" }
            let b = buffer[offset]
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            if b == 0x0A || b == 0x0D { return "end of line" }
            if b == 0x20 || b == 0x09 { return "a space" }
            return "byte 0x" + String(b, radix: 16, uppercase: true)
        }

        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }

        /// The bytes of `range` with ASCII letters lowercased, as a string (names are short:
        /// Swift keeps them inline, with no allocation).
        func lowercasedString(_ range: Range<Int>) -> String {
            var hasUpper = false
            for i in range where buffer[i] >= 0x41 && buffer[i] <= 0x5A {
                hasUpper = true
                break
            }
            if !hasUpper { return string(range) }
            return String(unsafeUninitializedCapacity: range.count) { out in
                for (k, i) in range.enumerated() {
                    let b = buffer[i]
                    out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                }
                return range.count
            }
        }

        /// Whether an `@` at `offset` can start an entry: not inside a word (an e-mail address).
        func canStartEntry(_ offset: Int) -> Bool {
            offset <= textStart || !isNameByte(buffer[offset - 1]) || buffer[offset - 1] == 0x7D
        }

        /// Whether the line holding `offset` has only spaces before it.
        func isAtLineStart(_ offset: Int) -> Bool {
            var i = offset - 1
            while i >= textStart {
                let b = buffer[i]
                if b == 0x0A || b == 0x0D { return true }
                if b != 0x20 && b != 0x09 { return false }
                i -= 1
            }
            return true
        }

        /// Finds the next `@` from `offset` that starts a line; failing that, any entry-like `@`.
        func recoveryPoint(from offset: Int) -> Int {
            var i = offset
            var fallback: Int?
            while i < count {
                if buffer[i] == 0x40 {
                    if isAtLineStart(i) { return i }
                    if fallback == nil && canStartEntry(i) { fallback = i }
                }
                i += 1
            }
            return fallback ?? count
        }

        /// Whether an `@name{` or `@name(` entry header starts at `offset`.
        func looksLikeEntryHeader(_ offset: Int) -> Bool {
            var i = offset + 1
            let nameStart = i
            while i < count && isNameByte(buffer[i]) { i += 1 }
            guard i > nameStart else { return false }
            while i < count && (buffer[i] == 0x20 || buffer[i] == 0x09) { i += 1 }
            return i < count && (buffer[i] == 0x7B || buffer[i] == 0x28)
        }

        mutating func run() {
            while position < count {
                // Skip comment text to the next '@' that can start an entry.
                while position < count && !(buffer[position] == 0x40 && canStartEntry(position)) { position += 1 }
                guard position < count, position < limit else { break }
                let at = position
                do {
                    try parseEntry()
                } catch {
                    issues.append(
                        ParseIssue(
                            rule: RuleID.unreadableBibliography, message: error.message,
                            range: error.offset..<min(error.offset + 1, max(count, error.offset))))
                    position = recoveryPoint(from: max(error.offset, at + 1))
                }
            }
        }

        mutating func readName() -> Range<Int> {
            let start = position
            while position < count && isNameByte(buffer[position]) { position += 1 }
            return start..<position
        }

        mutating func parseEntry() throws(SyntaxError) {
            let at = position
            position += 1
            skipSpace()
            let typeRange = readName()
            guard !typeRange.isEmpty else {
                throw SyntaxError(message: "expected an entry type after '@', found \(describe(position))", offset: position)
            }
            let type = lowercasedString(typeRange)
            skipSpace()
            guard position < count, buffer[position] == 0x7B || buffer[position] == 0x28 else {
                throw SyntaxError(message: "expected '{' or '(' after '@\(string(typeRange))', found \(describe(position))", offset: position)
            }
            let open = buffer[position]
            let close: UInt8 = open == 0x7B ? 0x7D : 0x29
            position += 1

            if type == "comment" {
                try skipComment(openOffset: position - 1, close: close)
                return
            }
            if type == "preamble" {
                skipSpace()
                _ = try parseValue(fieldName: "preamble")
                skipSpace()
                try expect(close, "expected '\(Character(Unicode.Scalar(close)))' to end @preamble")
                return
            }
            if type == "string" {
                skipSpace()
                let nameRange = readName()
                guard !nameRange.isEmpty else {
                    throw SyntaxError(message: "expected a macro name in @string, found \(describe(position))", offset: position)
                }
                skipSpace()
                try expect(0x3D, "expected '=' after macro name '\(string(nameRange))'")
                skipSpace()
                let value = try parseValue(fieldName: string(nameRange))
                macros[lowercasedString(nameRange)] = value.raw.bytes(buffer)
                skipSpace()
                try expect(close, "expected '\(Character(Unicode.Scalar(close)))' to end @string")
                return
            }

            skipSpace()
            let keyStart = position
            // Keys end at ',', space or the closing delimiter; '{' and '}' are not allowed in them.
            while position < count {
                let b = buffer[position]
                if b == 0x2C || isSpace(b) || b == close || b == 0x7B || b == 0x7D || b == 0x22 || b == 0x3D { break }
                position += 1
            }
            let keyRange = keyStart..<position
            let firstField = fields.count
            var entry = RawEntry(
                type: type, key: string(keyRange), keyRange: keyRange, entryRange: at..<position, fieldRange: firstField..<firstField)
            // Keep a partial entry when a later field breaks: its key still resolves citations.
            defer {
                entry.entryRange = at..<position
                entry.fieldRange = firstField..<fields.count
                if !entry.keyRange.isEmpty { entries.append(entry) }
            }
            guard !keyRange.isEmpty else {
                throw SyntaxError(message: "expected a citation key after '@\(string(typeRange))\(Character(Unicode.Scalar(open)))', found \(describe(position))", offset: position)
            }
            skipSpace()
            if position < count && buffer[position] == 0x3D {
                throw SyntaxError(message: "expected a citation key before the first field", offset: keyStart)
            }
            while true {
                skipSpace()
                guard position < count else {
                    throw SyntaxError(message: "expected ',' or '\(Character(Unicode.Scalar(close)))' after entry '\(entry.key)', found end of file", offset: position)
                }
                let b = buffer[position]
                if b == close {
                    position += 1
                    return
                }
                guard b == 0x2C else {
                    throw SyntaxError(message: "expected ',' or '\(Character(Unicode.Scalar(close)))' after \(fields.count == firstField ? "the key" : "a field") in entry '\(entry.key)', found \(describe(position))", offset: position)
                }
                position += 1
                skipSpace()
                guard position < count else {
                    throw SyntaxError(message: "expected a field or '\(Character(Unicode.Scalar(close)))' in entry '\(entry.key)', found end of file", offset: position)
                }
                if buffer[position] == close {
                    position += 1
                    return
                }
                let nameRange = readName()
                guard !nameRange.isEmpty else {
                    throw SyntaxError(message: "expected a field name in entry '\(entry.key)', found \(describe(position))", offset: position)
                }
                let name = lowercasedString(nameRange)
                skipSpace()
                guard position < count, buffer[position] == 0x3D else {
                    throw SyntaxError(message: "expected '=' after field name '\(string(nameRange))', found \(describe(position))", offset: position)
                }
                position += 1
                skipSpace()
                let value = try parseValue(fieldName: name)
                if !fields[firstField...].contains(where: { $0.name == name }) {
                    fields.append(RawField(name: name, value: value.raw, range: value.range))
                    if name == "crossref" { sawCrossref = true }
                } else {
                    issues.append(
                        ParseIssue(
                            rule: RuleID.unreadableBibliography,
                            message: "field '\(name)' appears twice in entry '\(entry.key)'; the first is used",
                            range: nameRange))
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ message: String) throws(SyntaxError) {
            guard position < count, buffer[position] == byte else {
                throw SyntaxError(message: message + ", found \(describe(position))", offset: position)
            }
            position += 1
        }

        /// Skips a braced `@comment`; a parenthesized one ends at the first ')'.
        mutating func skipComment(openOffset: Int, close: UInt8) throws(SyntaxError) {
            var depth = 0
            while position < count {
                let b = buffer[position]
                position += 1
                if close == 0x29 {
                    if b == 0x29 { return }
                    continue
                }
                if b == 0x7B {
                    depth += 1
                } else if b == 0x7D {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
            throw SyntaxError(message: "@comment is never closed", offset: openOffset)
        }

        /// Parses `piece (# piece)*`: the raw bytes concatenated, and the value's range
        /// (inside the delimiters when the value is a single delimited piece).
        mutating func parseValue(fieldName: String) throws(SyntaxError) -> (raw: RawValue, range: Range<Int>) {
            let start = position
            var first: RawValue?
            var firstRange = start..<start
            // Bytes are assembled only when a second piece arrives.
            var assembled: [UInt8]?
            while true {
                guard position < count else {
                    throw SyntaxError(message: "expected a value for '\(fieldName)', found end of file", offset: position)
                }
                let b = buffer[position]
                let pieceStart = position
                let piece: RawValue
                var pieceRange: Range<Int>
                if b == 0x7B {
                    pieceRange = try scanBraced()
                    piece = .slice(pieceRange)
                } else if b == 0x22 {
                    pieceRange = try scanQuoted()
                    piece = .slice(pieceRange)
                } else if b >= 0x30 && b <= 0x39 {
                    while position < count && buffer[position] >= 0x30 && buffer[position] <= 0x39 { position += 1 }
                    pieceRange = pieceStart..<position
                    piece = .slice(pieceRange)
                } else if isNameByte(b) {
                    pieceRange = readName()
                    let name = lowercasedString(pieceRange)
                    if let value = macros[name] ?? BibTeXParser.monthMacros[name] {
                        piece = .owned(value)
                    } else {
                        issues.append(
                            ParseIssue(
                                rule: RuleID.unreadableBibliography,
                                message: "undefined @string macro '\(string(pieceRange))'", range: pieceRange))
                        piece = .slice(pieceRange)
                    }
                } else {
                    throw SyntaxError(message: "expected a value for '\(fieldName)' ('{...}', \"...\", a number or a macro), found \(describe(position))", offset: position)
                }
                if let firstPiece = first {
                    if assembled == nil { assembled = firstPiece.bytes(buffer) }
                    piece.withBytes(buffer) { assembled?.append(contentsOf: $0) }
                } else {
                    first = piece
                    firstRange = pieceRange
                }
                let afterPiece = position
                skipSpace()
                if position < count && buffer[position] == 0x23 {
                    position += 1
                    skipSpace()
                    continue
                }
                // Leave trailing space for the caller; the value ends with its last piece.
                position = afterPiece
                if let assembled { return (.owned(assembled), start..<afterPiece) }
                return (first ?? .slice(firstRange), firstRange)
            }
        }

        /// Scans `{...}` with nested braces; returns the inner range. An entry header at the start
        /// of a line before the closing brace means the brace was never closed.
        mutating func scanBraced() throws(SyntaxError) -> Range<Int> {
            let open = position
            var depth = 0
            var i = position + 1
            var lineStart = false
            // Bytes before this offset go one by one; from it, eight at a time (one word) while a
            // word holds no brace, backslash, '@' or control byte (most of a value: words and spaces).
            var bytewiseUntil = i
            while i < count {
                if i >= bytewiseUntil {
                    if i + 8 <= count, let base = buffer.baseAddress {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        if !BibTeXParser.mayStopBraced(word) {
                            if word != 0x2020_2020_2020_2020 { lineStart = false }
                            i += 8
                            continue
                        }
                        bytewiseUntil = i + 8
                    } else {
                        bytewiseUntil = count
                    }
                }
                let b = buffer[i]
                if b == 0x7B {
                    depth += 1
                } else if b == 0x7D {
                    if depth == 0 {
                        position = i + 1
                        return (open + 1)..<i
                    }
                    depth -= 1
                } else if b == 0x5C {
                    // An escaped brace does not count.
                    if i + 1 < count && (buffer[i + 1] == 0x7B || buffer[i + 1] == 0x7D) { i += 1 }
                } else if b == 0x40 && lineStart && looksLikeEntryHeader(i) {
                    throw SyntaxError(message: "'{' is never closed before the next entry", offset: open)
                }
                if b == 0x0A || b == 0x0D {
                    lineStart = true
                } else if b != 0x20 && b != 0x09 {
                    lineStart = false
                }
                i += 1
            }
            throw SyntaxError(message: "'{' is never closed", offset: open)
        }

        /// Scans `"..."` (braces inside protect quotes); returns the inner range.
        mutating func scanQuoted() throws(SyntaxError) -> Range<Int> {
            let open = position
            var depth = 0
            var i = position + 1
            var lineStart = false
            while i < count {
                let b = buffer[i]
                if b == 0x7B {
                    depth += 1
                } else if b == 0x7D {
                    depth = max(0, depth - 1)
                } else if b == 0x5C {
                    if i + 1 < count { i += 1 }
                } else if b == 0x22 && depth == 0 {
                    position = i + 1
                    return (open + 1)..<i
                } else if b == 0x40 && lineStart && looksLikeEntryHeader(i) {
                    throw SyntaxError(message: "'\"' is never closed before the next entry", offset: open)
                }
                if b == 0x0A || b == 0x0D {
                    lineStart = true
                } else if b != 0x20 && b != 0x09 {
                    lineStart = false
                }
                i += 1
            }
            throw SyntaxError(message: "'\"' is never closed", offset: open)
        }
    }

    /// Whether any of the eight bytes of `word` is one a braced value must look at: `{`, `}`, `\`,
    /// `@` or a control byte (below 0x20). Exact, by the classic has-zero-byte bit tricks.
    @inline(__always) static func mayStopBraced(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x7B)) || hasZeroByte(word ^ (ones &* 0x7D))
            || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0x40))
            || (word &- ones &* 0x20) & ~word & highs != 0
    }

    /// The standard month macros every BibTeX style defines.
    static let monthMacros: [String: [UInt8]] = [
        "jan": Array("January".utf8), "feb": Array("February".utf8), "mar": Array("March".utf8),
        "apr": Array("April".utf8), "may": Array("May".utf8), "jun": Array("June".utf8),
        "jul": Array("July".utf8), "aug": Array("August".utf8), "sep": Array("September".utf8),
        "oct": Array("October".utf8), "nov": Array("November".utf8), "dec": Array("December".utf8),
    ]

    // MARK: - Resolution: crossref, normalized fields

    /// What a field contributes to the normalized `Source`.
    enum FieldRole {
        case author, editor, date, year, title, url, doi, ids
        /// A candidate for `Source.container`; lower ranks win.
        case container(Int)
        /// A value kept verbatim (files, ISBNs): no LaTeX cleaning beyond braces.
        case verbatim
        case other

        /// URLs, DOIs and files are not LaTeX: `~` and `%` mean themselves.
        var isVerbatim: Bool {
            switch self {
            case .url, .doi, .verbatim: true
            default: false
            }
        }
    }

    /// The role of a lowercased field name.
    static func role(of name: String) -> FieldRole {
        // Most names have no role: the first byte rules them out before any string comparison.
        switch name.utf8.first {
        case 0x61: return name == "author" ? .author : .other
        case 0x62: return name == "booktitle" ? .container(2) : .other
        case 0x64: return name == "date" ? .date : name == "doi" ? .doi : .other
        case 0x65: return name == "editor" ? .editor : name == "eprint" ? .verbatim : .other
        case 0x66: return name == "file" ? .verbatim : .other
        case 0x68: return name == "howpublished" ? .container(5) : .other
        case 0x69:
            switch name {
            case "ids": return .ids
            case "institution": return .container(6)
            case "isbn", "issn": return .verbatim
            default: return .other
            }
        case 0x6A: return name == "journaltitle" ? .container(0) : name == "journal" ? .container(1) : .other
        case 0x6D: return name == "maintitle" ? .container(3) : .other
        case 0x6F: return name == "organization" ? .container(7) : .other
        case 0x70: return name == "publisher" ? .container(4) : .other
        case 0x73: return name == "school" ? .container(8) : .other
        case 0x74: return name == "title" ? .title : .other
        case 0x75: return name == "url" ? .url : name == "urldate" ? .verbatim : .other
        case 0x79: return name == "year" ? .year : .other
        default: return .other
        }
    }

    /// Where an entry is: its chunk and its index there.
    private struct EntryIndex {
        var chunk: Int
        var index: Int
    }

    private struct Resolver {
        let chunks: [ScannedChunk]
        let path: String
        let buffer: SharedBuffer
        /// The file's bytes, shared by the fields that are cleaned when read.
        let file: [UInt8]
        /// Whether any entry has a `crossref` field (the key table is built only then).
        let hasCrossref: Bool

        /// The sources of every chunk in file order; with `parallel`, chunks resolve on
        /// several threads straight into the result's storage.
        func resolve(parallel: Bool) -> [Source] {
            var byKey: [String: EntryIndex] = [:]
            if hasCrossref {
                for (c, chunk) in chunks.enumerated() {
                    for (index, entry) in chunk.entries.enumerated() where byKey[entry.key.lowercased()] == nil {
                        byKey[entry.key.lowercased()] = EntryIndex(chunk: c, index: index)
                    }
                }
            }
            var offsets: [Int] = []
            var total = 0
            for chunk in chunks {
                offsets.append(total)
                total += chunk.entries.count
            }
            let keys = byKey
            let chunkOffsets = offsets
            if !parallel {
                var sources: [Source] = []
                sources.reserveCapacity(total)
                let holder = BibTeXFileBytes(file)
                for chunk in chunks {
                    for entry in chunk.entries { sources.append(source(entry, in: chunk, byKey: byKey, holder: holder, path: path)) }
                }
                return sources
            }
            return [Source](unsafeUninitializedCapacity: total) { storage, initialized in
                let out = BibTeXChunks.Output(base: storage.baseAddress)
                DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                    let chunk = chunks[c]
                    guard let base = out.base else { return }
                    let holder = BibTeXFileBytes(file)
                    // A path string of the chunk's own: one shared by all threads would have its
                    // reference count bounced between cores once per source.
                    let path = String(decoding: Array(path.utf8), as: UTF8.self)
                    for (index, entry) in chunk.entries.enumerated() {
                        (base + chunkOffsets[c] + index).initialize(to: source(entry, in: chunk, byKey: keys, holder: holder, path: path))
                    }
                }
                initialized = total
            }
        }

        /// The source of one entry, with the fields its crossref parent lends it.
        func source(_ entry: RawEntry, in chunk: ScannedChunk, byKey: [String: EntryIndex], holder: BibTeXFileBytes, path: String) -> Source {
            let own = chunk.fields[entry.fieldRange]
            guard hasCrossref, let crossref = own.first(where: { $0.name == "crossref" }),
                let parentIndex = byKey[crossref.value.withBytes(buffer.buffer, BibTeXParser.cleanVerbatim).lowercased()]
            else { return makeSource(entry, fields: own, holder: holder, path: path) }
            let parentChunk = chunks[parentIndex.chunk]
            let parent = parentChunk.entries[parentIndex.index]
            guard parent.key != entry.key else { return makeSource(entry, fields: own, holder: holder, path: path) }
            var fields = Array(own)
            let parentFields = parentChunk.fields[parent.fieldRange]
            for field in parentFields where field.name != "ids" && field.name != "crossref" {
                if !fields.contains(where: { $0.name == field.name }) { fields.append(field) }
            }
            // BibLaTeX: a part's booktitle is its parent's title.
            if !own.contains(where: { $0.name == "booktitle" }), let title = parentFields.first(where: { $0.name == "title" }) {
                fields.removeAll { $0.name == "booktitle" }
                fields.append(RawField(name: "booktitle", value: title.value, range: title.range))
            }
            return makeSource(entry, fields: fields[...], holder: holder, path: path)
        }

        /// A value cleaned when read: a slice of the file, or the assembled bytes.
        func rawText(_ value: RawValue, verbatim: Bool, holder: BibTeXFileBytes) -> BibTeXRawText {
            switch value {
            case .slice(let range): BibTeXRawText(bytes: .file(holder, range), verbatim: verbatim)
            case .owned(let bytes): BibTeXRawText(bytes: .owned(bytes), verbatim: verbatim)
            }
        }

        func makeSource(_ entry: RawEntry, fields rawFields: ArraySlice<RawField>, holder: BibTeXFileBytes, path: String) -> Source {
            let buffer = self.buffer.buffer
            var fields: [String: SourceField] = [:]
            fields.reserveCapacity(rawFields.count)
            var authorField: RawField?
            var editorField: RawField?
            var howpublished: RawField?
            var date: String?
            var year: String?
            var title: String?
            var url: String?
            var doi: String?
            var ids: String?
            var containerRank = Int.max
            var container: String?
            for field in rawFields {
                let name = field.name
                // One switch per field classifies it: cheaper than hashing the name into lookup tables.
                let role = BibTeXParser.role(of: name)
                switch role {
                case .other, .verbatim, .author, .editor:
                    // Not a property of the source: cleaned only if hover or a rule reads it.
                    fields[name] = SourceField(bibTeX: rawText(field.value, verbatim: role.isVerbatim, holder: holder), range: field.range)
                    if case .author = role { authorField = field }
                    if case .editor = role { editorField = field }
                    continue
                default:
                    break
                }
                let cleaned = field.value.withBytes(buffer) { role.isVerbatim ? BibTeXParser.cleanVerbatim($0) : BibTeXParser.cleanLaTeX($0) }
                fields[name] = SourceField(value: cleaned, range: field.range)
                switch role {
                case .date: date = cleaned
                case .year: year = cleaned
                case .title: title = cleaned
                case .url: url = cleaned
                case .doi: doi = cleaned
                case .ids: ids = cleaned
                case .container(let rank):
                    if name == "howpublished" { howpublished = field }
                    if rank < containerRank, !cleaned.isEmpty {
                        containerRank = rank
                        container = cleaned
                    }
                case .author, .editor, .verbatim, .other: break
                }
            }
            var authors: [PersonName] = []
            if let names = authorField ?? editorField {
                authors = names.value.withBytes(buffer) { BibTeXParser.parseNames($0) }
            }
            var issued: String?
            if let date, !date.isEmpty { issued = BibTeXParser.yearText(date) }
            if issued == nil, let year, !year.isEmpty { issued = BibTeXParser.yearText(year) ?? year }
            if url == nil, let how = howpublished, let u = how.value.withBytes(buffer, BibTeXParser.urlCommandArgument) {
                url = u
            }
            doi = doi.map(BibTeXParser.stripDOIPrefix)
            var aliases: [String] = []
            if let ids {
                aliases = ids.split(separator: ",").map { RegistryText.trim($0) }.filter { !$0.isEmpty }
            }
            return Source(
                key: entry.key, keyRange: entry.keyRange, entryRange: entry.entryRange, path: path, format: .bibtex,
                entryType: entry.type, authors: authors, year: issued, title: RegistryText.nonEmpty(title),
                container: container, url: RegistryText.nonEmpty(url), doi: RegistryText.nonEmpty(doi), fields: fields, aliases: aliases)
        }
    }

    // MARK: - Values

    /// The year part of a date: "2020-05-01" -> "2020", "2019/2020" -> "2019/2020",
    /// "2020-05/2021-01" -> "2020/2021"; nil when there is no four-digit year.
    static func yearText(_ date: String) -> String? {
        var date = date
        return date.withUTF8 { bytes -> String? in
            // The first run of four or more digits in each '/'-separated part.
            var years: [Range<Int>] = []
            var i = 0
            var partHasYear = false
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x2F {
                    partHasYear = false
                    i += 1
                } else if b >= 0x30 && b <= 0x39 {
                    var j = i
                    while j < bytes.count && bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
                    if j - i >= 4 && !partHasYear {
                        years.append(i..<(i + 4))
                        partHasYear = true
                    }
                    i = j
                } else {
                    i += 1
                }
            }
            guard let first = years.first else { return nil }
            let firstYear = String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self)
            guard years.count >= 2 else { return firstYear }
            let secondYear = String(decoding: UnsafeBufferPointer(rebasing: bytes[years[1]]), as: UTF8.self)
            return firstYear == secondYear ? firstYear : firstYear + "/" + secondYear
        }
    }

    /// Removes `https://doi.org/`, `http://dx.doi.org/` and `doi:` prefixes.
    static func stripDOIPrefix(_ doi: String) -> String {
        let trimmed = RegistryText.trim(doi)
        guard let first = trimmed.utf8.first, first == 0x68 || first == 0x48 || first == 0x64 || first == 0x44 else { return trimmed }
        let lower = trimmed.lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] where lower.hasPrefix(prefix) {
            return RegistryText.trim(trimmed.dropFirst(prefix.count))
        }
        return trimmed
    }

    /// The argument of a `\url{...}` in a raw value (Zotero's `howpublished = {\url{...}}`).
    static func urlCommandArgument(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        let command = Array("\\url{".utf8)
        guard raw.count > command.count else { return nil }
        var i = 0
        while i + command.count <= raw.count {
            if raw[i] == 0x5C && raw[i..<(i + command.count)].elementsEqual(command) {
                let start = i + command.count
                var j = start
                while j < raw.count && raw[j] != 0x7D { j += 1 }
                guard j < raw.count else { return nil }
                return RegistryText.trim(String(decoding: UnsafeBufferPointer(rebasing: raw[start..<j]), as: UTF8.self))
            }
            i += 1
        }
        return nil
    }

    /// Characters that TeX escapes in URLs (`\_`, `\%`...).
    @inline(__always) static func isURLEscapable(_ b: UInt8) -> Bool {
        b == 0x5F || b == 0x25 || b == 0x26 || b == 0x23 || b == 0x24 || b == 0x7E
    }

    /// A verbatim value: braces removed, TeX escapes of URL characters undone, spaces trimmed.
    static func cleanVerbatim(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        var end = raw.count
        while start < end && RegistryText.isSpace(raw[start]) { start += 1 }
        while end > start && RegistryText.isSpace(raw[end - 1]) { end -= 1 }
        var plain = true
        for i in start..<end {
            let b = raw[i]
            if b == 0x7B || b == 0x7D || b == 0x5C || b == 0x0A || b == 0x0D || b == 0x09 {
                plain = false
                break
            }
        }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: raw[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = raw[i]
            if b == 0x7B || b == 0x7D || b == 0x0A || b == 0x0D || b == 0x09 {
                i += 1
                continue
            }
            if b == 0x5C && i + 1 < end, BibTeXParser.isURLEscapable(raw[i + 1]) {
                out.append(raw[i + 1])
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        while let last = out.last, last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Small text helpers shared by the registry parsers.
enum RegistryText {
    /// `s` without leading and trailing ASCII whitespace.
    static func trim<S: StringProtocol>(_ s: S) -> String {
        let bytes = Array(s.utf8)
        var start = 0
        var end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Nil when `s` is nil or empty.
    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    /// ASCII whitespace.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }
}
