@testable import MarginaliaCore

/// Byte range of the `occurrence`-th (zero-based) occurrence of `needle` in `haystack`.
func byteRange(of needle: String, in haystack: String, occurrence: Int = 0) -> Range<Int> {
    let h = Array(haystack.utf8)
    let n = Array(needle.utf8)
    var seen = 0
    var i = 0
    while i + n.count <= h.count {
        if Array(h[i..<(i + n.count)]) == n {
            if seen == occurrence { return i..<(i + n.count) }
            seen += 1
        }
        i += 1
    }
    return -1 ..< -1
}

/// Byte offset of the first occurrence of `needle`.
func byteOffset(of needle: String, in haystack: String, occurrence: Int = 0) -> Int {
    byteRange(of: needle, in: haystack, occurrence: occurrence).lowerBound
}

/// The text of a byte range.
func slice(_ text: String, _ range: Range<Int>) -> String {
    String(decoding: Array(text.utf8)[range], as: UTF8.self)
}
