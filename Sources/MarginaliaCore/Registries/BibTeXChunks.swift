#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a large `.bib` file can be cut so that its chunks parse on several threads.
///
/// A cut is an `@` at the start of a line that opens an entry header, after the last `@string`
/// of the file: every chunk then sees the same macros as a sequential parse. Cuts are only
/// proposals: the parser checks that each chunk's scan stops exactly at the next cut, and scans
/// sequentially otherwise.
enum BibTeXChunks {
    /// Threads for one file: the online cores, at most 8.
    static let defaultWorkers: Int = {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return max(1, min(8, cores))
    }()

    /// Below this many bytes per chunk, threads cost more than they save.
    static let defaultMinChunkBytes = 1 << 20

    /// The offset of the next `@` at or after `offset`, or `buffer.count`.
    static func nextAt(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        guard offset < buffer.count, let base = buffer.baseAddress else { return buffer.count }
        guard let found = memchr(base + offset, 0x40, buffer.count - offset) else { return buffer.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the `@` at `offset` may open an `@string` entry: a superset of what the parser
    /// reads as one (spaces, then "string" in any case).
    static func mayOpenString(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var i = offset + 1
        while i < buffer.count, isSpace(buffer[i]) { i += 1 }
        guard i + 6 <= buffer.count else { return false }
        let word: [UInt8] = [0x73, 0x74, 0x72, 0x69, 0x6E, 0x67]
        for k in 0..<6 where buffer[i + k] | 0x20 != word[k] { return false }
        return true
    }

    /// The parser's spaces between `@` and the entry type.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
    }

    /// Whether the `@` at `offset` starts a line and is followed by `name{` or `name(`.
    static func isCut(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, textStart: Int) -> Bool {
        guard offset > textStart, buffer[offset - 1] == 0x0A else { return false }
        var i = offset + 1
        let nameStart = i
        while i < buffer.count, isLetter(buffer[i]) { i += 1 }
        guard i > nameStart, i < buffer.count else { return false }
        return buffer[i] == 0x7B || buffer[i] == 0x28
    }

    /// ASCII letters.
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }

    /// The start of each chunk, in increasing order, or nil when the file is too small to split
    /// or has no cut after its last `@string`.
    static func starts(_ buffer: UnsafeBufferPointer<UInt8>, textStart: Int, chunks: Int, minChunkBytes: Int) -> [Int]? {
        guard chunks > 1, buffer.count - textStart >= 2 * minChunkBytes else { return nil }
        var lastString = textStart - 1
        var at = nextAt(buffer, from: textStart)
        while at < buffer.count {
            if mayOpenString(buffer, at: at) { lastString = at }
            at = nextAt(buffer, from: at + 1)
        }
        let bodyStart = lastString + 1
        let bodyBytes = buffer.count - bodyStart
        let count = min(chunks, bodyBytes / max(1, minChunkBytes))
        guard count > 1 else { return nil }
        var starts: [Int] = []
        for k in 0..<count {
            var candidate = nextAt(buffer, from: max(bodyStart + bodyBytes / count * k, (starts.last ?? textStart - 1) + 1))
            while candidate < buffer.count && !isCut(buffer, at: candidate, textStart: textStart) {
                candidate = nextAt(buffer, from: candidate + 1)
            }
            guard candidate < buffer.count else { break }
            starts.append(candidate)
        }
        return starts.count > 1 ? starts : nil
    }

    /// The uninitialized storage of a result array; each thread initializes its own elements.
    struct Output<Element>: @unchecked Sendable {
        /// The first element (nil for an empty array).
        let base: UnsafeMutablePointer<Element>?
    }
}
