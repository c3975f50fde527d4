// Pandoc parity: generated documents (and examples/**/*.md) are parsed by Marginalia and by
// `pandoc -f markdown+wikilinks_title_after_pipe -t json`, and the constructs are compared.
//
// Deliberate divergences, excluded from the generator on purpose:
// - Smart punctuation: pandoc turns quotes, dashes, ellipses and the space after "p." into
//   typographic characters; Marginalia keeps the source characters. Both sides are normalised
//   (’→', “”→", –→--, —→---, …→..., NBSP→space) before comparing prefixes and suffixes.
// - Mention targets are trimmed by Marginalia (`[[ x ]]` targets "x"); pandoc keeps the spaces.
// - URLs: nothing inside a bare URL is markup for Marginalia (`https://x.org/@user` holds no
//   citation); pandoc, without autolink_bare_uris, would read `@user` as a citation.
// - Prefixes and suffixes holding nested constructs (spans, mentions, notes) stringify differently;
//   the generator keeps them to words, emphasis, code spans, escapes and locators.
import Foundation
import MarginaliaCore
import Testing

/// Where pandoc 3 is, or nil.
private let pandocPath: String? = {
    let env = ProcessInfo.processInfo.environment
    if let p = env["MARGINALIA_PANDOC"], FileManager.default.isExecutableFile(atPath: p) { return p }
    if let out = run("/usr/bin/env", ["python3", "-c", "import pypandoc,os;print(os.path.join(os.path.dirname(pypandoc.__file__),'files','pandoc'))"]) {
        let p = out.trimmingCharacters(in: .whitespacesAndNewlines)
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    if let version = run("/usr/bin/env", ["pandoc", "--version"]), let first = version.split(separator: "\n").first,
        let number = first.split(separator: " ").last, let major = Int(number.split(separator: ".").first ?? ""), major >= 3
    {
        return run("/usr/bin/env", ["which", "pandoc"])?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return nil
}()

private func run(_ exe: String, _ args: [String], stdin: Data? = nil) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    let input = Pipe()
    p.standardInput = input
    do { try p.run() } catch { return nil }
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}

/// Deterministic PRNG (SplitMix64).
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}

/// Generates a document mixing every construct.
func generateDocument(seed: UInt64) -> String {
    var g = SplitMix(state: seed)
    let keys = ["smith2020", "doe:1999", "van-dijk.2001", "_under", "Müller2010", "a1", "fig-map", "sec-intro", "tbl-x", "x/y"]
    let words = ["the", "report", "says", "that", "figures", "rose", "in", "2019", "and", "fell", "again", "(see", "below)", "it's"]
    var noteCounter = 0
    var definitions: [String] = []
    func key() -> String { g.pick(keys) }
    func w() -> String { g.pick(words) }
    func locator() -> String { g.pick(["p. 3", "pp. 3-4", "chap. 2", "p. 33--35", "sec. 4", "3", "*passim*"]) }
    func citeGroup() -> String {
        var items: [String] = []
        for _ in 0..<(1 + g.int(3)) {
            var item = ""
            switch g.int(4) {
            case 0: item += "see "
            case 1: item += "*e.g.* "
            default: break
            }
            item += g.int(5) == 0 ? "-@" + key() : "@" + key()
            switch g.int(4) {
            case 0: item += ", " + locator()
            case 1: item += " " + locator()
            default: break
            }
            items.append(item)
        }
        return "[" + items.joined(separator: "; ") + "]"
    }
    func fragment(depth: Int) -> String {
        switch g.int(depth > 1 ? 14 : 24) {
        case 0, 1: return citeGroup()
        case 2: return "@" + key()
        case 3: return "@" + key() + " [" + locator() + "]"
        case 4: return "@" + key() + g.pick(["'s", ".", ",", ":", ";", "?"])
        case 5: return "foo@bar.com"
        case 6: return g.pick(["\\[@" + key() + "]", "\\@" + key(), "`[@" + key() + "]`", "``@x ` y``"])
        case 7: return "[[" + g.pick(["hrw", "Human Rights Watch", "un"]) + (g.int(2) == 0 ? "|shown text" : "") + "]]"
        case 8: return "*" + citeGroup() + "*"
        case 9: return "**@" + key() + "**"
        case 10: return "@{" + g.pick(["braced.key", "a b", "x{y}z", "with:colon"]) + "}"
        case 11: return "-@" + key()
        case 12: return "<!-- [@hidden] -->"
        case 13: return "[a [b " + citeGroup() + " c] d]"
        case 14 where depth < 2: return "[" + fragment(depth: depth + 1) + " " + w() + "]{.claim" + g.pick(["", " #c\(g.int(100))", " speaker=hrw", " note=\"two words\"", " .quote mode='direct'"]) + "}"
        case 15 where depth < 2: return "^[" + w() + " " + fragment(depth: depth + 1) + "]"
        case 16:
            noteCounter += 1
            let label = g.int(2) == 0 ? "\(noteCounter)" : "n\(noteCounter)"
            var def = "[^\(label)]: " + w() + " " + citeGroup() + " " + w()
            if g.int(3) == 0 { def += "\n    continued @" + key() + "\n\n    Second paragraph " + citeGroup() }
            definitions.append(def)
            return "[^\(label)]"
        case 17: return "[text](http://example.com/" + w() + ")"
        case 18: return "[" + w() + "]{.statistic}" + " " + citeGroup()
        case 19: return "[[" + key() + "]]"
        case 20: return "[@" + key() + "]{.x}"
        case 21: return "[" + w() + " " + w() + "]"
        case 22: return "(@" + key() + ")"
        default: return w()
        }
    }
    var paragraphs: [String] = []
    for _ in 0..<(2 + g.int(4)) {
        switch g.int(10) {
        case 0: paragraphs.append("# Heading " + w() + " " + fragment(depth: 1))
        case 1: paragraphs.append("    indented [@code] block\n    more @code")
        case 2: paragraphs.append("```\nfenced [@code] ^[x]\n```")
        case 3: paragraphs.append("- item " + fragment(depth: 0) + "\n- item " + fragment(depth: 0))
        default:
            var parts: [String] = []
            for _ in 0..<(3 + g.int(8)) { parts.append(g.int(3) == 0 ? fragment(depth: 0) : w()) }
            var text = parts.joined(separator: " ")
            if g.int(4) == 0 { text += "\n" + fragment(depth: 0) + " " + w() }
            paragraphs.append(text + ".")
        }
    }
    return (paragraphs + definitions).joined(separator: "\n\n") + "\n"
}

/// What both sides must agree on, as sorted lines.
struct ParitySummary: Equatable, CustomStringConvertible {
    var cites: [String] = []
    var notes = 0
    var spans: [String] = []
    var mentions: [String] = []
    var description: String { "cites=\(cites)\nnotes=\(notes)\nspans=\(spans)\nmentions=\(mentions)" }
}

func normalise(_ s: String) -> String {
    var t = s
    for (a, b) in [("\u{a0}", " "), ("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{201c}", "\""), ("\u{201d}", "\""), ("\u{2014}", "---"), ("\u{2013}", "--"), ("\u{2026}", "...")] {
        t = t.replacingOccurrences(of: a, with: b)
    }
    let leading = t.first == " "
    let collapsed = t.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    return (leading && !collapsed.isEmpty ? " " : "") + collapsed
}

func summary(of tree: MarkupTree) -> ParitySummary {
    var s = ParitySummary()
    for c in tree.citations {
        for item in c.items { s.cites.append("\(item.mode.rawValue) \(item.key) [\(normalise(item.prefix))|\(normalise(item.suffix))]") }
    }
    let defined = Set(tree.noteDefinitions.filter { $0.style == .pandoc }.map(\.label))
    s.notes = tree.noteReferences.filter { $0.style == .pandoc && defined.contains($0.label) }.count
        + tree.noteDefinitions.filter { $0.style == .inline }.count
    for a in tree.annotations {
        s.spans.append("\(a.typeNames.joined(separator: ","))#\(a.id ?? "")" + a.attributes.map { " \($0.key)=\($0.value)" }.joined())
    }
    for m in tree.mentions { s.mentions.append(m.target + "|" + (m.shownText ?? m.target)) }
    s.cites.sort()
    s.spans.sort()
    s.mentions.sort()
    return s
}

private func stringify(_ inlines: Any) -> String {
    guard let list = inlines as? [Any] else { return "" }
    var out = ""
    for case let el as [String: Any] in list {
        let t = el["t"] as? String ?? ""
        let c = el["c"]
        switch t {
        case "Str": out += c as? String ?? ""
        case "Space", "SoftBreak", "LineBreak": out += " "
        case "Code", "Math": out += (c as? [Any])?.last as? String ?? ""
        case "Quoted":
            let parts = c as? [Any] ?? []
            let q = ((parts.first as? [String: Any])?["t"] as? String) == "SingleQuote" ? "'" : "\""
            out += q + stringify(parts.last ?? []) + q
        case "Cite", "Span": out += stringify((c as? [Any])?.last ?? [])
        case "Link", "Image": out += stringify((c as? [Any]).map { $0[1] } ?? [])
        case "Note", "RawInline": break
        default: out += stringify(c ?? [])
        }
    }
    return out
}

func summary(ofPandocJSON data: Data) -> ParitySummary? {
    guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
    var s = ParitySummary()
    func walk(_ node: Any) {
        if let list = node as? [Any] {
            for x in list { walk(x) }
            return
        }
        guard let el = node as? [String: Any] else { return }
        if let t = el["t"] as? String {
            let c = el["c"]
            switch t {
            case "Cite":
                if let parts = c as? [Any], let cits = parts.first as? [[String: Any]] {
                    for cit in cits {
                        let mode = (cit["citationMode"] as? [String: Any])?["t"] as? String ?? ""
                        let key = cit["citationId"] as? String ?? ""
                        var prefix = normalise(stringify(cit["citationPrefix"] ?? []))
                        if prefix.first == " " { prefix.removeFirst() }
                        let suffix = normalise(stringify(cit["citationSuffix"] ?? []))
                        s.cites.append("\(mode) \(key) [\(prefix)|\(suffix)]")
                        walk(cit["citationPrefix"] ?? [])
                        walk(cit["citationSuffix"] ?? [])
                    }
                }
                return
            case "Note": s.notes += 1
            case "Span":
                if let parts = c as? [Any], let attr = parts.first as? [Any], attr.count == 3 {
                    let id = attr[0] as? String ?? ""
                    let classes = attr[1] as? [String] ?? []
                    let kvs = (attr[2] as? [[String]] ?? []).map { " \($0[0])=\($0[1])" }.joined()
                    s.spans.append(classes.joined(separator: ",") + "#" + id + kvs)
                }
            case "Link":
                if let parts = c as? [Any], parts.count == 3, let attr = parts[0] as? [Any], attr.count == 3,
                    let classes = attr[1] as? [String], classes.contains("wikilink"), let target = parts[2] as? [Any]
                {
                    let url = (target.first as? String ?? "").trimmingCharacters(in: .whitespaces)
                    let shown = normalise(stringify(parts[1])).trimmingCharacters(in: .whitespaces)
                    s.mentions.append(url + "|" + shown)
                }
            default: break
            }
            if let c { walk(c) }
        } else {
            for v in el.values { walk(v) }
        }
    }
    walk(root["blocks"] ?? [])
    s.cites.sort()
    s.spans.sort()
    s.mentions.sort()
    return s
}

@Suite("Pandoc parity")
struct PandocParityTests {
    @Test(
        "Generated documents and examples agree with pandoc",
        .enabled(if: pandocPath != nil, "pandoc >= 3 not found (set MARGINALIA_PANDOC or pip install pypandoc-binary)"))
    func parity() throws {
        let pandoc = try #require(pandocPath)
        var docs: [(name: String, text: String)] = (0..<520).map { ("generated-\($0)", generateDocument(seed: UInt64($0) &* 7919 &+ 17)) }
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        if let e = FileManager.default.enumerator(at: examples, includingPropertiesForKeys: nil) {
            for case let url as URL in e where url.pathExtension == "md" {
                if let text = try? String(contentsOf: url, encoding: .utf8) { docs.append((url.path, text)) }
            }
        }
        let texts = docs.map(\.text)
        let results = ResultBox(count: docs.count)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var index = worker
            while index < texts.count {
                let out = run(pandoc, ["-f", "markdown+wikilinks_title_after_pipe", "-t", "json"], stdin: Data(texts[index].utf8))
                results.set(index, out.flatMap { summary(ofPandocJSON: Data($0.utf8)) })
                index += 4
            }
        }
        var agree = 0
        var failures: [String] = []
        for (index, doc) in docs.enumerated() {
            let ours = summary(of: MarkupParser.parse(SourceText(doc.text), format: .markdown))
            guard let theirs = results.get(index) else {
                failures.append("\(doc.name): pandoc failed")
                continue
            }
            if ours == theirs {
                agree += 1
            } else {
                failures.append("\(doc.name):\n--- text\n\(doc.text)\n--- marginalia\n\(ours)\n--- pandoc\n\(theirs)")
            }
        }
        print("PANDOC PARITY: \(agree)/\(docs.count) documents fully agree")
        let shown = Int(ProcessInfo.processInfo.environment["PARITY_SHOW"] ?? "") ?? 4
        for f in failures.prefix(shown) { print(f) }
        #expect(agree == docs.count, "\(docs.count - agree) documents disagree with pandoc; first: \(failures.first ?? "")")
    }
}

/// Results written by concurrent workers.
final class ResultBox: @unchecked Sendable {
    private var values: [ParitySummary?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: ParitySummary?) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> ParitySummary? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
