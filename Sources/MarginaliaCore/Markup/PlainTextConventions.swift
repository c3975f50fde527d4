/// The conventions of unmarked corpora: numbered notes under a notes heading, and short
/// title lines as headings in plain text.
enum PlainTextConventions {
    /// Heading texts that open a section of numbered notes (lowercased, colon removed).
    static let noteHeadings: Set<String> = [
        "notes", "note", "endnotes", "footnotes", "sources", "references", "notes and sources",
        "sources and notes", "notes and references", "references and notes",
    ]

    /// Finds the notes section, its numbered definitions and the markers that refer to them.
    static func apply(_ buf: UnsafeBufferPointer<UInt8>, _ text: SourceText, _ format: DocumentFormat, _ tree: inout MarkupTree, firstLine: Int) {
        let opaque = tree.opaqueRanges
        var opaqueIndex = 0
        func isOpaque(_ offset: Int) -> Bool {
            while opaqueIndex < opaque.count && opaque[opaqueIndex].upperBound <= offset { opaqueIndex += 1 }
            return opaqueIndex < opaque.count && opaque[opaqueIndex].lowerBound <= offset
        }
        var headingLine = -1
        var line = firstLine
        while line < text.lineCount {
            let r = text.contentRange(ofLine: line)
            if r.count <= 40 && !isOpaque(r.lowerBound), isNotesHeading(buf, r, format) {
                headingLine = line
                break
            }
            line += 1
        }
        if format == .plainText { titleHeadings(buf, text, &tree, firstLine: firstLine, notesLine: headingLine) }
        var definedLabels: Set<String> = []
        var notesStart = buf.count
        if headingLine >= 0 {
            let hr = text.contentRange(ofLine: headingLine)
            notesStart = hr.lowerBound
            if format == .plainText {
                tree.headings.append(Heading(
                    level: 2, text: ByteClass.plainText(buf, ByteClass.trim(buf, hr)), range: hr, sectionRange: hr))
            }
            var current: (label: String, labelRange: Range<Int>, start: Int, contentStart: Int)?
            var lastContentEnd = hr.upperBound
            func finish(_ c: (label: String, labelRange: Range<Int>, start: Int, contentStart: Int)?) {
                guard let c else { return }
                let content = c.contentStart..<max(c.contentStart, lastContentEnd)
                tree.noteDefinitions.append(NoteDefinition(
                    label: c.label, range: c.start..<max(c.contentStart, lastContentEnd), labelRange: c.labelRange,
                    contentRange: content, text: ByteClass.plainText(buf, content), style: .numbered))
                definedLabels.insert(c.label)
            }
            var l = headingLine + 1
            while l < text.lineCount {
                let r = text.contentRange(ofLine: l)
                if let (labelRange, contentStart) = definitionMarker(buf, r) {
                    finish(current)
                    current = (ByteClass.string(buf, labelRange), labelRange, r.lowerBound, contentStart)
                    lastContentEnd = r.upperBound
                } else if !ByteClass.trim(buf, r).isEmpty {
                    lastContentEnd = r.upperBound
                }
                l += 1
            }
            finish(current)
        }
        // Markers in the text before the notes.
        opaqueIndex = 0
        var i = text.lineStarts[min(firstLine, text.lineCount - 1)]
        let end = notesStart
        guard let p = buf.baseAddress else { return }
        // Without numbered definitions only superscript digits can be markers.
        let markers = definedLabels.isEmpty ? ByteTable.superscriptLeads : ByteTable.noteMarkers
        let table = markers.entries
        let asciiIsPlain = definedLabels.isEmpty
        while true {
            if asciiIsPlain {
                // Only lead bytes >= 0x80 matter: skip ASCII eight bytes at a time, and other
                // non-ASCII bytes (quotes, letters) a few at a time, back to the fast loop.
                while true {
                    while i + 8 <= end && UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                    i = ByteClass.next(p, i, min(end, i + 8), in: table)
                    if i >= end || table[Int(p[i])] != 0 { break }
                }
            } else {
                i = ByteClass.next(p, i, end, in: table)
            }
            guard i < end else { break }
            let b = buf[i]
            if (b == 0x28 || b == 0x5B) && !definedLabels.isEmpty {
                let close: UInt8 = b == 0x28 ? 0x29 : 0x5D
                var j = i + 1
                while j < end && j - i <= 4 && buf[j] >= 0x30 && buf[j] <= 0x39 { j += 1 }
                if j > i + 1 && j < end && buf[j] == close && !isOpaque(i) {
                    let labelRange = (i + 1)..<j
                    let label = ByteClass.string(buf, labelRange)
                    let next: UInt8 = j + 1 < end ? buf[j + 1] : 0x20
                    let atLineStart = i == 0 || buf[i - 1] == 0x0A || buf[i - 1] == 0x0D
                    if definedLabels.contains(label) && next != 0x28 && next != 0x3A && next != 0x5B && next != 0x7B && !atLineStart {
                        tree.noteReferences.append(NoteReference(label: label, range: i..<(j + 1), labelRange: labelRange, style: .numbered))
                    }
                    i = j + 1
                    continue
                }
            } else if b == 0xC2 || b == 0xE2 {
                var j = i
                var digits: [UInt8] = []
                while let (digit, length) = superscriptDigit(buf, j, end) {
                    digits.append(digit)
                    j += length
                }
                if !digits.isEmpty {
                    if !isOpaque(i) && ByteClass.alnumBefore(buf, i, lowerBound: 0) || (i > 0 && ByteClass.isASCIIPunct(buf[i - 1])) {
                        tree.noteReferences.append(NoteReference(
                            label: String(decoding: digits, as: UTF8.self), range: i..<j, labelRange: i..<j, style: .numbered))
                    }
                    i = j
                    continue
                }
            }
            i += 1
        }
        withExtendedLifetime(markers) {}
    }

    /// A superscript digit at `i`: its ASCII digit and byte length.
    private static func superscriptDigit(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt8, Int)? {
        guard i + 1 < end else { return nil }
        if buf[i] == 0xC2 {
            switch buf[i + 1] {
            case 0xB9: return (0x31, 2)
            case 0xB2: return (0x32, 2)
            case 0xB3: return (0x33, 2)
            default: return nil
            }
        }
        if buf[i] == 0xE2 && i + 2 < end && buf[i + 1] == 0x81 {
            let c = buf[i + 2]
            if c == 0xB0 { return (0x30, 3) }
            if c >= 0xB4 && c <= 0xB9 { return (0x30 + (c - 0xB0), 3) }
        }
        return nil
    }

    private static func isNotesHeading(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ format: DocumentFormat) -> Bool {
        var t = ByteClass.trim(buf, r)
        if format == .markdown {
            var lo = t.lowerBound
            while lo < t.upperBound && buf[lo] == 0x23 { lo += 1 }
            t = ByteClass.trim(buf, lo..<t.upperBound)
        }
        var hi = t.upperBound
        if hi > t.lowerBound && buf[hi - 1] == 0x3A { hi -= 1 }
        // Every notes heading is 4 to 21 bytes and starts with one of these letters.
        guard hi - t.lowerBound >= 4 && hi - t.lowerBound <= 21 else { return false }
        switch buf[t.lowerBound] | 0x20 {
        case 0x6E, 0x65, 0x66, 0x73, 0x72: break  // n e f s r
        default: return false
        }
        var lowered: [UInt8] = []
        for k in t.lowerBound..<hi {
            let b = buf[k]
            lowered.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return noteHeadings.contains(String(decoding: lowered, as: UTF8.self))
    }

    /// `(1)`, `[1]`, `1.` or `1)` at the start of a line: the label range and where the text starts.
    private static func definitionMarker(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (Range<Int>, Int)? {
        var i = r.lowerBound
        while i < r.upperBound && i - r.lowerBound < 3 && ByteClass.isBlank(buf[i]) { i += 1 }
        guard i < r.upperBound else { return nil }
        var close: UInt8 = 0
        if buf[i] == 0x28 { close = 0x29; i += 1 } else if buf[i] == 0x5B { close = 0x5D; i += 1 }
        let s = i
        while i < r.upperBound && i - s < 3 && buf[i] >= 0x30 && buf[i] <= 0x39 { i += 1 }
        guard i > s, i < r.upperBound || close == 0 else { return nil }
        let labelRange = s..<i
        if close != 0 {
            guard i < r.upperBound, buf[i] == close else { return nil }
        } else {
            guard i < r.upperBound, buf[i] == 0x2E || buf[i] == 0x29 else { return nil }
        }
        i += 1
        guard i == r.upperBound || ByteClass.isBlank(buf[i]) else { return nil }
        while i < r.upperBound && ByteClass.isBlank(buf[i]) { i += 1 }
        return (labelRange, i)
    }

    /// Short title-case lines standing alone between blank lines become level-2 headings.
    private static func titleHeadings(_ buf: UnsafeBufferPointer<UInt8>, _ text: SourceText, _ tree: inout MarkupTree, firstLine: Int, notesLine: Int) {
        func blank(_ l: Int) -> Bool { l < 0 || l >= text.lineCount || ByteClass.trim(buf, text.contentRange(ofLine: l)).isEmpty }
        var l = firstLine
        while l < text.lineCount {
            defer { l += 1 }
            if l == notesLine { continue }
            let r = ByteClass.trim(buf, text.contentRange(ofLine: l))
            guard !r.isEmpty, r.count <= 60, blank(l - 1) || l == firstLine, blank(l + 1), l + 1 < text.lineCount else { continue }
            let first = buf[r.lowerBound]
            guard first >= 0x41 && first <= 0x5A else { continue }
            let last = buf[r.upperBound - 1]
            if ByteClass.isASCIIPunct(last) && last != 0x29 { continue }
            var words = 0
            var ok = true
            var k = r.lowerBound
            while k < r.upperBound {
                while k < r.upperBound && ByteClass.isBlank(buf[k]) { k += 1 }
                let ws = k
                while k < r.upperBound && !ByteClass.isBlank(buf[k]) { k += 1 }
                if k > ws {
                    words += 1
                    let c = buf[ws]
                    if k - ws >= 4 && c >= 0x61 && c <= 0x7A { ok = false }
                    if c == 0x2E || c == 0x2C { ok = false }
                }
            }
            if ok && words <= 8 {
                tree.headings.append(Heading(level: 2, text: ByteClass.plainText(buf, r), range: r, sectionRange: r))
            }
        }
    }
}
