/// A BibTeX field value kept as raw bytes and cleaned of LaTeX only when read.
///
/// Most fields of a large bibliography (abstracts, keywords, pages) are never shown: keeping a
/// reference to the file's bytes costs one retain, where a cleaned `String` costs an allocation,
/// a copy and often the slow path of the LaTeX cleaner.
struct BibTeXRawText: Sendable {
    /// The bytes holding the value: the whole file (shared, not copied) or bytes assembled from
    /// macros and `#` concatenation.
    let bytes: [UInt8]
    /// Where the value lies in `bytes`.
    let range: Range<Int>
    /// Whether the value is verbatim (URLs, DOIs, files): braces and URL escapes go, nothing else.
    let verbatim: Bool

    /// The cleaned value, as the parser would have stored it.
    func cleaned() -> String {
        bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            return verbatim ? BibTeXParser.cleanVerbatim(slice) : BibTeXParser.cleanLaTeX(slice)
        }
    }
}
