import Foundation

/// Repairs the text-level faults that make Foundation's JSON decoder reject a whole message.
///
/// Clients written in JavaScript can send lone surrogate escapes (`"\ud800"`), and a file may
/// hold invalid UTF-8 or raw control bytes. Rejecting the message would lose an edit, so each
/// fault is replaced: lone surrogate escapes become `\ufffd`, each maximal invalid UTF-8
/// subsequence becomes U+FFFD, and raw control bytes inside strings become `\u00XX` escapes.
public enum JSONSanitizer {
    /// The UTF-8 encoding of U+FFFD.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
    /// The JSON escape `\ufffd`.
    static let replacementEscape = Array("\\ufffd".utf8)

    /// The repaired bytes, or nil when `bytes` needs no repair (the common case, which allocates nothing).
    public static func sanitized(_ data: Data) -> Data? {
        data.withUnsafeBytes { raw in
            sanitized(buffer: raw.assumingMemoryBound(to: UInt8.self)).map { Data($0) }
        }
    }

    /// The single pass behind `sanitized(_:)`: copies lazily from the first fault on.
    private static func sanitized(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8]? = nil
        var copiedUpTo = 0
        var inString = false
        var index = 0
        let count = input.count

        /// Starts (or continues) the output with the clean bytes before `index`, then appends `replacement`.
        func replace(upTo faultStart: Int, resumingAt resume: Int, with replacement: [UInt8]) {
            if output == nil {
                output = []
                output?.reserveCapacity(count + 16)
            }
            output?.append(contentsOf: UnsafeBufferPointer(rebasing: input[copiedUpTo..<faultStart]))
            output?.append(contentsOf: replacement)
            copiedUpTo = resume
        }

        while index < count {
            let byte = input[index]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\"") {
                    inString.toggle()
                    index += 1
                } else if inString && byte == UInt8(ascii: "\\") {
                    index = scanEscape(input, at: index, replace: replace)
                } else if inString && byte < 0x20 {
                    let hex = Array("0123456789abcdef".utf8)
                    replace(
                        upTo: index, resumingAt: index + 1,
                        with: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                    index += 1
                } else {
                    index += 1
                }
                continue
            }
            let length = validUTF8SequenceLength(input, at: index)
            if length > 0 {
                index += length
            } else {
                let invalidLength = maximalInvalidSubpartLength(input, at: index)
                replace(upTo: index, resumingAt: index + invalidLength, with: replacementCharacter)
                index += invalidLength
            }
        }
        guard var result = output else { return nil }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: input[copiedUpTo..<count]))
        return result
    }

    /// Steps over the escape at `index` (a backslash inside a string), replacing lone surrogates.
    private static func scanEscape(
        _ input: UnsafeBufferPointer<UInt8>, at index: Int,
        replace: (_ upTo: Int, _ resumingAt: Int, _ with: [UInt8]) -> Void
    ) -> Int {
        guard index + 1 < input.count else { return index + 1 }
        guard input[index + 1] == UInt8(ascii: "u"), let unit = hexUnit(input, at: index + 2) else {
            return index + 2
        }
        if unit >= 0xD800 && unit <= 0xDBFF {
            if index + 7 < input.count, input[index + 6] == UInt8(ascii: "\\"), input[index + 7] == UInt8(ascii: "u"),
                let low = hexUnit(input, at: index + 8), low >= 0xDC00 && low <= 0xDFFF
            {
                return index + 12
            }
            replace(index, index + 6, replacementEscape)
            return index + 6
        }
        if unit >= 0xDC00 && unit <= 0xDFFF {
            replace(index, index + 6, replacementEscape)
        }
        return index + 6
    }

    /// The UTF-16 unit spelled by four hex digits at `index`, or nil.
    private static func hexUnit(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
        guard index + 4 <= input.count else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = input[index + offset]
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 65...70: digit = byte - 55
            case 97...102: digit = byte - 87
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The length a UTF-8 sequence led by `lead` must have and the allowed range of its second
    /// byte (Unicode's table of well-formed sequences), or nil when `lead` cannot start one.
    static func sequenceShape(lead: UInt8) -> (length: Int, secondLow: UInt8, secondHigh: UInt8)? {
        switch lead {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: nil
        }
    }

    /// Length of the well-formed UTF-8 sequence starting at `index` (a byte >= 0x80), or 0.
    static func validUTF8SequenceLength(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let length = maximalInvalidSubpartLength(input, at: index)
        guard let shape = sequenceShape(lead: input[index]), length == shape.length else { return 0 }
        return length
    }

    /// Length of the maximal ill-formed subpart at `index`, per Unicode's U+FFFD substitution
    /// practice (the whole sequence when it is well formed).
    static func maximalInvalidSubpartLength(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard let shape = sequenceShape(lead: input[index]) else { return 1 }
        var length = 1
        while length < shape.length && index + length < input.count {
            let byte = input[index + length]
            let (low, high) = length == 1 ? (shape.secondLow, shape.secondHigh) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= low && byte <= high else { break }
            length += 1
        }
        return length
    }
}
