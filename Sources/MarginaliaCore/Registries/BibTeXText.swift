/// LaTeX markup removal and BibTeX name parsing, over raw value bytes.
extension BibTeXParser {
    /// Removes LaTeX markup from a raw value: braces go, `\emph{x}` becomes `x`, `{\"o}` becomes
    /// `ö`, `\&` becomes `&`, `~` and runs of whitespace become one space; `--` is kept.
    static func cleanLaTeX(_ raw: [UInt8]) -> String {
        raw.withUnsafeBufferPointer { cleanLaTeX($0) }
    }

    /// Removes LaTeX markup from raw value bytes (see the array overload).
    static func cleanLaTeX(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: nothing to remove, no leading, trailing or doubled spaces.
        var plain = true
        var previousSpace = true
        for b in raw {
            switch b {
            case 0x5C, 0x7B, 0x7D, 0x7E, 0x24, 0x0A, 0x0D, 0x09:
                plain = false
            case 0x20:
                if previousSpace { plain = false }
            default:
                break
            }
            if !plain { break }
            previousSpace = b == 0x20
        }
        if plain && (!previousSpace || raw.isEmpty) { return String(decoding: raw, as: UTF8.self) }
        var cleaner = LaTeXCleaner(input: raw)
        cleaner.run()
        return String(decoding: cleaner.out, as: UTF8.self)
    }

    /// The slow path of `cleanLaTeX`, as a struct so that its state is not boxed by closures.
    struct LaTeXCleaner {
        /// The raw value.
        let input: UnsafeBufferPointer<UInt8>
        /// Read position in `input`.
        var i = 0
        /// The cleaned bytes.
        var out: [UInt8] = []

        /// Prepares to clean `input`.
        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            out.reserveCapacity(input.count)
        }

        /// Appends one space, never two in a row nor at the start.
        mutating func appendSpace() {
            if let last = out.last, last != 0x20 { out.append(0x20) }
        }

        /// Appends a scalar's UTF-8.
        mutating func appendScalar(_ value: UInt32) {
            guard let scalar = Unicode.Scalar(value) else { return }
            UTF8.encode(scalar) { out.append($0) }
        }

        /// Reads an accent's argument at `i`: `x`, `{x}`, `{\i}`, ` x`; returns its base scalar.
        mutating func accentArgument() -> UInt32? {
            let n = input.count
            while i < n && input[i] == 0x20 { i += 1 }
            guard i < n else { return nil }
            var braced = false
            if input[i] == 0x7B {
                braced = true
                i += 1
                while i < n && input[i] == 0x20 { i += 1 }
            }
            guard i < n else { return nil }
            var base: UInt32?
            if input[i] == 0x5C && i + 1 < n && (input[i + 1] == 0x69 || input[i + 1] == 0x6A)
                && (i + 2 >= n || !BibTeXParser.isLetter(input[i + 2]))
            {
                base = UInt32(input[i + 1])  // dotless i/j under an accent is plain i/j
                i += 2
            } else if input[i] < 0x80 && input[i] != 0x7D {
                base = UInt32(input[i])
                i += 1
            } else if input[i] >= 0x80 {
                // A UTF-8 letter as the argument: copy it through as is.
                let start = i
                i += 1
                while i < n && (input[i] & 0xC0) == 0x80 { i += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<i]))
            }
            if braced {
                while i < n && input[i] == 0x20 { i += 1 }
                if i < n && input[i] == 0x7D { i += 1 }
            }
            return base
        }

        /// Reads an accent's argument and appends the accented letter.
        mutating func applyAccent(_ accent: UInt8) {
            guard let base = accentArgument() else { return }
            if let composed = BibTeXParser.composedAccents[base << 8 | UInt32(accent)] {
                appendScalar(composed)
            } else {
                appendScalar(base)
                if let mark = BibTeXParser.combiningMarks[accent] { appendScalar(mark) }
            }
        }

        /// Cleans the whole input into `out`.
        mutating func run() {
            let n = input.count
            while i < n {
                let b = input[i]
                switch b {
                case 0x7B, 0x7D, 0x24:
                    i += 1
                case 0x7E, 0x20, 0x0A, 0x0D, 0x09:
                    appendSpace()
                    i += 1
                case 0x5C:
                    guard i + 1 < n else {
                        i += 1
                        continue
                    }
                    let next = input[i + 1]
                    if BibTeXParser.isSymbolAccent(next) {
                        i += 2
                        applyAccent(next)
                    } else if BibTeXParser.isLetter(next) {
                        var j = i + 1
                        while j < n && BibTeXParser.isLetter(input[j]) { j += 1 }
                        let nameRange = (i + 1)..<j
                        i = j
                        if nameRange.count == 1, BibTeXParser.isLetterAccent(next), i < n, input[i] == 0x7B || input[i] == 0x20 {
                            applyAccent(next)
                        } else if let symbol = BibTeXParser.symbolCommands[
                            String(decoding: UnsafeBufferPointer(rebasing: input[nameRange]), as: UTF8.self)]
                        {
                            out.append(contentsOf: symbol.utf8)
                            // "{\o}rsted", "\ss{}": a following space belongs to the command.
                            if i < n && input[i] == 0x20 && symbol.utf8.count <= 3 { i += 1 }
                        }
                        // Any other command (\emph, \textit, \url...) disappears; its argument stays.
                    } else {
                        switch next {
                        case 0x5C: appendSpace()  // \\ line break
                        case 0x2D: break  // \- discretionary hyphen
                        case 0x2C, 0x3B, 0x20: appendSpace()  // thin, medium and control spaces
                        default: out.append(next)  // \& \% \$ \# \_ \{ \}
                        }
                        i += 2
                    }
                default:
                    out.append(b)
                    i += 1
                }
            }
            while let last = out.last, last == 0x20 { out.removeLast() }
        }
    }

    /// ASCII letters: what TeX control words are made of.
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }

    /// Accent commands written with a symbol: `\'e`, `\"o`.
    @inline(__always) static func isSymbolAccent(_ b: UInt8) -> Bool {
        b == 0x27 || b == 0x60 || b == 0x5E || b == 0x22 || b == 0x7E || b == 0x3D || b == 0x2E
    }

    /// Accent commands written with a letter: `\c{c}`, `\v s`.
    @inline(__always) static func isLetterAccent(_ b: UInt8) -> Bool {
        b == 0x63 || b == 0x76 || b == 0x75 || b == 0x48 || b == 0x6B || b == 0x72 || b == 0x64 || b == 0x62
    }

    /// Combining marks by TeX accent character, for letters with no precomposed form.
    static let combiningMarks: [UInt8: UInt32] = [
        0x27: 0x301, 0x60: 0x300, 0x5E: 0x302, 0x22: 0x308, 0x7E: 0x303, 0x3D: 0x304, 0x2E: 0x307,
        0x63: 0x327, 0x76: 0x30C, 0x75: 0x306, 0x48: 0x30B, 0x6B: 0x328, 0x72: 0x30A, 0x64: 0x323, 0x62: 0x331,
    ]

    /// Text-mode symbol commands.
    static let symbolCommands: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
        "textquotedblleft": "“", "textquotedblright": "”", "ldots": "…", "dots": "…", "textellipsis": "…",
        "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textregistered": "®", "copyright": "©",
        "textcopyright": "©", "S": "§", "P": "¶", "pounds": "£", "euro": "€", "textdegree": "°", "textless": "<",
        "textgreater": ">", "textbackslash": "\\", "textasciitilde": "~", "textunderscore": "_",
        "guillemotleft": "«", "guillemotright": "»", "quad": " ", "qquad": " ", "textbar": "|", "slash": "/",
    ]

    /// Precomposed letters: key is `base << 8 | accent`, generated from Unicode's NFC mappings.
    static let composedAccents: [UInt32: UInt32] = [
        0x4127: 0x00C1, 0x4327: 0x0106, 0x4527: 0x00C9, 0x4727: 0x01F4, 0x4927: 0x00CD, 0x4B27: 0x1E30,
        0x4C27: 0x0139, 0x4D27: 0x1E3E, 0x4E27: 0x0143, 0x4F27: 0x00D3, 0x5027: 0x1E54, 0x5227: 0x0154,
        0x5327: 0x015A, 0x5527: 0x00DA, 0x5727: 0x1E82, 0x5927: 0x00DD, 0x5A27: 0x0179, 0x6127: 0x00E1,
        0x6327: 0x0107, 0x6527: 0x00E9, 0x6727: 0x01F5, 0x6927: 0x00ED, 0x6B27: 0x1E31, 0x6C27: 0x013A,
        0x6D27: 0x1E3F, 0x6E27: 0x0144, 0x6F27: 0x00F3, 0x7027: 0x1E55, 0x7227: 0x0155, 0x7327: 0x015B,
        0x7527: 0x00FA, 0x7727: 0x1E83, 0x7927: 0x00FD, 0x7A27: 0x017A, 0x4160: 0x00C0, 0x4560: 0x00C8,
        0x4960: 0x00CC, 0x4E60: 0x01F8, 0x4F60: 0x00D2, 0x5560: 0x00D9, 0x5760: 0x1E80, 0x5960: 0x1EF2,
        0x6160: 0x00E0, 0x6560: 0x00E8, 0x6960: 0x00EC, 0x6E60: 0x01F9, 0x6F60: 0x00F2, 0x7560: 0x00F9,
        0x7760: 0x1E81, 0x7960: 0x1EF3, 0x415E: 0x00C2, 0x435E: 0x0108, 0x455E: 0x00CA, 0x475E: 0x011C,
        0x485E: 0x0124, 0x495E: 0x00CE, 0x4A5E: 0x0134, 0x4F5E: 0x00D4, 0x535E: 0x015C, 0x555E: 0x00DB,
        0x575E: 0x0174, 0x595E: 0x0176, 0x5A5E: 0x1E90, 0x615E: 0x00E2, 0x635E: 0x0109, 0x655E: 0x00EA,
        0x675E: 0x011D, 0x685E: 0x0125, 0x695E: 0x00EE, 0x6A5E: 0x0135, 0x6F5E: 0x00F4, 0x735E: 0x015D,
        0x755E: 0x00FB, 0x775E: 0x0175, 0x795E: 0x0177, 0x7A5E: 0x1E91, 0x4122: 0x00C4, 0x4522: 0x00CB,
        0x4822: 0x1E26, 0x4922: 0x00CF, 0x4F22: 0x00D6, 0x5522: 0x00DC, 0x5722: 0x1E84, 0x5822: 0x1E8C,
        0x5922: 0x0178, 0x6122: 0x00E4, 0x6522: 0x00EB, 0x6822: 0x1E27, 0x6922: 0x00EF, 0x6F22: 0x00F6,
        0x7422: 0x1E97, 0x7522: 0x00FC, 0x7722: 0x1E85, 0x7822: 0x1E8D, 0x7922: 0x00FF, 0x417E: 0x00C3,
        0x457E: 0x1EBC, 0x497E: 0x0128, 0x4E7E: 0x00D1, 0x4F7E: 0x00D5, 0x557E: 0x0168, 0x567E: 0x1E7C,
        0x597E: 0x1EF8, 0x617E: 0x00E3, 0x657E: 0x1EBD, 0x697E: 0x0129, 0x6E7E: 0x00F1, 0x6F7E: 0x00F5,
        0x757E: 0x0169, 0x767E: 0x1E7D, 0x797E: 0x1EF9, 0x413D: 0x0100, 0x453D: 0x0112, 0x473D: 0x1E20,
        0x493D: 0x012A, 0x4F3D: 0x014C, 0x553D: 0x016A, 0x593D: 0x0232, 0x613D: 0x0101, 0x653D: 0x0113,
        0x673D: 0x1E21, 0x693D: 0x012B, 0x6F3D: 0x014D, 0x753D: 0x016B, 0x793D: 0x0233, 0x412E: 0x0226,
        0x422E: 0x1E02, 0x432E: 0x010A, 0x442E: 0x1E0A, 0x452E: 0x0116, 0x462E: 0x1E1E, 0x472E: 0x0120,
        0x482E: 0x1E22, 0x492E: 0x0130, 0x4D2E: 0x1E40, 0x4E2E: 0x1E44, 0x4F2E: 0x022E, 0x502E: 0x1E56,
        0x522E: 0x1E58, 0x532E: 0x1E60, 0x542E: 0x1E6A, 0x572E: 0x1E86, 0x582E: 0x1E8A, 0x592E: 0x1E8E,
        0x5A2E: 0x017B, 0x612E: 0x0227, 0x622E: 0x1E03, 0x632E: 0x010B, 0x642E: 0x1E0B, 0x652E: 0x0117,
        0x662E: 0x1E1F, 0x672E: 0x0121, 0x682E: 0x1E23, 0x6D2E: 0x1E41, 0x6E2E: 0x1E45, 0x6F2E: 0x022F,
        0x702E: 0x1E57, 0x722E: 0x1E59, 0x732E: 0x1E61, 0x742E: 0x1E6B, 0x772E: 0x1E87, 0x782E: 0x1E8B,
        0x792E: 0x1E8F, 0x7A2E: 0x017C, 0x4363: 0x00C7, 0x4463: 0x1E10, 0x4563: 0x0228, 0x4763: 0x0122,
        0x4863: 0x1E28, 0x4B63: 0x0136, 0x4C63: 0x013B, 0x4E63: 0x0145, 0x5263: 0x0156, 0x5363: 0x015E,
        0x5463: 0x0162, 0x6363: 0x00E7, 0x6463: 0x1E11, 0x6563: 0x0229, 0x6763: 0x0123, 0x6863: 0x1E29,
        0x6B63: 0x0137, 0x6C63: 0x013C, 0x6E63: 0x0146, 0x7263: 0x0157, 0x7363: 0x015F, 0x7463: 0x0163,
        0x4176: 0x01CD, 0x4376: 0x010C, 0x4476: 0x010E, 0x4576: 0x011A, 0x4776: 0x01E6, 0x4876: 0x021E,
        0x4976: 0x01CF, 0x4B76: 0x01E8, 0x4C76: 0x013D, 0x4E76: 0x0147, 0x4F76: 0x01D1, 0x5276: 0x0158,
        0x5376: 0x0160, 0x5476: 0x0164, 0x5576: 0x01D3, 0x5A76: 0x017D, 0x6176: 0x01CE, 0x6376: 0x010D,
        0x6476: 0x010F, 0x6576: 0x011B, 0x6776: 0x01E7, 0x6876: 0x021F, 0x6976: 0x01D0, 0x6A76: 0x01F0,
        0x6B76: 0x01E9, 0x6C76: 0x013E, 0x6E76: 0x0148, 0x6F76: 0x01D2, 0x7276: 0x0159, 0x7376: 0x0161,
        0x7476: 0x0165, 0x7576: 0x01D4, 0x7A76: 0x017E, 0x4175: 0x0102, 0x4575: 0x0114, 0x4775: 0x011E,
        0x4975: 0x012C, 0x4F75: 0x014E, 0x5575: 0x016C, 0x6175: 0x0103, 0x6575: 0x0115, 0x6775: 0x011F,
        0x6975: 0x012D, 0x6F75: 0x014F, 0x7575: 0x016D, 0x4F48: 0x0150, 0x5548: 0x0170, 0x6F48: 0x0151,
        0x7548: 0x0171, 0x416B: 0x0104, 0x456B: 0x0118, 0x496B: 0x012E, 0x4F6B: 0x01EA, 0x556B: 0x0172,
        0x616B: 0x0105, 0x656B: 0x0119, 0x696B: 0x012F, 0x6F6B: 0x01EB, 0x756B: 0x0173, 0x4172: 0x00C5,
        0x5572: 0x016E, 0x6172: 0x00E5, 0x7572: 0x016F, 0x7772: 0x1E98, 0x7972: 0x1E99, 0x4164: 0x1EA0,
        0x4264: 0x1E04, 0x4464: 0x1E0C, 0x4564: 0x1EB8, 0x4864: 0x1E24, 0x4964: 0x1ECA, 0x4B64: 0x1E32,
        0x4C64: 0x1E36, 0x4D64: 0x1E42, 0x4E64: 0x1E46, 0x4F64: 0x1ECC, 0x5264: 0x1E5A, 0x5364: 0x1E62,
        0x5464: 0x1E6C, 0x5564: 0x1EE4, 0x5664: 0x1E7E, 0x5764: 0x1E88, 0x5964: 0x1EF4, 0x5A64: 0x1E92,
        0x6164: 0x1EA1, 0x6264: 0x1E05, 0x6464: 0x1E0D, 0x6564: 0x1EB9, 0x6864: 0x1E25, 0x6964: 0x1ECB,
        0x6B64: 0x1E33, 0x6C64: 0x1E37, 0x6D64: 0x1E43, 0x6E64: 0x1E47, 0x6F64: 0x1ECD, 0x7264: 0x1E5B,
        0x7364: 0x1E63, 0x7464: 0x1E6D, 0x7564: 0x1EE5, 0x7664: 0x1E7F, 0x7764: 0x1E89, 0x7964: 0x1EF5,
        0x7A64: 0x1E93, 0x4262: 0x1E06, 0x4462: 0x1E0E, 0x4B62: 0x1E34, 0x4C62: 0x1E3A, 0x4E62: 0x1E48,
        0x5262: 0x1E5E, 0x5462: 0x1E6E, 0x5A62: 0x1E94, 0x6262: 0x1E07, 0x6462: 0x1E0F, 0x6862: 0x1E96,
        0x6B62: 0x1E35, 0x6C62: 0x1E3B, 0x6E62: 0x1E49, 0x7262: 0x1E5F, 0x7462: 0x1E6F, 0x7A62: 0x1E95,
    ]

    // MARK: - Names

    /// Splits a raw name list and parses each name.
    static func parseNames(_ raw: UnsafeBufferPointer<UInt8>) -> [PersonName] {
        var names: [PersonName] = []
        forEachName(raw) { range in
            if let name = parseName(UnsafeBufferPointer(rebasing: raw[range])) { names.append(name) }
        }
        return names
    }

    /// Whitespace and ties, which separate words in names.
    @inline(__always) static func isNameSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x7E
    }

    /// Ranges of the names in a raw list split on "and" between whitespace, outside braces.
    static func splitNames(_ raw: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var names: [Range<Int>] = []
        forEachName(raw) { names.append($0) }
        return names
    }

    /// Calls `body` with the range of each name in a raw list, without collecting them.
    static func forEachName(_ raw: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var depth = 0
        var start = 0
        var i = 0
        let n = raw.count
        while i < n {
            let b = raw[i]
            if b == 0x7B {
                depth += 1
            } else if b == 0x7D {
                depth = max(0, depth - 1)
            } else if depth == 0 && isNameSpace(b) && i + 4 < n && (raw[i + 1] | 0x20) == 0x61 && (raw[i + 2] | 0x20) == 0x6E
                && (raw[i + 3] | 0x20) == 0x64 && isNameSpace(raw[i + 4])
            {
                body(start..<i)
                i += 4
                start = i
                continue
            }
            i += 1
        }
        body(start..<n)
    }

    /// Parses one name: "Last, First", "First von Last", "von Last, Jr, First", "{Institution}".
    static func parseName(_ raw: UnsafeBufferPointer<UInt8>) -> PersonName? {
        let whole = trimmed(raw, 0..<raw.count)
        guard !whole.isEmpty else { return nil }
        func clean(_ range: Range<Int>) -> String { cleanLaTeX(UnsafeBufferPointer(rebasing: raw[range])) }
        if raw[whole].elementsEqual("others".utf8) { return PersonName(family: "et al.") }
        if isSingleGroup(raw, whole) { return PersonName(family: clean(whole)) }

        // Split on commas outside braces (at most three parts matter: only two commas are kept).
        var firstComma = -1
        var secondComma = -1
        var depth = 0
        for i in whole {
            let b = raw[i]
            if b == 0x7B {
                depth += 1
            } else if b == 0x7D {
                depth = max(0, depth - 1)
            } else if b == 0x2C && depth == 0 {
                if firstComma < 0 {
                    firstComma = i
                } else {
                    secondComma = i
                    break
                }
            }
        }
        if firstComma < 0 {
            // Words on the stack: a name has a handful, and this runs once per author.
            return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: whole.count / 2 + 1) { words in
                let wordCount = splitWords(raw, whole, into: words)
                guard wordCount > 1 else { return PersonName(family: clean(whole)) }
                // BibTeX: the von part starts at the first word that starts lowercase, before the last word.
                var firstEnd = wordCount - 1
                for k in 0..<(wordCount - 1) where startsLowercase(raw, words[k]) {
                    firstEnd = k
                    break
                }
                let given = firstEnd > 0 ? clean(words[0].lowerBound..<words[firstEnd - 1].upperBound) : ""
                let family = clean(words[firstEnd].lowerBound..<words[wordCount - 1].upperBound)
                return PersonName(family: family, given: given.isEmpty ? nil : given)
            }
        }
        let part0 = clean(trimmed(raw, whole.lowerBound..<firstComma))
        let part1End = secondComma >= 0 ? secondComma : whole.upperBound
        let part1 = clean(trimmed(raw, (firstComma + 1)..<part1End))
        if secondComma < 0 {
            return PersonName(family: part0, given: part1.isEmpty ? nil : part1)
        }
        let first = clean(trimmed(raw, (secondComma + 1)..<whole.upperBound))
        let given = [first, part1].filter { !$0.isEmpty }.joined(separator: ", ")
        return PersonName(family: part0, given: given.isEmpty ? nil : given)
    }

    /// `range` without surrounding whitespace and ties.
    static func trimmed(_ raw: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && isNameSpace(raw[start]) { start += 1 }
        while end > start && isNameSpace(raw[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Whether the whole name is one `{...}` group (a corporate author).
    static func isSingleGroup(_ raw: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard raw[range.lowerBound] == 0x7B, raw[range.upperBound - 1] == 0x7D else { return false }
        var depth = 0
        for i in range {
            if raw[i] == 0x7B { depth += 1 } else if raw[i] == 0x7D {
                depth -= 1
                if depth == 0 && i != range.upperBound - 1 { return false }
            }
        }
        return true
    }

    /// Words separated by whitespace or `~` outside braces.
    static func splitWords(_ raw: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        [Range<Int>](unsafeUninitializedCapacity: range.count / 2 + 1) { words, count in
            count = splitWords(raw, range, into: words)
        }
    }

    /// Writes the words of `range` into `words` (room for `range.count / 2 + 1`: words are
    /// separated) and returns how many there are.
    static func splitWords(_ raw: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into words: UnsafeMutableBufferPointer<Range<Int>>) -> Int {
        var count = 0
        var depth = 0
        var start = range.lowerBound
        for i in range {
            let b = raw[i]
            if b == 0x7B { depth += 1 } else if b == 0x7D { depth = max(0, depth - 1) } else if depth == 0 && isNameSpace(b) {
                if i > start {
                    words.initializeElement(at: count, to: start..<i)
                    count += 1
                }
                start = i + 1
            }
        }
        if range.upperBound > start {
            words.initializeElement(at: count, to: start..<range.upperBound)
            count += 1
        }
        return count
    }

    /// Whether a word starts with a lowercase letter outside braces (a von particle); BibTeX
    /// counts a word starting with a plain brace group as capitalized.
    static func startsLowercase(_ raw: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        let first = raw[word.lowerBound]
        return first >= 0x61 && first <= 0x7A
    }
}
