/// A BibTeX field value kept as raw bytes and cleaned of LaTeX only when read.
///
/// Most fields of a large bibliography (abstracts, keywords, pages) are never shown: keeping a
/// reference to the file's bytes costs one retain, where a cleaned `String` costs an allocation,
/// a copy and often the slow path of the LaTeX cleaner.
struct BibTeXRawText: Sendable {
    /// Where the bytes live.
    enum Bytes: Sendable {
        /// A range of the file, through the owner of the chunk the value was parsed in.
        case file(BibTeXFileBytes, Range<Int>)
        /// Bytes assembled from macros and `#` concatenation.
        case owned([UInt8])
    }

    /// The value's bytes.
    let bytes: Bytes
    /// Whether the value is verbatim (URLs, DOIs, files): braces and URL escapes go, nothing else.
    let verbatim: Bool

    /// The cleaned value, as the parser would have stored it.
    func cleaned() -> String {
        switch bytes {
        case .file(let file, let range):
            file.bytes.withUnsafeBufferPointer { clean(UnsafeBufferPointer(rebasing: $0[range])) }
        case .owned(let owned):
            owned.withUnsafeBufferPointer { clean($0) }
        }
    }

    /// Cleans raw bytes as the field's kind asks.
    private func clean(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        verbatim ? BibTeXParser.cleanVerbatim(raw) : BibTeXParser.cleanLaTeX(raw)
    }
}

/// The bytes of a `.bib` file, held by the fields cleaned when read. Each chunk of a parallel
/// parse gets its own holder of the same array, so that threads do not contend on one
/// reference count while they create a field per value.
final class BibTeXFileBytes: Sendable {
    /// The whole file.
    let bytes: [UInt8]

    /// Holds `bytes` (shared, not copied).
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}
