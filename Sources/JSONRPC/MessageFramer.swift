import Foundation

/// A problem in the `Content-Length` framing of the byte stream; the framer recovers after reporting it.
public struct FramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in words.
    public var message: String
    /// How many input bytes were discarded to resynchronise.
    public var discardedByteCount: Int

    /// Builds a framing error.
    public init(message: String, discardedByteCount: Int) {
        self.message = message
        self.discardedByteCount = discardedByteCount
    }

    /// The message and the discarded byte count.
    public var description: String { "\(message) (\(discardedByteCount) bytes skipped)" }
}

/// One output of the framer: a complete message body or a recoverable framing error.
public enum FrameEvent: Hashable, Sendable {
    /// The body of one message, exactly `Content-Length` bytes.
    case message(Data)
    /// Bytes that could not be framed; the framer has already skipped past them.
    case error(FramingError)
}

/// Incremental parser for LSP base-protocol frames (`Content-Length: N\r\n\r\n` + N bytes).
///
/// Feed it arbitrary chunks; it never fails for good. Bad headers are reported and the parser
/// resynchronises at the next `Content-Length:` it sees.
public struct MessageFramer: Sendable {
    /// Bodies above this size are reported and skipped rather than buffered.
    public static let defaultMaximumBodyByteCount = 256 * 1024 * 1024
    /// A header block longer than this without its blank line is garbage, not a header.
    static let maximumHeaderByteCount = 16 * 1024
    /// The header name every frame must carry, lower-cased for comparison.
    static let contentLengthName = Array("content-length".utf8)

    /// Where the parser is in the frame grammar.
    private enum State: Sendable {
        /// Looking for the blank line that ends a header block.
        case header
        /// Waiting for this many body bytes.
        case body(byteCount: Int)
        /// Dropping this many bytes of an oversized body.
        case skipping(byteCount: Int)
        /// Dropping bytes until the next `Content-Length:`.
        case resynchronising
    }

    /// The largest body accepted.
    public let maximumBodyByteCount: Int
    /// Received bytes not yet consumed start at `readIndex`.
    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte of `buffer`.
    private var readIndex = 0
    /// Where the header-terminator search resumes, so byte-by-byte feeding stays linear.
    private var headerScanIndex = 0
    /// Bytes dropped since the last reported error while resynchronising.
    private var resyncDiscardedByteCount = 0
    /// The parser state.
    private var state = State.header

    /// Creates a framer; `maximumBodyByteCount` guards against absurd lengths.
    public init(maximumBodyByteCount: Int = MessageFramer.defaultMaximumBodyByteCount) {
        self.maximumBodyByteCount = maximumBodyByteCount
    }

    /// The number of buffered, unconsumed bytes (for tests and diagnostics).
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends a chunk and returns every event it completes, in stream order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [FrameEvent] {
        var events: [FrameEvent] = []
        var input = bytes[...]
        // Oversized bodies are dropped straight from the input so they never occupy memory.
        if case .skipping(let remaining) = state {
            let dropped = min(remaining, input.count)
            input = input.dropFirst(dropped)
            state = remaining == dropped ? .header : .skipping(byteCount: remaining - dropped)
        }
        buffer.append(contentsOf: input)
        while let event = nextEvent() {
            events.append(event)
        }
        compact()
        return events
    }

    /// Drops consumed bytes once they dominate the buffer, keeping appends amortised O(1).
    private mutating func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count < 1 << 20)
            headerScanIndex = 0
            readIndex = 0
        } else if readIndex > 4096 && readIndex * 2 > buffer.count {
            buffer.removeSubrange(0..<readIndex)
            headerScanIndex -= readIndex
            readIndex = 0
        }
    }

    /// Consumes as much of the buffer as one event needs, or returns nil when more input is needed.
    private mutating func nextEvent() -> FrameEvent? {
        while true {
            switch state {
            case .body(let byteCount):
                guard buffer.count - readIndex >= byteCount else { return nil }
                let body = Data(buffer[readIndex..<readIndex + byteCount])
                readIndex += byteCount
                headerScanIndex = readIndex
                state = .header
                return .message(body)
            case .skipping(let remaining):
                let dropped = min(remaining, buffer.count - readIndex)
                readIndex += dropped
                headerScanIndex = readIndex
                guard dropped == remaining else {
                    state = .skipping(byteCount: remaining - dropped)
                    return nil
                }
                state = .header
            case .resynchronising:
                if let start = findContentLength(from: readIndex) {
                    resyncDiscardedByteCount += start - readIndex
                    readIndex = start
                    headerScanIndex = start
                    state = .header
                } else {
                    // Keep a tail that might be a split "Content-Length" awaiting its colon.
                    let keep = min(buffer.count - readIndex, Self.contentLengthName.count)
                    let newRead = buffer.count - keep
                    resyncDiscardedByteCount += newRead - readIndex
                    readIndex = newRead
                    headerScanIndex = newRead
                    return nil
                }
            case .header:
                if let event = parseHeader() { return event }
                if case .header = state { return nil }
            }
        }
    }

    /// Parses one header block if complete; returns an error event or nil (with the state advanced).
    private mutating func parseHeader() -> FrameEvent? {
        guard let terminator = findHeaderTerminator() else {
            if buffer.count - readIndex > Self.maximumHeaderByteCount {
                return startResynchronising(message: "header block without terminator", skipping: 1)
            }
            return nil
        }
        let headerStart = readIndex
        var contentLength: Int?
        var lengthIsBogus = false
        var lineStart = headerStart
        while lineStart < terminator {
            var lineEnd = lineStart
            while lineEnd < terminator && buffer[lineEnd] != UInt8(ascii: "\r") { lineEnd += 1 }
            if let value = headerValue(named: Self.contentLengthName, lineStart: lineStart, lineEnd: lineEnd) {
                if let parsed = parseDecimal(value), contentLength == nil || contentLength == parsed {
                    contentLength = parsed
                } else {
                    lengthIsBogus = true
                }
            }
            lineStart = lineEnd + 2
        }
        let headerEnd = terminator + 4
        guard let length = contentLength, !lengthIsBogus else {
            let headerText = String(decoding: buffer[headerStart..<terminator].prefix(80), as: UTF8.self)
            let reason = lengthIsBogus ? "invalid Content-Length" : "missing Content-Length"
            return startResynchronising(message: "\(reason) in header \"\(headerText)\"", skipping: 1)
        }
        readIndex = headerEnd
        headerScanIndex = headerEnd
        resyncDiscardedByteCount = 0
        if length > maximumBodyByteCount {
            state = .skipping(byteCount: length)
            return .error(
                FramingError(
                    message: "Content-Length \(length) exceeds the limit of \(maximumBodyByteCount) bytes",
                    discardedByteCount: length))
        }
        state = .body(byteCount: length)
        return nil
    }

    /// Skips `count` bytes, enters resynchronisation and reports why.
    private mutating func startResynchronising(message: String, skipping count: Int) -> FrameEvent {
        readIndex += count
        headerScanIndex = readIndex
        state = .resynchronising
        // The discarded count reported covers what is known now; later skips are silent.
        let skipped = count + resyncDiscardedByteCount
        resyncDiscardedByteCount = 0
        return .error(FramingError(message: message, discardedByteCount: skipped))
    }

    /// Index of the `\r\n\r\n` that ends the header block, scanning only bytes not yet scanned.
    private mutating func findHeaderTerminator() -> Int? {
        var index = max(headerScanIndex, readIndex)
        let end = buffer.count
        while index + 3 < end {
            if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        headerScanIndex = max(readIndex, end - 3)
        return nil
    }

    /// The trimmed value bytes if the line is `name: value` (name compared case-insensitively).
    private func headerValue(named name: [UInt8], lineStart: Int, lineEnd: Int) -> ArraySlice<UInt8>? {
        guard lineEnd - lineStart > name.count, buffer[lineStart + name.count] == UInt8(ascii: ":") else { return nil }
        for offset in 0..<name.count where lowercased(buffer[lineStart + offset]) != name[offset] {
            return nil
        }
        var valueStart = lineStart + name.count + 1
        var valueEnd = lineEnd
        while valueStart < valueEnd && (buffer[valueStart] == 32 || buffer[valueStart] == 9) { valueStart += 1 }
        while valueEnd > valueStart && (buffer[valueEnd - 1] == 32 || buffer[valueEnd - 1] == 9) { valueEnd -= 1 }
        return buffer[valueStart..<valueEnd]
    }

    /// Parses an unsigned decimal without overflow; nil for empty, signed or non-digit input.
    private func parseDecimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Where the next `Content-Length:` (any case) starts at or after `start`.
    private func findContentLength(from start: Int) -> Int? {
        let name = Self.contentLengthName
        let last = buffer.count - name.count - 1
        var index = start
        while index <= last {
            if lowercased(buffer[index]) == name[0] {
                var matched = true
                for offset in 1..<name.count where lowercased(buffer[index + offset]) != name[offset] {
                    matched = false
                    break
                }
                if matched && buffer[index + name.count] == UInt8(ascii: ":") { return index }
            }
            index += 1
        }
        return nil
    }

    /// ASCII lower-casing of one byte.
    private func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
