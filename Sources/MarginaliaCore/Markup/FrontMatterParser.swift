/// Reads the YAML front matter block at the top of a Markdown document (the flat subset:
/// `key: value`, `key: [a, b]`, and `key:` followed by `- item` lines).
enum FrontMatterParser {
    /// Parses front matter starting at `start` (after a BOM). Returns the block, the line after
    /// it, and issues; nil block when the document does not open with `---`.
    static func parse(
        _ buf: UnsafeBufferPointer<UInt8>, _ text: SourceText, start: Int
    ) -> (frontMatter: FrontMatter?, nextLine: Int, issues: [ParseIssue]) {
        let first = text.contentRange(ofLine: 0)
        guard isDelimiter(buf, start..<first.upperBound, allowDots: false), text.lineCount > 1 else { return (nil, 0, []) }
        // Pandoc: the opening `---` must not be followed by a blank line.
        let second = text.contentRange(ofLine: 1)
        if ByteClass.trim(buf, second).isEmpty { return (nil, 0, []) }
        var closeLine = -1
        var line = 1
        while line < text.lineCount {
            if isDelimiter(buf, text.contentRange(ofLine: line), allowDots: true) { closeLine = line; break }
            line += 1
        }
        if closeLine < 0 {
            return (nil, 0, [ParseIssue(
                rule: RuleID.unterminatedMarkup, message: "Front matter is never closed with --- or ...",
                range: start..<first.upperBound)])
        }
        var issues: [ParseIssue] = []
        var fields: [(field: FrontMatterField, isList: Bool)] = []
        for l in 1..<closeLine {
            let r = text.contentRange(ofLine: l)
            let t = ByteClass.trim(buf, r)
            if t.isEmpty || buf[t.lowerBound] == 0x23 { continue }
            if buf[t.lowerBound] == 0x2D && (t.count == 1 || ByteClass.isBlank(buf[t.lowerBound + 1])) {
                guard let last = fields.last, last.field.values.isEmpty || last.isList else {
                    issues.append(ParseIssue(rule: RuleID.invalidFrontMatter, message: "List item outside a list field", range: t))
                    continue
                }
                let v = scalar(buf, ByteClass.trim(buf, (t.lowerBound + 1)..<t.upperBound))
                fields[fields.count - 1].field.values.append(v.value)
                fields[fields.count - 1].field.valueRanges.append(v.range)
                fields[fields.count - 1].isList = true
                continue
            }
            let indented = r.lowerBound < t.lowerBound
            var colon = t.lowerBound
            while colon < t.upperBound && buf[colon] != 0x3A { colon += 1 }
            let keyRange = ByteClass.trim(buf, t.lowerBound..<colon)
            var validKey = !keyRange.isEmpty && !indented
            for k in keyRange where !(ByteClass.isASCIIAlnum(buf[k]) || buf[k] == 0x5F || buf[k] == 0x2D || buf[k] >= 0x80) { validKey = false }
            guard colon < t.upperBound, validKey, colon + 1 == t.upperBound || ByteClass.isBlank(buf[colon + 1]) else {
                issues.append(ParseIssue(
                    rule: RuleID.invalidFrontMatter, message: "Not a `key: value` line of flat YAML", range: t))
                continue
            }
            var field = FrontMatterField(key: ByteClass.string(buf, keyRange), keyRange: keyRange, values: [], valueRanges: [])
            let valueRange = ByteClass.trim(buf, (colon + 1)..<t.upperBound)
            if !valueRange.isEmpty {
                if buf[valueRange.lowerBound] == 0x5B && buf[valueRange.upperBound - 1] == 0x5D {
                    var s = valueRange.lowerBound + 1
                    var k = s
                    while k <= valueRange.upperBound - 1 {
                        if k == valueRange.upperBound - 1 || buf[k] == 0x2C {
                            let item = ByteClass.trim(buf, s..<k)
                            if !item.isEmpty {
                                let v = scalar(buf, item)
                                field.values.append(v.value)
                                field.valueRanges.append(v.range)
                            }
                            s = k + 1
                        }
                        k += 1
                    }
                } else if buf[valueRange.lowerBound] == 0x7C || buf[valueRange.lowerBound] == 0x3E
                    || buf[valueRange.lowerBound] == 0x7B
                {
                    issues.append(ParseIssue(
                        rule: RuleID.invalidFrontMatter, message: "Block scalars and mappings are not flat YAML",
                        range: valueRange))
                } else {
                    let v = scalar(buf, valueRange)
                    field.values.append(v.value)
                    field.valueRanges.append(v.range)
                }
            }
            fields.append((field, false))
        }
        let end = text.contentRange(ofLine: closeLine).upperBound
        let fm = FrontMatter(range: start..<end, fields: fields.map(\.field))
        return (fm, closeLine + 1, issues)
    }

    private static func isDelimiter(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, allowDots: Bool) -> Bool {
        var hi = r.upperBound
        while hi > r.lowerBound && ByteClass.isBlank(buf[hi - 1]) { hi -= 1 }
        guard hi - r.lowerBound == 3 else { return false }
        let b = buf[r.lowerBound]
        guard b == 0x2D || (allowDots && b == 0x2E) else { return false }
        return buf[r.lowerBound + 1] == b && buf[r.lowerBound + 2] == b
    }

    /// A scalar value with its quotes removed.
    private static func scalar(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (value: String, range: Range<Int>) {
        if r.count >= 2, buf[r.lowerBound] == 0x22 || buf[r.lowerBound] == 0x27, buf[r.upperBound - 1] == buf[r.lowerBound] {
            let inner = (r.lowerBound + 1)..<(r.upperBound - 1)
            return (ByteClass.string(buf, inner), inner)
        }
        return (ByteClass.string(buf, r), r)
    }
}

