import MarginaliaCore
import Testing

// Inputs that made an earlier scanner quadratic: each search that failed was repeated from
// every later opener. At these sizes a quadratic scan takes minutes; a linear one, milliseconds.
@Suite("Linear time on hostile input")
struct LinearTimeTests {
    @Test func bracedKeysThatNeverClose() {
        let t = parse(String(repeating: "@{a{", count: 50_000))
        #expect(t.citations.isEmpty)
        // A later `@{` inside a failed run can still close.
        let mixed = parse(String(repeating: "@{x{", count: 1_000) + "@{ok}")
        #expect(mixed.citations.map(\.items[0].key) == ["ok"])
        let nested = parse("@{x{@{y} z")
        #expect(nested.citations.map(\.items[0].key) == ["y"])
    }

    @Test func codeSpanOpenersOfManyLengths() {
        let text = (1...600).map { String(repeating: "`", count: $0) + " x " }.joined()
        let t = parse(text + "[@k]")
        #expect(t.citations.map(\.items[0].key) == ["k"])
        #expect(t.opaqueRanges.isEmpty)
        // After a failed opener, later spans still close on the first run of their length.
        let s = parse("``` a `x` b `` c `` [@k]")
        #expect(dump(s, kinds: ["opaque"]) == "Opaque @6-9\nOpaque @12-19")
        #expect(s.citations.map(\.items[0].key) == ["k"])
    }

    @Test func repeatedProbesForClosers() {
        let mentions = parse(String(repeating: "[[a ", count: 50_000) + "]]")
        #expect(mentions.mentions.count == 1)
        let braces = parse(String(repeating: "[x]{!", count: 40_000) + "}")
        #expect(braces.annotations.isEmpty)
        let key = parse("@k" + String(repeating: " ", count: 100_000) + String(repeating: "[[a]]{", count: 20_000))
        #expect(key.citations.count == 1)
        let comments = parse(String(repeating: "<!-- \n", count: 40_000))
        #expect(comments.issues.count == 40_000)
    }

    @Test func longLinesOfOpeners() {
        let t = MarkupParser.parse(SourceText(bytes: [UInt8](repeating: 0x5B, count: 1_000_000)), format: .markdown)
        #expect(t.citations.isEmpty)
        let unclosed = parse(String(repeating: "[@k ", count: 100_000))
        #expect(unclosed.citations.count == 100_000)
        // After a letter, so that the run is inline, not a code fence.
        let ticks = MarkupParser.parse(SourceText(bytes: [0x78] + [UInt8](repeating: 0x60, count: 1_000_000)), format: .markdown)
        #expect(ticks.opaqueRanges.isEmpty)
    }

    @Test func manyPiecesAroundManyNestedCitations() {
        // Each affix of the group looks only at the nested citations in its own range.
        let t = parse("[" + String(repeating: "@a; ", count: 20_000) + "@c " + String(repeating: "[@b] ", count: 20_000) + "]")
        #expect(t.citations.count == 20_001)
        #expect(t.citations.first?.items.count == 20_001)
    }

    @Test func urlsFoundFromTheirColon() {
        let t = parse("a https://x.org/@u b xhttp://no.pe Doi:10.1/no `c`http://y.org/p \\ doi:10.2/z. HTTP://A.B/c (http://q.r/s)")
        #expect(t.links.map(\.url) == ["https://x.org/@u", "http://y.org/p", "https://doi.org/10.2/z", "http://q.r/s"])
        #expect(t.citations.isEmpty)
    }
}
