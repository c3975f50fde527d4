/// `unsourced-figure`: a figure presented as fact with no citation, note marker or URL in its
/// sentence or right after it.
///
/// A figure is a number of `minimumFigureDigits` or more integer digits (thousands separators
/// `,`, space, no-break or thin space allowed: `17,000`, `10 000`), a percentage (`20%`,
/// `8.8 percent`, `per cent`), a number with a magnitude word (`90 million`, `250 thousand`,
/// `150-200 thousand`), or a quantity phrase (`thousands of`, `tens of thousands`, `hundreds of`,
/// `millions`, `half a million`, `a quarter of a trillion`, `over a thousand`). A range such
/// as `17,000-18,000` is one figure. Not figures: years (four digits from 1000 to 2100 without
/// a separator, decades `1990s`), ordinals (`1000th`), numbers inside URLs or identifiers
/// (after a letter, `/`, `#`, or a label such as `code`, `no.`, `tel`, `IBAN`), and
/// percentages in an appeal that opens with an imperative (`Donate 1%, 5% of your salary`).
enum UnsourcedFigureRule {
    /// The rule id.
    static let id = RuleID.unsourcedFigure

    /// The message.
    static let message = "figure with no citation"

    /// Words before a number that make it an identifier, not a quantity.
    static let identifierLabels = ByteWordSet([
            "code", "no", "nr", "number", "id", "iban", "bic", "swift", "account", "tel", "phone", "fax", "zip",
            "postcode", "isbn", "issn", "doi", "page", "pages", "p", "pp", "vol", "volume", "art", "article",
            "section", "flight", "route", "room", "unit", "box", "ref", "case", "file", "law", "resolution",
            "decree", "order", "bill", "model", "version", "v",
        ])

    /// First words of an appeal whose percentages are instructions, not facts.
    static let imperativeOpeners = ByteWordSet(["donate", "give", "send", "pay", "contribute", "transfer", "add", "take", "save", "set", "spend", "share"])

    /// Magnitude words after a number.
    static let magnitudes: [[UInt8]] = ["thousand", "million", "billion", "trillion", "thousands", "millions", "billions"].map {
        Array($0.utf8)
    }

    /// `magnitudes` for lookups by byte range.
    static let magnitudeWords = ByteWordSet(magnitudes.map { String(decoding: $0, as: UTF8.self) })

    /// Words for per cent after a number.
    static let percentWords = ByteWordSet(["percent", "pct"])

    /// "per" and "cent", as in "8 per cent".
    static let perWord: [UInt8] = Array("per".utf8)
    /// See `perWord`.
    static let centWord: [UInt8] = Array("cent".utf8)

    /// Hits in a document.
    static func hits(_ context: HeuristicContext) -> [HeuristicHit] {
        var figures = numberFigures(context)
        figures += phraseFigures(context)
        figures.sort { $0.lowerBound < $1.lowerBound }
        var result: [HeuristicHit] = []
        var lastEnd = -1
        for range in figures where range.lowerBound >= lastEnd {
            lastEnd = range.upperBound
            if context.isOpaque(range.lowerBound) || context.isSourced(at: range.lowerBound) { continue }
            result.append(HeuristicHit(rule: id, message: message, range: range))
        }
        return result
    }

    /// A number as written: its range, integer digit count, and whether it looks like a year.
    struct Number {
        var range: Range<Int>
        var integerDigits: Int
        var hasSeparator: Bool
        var hasDecimal: Bool
        var value: Int
    }

    /// Reads a number starting at the digit `i`.
    static func readNumber(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Number {
        let n = buffer.count
        var j = i
        var digits = 0
        var value = 0
        var hasSeparator = false
        var hasDecimal = false
        while j < n && HeuristicBytes.isDigit(buffer[j]) {
            digits += 1
            value = min(value &* 10 &+ Int(buffer[j] - 0x30), Int.max / 100)
            j += 1
        }
        // Thousands groups: separator then exactly three digits.
        while j < n {
            var separatorLength = 0
            let b = buffer[j]
            if b == 0x2C || b == 0x20 || b == 0x27 { separatorLength = 1 }
            else if b == 0xC2 && j + 1 < n && buffer[j + 1] == 0xA0 { separatorLength = 2 }
            else if b == 0xE2 && j + 2 < n && buffer[j + 1] == 0x80 && (buffer[j + 2] == 0x89 || buffer[j + 2] == 0xAF) { separatorLength = 3 }
            guard separatorLength > 0, digits <= 3 || hasSeparator else { break }
            let g = j + separatorLength
            guard g + 3 <= n, HeuristicBytes.isDigit(buffer[g]), HeuristicBytes.isDigit(buffer[g + 1]), HeuristicBytes.isDigit(buffer[g + 2]),
                g + 3 >= n || !HeuristicBytes.isDigit(buffer[g + 3])
            else { break }
            for k in g..<(g + 3) { value = min(value &* 10 &+ Int(buffer[k] - 0x30), Int.max / 100) }
            digits += 3
            hasSeparator = true
            j = g + 3
        }
        if j + 1 < n && (buffer[j] == 0x2E || (buffer[j] == 0x2C && !hasSeparator)) && HeuristicBytes.isDigit(buffer[j + 1]) {
            hasDecimal = true
            j += 1
            while j < n && HeuristicBytes.isDigit(buffer[j]) { j += 1 }
        }
        return Number(range: i..<j, integerDigits: digits, hasSeparator: hasSeparator, hasDecimal: hasDecimal, value: value)
    }

    /// End of a percent sign or word, or magnitude word after `offset`; nil when none follows.
    static func suffixEnd(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> (end: Int, isPercent: Bool, isMagnitude: Bool)? {
        let n = buffer.count
        if offset < n && buffer[offset] == 0x25 { return (offset + 1, true, false) }
        var k = offset
        while k < n && (buffer[k] == 0x20 || (buffer[k] == 0xC2 && k + 1 < n && buffer[k + 1] == 0xA0)) { k += buffer[k] == 0x20 ? 1 : 2 }
        if k < n && buffer[k] == 0x25 && k - offset <= 2 { return (k + 1, true, false) }
        guard k > offset else { return nil }
        let words = HeuristicBytes.wordsAfter(buffer, k, count: 2, ceiling: min(n, k + 40))
        guard let first = words.first, first.lowerBound == k else { return nil }
        if percentWords.contains(buffer, first) { return (first.upperBound, true, false) }
        if HeuristicBytes.equalsLowercased(buffer, first, perWord), words.count > 1, HeuristicBytes.equalsLowercased(buffer, words[1], centWord) {
            return (words[1].upperBound, true, false)
        }
        if magnitudeWords.contains(buffer, first) { return (first.upperBound, false, true) }
        return nil
    }

    /// Figures written with digits.
    static func numberFigures(_ context: HeuristicContext) -> [Range<Int>] {
        let buffer = context.buffer
        let n = buffer.count
        var result: [Range<Int>] = []
        var i = 0
        while i < n {
            i = HeuristicBytes.firstDigit(buffer, from: i, to: n)
            if i >= n { break }
            // Part of a word, URL, identifier or longer number: skip the whole token.
            if i > 0 {
                let p = buffer[i - 1]
                if HeuristicBytes.isWordByte(buffer, i - 1) || p == 0x2F || p == 0x23 || p == 0x3D || p == 0x5F || p == 0x2E || p == 0x3A
                    || p == 0x2C
                {
                    while i < n && (HeuristicBytes.isDigit(buffer[i]) || buffer[i] == 0x2C || buffer[i] == 0x2E) { i += 1 }
                    continue
                }
            }
            let first = readNumber(buffer, at: i)
            var figureEnd = first.range.upperBound
            var largest = first.integerDigits
            var isPercent = false
            var isMagnitude = false
            var looksLikeYear = !first.hasSeparator && !first.hasDecimal && first.integerDigits == 4 && first.value >= 1000 && first.value <= 2100
            // A range: "17,000-18,000", "150–200 thousand", "5 to 10%".
            var r = figureEnd
            if r < n && buffer[r] == 0x2D { r += 1 } else if r + 2 < n && buffer[r] == 0xE2 && buffer[r + 1] == 0x80 && (buffer[r + 2] == 0x93 || buffer[r + 2] == 0x94) { r += 3 }
            if r > figureEnd && r < n && HeuristicBytes.isDigit(buffer[r]) {
                let number = readNumber(buffer, at: r)
                figureEnd = number.range.upperBound
                largest = max(largest, number.integerDigits)
                if looksLikeYear { looksLikeYear = number.integerDigits == 4 || number.integerDigits == 2 }
            }
            if let suffix = suffixEnd(buffer, at: figureEnd) {
                figureEnd = suffix.end
                isPercent = suffix.isPercent
                isMagnitude = suffix.isMagnitude
            }
            defer { i = max(figureEnd, i + 1) }
            // Ordinals and decades: "1000th", "1990s".
            if figureEnd < n && HeuristicBytes.isLetter(buffer[figureEnd]) && !isPercent && !isMagnitude { continue }
            if isPercent {
                if isAppeal(context, at: i) { continue }
                result.append(i..<figureEnd)
                continue
            }
            if isMagnitude {
                result.append(i..<figureEnd)
                continue
            }
            guard largest >= context.options.minimumFigureDigits else { continue }
            if looksLikeYear { continue }
            if isInsideURL(context, at: i) || followsIdentifierLabel(buffer, at: i) { continue }
            result.append(i..<figureEnd)
        }
        return result
    }

    /// Whether the number at `i` comes right after an identifier label ("code: 5500", "No. 1234").
    static func followsIdentifierLabel(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let words = HeuristicBytes.wordsBefore(buffer, i, count: 1, floor: max(0, i - 30))
        guard let word = words.first else { return false }
        // Only the words right before, separated by spaces, a colon or a period.
        for k in word.upperBound..<i where !(buffer[k] == 0x20 || buffer[k] == 0x3A || buffer[k] == 0x2E || buffer[k] == 0x23) { return false }
        return identifierLabels.contains(buffer, word)
    }

    /// Whether a URL starts before `i` with no whitespace in between.
    static func isInsideURL(_ context: HeuristicContext, at i: Int) -> Bool {
        var low = 0
        var high = context.urlStarts.count
        while low < high {
            let mid = (low + high) / 2
            if context.urlStarts[mid] <= i { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return false }
        return context.urlFirstSpace[low - 1] >= i
    }

    /// Whether the sentence holding `offset` opens with an imperative of giving ("Donate 1%").
    static func isAppeal(_ context: HeuristicContext, at offset: Int) -> Bool {
        guard let index = context.sentenceIndex(containing: offset) else { return false }
        let sentence = context.sentences[index]
        guard let word = HeuristicBytes.wordsAfter(context.buffer, sentence.lowerBound, count: 1, ceiling: sentence.upperBound).first else {
            return false
        }
        return imperativeOpeners.contains(context.buffer, word)
    }

    /// Quantity phrases: "thousands of", "tens of thousands", "hundreds of", "half a million".
    static func phraseFigures(_ context: HeuristicContext) -> [Range<Int>] {
        let buffer = context.buffer
        var result: [Range<Int>] = []
        for match in context.quantityMatches {
            let phrase = quantityMatcher.phrases[match.index]
            var range = match.range
            if phrase.hasPrefix("a ") || phrase.hasPrefix("one ") {
                // Extend back over "half", "quarter of", "over", "nearly": "a quarter of a trillion".
                let before = HeuristicBytes.wordsBefore(buffer, range.lowerBound, count: 3, floor: max(0, range.lowerBound - 40))
                if let w = before.first, ["half", "over", "nearly", "almost", "about", "around"].contains(where: {
                    HeuristicBytes.equalsLowercased(buffer, w, Array($0.utf8))
                }) {
                    if HeuristicBytes.equalsLowercased(buffer, w, Array("half".utf8)) { range = w.lowerBound..<range.upperBound }
                } else if before.count >= 3, HeuristicBytes.equalsLowercased(buffer, before[0], Array("of".utf8)),
                    HeuristicBytes.equalsLowercased(buffer, before[1], Array("quarter".utf8))
                        || HeuristicBytes.equalsLowercased(buffer, before[1], Array("third".utf8))
                {
                    range = before[2].lowerBound..<range.upperBound
                }
            }
            result.append(range)
        }
        return result
    }

    /// Quantity phrases, longest first by the matcher.
    static let quantityMatcher: PhraseMatcher = {
        var list = [
            "thousands", "millions", "billions", "trillions", "thousands of", "millions of", "billions of", "hundreds of", "tens of thousands", "hundreds of thousands",
            "tens of millions", "hundreds of millions", "tens of billions", "hundreds of billions",
        ]
        for magnitude in ["thousand", "million", "billion", "trillion"] {
            for quantifier in ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty", "several", "a few", "a hundred", "many"] {
                list.append("\(quantifier) \(magnitude)")
            }
        }
        return PhraseMatcher(list)
    }()
}
