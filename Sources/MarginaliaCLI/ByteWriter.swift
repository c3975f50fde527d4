import JSONRPC

/// Buffered UTF-8 output: reporters append bytes here and the buffer goes to a file descriptor
/// in large `write(2)` chunks, so a report of 100,000 findings never exists whole in memory
/// (and is never copied from a `String` into bytes at the end).
final class ByteWriter {
    /// Bytes not yet written.
    private(set) var buffer: [UInt8] = []
    /// Where full chunks go; nil keeps everything in `buffer` (tests, files written at once).
    private let descriptor: Int32?
    /// Buffer size at which `flushIfFull` writes.
    private let chunkByteCount: Int

    /// A writer flushing to `descriptor` in chunks of about `chunkByteCount` bytes, or
    /// collecting everything in memory when `descriptor` is nil.
    init(descriptor: Int32?, chunkByteCount: Int = 1 << 20) {
        self.descriptor = descriptor
        self.chunkByteCount = chunkByteCount
        buffer.reserveCapacity(descriptor == nil ? 4096 : chunkByteCount + chunkByteCount / 4)
    }

    /// Appends one byte.
    @inline(__always)
    func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    /// Appends raw bytes.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends `value` as a JSON string literal, escaped.
    func appendJSONString(_ value: String) {
        JSONRPC.JSONWriter.appendString(value, to: &buffer)
    }

    /// Appends a string's UTF-8 (without copying it first when it is stored contiguously).
    func append(_ string: String) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { buffer.append(contentsOf: $0) }
        if done == nil { buffer.append(contentsOf: string.utf8) }
    }

    /// Appends a literal's UTF-8.
    @inline(__always)
    func append(_ literal: StaticString) {
        literal.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal, without building a `String`.
    func append(_ value: Int) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude)
        } else {
            appendDecimal(UInt(value))
        }
    }

    private func appendDecimal(_ value: UInt) {
        let start = buffer.count
        var rest = value
        repeat {
            buffer.append(UInt8(truncatingIfNeeded: rest % 10) &+ 0x30)
            rest /= 10
        } while rest > 0
        buffer[start...].reverse()
    }

    private static let spaces: StaticString = "                                                                "

    /// Appends `count` spaces (indentation: 64 at a time from a literal).
    func appendSpaces(_ count: Int) {
        var rest = count
        ByteWriter.spaces.withUTF8Buffer { spaces in
            while rest > 0 {
                let chunk = min(rest, spaces.count)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[0..<chunk]))
                rest -= chunk
            }
        }
    }

    /// Writes the buffer out when it has reached the chunk size (a no-op when collecting).
    @inline(__always)
    func flushIfFull() {
        if buffer.count >= chunkByteCount, descriptor != nil { flush() }
    }

    /// Writes everything buffered to the descriptor (a no-op when collecting).
    func flush() {
        guard let descriptor, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { Terminal.writeAll($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// What was collected, as a string (for a writer without a descriptor).
    var text: String { String(decoding: buffer, as: UTF8.self) }
}
