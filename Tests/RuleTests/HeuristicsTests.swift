import Testing
@testable import MarginaliaCore

/// A fixture with expected hit ranges marked by ⟦ and ⟧ (removed before parsing).
struct MarkedText {
    /// The text without markers.
    let text: String
    /// The marked byte ranges, in order.
    let ranges: [Range<Int>]

    /// Strips the markers, recording the byte ranges they enclose.
    init(_ marked: String) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var open: Int? = nil
        for scalar in marked.unicodeScalars {
            if scalar == "⟦" {
                open = bytes.count
            } else if scalar == "⟧", let start = open {
                ranges.append(start..<bytes.count)
                open = nil
            } else {
                bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        self.text = String(decoding: bytes, as: UTF8.self)
        self.ranges = ranges
    }
}

/// Hits of one rule in a plain-text fixture (parsed, or with the given markup).
func ruleHits(_ rule: String, _ text: String, markup: MarkupTree? = nil) -> [HeuristicHit] {
    let options = HeuristicOptions(enabledRules: [rule])
    if let markup { return Heuristics.hits(in: SourceText(text), markup: markup, options: options) }
    return Heuristics.hits(in: Document(path: "/corpus/fixture.txt", text: SourceText(text)), options: options)
}

/// Checks that a rule reports exactly the marked ranges, with `message`.
func expectHits(_ rule: String, _ marked: String, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    let fixture = MarkedText(marked)
    let hits = ruleHits(rule, fixture.text)
    let found = hits.map { SourceText(fixture.text).string($0.range) }
    #expect(hits.map(\.range) == fixture.ranges, "found \(found)", sourceLocation: sourceLocation)
    #expect(hits.allSatisfy { $0.rule == rule }, sourceLocation: sourceLocation)
    if let message { #expect(hits.allSatisfy { $0.message == message }, sourceLocation: sourceLocation) }
}

@Suite struct SentenceTests {
    static let cases: [(String, [String])] = [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        (
            "Dr. Smith met Mr. Jones at 3.5 km, e.g. near St. Paul. Then left.",
            ["Dr. Smith met Mr. Jones at 3.5 km, e.g. near St. Paul.", "Then left."]
        ),
        (
            "J. Smith wrote it in the U.S. army. See p. 4 and No. 5 vs. Jan. 3 dates.",
            ["J. Smith wrote it in the U.S. army.", "See p. 4 and No. 5 vs. Jan. 3 dates."]
        ),
        ("“Go home.” He left. “Why?” she asked. Done…", ["“Go home.”", "He left.", "“Why?” she asked.", "Done…"]),
        ("He wrote (see note). It rained.", ["He wrote (see note).", "It rained."]),
        ("They note. (1)\n\nAs usual, nothing.", ["They note. (1)", "As usual, nothing."]),
        ("First (3). Thousands came. (4) Then more.", ["First (3).", "Thousands came. (4)", "Then more."]),
        ("Para one\n\nPara two. Next", ["Para one", "Para two.", "Next"]),
        ("# Heading\nText under it. More", ["# Heading", "Text under it.", "More"]),
        ("Short title\nBody text starts here. End.", ["Short title", "Body text starts here.", "End."]),
        ("wrapped line that goes on\nand continues here.", ["wrapped line that goes on\nand continues here."]),
        ("It was 1998. In 2014 it changed.", ["It was 1998.", "In 2014 it changed."]),
        ("Он пришёл. Она ушла.", ["Он пришёл.", "Она ушла."]),
        ("Read more here:\nhttps://example.org/a\n", ["Read more here:", "https://example.org/a"]),
        ("", []),
        ("   \n\n  ", []),
    ]

    @Test(arguments: cases) func splits(_ input: String, _ expected: [String]) {
        let text = SourceText(input)
        #expect(Sentences.ranges(in: text).map { text.string($0) } == expected)
    }

    @Test func withinRangeAndContaining() {
        let text = SourceText("Alpha one. Beta two.\n\nGamma three. Delta.")
        let ranges = Sentences.ranges(in: text, within: 11..<text.count)
        #expect(ranges.map { text.string($0) } == ["Beta two.", "Gamma three.", "Delta."])
        #expect(text.string(Sentences.sentence(containing: 25, in: text)) == "Gamma three.")
        #expect(text.string(Sentences.sentence(containing: 0, in: text)) == "Alpha one.")
        #expect(Sentences.sentence(containing: 10, in: text) == 10..<10)
    }
}

@Suite struct UnsourcedQuoteTests {
    let rule = RuleID.unsourcedQuote

    @Test func longQuotationWithoutSourceIsReported() {
        expectHits(
            rule, "The minister spoke. ⟦“We will never give up this land, whatever happens,”⟧ he said.",
            message: "direct quotation with no citation or note")
    }

    @Test func straightAndGuillemetQuotes() {
        expectHits(
            rule,
            "She wrote ⟦\"the river was rising faster than anyone expected\"⟧ in May.\n\nHe said ⟦«nous ne partirons pas»⟧ then.")
    }

    @Test func shortQuoteNeedsSpeechContext() {
        expectHits(
            rule,
            "He said that he ⟦“apparently”⟧ dealt the blow. The so-called “defeatism” is a tale. Talking head “experts” debate.")
        expectHits(rule, "⟦“Sometimes by accident”⟧, he replies.")
        expectHits(rule, "The crowd was quiet.\n\n⟦“How so?”⟧\n\nNobody answered.")
        expectHits(rule, "⟦“War Is Peace!”⟧ – George Orwell ‘1984’")
    }

    @Test func titlesAndNamesAreNotQuotations() {
        expectHits(rule, "They met at the “7th Kilometer” market near ‘Odd Couple’ and read “Go by the Forest”.")
    }

    @Test func sourcedQuotationsAreNotReported() {
        expectHits(rule, "“Chained to trees, locked in metal tanks, or dragged behind vehicles,” they note. (1)\n\nAs usual.")
        expectHits(rule, "It states: “Defenders consume tens of thousands of drones every month.” https://www.afed.cz/text/8191")
    }

    @Test func citationFromMarkupSourcesTheSentence() {
        let text = "“We are being strangled by debt and nobody listens,” they wrote [@smith2020]."
        let start = text.utf8.count - 14
        var markup = MarkupTree()
        let item = CitationItem(
            key: "smith2020", keyRange: (start + 2)..<(start + 11), range: (start + 1)..<(start + 11),
            mode: .normalCitation, prefix: "", suffix: "")
        markup.citations = [Citation(range: start..<(start + 13), items: [item], isBracketed: true)]
        #expect(ruleHits(rule, text, markup: markup).isEmpty)
        #expect(ruleHits(rule, text, markup: MarkupTree()).count == 1)
    }

    @Test func quotationInsideNoteDefinitionOrOpaqueRangeIsSkipped() {
        let text = "Body text here.\n\nNotes\n\n(1) “A long quotation of many words in the note.”\n"
        let noteStart = 24
        var markup = MarkupTree()
        markup.noteDefinitions = [
            NoteDefinition(
                label: "1", range: noteStart..<text.utf8.count, labelRange: (noteStart + 1)..<(noteStart + 2),
                contentRange: (noteStart + 4)..<text.utf8.count, text: "", style: .numbered)
        ]
        #expect(ruleHits(rule, text, markup: MarkupTree()).count == 1)
        #expect(ruleHits(rule, text, markup: markup).isEmpty)
        var opaque = MarkupTree()
        opaque.opaqueRanges = [0..<text.utf8.count]
        #expect(ruleHits(rule, text, markup: opaque).isEmpty)
    }

    @Test func multiParagraphQuotationIsOneHit() {
        expectHits(
            rule,
            "From their website:\n\n⟦“Goals of the Front:\n\nOur goal is to build a just society. Enough to do for everyone!”⟧\n\nSince then.")
    }
}

@Suite struct UnsourcedFigureTests {
    let rule = RuleID.unsourcedFigure

    @Test func numbersPercentagesAndMagnitudes() {
        expectHits(
            rule, "There were ⟦21,602⟧ cases, ⟦17,000-18,000⟧ per month and ⟦8.8%⟧ in ⟦10 000⟧ towns.",
            message: "figure with no citation")
        expectHits(rule, "About ⟦150-200 thousand⟧ people, ⟦90 million⟧ dead, ⟦25 percent⟧ and ⟦3 per cent⟧.")
    }

    @Test func quantityPhrases() {
        expectHits(
            rule,
            "⟦Hundreds of thousands⟧ marched. ⟦Thousands of⟧ soldiers desert. Not ⟦half a million⟧, ⟦a quarter of a trillion⟧ dollars.")
        expectHits(rule, "It involved ⟦hundreds of⟧ aircraft and over ⟦a thousand⟧ attacks; ⟦millions of⟧ mines.")
    }

    @Test func yearsIdentifiersAndSmallNumbersAreNot() {
        expectHits(rule, "In 2014, 48 people died. Since 2022, in the 1990s, on 1 February 2025, the 1000th day, 37-year-old men.")
        expectHits(rule, "Bank code: 5500, IBAN CZ1955000000001234567890, see https://example.org/post/2025/11/123456.")
    }

    @Test func appealsAndSourcedFiguresAreNot() {
        expectHits(rule, "Donate 1%, 5%, 10% of your salary.")
        expectHits(rule, "They counted 18,000 deserters. https://example.org/report\n\nAnother ⟦5,000⟧ fled.")
        expectHits(rule, "Some 18,000 deserters were counted (3).")
    }

    @Test func minimumDigitsIsConfigurable() {
        let options = HeuristicOptions(enabledRules: [rule], minimumFigureDigits: 3)
        let hits = Heuristics.hits(in: SourceText("They brought 400 patients."), markup: MarkupTree(), options: options)
        #expect(hits.map(\.range) == [13..<16])
    }
}

@Suite struct MissingSourcePointerTests {
    let rule = RuleID.missingSourcePointer

    @Test func pointerFollowedByNothing() {
        expectHits(
            rule, "Millions fought.\n\nYou can ⟦read more about it here⟧:\n\n⟦and here⟧:\n\n\nClearly not everyone agreed.",
            message: "pointer to a source that is not there")
        expectHits(rule, "You can read more details from him ⟦at the link⟧ in Russian.")
    }

    @Test func pointerFollowedByURLIsFine() {
        expectHits(rule, "(2) For example, here\nhttps://cnn.iprima.cz/a-1\n\nAlso here:\nhttps://www.msn.com/b\n")
        expectHits(rule, "Read more here: https://example.org/x and there.")
    }

    @Test func ordinaryHereIsNotAPointer() {
        expectHits(rule, "There is plenty of work to do here.\n\nYet here we are again. From wikipedia:\n\n“Text.”")
    }
}

@Suite struct WeaselAttributionTests {
    let rule = RuleID.weaselAttribution

    @Test func vagueHoldersAreReported() {
        expectHits(rule, "⟦Experts say⟧ the war will end. ⟦It is known⟧ that it rains.")
        let hits = ruleHits(rule, "Many see that the fight will continue.")
        #expect(hits.map(\.message) == ["weasel attribution: 'Many see' names no source"])
        expectHits(rule, "He left, ⟦allegedly⟧ due to illness. A truce, ⟦suggests a senior NATO commander⟧.")
        expectHits(rule, "⟦According to official⟧ and unofficial statistics, there are many. ⟦Local media⟧ call him a runaway.")
    }

    @Test func sourcedOrNamedHoldersAreNot() {
        expectHits(rule, "The group ⟦reportedly⟧ makes drones.\n\nThe group reportedly makes drones. https://example.org/a")
        expectHits(rule, "Police stated that it seems fine. He claims it.")
    }
}

@Suite struct BareURLCitationTests {
    let rule = RuleID.bareURLCitation

    @Test func sourceLinesAndClaimURLs() {
        expectHits(
            rule,
            "Original Article by AMI – ⟦https://antimilitarismus.noblogs.org/post/2025/08/27/how-many⟧\n\nMany are victims. ⟦https://example.org/over-18000⟧.",
            message: "bare URL standing in for a citation")
    }

    @Test func contactPagesAndHomePagesAreNot() {
        expectHits(
            rule,
            "Please see my Facebook page for more: https://www.facebook.com/profile.php?id=1\n\nAuthor – https://assembly.org.ua/\n\nAuthor – assembly.org.ua"
        )
    }

    @Test func urlsInNotesFollowTheOption() {
        let text = "Claim (1).\n\nNotes\n\n(1) https://example.org/source/1\n"
        let start = 23
        var markup = MarkupTree()
        markup.noteDefinitions = [
            NoteDefinition(
                label: "1", range: (start - 4)..<text.utf8.count, labelRange: (start - 3)..<(start - 2),
                contentRange: start..<text.utf8.count, text: "", style: .numbered)
        ]
        markup.links = [Link(url: "https://example.org/source/1", range: start..<(start + 28), isBare: true)]
        #expect(ruleHits(rule, text, markup: markup).map(\.range) == [start..<(start + 28)])
        let off = HeuristicOptions(enabledRules: [rule], reportsURLsInNotes: false)
        #expect(Heuristics.hits(in: SourceText(text), markup: markup, options: off).isEmpty)
        markup.links[0].isBare = false
        #expect(ruleHits(rule, text, markup: markup).isEmpty)
    }
}

@Suite struct HeuristicsOptionsTests {
    @Test func disabledRulesDoNotRun() {
        let text = SourceText("Experts say 21,602 people left.")
        let rules = Heuristics.hits(in: text, markup: MarkupTree()).map(\.rule).sorted()
        #expect(rules == [RuleID.unsourcedFigure, RuleID.weaselAttribution])
        #expect(Heuristics.hits(in: text, markup: MarkupTree(), options: HeuristicOptions(enabledRules: [])).isEmpty)
    }
}

/// The fast paths give what the plain per-position scans give.
@Suite struct HeuristicsFastPathTests {
    static let texts: [String] = [
        "Experts  say it is\u{00A0}widely believed that thousands of people left. A senior NATO commander said so (link). "
            + "Tens of thousands, a quarter of a trillion; see the link below. Café experts say. xexperts say [link] here:\n",
        "\"a \"a \"b\" said \"c d\"\n\n\"e f \"g\" h\" and \"unclosed line\nnext\" one\n \n\"x\"",
        "ALLEGEDLY, some   people\tbelieve. It Has Been Documented.\r\nMillions of, TWO MILLION; one thousand. a senior official",
        "“Nested “quotes” here” and „low“ and «guillemet» and ‘single’ plus \"straight\" ends.",
    ]

    @Test(arguments: texts) func phraseSetMatchesPerRangeScan(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let whole = [0..<buffer.count]
            let sentences = Sentences.scan(buffer, from: 0, to: buffer.count)
            let found = PhraseSet.heuristics.scan(buffer, ranges: [sentences, whole, whole])
            let matchers = PhraseSet.heuristics.matchers
            for (j, ranges) in [sentences, whole, whole].enumerated() {
                var expected: [Range<Int>] = []
                for range in ranges { expected += matchers[j].matches(buffer, in: range).map(\.range) }
                #expect(found[j].map(\.range) == expected, "matcher \(j)")
            }
        }
    }

    @Test(arguments: texts) func straightQuotationsMatchTheGeneralScan(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var cursors = UnsourcedQuoteRule.StraightCursors()
            for i in 0..<buffer.count where buffer[i] == 0x22 {
                let fast = UnsourcedQuoteRule.closeStraight(buffer, openAt: i, cursors: &cursors)
                let slow = UnsourcedQuoteRule.closeQuotation(buffer, openAt: i, kind: .straight, length: 1)
                #expect(fast?.range == slow?.range && fast?.content == slow?.content, "at \(i)")
            }
        }
    }

    @Test func wordSetFoldsCaseWithoutAllocating() {
        let set = ByteWordSet(["said", "acknowledged", "e.g", "a-very-long-word-indeed"])
        let bytes = Array("SAID Acknowledged E.G a-very-long-word-INDEED saidx".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(set.contains(buffer, 0..<4))
            #expect(set.contains(buffer, 5..<17))
            #expect(set.contains(buffer, 18..<21))
            #expect(set.contains(buffer, 22..<45))
            #expect(!set.contains(buffer, 46..<51))
            #expect(!set.contains(buffer, 0..<3))
        }
    }
}

@Suite struct HostileQuotationTests {
    /// A text of nothing but opening curly quotes used to search 12,000 bytes per mark:
    /// minutes for one megabyte. The search budget stops it; prose before it is still read.
    @Test func manyUnclosedCurlyQuotesStayFast() {
        var text = "He said “this is a quotation with no source at all in it” to the press.\n\n"
        text += String(repeating: "“", count: 200_000)
        let document = Document(path: "/h.md", text: SourceText(text))
        // No timing assertion (timings never gate a test): a regression shows as a run of minutes.
        let hits = Heuristics.hits(in: document)
        #expect(hits.contains { $0.rule == RuleID.unsourcedQuote && $0.range.lowerBound == 8 })
    }
}
