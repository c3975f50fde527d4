/// A footnote definition found by the block pass, before its text is inline-scanned.
struct PendingNoteDefinition {
    var label: String
    var range: Range<Int>
    var labelRange: Range<Int>
    var contentRange: Range<Int>
    /// Content line ranges, indentation removed, used to build the note's text.
    var lineRanges: [Range<Int>]
}

/// What the line-level pass finds: blocks of inline text, code, comments, headings, notes.
struct BlockLayout {
    /// Ranges whose inline markup must be scanned, in order; inline constructs never cross them.
    var inlineBlocks: [Range<Int>] = []
    /// HTML comments, sorted.
    var comments: [Range<Int>] = []
    /// Code blocks, front matter and comments.
    var opaque: [Range<Int>] = []
    /// Headings (sectionRange filled later).
    var headings: [Heading] = []
    /// Footnote definitions.
    var notes: [PendingNoteDefinition] = []
    /// Suppression comments.
    var suppressions: [Suppression] = []
    /// Problems.
    var issues: [ParseIssue] = []
}

/// The line-level pass over a Markdown (or plain-text) document.
///
/// Read-only helpers are static: in debug builds a non-mutating method called from a
/// mutating one copies the scanner (and retains its arrays) on every call.
struct BlockScanner {
    let buf: UnsafeBufferPointer<UInt8>
    let text: SourceText
    let markdown: Bool
    var layout = BlockLayout()

    private var blockStart: Int?
    private var blockEnd = 0
    private var blockLines = 0
    private var blockFirstLine = 0
    private var note: PendingNoteDefinition?
    /// A search for `-->` from here found none.
    private var noCommentCloseFrom = Int.max

    init(buf: UnsafeBufferPointer<UInt8>, text: SourceText, markdown: Bool) {
        self.buf = buf
        self.text = text
        self.markdown = markdown
    }

    /// Columns of indentation and the offset of the first non-blank byte.
    private static func indentation(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (columns: Int, firstNonBlank: Int) {
        var columns = 0
        var i = r.lowerBound
        while i < r.upperBound {
            if buf[i] == 0x20 { columns += 1 } else if buf[i] == 0x09 { columns += 4 - columns % 4 } else { break }
            i += 1
        }
        return (columns, i)
    }

    private mutating func closeBlock() {
        if let s = blockStart, blockEnd > s { layout.inlineBlocks.append(s..<blockEnd) }
        blockStart = nil
        blockLines = 0
    }

    private mutating func extendBlock(_ r: Range<Int>, line: Int) {
        if blockStart == nil { blockStart = r.lowerBound; blockFirstLine = line }
        blockEnd = r.upperBound
        blockLines += 1
    }

    private mutating func finishNote() {
        if let n = note { layout.notes.append(n) }
        note = nil
    }

    /// Runs the pass from `firstLine` (after front matter).
    mutating func run(firstLine: Int) {
        let lineCount = text.lineCount
        var prevBlank = true
        var inContainer = false
        var line = firstLine
        while line < lineCount {
            let r = text.contentRange(ofLine: line)
            let (columns, fnb) = Self.indentation(buf, r)
            if fnb == r.upperBound {
                closeBlock()
                prevBlank = true
                line += 1
                continue
            }
            let smallIndent = columns <= 3
            let first = buf[fnb]
            if markdown && smallIndent && (first == 0x60 || first == 0x7E), let end = fencedBlock(line: line, at: fnb) {
                closeBlock()
                finishNote()
                inContainer = false
                line = end
                prevBlank = true
                continue
            }
            if markdown && columns >= 4 && prevBlank && !inContainer && blockStart == nil {
                closeBlock()
                finishNote()
                line = indentedCode(from: line)
                prevBlank = true
                continue
            }
            // A footnote definition `[^label]:` starts a container.
            if smallIndent && first == 0x5B, let (label, labelRange, colon) = Self.noteDefinitionStart(buf, fnb, r.upperBound) {
                closeBlock()
                finishNote()
                var contentStart = colon + 1
                while contentStart < r.upperBound && ByteClass.isBlank(buf[contentStart]) { contentStart += 1 }
                note = PendingNoteDefinition(
                    label: label, range: r.lowerBound..<r.upperBound, labelRange: labelRange,
                    contentRange: contentStart..<r.upperBound, lineRanges: [contentStart..<r.upperBound])
                inContainer = true
                extendBlock(contentStart..<r.upperBound, line: line)
                line = afterComments(line: line, r: r)
                prevBlank = false
                continue
            }
            if markdown && smallIndent && prevBlank && first == 0x23, let level = Self.atxLevel(buf, fnb, r.upperBound) {
                closeBlock()
                finishNote()
                inContainer = false
                let textRange = Self.atxText(buf, fnb + level, r.upperBound)
                layout.headings.append(Heading(
                    level: level, text: ByteClass.plainText(buf, textRange), range: r, sectionRange: r))
                extendBlock(textRange, line: line)
                line = afterComments(line: line, r: r)
                closeBlock()
                prevBlank = false
                continue
            }
            if markdown && smallIndent && blockStart != nil && blockLines == 1 && note == nil, let level = Self.setextLevel(buf, fnb, r.upperBound) {
                let headingLine = text.contentRange(ofLine: blockFirstLine)
                layout.headings.append(Heading(
                    level: level, text: ByteClass.plainText(buf, headingLine),
                    range: headingLine.lowerBound..<r.upperBound, sectionRange: headingLine.lowerBound..<r.upperBound))
                closeBlock()
                line += 1
                prevBlank = false
                continue
            }
            if smallIndent && Self.isListItemStart(buf, markdown: markdown, fnb, r.upperBound, afterBlank: prevBlank) && (markdown || prevBlank) {
                closeBlock()
                if prevBlank { finishNote() }
                inContainer = markdown
                extendBlock(r, line: line)
                line = afterComments(line: line, r: r)
                prevBlank = false
                continue
            }
            if prevBlank && columns < 4 {
                inContainer = false
                finishNote()
            }
            if var n = note {
                let content = fnb..<r.upperBound
                n.range = n.range.lowerBound..<r.upperBound
                n.contentRange = n.contentRange.lowerBound..<r.upperBound
                n.lineRanges.append(content)
                note = n
            }
            extendBlock(r, line: line)
            line = afterComments(line: line, r: r)
            prevBlank = false
        }
        closeBlock()
        finishNote()
    }

    /// Finds HTML comments starting on line `line`; returns the next line to read (after a
    /// comment that spans lines, whose lines join the current block).
    private mutating func afterComments(line: Int, r: Range<Int>) -> Int {
        var i = r.lowerBound
        var nextLine = line + 1
        var lineEnd = r.upperBound
        guard let p = buf.baseAddress else { return nextLine }
        while i + 3 < lineEnd {
            if p[i] != 0x3C {
                i = ByteClass.find(0x3C, p, i, lineEnd)
                continue
            }
            if p[i + 1] == 0x21 && p[i + 2] == 0x2D && p[i + 3] == 0x2D {
                guard let close = findCommentClose(from: i + 4) else {
                    layout.issues.append(ParseIssue(
                        rule: RuleID.unterminatedMarkup, message: "HTML comment is never closed with -->",
                        range: i..<lineEnd))
                    return nextLine
                }
                let comment = i..<close
                layout.comments.append(comment)
                layout.opaque.append(comment)
                recordSuppression(comment)
                if close > lineEnd {
                    let endLine = text.line(containing: close - 1)
                    let endRange = text.contentRange(ofLine: endLine)
                    blockEnd = max(blockEnd, endRange.upperBound)
                    lineEnd = endRange.upperBound
                    nextLine = endLine + 1
                }
                i = close
                continue
            }
            i += 1
        }
        return nextLine
    }

    private mutating func findCommentClose(from start: Int) -> Int? {
        // No `-->` after an earlier start means none after this one: unclosed comments on
        // many lines stay linear.
        if start >= noCommentCloseFrom { return nil }
        guard let p = buf.baseAddress else { return nil }
        var i = start
        let n = buf.count
        while i + 2 < n {
            if p[i] != 0x2D {
                i = ByteClass.find(0x2D, p, i, n)
                continue
            }
            if p[i + 1] == 0x2D && p[i + 2] == 0x3E { return i + 3 }
            i += 1
        }
        noCommentCloseFrom = start
        return nil
    }

    private mutating func recordSuppression(_ comment: Range<Int>) {
        let inner = ByteClass.trim(buf, (comment.lowerBound + 4)..<(comment.upperBound - 3))
        let keyword = Array("marginalia-ignore".utf8)
        guard inner.count >= keyword.count else { return }
        for k in 0..<keyword.count where buf[inner.lowerBound + k] != keyword[k] { return }
        let restStart = inner.lowerBound + keyword.count
        if restStart < inner.upperBound && !ByteClass.isWhitespace(buf[restStart]) { return }
        var rules: [String] = []
        var i = restStart
        while i < inner.upperBound {
            while i < inner.upperBound && ByteClass.isWhitespace(buf[i]) { i += 1 }
            let s = i
            while i < inner.upperBound && !ByteClass.isWhitespace(buf[i]) { i += 1 }
            if i > s { rules.append(ByteClass.string(buf, s..<i)) }
        }
        var target = text.line(containing: comment.upperBound - 1) + 1
        while target < text.lineCount - 1 {
            let r = text.contentRange(ofLine: target)
            if Self.indentation(buf, r).firstNonBlank < r.upperBound { break }
            target += 1
        }
        layout.suppressions.append(Suppression(rules: rules, range: comment, targetLine: target))
    }

    /// A fenced code block opening on `line`: returns the line after it, or nil when the
    /// line is not a fence.
    private mutating func fencedBlock(line: Int, at fnb: Int) -> Int? {
        let r = text.contentRange(ofLine: line)
        let fenceByte = buf[fnb]
        var i = fnb
        while i < r.upperBound && buf[i] == fenceByte { i += 1 }
        let length = i - fnb
        guard length >= 3 else { return nil }
        if fenceByte == 0x60 {
            var j = i
            while j < r.upperBound { if buf[j] == 0x60 { return nil }; j += 1 }
        }
        var l = line + 1
        while l < text.lineCount {
            let lr = text.contentRange(ofLine: l)
            let (columns, f) = Self.indentation(buf, lr)
            if columns <= 3 && f < lr.upperBound && buf[f] == fenceByte {
                var k = f
                while k < lr.upperBound && buf[k] == fenceByte { k += 1 }
                var rest = k
                while rest < lr.upperBound && ByteClass.isBlank(buf[rest]) { rest += 1 }
                if k - f >= length && rest == lr.upperBound {
                    layout.opaque.append(r.lowerBound..<lr.upperBound)
                    return l + 1
                }
            }
            l += 1
        }
        layout.opaque.append(r.lowerBound..<buf.count)
        layout.issues.append(ParseIssue(
            rule: RuleID.unterminatedMarkup, message: "Code fence is never closed", range: r))
        return text.lineCount
    }

    /// An indented code block starting on `line`: returns the line after it.
    private mutating func indentedCode(from line: Int) -> Int {
        var l = line
        var lastCodeEnd = text.contentRange(ofLine: line).upperBound
        let start = text.contentRange(ofLine: line).lowerBound
        while l < text.lineCount {
            let r = text.contentRange(ofLine: l)
            let (columns, f) = Self.indentation(buf, r)
            if f == r.upperBound { l += 1; continue }
            if columns < 4 { break }
            lastCodeEnd = r.upperBound
            l += 1
        }
        layout.opaque.append(start..<lastCodeEnd)
        return text.line(containing: lastCodeEnd) + 1
    }

    /// `[^label]:` at `i`: the label, its range and the offset of the colon.
    private static func noteDefinitionStart(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (String, Range<Int>, Int)? {
        guard i + 4 < end + 1, i + 1 < end, buf[i + 1] == 0x5E else { return nil }
        var j = i + 2
        while j < end && buf[j] != 0x5D && !ByteClass.isWhitespace(buf[j]) { j += 1 }
        guard j > i + 2, j + 1 < end, buf[j] == 0x5D, buf[j + 1] == 0x3A else { return nil }
        return (ByteClass.string(buf, (i + 2)..<j), (i + 2)..<j, j + 1)
    }

    private static func atxLevel(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var j = i
        while j < end && buf[j] == 0x23 { j += 1 }
        let level = j - i
        guard level >= 1 && level <= 6 else { return nil }
        if j < end && !ByteClass.isBlank(buf[j]) { return nil }
        return level
    }

    private static func atxText(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Range<Int> {
        var r = ByteClass.trim(buf, i..<end)
        var hi = r.upperBound
        while hi > r.lowerBound && buf[hi - 1] == 0x23 { hi -= 1 }
        if hi == r.lowerBound || ByteClass.isBlank(buf[hi - 1]) { r = ByteClass.trim(buf, r.lowerBound..<hi) }
        return r
    }

    private static func setextLevel(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        let b = buf[i]
        guard b == 0x3D || b == 0x2D else { return nil }
        var j = i
        while j < end && buf[j] == b { j += 1 }
        while j < end && ByteClass.isBlank(buf[j]) { j += 1 }
        guard j == end else { return nil }
        return b == 0x3D ? 1 : 2
    }

    private static func isListItemStart(_ buf: UnsafeBufferPointer<UInt8>, markdown: Bool, _ i: Int, _ end: Int, afterBlank: Bool) -> Bool {
        let b = buf[i]
        if b == 0x2D || b == 0x2A || b == 0x2B {
            return i + 1 < end && ByteClass.isBlank(buf[i + 1])
        }
        // Pandoc example lists: `(@label)`, `@label.`, `@label)`.
        if markdown && afterBlank && (b == 0x40 || (b == 0x28 && i + 1 < end && buf[i + 1] == 0x40)) {
            var k = b == 0x28 ? i + 2 : i + 1
            while k < end && (ByteClass.isASCIIAlnum(buf[k]) || buf[k] >= 0x80 || buf[k] == 0x5F || buf[k] == 0x2D) { k += 1 }
            guard k < end else { return false }
            let closes = b == 0x28 ? buf[k] == 0x29 : (buf[k] == 0x29 || buf[k] == 0x2E)
            return closes && (k + 1 == end || ByteClass.isBlank(buf[k + 1]))
        }
        var j = i
        while j < end && j - i < 9 && buf[j] >= 0x30 && buf[j] <= 0x39 { j += 1 }
        guard j > i, j < end, buf[j] == 0x2E || buf[j] == 0x29 else { return false }
        return j + 1 == end || ByteClass.isBlank(buf[j + 1])
    }
}
