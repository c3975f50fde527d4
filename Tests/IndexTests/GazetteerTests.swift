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

    @Test func invalidUTF8IsAWordBoundaryNeverACrash() {
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

    @Test func foldingKeys() {
        #expect(TextFolding.key(for: "  Zelensk\u{FD}y\n Volodymyr ") == "zelenskyy volodymyr")
        #expect(TextFolding.key(for: "İstanbul") == "istanbul")
        #expect(TextFolding.key(for: "Łódź") == "lodz")
        #expect(Gazetteer.fold("O\u{2019}Brien  Čas") == "O'Brien Cas")
    }
}
