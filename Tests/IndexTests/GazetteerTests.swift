import Testing

@testable import MarginaliaCore

/// Matches `text` against `patterns` (payload = index) and returns (matched original text, payloads).
private func found(_ patterns: [String], in text: String) -> [(String, [Int])] {
    let gazetteer = Gazetteer(patterns: patterns.enumerated().map { (text: $0.element, payload: $0.offset) })
    let bytes = Array(text.utf8)
    return gazetteer.matches(in: bytes).map { match in
        (String(decoding: bytes[match.range], as: UTF8.self), match.payloads)
    }
}

/// The matched substrings only.
private func texts(_ patterns: [String], in text: String) -> [String] {
    found(patterns, in: text).map(\.0)
}

/// One folded scalar of the reference matcher's stream.
private struct FoldedUnit {
    var bytes: [UInt8]
    var utf8Start: Int
    /// End of the scalar and of any dropped marks after it.
    var utf8End: Int
}

/// A brute-force matcher to compare against: folds the text scalar by scalar, then tries every
/// pattern at every word start and keeps the leftmost-longest matches.
private func referenceMatches(_ patterns: [String], in text: String) -> [GazetteerMatch] {
    var groups: [(folded: [UInt8], payloads: [Int])] = []
    for (payload, pattern) in patterns.enumerated() {
        let folded = Array(pattern.utf8).withUnsafeBufferPointer { TextFolding.foldedBytes($0) }
        if folded.isEmpty { continue }
        if let index = groups.firstIndex(where: { $0.folded == folded }) {
            groups[index].payloads.append(payload)
        } else {
            groups.append((folded, [payload]))
        }
    }
    var scalars: [(scalar: UInt32, utf8Start: Int, utf8End: Int)] = []
    var utf8Offset = 0
    for scalar in text.unicodeScalars {
        let length = String(scalar).utf8.count
        scalars.append((scalar.value, utf8Offset, utf8Offset + length))
        utf8Offset += length
    }
    var units: [FoldedUnit] = []
    for (scalar, start, end) in scalars {
        let packed = TextFolding.foldedUTF8(of: scalar)
        var bytes: [UInt8]
        if packed == TextFolding.identityMarker {
            bytes = Array(Array(text.utf8)[start..<end])
        } else {
            bytes = (0..<Int(packed >> 24)).map { UInt8(truncatingIfNeeded: packed >> (8 * UInt32($0))) }
        }
        if bytes.isEmpty {
            if !units.isEmpty { units[units.count - 1].utf8End = end }
            continue
        }
        if bytes == [0x20], units.last?.bytes == [0x20] {
            units[units.count - 1].utf8End = end
            continue
        }
        units.append(FoldedUnit(bytes: bytes, utf8Start: start, utf8End: end))
    }
    func isWord(before utf8Offset: Int) -> Bool {
        guard let previous = scalars.last(where: { $0.utf8End == utf8Offset }) else { return false }
        return TextFolding.isWordScalar(previous.scalar)
    }
    func isWord(at utf8Offset: Int) -> Bool {
        guard let next = scalars.first(where: { $0.utf8Start == utf8Offset }) else { return false }
        return TextFolding.isWordScalar(next.scalar)
    }
    var matches: [GazetteerMatch] = []
    var unitIndex = 0
    while unitIndex < units.count {
        var best: (end: Int, units: Int, payloads: [Int])?
        if !isWord(before: units[unitIndex].utf8Start) {
            for group in groups {
                var folded: [UInt8] = []
                var last = unitIndex
                while folded.count < group.folded.count && last < units.count {
                    folded += units[last].bytes
                    last += 1
                }
                guard folded == group.folded else { continue }
                // The match ends after the dropped marks that follow its last scalar.
                let end = units[last - 1].utf8End
                if isWord(at: end) { continue }
                if end > best?.end ?? -1 { best = (end, last, group.payloads) }
            }
        }
        if let best {
            matches.append(GazetteerMatch(range: units[unitIndex].utf8Start..<best.end, payloads: best.payloads))
            unitIndex = best.units
        } else {
            unitIndex += 1
        }
    }
    return matches
}

@Suite struct GazetteerTests {
    @Test func caseIsSensitiveAsTheRegistryWritesIt() {
        #expect(texts(["Assembly"], in: "Meet at the assembly point.") == [])
        #expect(texts(["Assembly"], in: "The Assembly voted.") == ["Assembly"])
    }

    @Test func diacriticsAreIgnoredButCaseIsNot() {
        #expect(texts(["CAS"], in: "je čas") == [])
        #expect(texts(["CAS"], in: "ČAS and CAS") == ["ČAS", "CAS"])
        #expect(texts(["Čas"], in: "Cas") == ["Cas"])
    }

    @Test func normalizationFormsMatchEachOther() {
        let nfc = "Zelensk\u{FD}y"
        let nfd = "Zelensky\u{301}y"
        #expect(texts(["Zelenskyy"], in: "\(nfc), \(nfd) and Zelenskyy") == [nfc, nfd, "Zelenskyy"])
        #expect(texts([nfd], in: "Zelenskyy and \(nfc)") == ["Zelenskyy", nfc])
        // A trailing combining mark belongs to the match.
        #expect(texts(["Zelensky"], in: "Zelensky\u{301} said") == ["Zelensky\u{301}"])
    }

    @Test func cyrillicAndGreekDecompositions() {
        #expect(texts(["Київ"], in: "у Киі\u{308}в і Київ") == ["Киі\u{308}в", "Київ"])
        #expect(texts(["Соловьёв"], in: "Соловьев") == ["Соловьев"])
        #expect(texts(["Αθήνα"], in: "Αθηνα") == ["Αθηνα"])
    }

    @Test func typographicApostrophesAreEqual() {
        #expect(texts(["O'Brien"], in: "O\u{2019}Brien met O'Brien") == ["O\u{2019}Brien", "O'Brien"])
        #expect(texts(["O\u{2019}Brien"], in: "O'Brien") == ["O'Brien"])
    }

    @Test func wordBoundaries() {
        #expect(texts(["Kyiv"], in: "Kyivan troops") == [])
        #expect(texts(["Kyiv"], in: "Kyiv\u{2019}s mayor") == ["Kyiv"])
        #expect(texts(["Kyiv"], in: "Kyiv's mayor") == ["Kyiv"])
        #expect(texts(["Kyiv"], in: "pre-Kyiv-era") == ["Kyiv"])
        #expect(texts(["Assembly"], in: "the Assembly\u{2019}s vote") == ["Assembly"])
        #expect(texts(["Kyiv"], in: "Kyivč, čKyiv, Kyiv2, 2Kyiv, _Kyiv_") == ["Kyiv"])
        #expect(texts(["Kyiv"], in: "Kyivщ Кyiv") == [])
        #expect(texts(["Kyiv"], in: "\u{201C}Kyiv\u{201D}") == ["Kyiv"])
    }

    @Test func whitespaceRunsMatchOneSpace() {
        let text = "Human\n  Rights and Human\u{A0}Rights and Human\r\n\tRights"
        #expect(texts(["Human Rights"], in: text) == ["Human\n  Rights", "Human\u{A0}Rights", "Human\r\n\tRights"])
        #expect(texts(["  Human   Rights "], in: "Human Rights") == ["Human Rights"])
    }

    @Test func longestMatchWins() {
        let result = found(["Human Rights", "Human Rights Watch", "Rights Watch"], in: "Human Rights Watch said")
        #expect(result.map(\.0) == ["Human Rights Watch"])
        #expect(result.map(\.1) == [[1]])
        // The longer pattern fails its boundary: the shorter one is reported.
        #expect(texts(["Human Rights", "Human Rights Watch"], in: "Human Rights Watchers") == ["Human Rights"])
        // Leftmost wins over longer-later.
        #expect(texts(["New York", "York Times Company"], in: "New York Times Company") == ["New York"])
    }

    @Test func patternsThatFoldAlikeReportAllPayloads() {
        let result = found(["Muller", "Müller", "Mu\u{308}ller", "Miller"], in: "Herr Müller")
        #expect(result.map(\.0) == ["Müller"])
        #expect(result.map(\.1) == [[0, 1, 2]])
    }

    @Test func rangesAreOriginalByteOffsets() {
        let text = "Čéšť 🇺🇦 Kyiv—Київ 👩‍👩‍👧 Kyiv"
        let bytes = Array(text.utf8)
        let gazetteer = Gazetteer(patterns: [(text: "Kyiv", payload: 7), (text: "Київ", payload: 8)])
        let matches = gazetteer.matches(in: bytes)
        #expect(matches.map(\.payloads) == [[7], [8], [7]])
        for match in matches {
            let matched = String(decoding: bytes[match.range], as: UTF8.self)
            #expect(matched == "Kyiv" || matched == "Київ")
        }
        #expect(matches.first?.range.lowerBound == Array("Čéšť 🇺🇦 ".utf8).count)
        #expect(texts(["Kyiv"], in: "🙂Kyiv🙂") == ["Kyiv"])
    }

    @Test func subrangeIsScannedWithContextAround() {
        let bytes = Array("Kyiv Kyiv Kyivan".utf8)
        let gazetteer = Gazetteer(patterns: [(text: "Kyiv", payload: 0)])
        #expect(gazetteer.matches(in: bytes, range: 5..<14).map(\.range) == [5..<9])
        #expect(gazetteer.matches(in: bytes, range: 1..<9).map(\.range) == [5..<9])
        #expect(gazetteer.matches(in: bytes, range: 40..<50).isEmpty)
    }

    @Test func emptyAndDegenerateInputs() {
        #expect(texts([], in: "Kyiv") == [])
        #expect(texts(["", "  ", "\u{301}"], in: "a b \u{301}") == [])
        #expect(texts(["Kyiv"], in: "") == [])
        #expect(Gazetteer(patterns: [(text: " \n", payload: 0)]).distinctPatternCount == 0)
    }

    @Test func byteOrderMarkIsNotAWord() {
        let text = SourceText("\u{FEFF}Kyiv")
        let matches = Gazetteer(patterns: [(text: "Kyiv", payload: 0)]).matches(in: text)
        #expect(matches.map(\.range) == [3..<7])
    }

    @Test func invalidUTF8IsNoWordBoundaryAndNeverACrash() {
        var bytes = Array("Kyiv ".utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array(" Kyiv".utf8)
        bytes += [0xE2, 0x80]
        let gazetteer = Gazetteer(patterns: [(text: "Kyiv", payload: 0)])
        #expect(gazetteer.matches(in: bytes).map(\.range) == [0..<4])
    }

    @Test func twoThousandPatterns() {
        var patterns: [(text: String, payload: Int)] = []
        for index in 0..<2_000 {
            patterns.append((text: "Entity\(index) Ł\(index % 7)", payload: index))
        }
        let gazetteer = Gazetteer(patterns: patterns)
        #expect(gazetteer.distinctPatternCount == 2_000)
        let text = "x Entity1999 L4 y Entity12 Ł5, Entity12  L5 Entity120 L1 Entity3 L4"
        let matches = gazetteer.matches(in: Array(text.utf8))
        #expect(matches.map(\.payloads) == [[1999], [12], [12], [120]])
    }

    @Test func agreesWithBruteForceOnRandomTexts() {
        let pieces = [
            "Kyiv", "Ky", "iv", "K", "y", " ", "  ", "\n", "\u{A0}", "\u{E9}", "e\u{301}", "\u{301}", "\u{2019}",
            "'", "-", "Київ", "й", "и\u{306}", "🙂", "a", "\u{C9}", "E", ".", "\u{AD}", "2",
        ]
        var seed: UInt64 = 0x5EED
        func random(_ count: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(count))
        }
        var casesWithMatches = 0
        for _ in 0..<400 {
            let patterns = (0..<(1 + random(6))).map { _ in
                (0..<(1 + random(3))).map { _ in pieces[random(pieces.count)] }.joined()
            }
            let text = (0..<random(30)).map { _ in pieces[random(pieces.count)] }.joined()
            let gazetteer = Gazetteer(patterns: patterns.enumerated().map { (text: $0.element, payload: $0.offset) })
            let expected = referenceMatches(patterns, in: text)
            let actual = gazetteer.matches(in: Array(text.utf8))
            if !expected.isEmpty { casesWithMatches += 1 }
            #expect(actual == expected, "patterns \(patterns.debugDescription) text \(text.debugDescription)")
        }
        #expect(casesWithMatches > 50)
    }

    @Test func foldingKeys() {
        #expect(TextFolding.key(for: "  Zelensk\u{FD}y\n Volodymyr ") == "zelenskyy volodymyr")
        #expect(TextFolding.key(for: "İstanbul") == "istanbul")
        #expect(TextFolding.key(for: "Łódź") == "lodz")
        #expect(Gazetteer.fold("O\u{2019}Brien  Čas") == "O'Brien Cas")
    }
}
