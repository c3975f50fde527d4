import Foundation
import MarginaliaCore
import Testing

@Suite("Citations")
struct CitationTests {
    @Test func bracketedGroupWithPrefixSuffixAndSuppressed() {
        let t = parse("See [*see* @smith, p. 3; -@doe].")
        #expect(dump(t, kinds: ["citation"]) == """
            Citation @4-31 bracketed [NormalCitation] key=smith@12-17 prefix="see" suffix=", p. 3" ; [SuppressAuthor] key=doe@27-30
            """)
    }

    @Test func inTextWithLocatorAndTrailingPunctuation() {
        let t = parse("@smith [p. 4] and @doe's work, @a.b. Mail foo@bar.com. @{braced.key}.")
        #expect(dump(t, kinds: ["citation"]) == """
            Citation @0-13 [AuthorInText] key=smith@1-6 suffix="p. 4"
            Citation @18-22 [AuthorInText] key=doe@19-22
            Citation @31-35 [AuthorInText] key=a.b@32-35
            Citation @55-68 [AuthorInText] key=braced.key@57-67
            """)
    }

    @Test func escapesCodeAndCommentsAreNotMarkup() {
        let t = parse("\\[@a] \\@b `[@c]` <!-- [@d] --> [@e]\n\n    [@code]\n\n```\n[@fenced]\n```\n")
        // Pandoc reads `\\[@a]` as "[" followed by the in-text citation @a.
        #expect(t.citations.map { $0.items[0].key } == ["a", "e"])
        #expect(dump(t, kinds: ["opaque"]) == "Opaque @10-16\nOpaque @17-30\nOpaque @37-48\nOpaque @50-67")
    }

    @Test func spanWinsOverCitationAndCrossReferencesStay() {
        let t = parse("[@a]{.x} [@fig-map] [see @b and @c]")
        #expect(dump(t, kinds: ["citation", "span"]) == """
            Citation @1-3 [AuthorInText] key=a@2-3
            Citation @9-19 bracketed [NormalCitation] key=fig-map@11-18
            Citation @20-35 bracketed [NormalCitation] key=b@26-27 prefix="see" suffix=" and @c"
            Citation @32-34 [AuthorInText] key=c@33-34
            Span @1-3 types=x
            """)
    }

    @Test func nestedCitationInSuffixKeepsItsSourceText() {
        // Pandoc's `Cite` content is the raw source, so a nested group keeps `*e.g.*`.
        let t = parse("@k [a [b [see @x; *e.g.* @y] c] d]")
        #expect(t.citations.map { $0.items.map { "\($0.key)|\($0.prefix)|\($0.suffix)" } } == [
            ["k||a [b [see @x; *e.g.* @y] c] d"], ["x|see|", "y|e.g.|"],
        ])
    }

    @Test func exampleListMarkersAfterABlockOpeningComment() {
        // A comment opening a block is a raw block of its own: `(@a)` after it starts an example list.
        #expect(parse("<!-- x --> (@a) more.\n").citations.isEmpty)
        #expect(parse("<!-- x -->\n<!-- y --> @a. more.\n").citations.isEmpty)
        #expect(parse("word <!-- x --> (@a) more.\n").citations.map { $0.items[0].key } == ["a"])
        #expect(parse("text\n<!-- x --> (@a) more.\n").citations.map { $0.items[0].key } == ["a"])
        #expect(parse("   <!-- x --> (@a) more.\n").citations.map { $0.items[0].key } == ["a"])
        // Before the item, `@a [p. 3]` is still a citation; a bare `@a`, or any after it, is the item's number.
        #expect(parse("text @a [p. 3] and @a.\n\n(@a) item\n").citations.map { $0.items[0].suffix } == ["p. 3"])
        #expect(parse("(@a) item\n\ntext @a [p. 3] and @a.\n").citations.isEmpty)
    }
}

@Suite("Notes, mentions, spans")
struct ConstructTests {
    @Test func footnotesInlineNotesAndMultiParagraphDefinitions() {
        let t = parse("Text[^1] and ^[inline @a].\n\n[^1]: First [@b]\n    continued\n\n    Second para.\n\nAfter.\n")
        #expect(dump(t, kinds: ["note"]) == """
            NoteRef @4-8 pandoc label=1
            NoteDef @13-25 inline label=^1 text="inline @a"
            NoteDef @28-76 pandoc label=1 text="First [@b] continued Second para."
            """)
        #expect(t.citations.map(\.items[0].key) == ["a", "b"])
    }

    @Test func mentionsAndSpansWithAttributes() {
        let t = parse("[[hrw]] [[Human Rights Watch|HRW]] [said [[un]] @a]{.quote #q1 speaker=hrw note=\"two words\"}")
        #expect(dump(t, kinds: ["mention", "span"]) == """
            Mention @0-7 target=hrw@2-5
            Mention @8-34 target=Human Rights Watch@10-28 shown="HRW"
            Mention @41-47 target=un@43-45
            Span @36-50 types=quote id=q1 speaker="hrw" note="two words"
            """)
        #expect(t.annotations[0].note == "two words")
    }

    @Test func headingsLinksAndSuppressions() {
        let t = parse("# Title\n\nSee https://example.org/a_(b). and doi:10.1000/xyz, <http://x.y/z> [t](https://q.r/s).\n\n<!-- marginalia-ignore unknown-citation-key -->\n\nSub\n---\n")
        #expect(dump(t, kinds: ["heading", "link", "suppression"]) == """
            Heading @0-7 level=1 text="Title" section=@0-154
            Heading @146-153 level=2 text="Sub" section=@146-154
            Link @13-38 bare https://example.org/a_(b)
            Link @44-59 bare https://doi.org/10.1000/xyz
            Link @62-74 http://x.y/z
            Link @80-93 https://q.r/s
            Suppression @97-144 line=6 rules=unknown-citation-key
            """)
    }

    @Test func frontMatterFlatSubset() {
        let t = parse("---\ntitle: \"A title\"\ntags: [a, b]\nauthor:\n  - X\n  - Y\nbad line\n---\nBody [@k]\n")
        let fm = t.frontMatter
        #expect(fm?.value("title") == "A title")
        #expect(fm?.values("tags") == ["a", "b"])
        #expect(fm?.values("author") == ["X", "Y"])
        #expect(t.issues.map(\.rule) == [RuleID.invalidFrontMatter])
        #expect(t.opaqueRanges.first == 0..<66)
        #expect(t.citations.count == 1)
    }
}

@Suite("Plain text conventions")
struct PlainTextTests {
    @Test func numberedNotesUnderNotesHeading() {
        let text = "Claim one. (1) In 1998 (1998) more¹ and [2].\n\n(1) List-like line.\n\nNOTES AND SOURCES:\n\n(1)\nFirst source\n\n(2) Second https://x.org/a.\n"
        let t = parse(text, .plainText)
        #expect(dump(t, kinds: ["note"]) == """
            NoteRef @11-14 numbered label=1
            NoteRef @34-36 numbered label=1
            NoteRef @41-44 numbered label=2
            NoteDef @88-104 numbered label=1 text="First source"
            NoteDef @106-133 numbered label=2 text="Second https://x.org/a."
            """)
        #expect(t.headings.map(\.text) == ["NOTES AND SOURCES:"])
        #expect(t.links.map(\.url) == ["https://x.org/a"])
    }

    @Test func plainTextParsesBracketedMarkupOnly() {
        let t = parse("@handle says [@k] about [[hrw]] and [this]{.claim}.\n", .plainText)
        #expect(t.citations.map(\.items[0].key) == ["k"])
        #expect(t.mentions.count == 1)
        #expect(t.annotations.count == 1)
    }
}

@Suite("Hostile inputs")
struct HostileTests {
    @Test func invalidUTF8AndNUL() {
        var bytes = Array("ok [@a] ".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0x00]
        bytes += Array(" [@b]".utf8)
        let t = MarkupParser.parse(SourceText(bytes: bytes), format: .markdown)
        #expect(dump(t, kinds: ["issue"]) == "Issue @8-10 invalid-utf8\nIssue @10-12 nul-byte")
        #expect(t.citations.map(\.items[0].key) == ["a", "b"])
    }

    @Test func unterminatedConstructs() {
        let t = parse("---\ntitle: x\n\n[span]{.claim\n\n<!-- open\n\n```\n[@inside]\n")
        #expect(t.issues.map(\.rule) == [RuleID.unterminatedMarkup, RuleID.unterminatedMarkup, RuleID.unterminatedMarkup, RuleID.unterminatedMarkup])
        #expect(t.frontMatter == nil)
        #expect(t.citations.isEmpty)
    }

    @Test func tenThousandNestedBrackets() {
        let text = String(repeating: "[x ", count: 10_000) + "@deep" + String(repeating: "]", count: 10_000)
        let t = parse(text)
        #expect(t.citations.count == 1)
        let unclosed = parse(String(repeating: "[[a ", count: 10_000) + "@k")
        #expect(unclosed.citations.map(\.items[0].key) == ["k"])
    }

    @Test func fiftyMegabyteSingleLine() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50_000_000)
        let chunk = Array("Some words [see @key, p. 3] and `code` then [[hrw]] [x]{.claim} ".utf8)
        while bytes.count + chunk.count < 50_000_000 { bytes += chunk }
        let expected = bytes.count / chunk.count
        let t = MarkupParser.parse(SourceText(bytes: bytes), format: .markdown)
        #expect(t.citations.count == expected)
        #expect(t.mentions.count == expected)
    }
}

@Suite("Speed")
struct SpeedTests {
    @Test func tenMegabyteDocument() {
        var text = ""
        var seed: UInt64 = 1
        while text.utf8.count < 10_000_000 {
            text += generateDocument(seed: seed) + "\n"
            seed += 1
        }
        let source = SourceText(text)
        let start = Date()
        let t = MarkupParser.parse(source, format: .markdown)
        let seconds = Date().timeIntervalSince(start)
        print("PARSE 10MB: \(String(format: "%.3f", seconds)) s, \(t.citations.count) citations")
        #expect(!t.citations.isEmpty)
    }
}
