import Foundation
import Testing

/// The `marginalia` binary, run as a process on a fixture corpus.
@Suite struct CheckCommandTests {
    @Test func textOutputIsExactAndExitsOneOnWarnings() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["check"], in: root)
        #expect(result.stdout == """
            docs/a.md:4:2: warning: claim has no citation: cite a source in the span, in a note on it, or right after it [uncited-claim]
            docs/a.md:5:15: error: unknown citation key 'smyth2020': no source defines it (did you mean 'smith2020'?) [unknown-citation-key]
            refs.bib:9:7: warning: source 'unused2019' is never cited [unused-source]

            """)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("6 files checked, 1 error, 2 warnings, 0 info, 0 hints in "))
    }

    @Test func pathsRestrictReportedFilesAndFailOnSetsTheThreshold() throws {
        let root = try CLI.fixtureCorpus()
        let scoped = try CLI.run(["check", "refs.bib"], in: root)
        #expect(scoped.stdout == "refs.bib:9:7: warning: source 'unused2019' is never cited [unused-source]\n")
        #expect(scoped.status == 1)
        #expect(try CLI.run(["check", "refs.bib", "--fail-on", "error"], in: root).status == 0)
        #expect(try CLI.run(["check", "--fail-on=error"], in: root).status == 1)
        #expect(try CLI.run(["check", "--fail-on", "never"], in: root).status == 0)
        let clean = try CLI.run(["check", "docs/b.txt"], in: root)
        #expect(clean.stdout == "")
        #expect(clean.status == 0)
        #expect(clean.stderr.hasPrefix("1 file checked, 0 errors, 0 warnings, 0 info, 0 hints in "))
        // A PATH inside the corpus finds the root from there, whatever the current folder.
        let outside = try CLI.run(["check", root + "/docs"], in: "/")
        #expect(outside.stdout.contains(String(root.dropFirst()) + "/docs/a.md:5:15: error: unknown citation key"))
    }

    @Test func usageAndConfigurationErrorsExitTwo() throws {
        let root = try CLI.fixtureCorpus()
        let unknownFlag = try CLI.run(["check", "--frobnicate"], in: root)
        #expect(unknownFlag.status == 2)
        #expect(unknownFlag.stderr.contains("unknown option '--frobnicate'"))
        let badSeverity = try CLI.run(["check", "--fail-on", "fatal"], in: root)
        #expect(badSeverity.status == 2)
        #expect(badSeverity.stderr.contains("invalid value 'fatal' for --fail-on"))
        let missing = try CLI.run(["check", "nowhere.md"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder: 'nowhere.md'"))
        #expect(try CLI.run(["check", "--format", "xml"], in: root).status == 2)
        #expect(try CLI.run(["frobnicate"], in: root).status == 2)
        try CLI.write(["marginalia.json": "{ \"rules\": { \n"], under: root)
        let broken = try CLI.run(["check"], in: root)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("marginalia.json"))
        #expect(broken.stderr.contains("not valid JSON"))
        #expect(broken.stdout == "")
    }

    @Test func jsonCarriesFileRangeSeverityRuleMessageAndFixes() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["check", "--format", "json"], in: root)
        #expect(result.status == 1)
        let object = try CLI.object(result.stdout)
        #expect(object["version"] as? Int == 1)
        #expect(object["root"] as? String == root)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        let unknown = try #require(findings.first { $0["rule"] as? String == "unknown-citation-key" })
        #expect(unknown["file"] as? String == "docs/a.md")
        #expect(unknown["severity"] as? String == "error")
        #expect((unknown["message"] as? String)?.hasPrefix("unknown citation key 'smyth2020'") == true)
        let range = try #require(unknown["range"] as? [String: [String: Int]])
        #expect(range["start"] == ["line": 5, "column": 15, "offset": 147])
        #expect(range["end"] == ["line": 5, "column": 24, "offset": 156])
        let fixes = try #require(unknown["fixes"] as? [[String: Any]])
        #expect(fixes.first?["title"] as? String == "Create source entry 'smyth2020'")
        let edits = try #require(fixes.first?["edits"] as? [[String: Any]])
        #expect(edits.first?["file"] as? String == "refs.bib")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["errors"] == 1 && summary["warnings"] == 2 && summary["files"] == 6)
    }

    @Test func githubLinesEscapeAndMapSeverities() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["check", "--format", "github", "docs"], in: root)
        #expect(result.stdout == """
            ::warning file=docs/a.md,line=4,col=2,endLine=4,endColumn=22,title=uncited-claim::claim has no citation: cite a source in the span, in a note on it, or right after it
            ::error file=docs/a.md,line=5,col=15,endLine=5,endColumn=24,title=unknown-citation-key::unknown citation key 'smyth2020': no source defines it (did you mean 'smith2020'?)

            """)
    }

    @Test func sarifHasRulesResultsRegionsAndFingerprints() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["check", "--format", "sarif"], in: root)
        let log = try CLI.object(result.stdout)
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count >= 27)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        let unknown = try #require(results.first { $0["ruleId"] as? String == "unknown-citation-key" })
        let index = try #require(unknown["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "unknown-citation-key")
        #expect(unknown["level"] as? String == "error")
        let location = try #require((unknown["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(location["artifactLocation"] as? [String: String] == ["uri": "docs/a.md", "uriBaseId": "%SRCROOT%"])
        #expect(location["region"] as? [String: Int] == [
            "startLine": 5, "startColumn": 15, "endLine": 5, "endColumn": 24, "charOffset": 147, "charLength": 9,
        ])
        let prints = try #require(unknown["partialFingerprints"] as? [String: String])
        #expect(prints["marginalia/v1"]?.count == 16)
    }

    @Test func baselineSuppressesKnownFindingsAcrossMovedLinesAndReportsNewOnes() throws {
        let root = try CLI.fixtureCorpus()
        let written = try CLI.run(["check", "--write-baseline", "baseline.json"], in: root)
        #expect(written.status == 1)
        let baseline = try CLI.object(String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/baseline.json")), as: UTF8.self))
        #expect((baseline["fingerprints"] as? [String])?.count == 3)
        let quiet = try CLI.run(["check", "--baseline", "baseline.json"], in: root)
        #expect(quiet.stdout == "")
        #expect(quiet.status == 0)
        #expect(quiet.stderr.contains("(3 in the baseline)"))

        // Lines move: two new paragraphs above; the known findings stay suppressed.
        let a = try #require(CLI.fixture["docs/a.md"])
        try CLI.write(["docs/a.md": "Intro line.\n\nAnother line.\n\n" + a], under: root)
        let moved = try CLI.run(["check", "--baseline", "baseline.json"], in: root)
        #expect(moved.stdout == "")
        #expect(moved.status == 0)

        // A new finding is reported, and only it.
        try CLI.write(["docs/a.md": "Intro line cites [@nobody2021].\n\nAnother line.\n\n" + a], under: root)
        let fresh = try CLI.run(["check", "--baseline", "baseline.json"], in: root)
        #expect(fresh.stdout == "docs/a.md:1:20: error: unknown citation key 'nobody2021': no source defines it [unknown-citation-key]\n")
        #expect(fresh.status == 1)
        #expect(try CLI.run(["check", "--baseline", "missing.json"], in: root).status == 2)
    }
}

@Suite struct QueryCommandTests {
    @Test func refsListsDefinitionFirstThenUses() throws {
        let root = try CLI.fixtureCorpus()
        let source = try CLI.run(["refs", "@smith2020"], in: root)
        #expect(source.status == 0)
        #expect(source.stdout == """
            source smith2020: 1 definition, 2 uses
            refs.bib:1:10: [definition] @article{smith2020,
            docs/a.md:3:65: [[hrw]] reported that [mines were laid]{.claim} near the town [@smith2020].
            docs/a.md:7:13: [^n1]: See @smith2020.

            """)
        let entity = try CLI.run(["refs", "human rights watch"], in: root)
        #expect(entity.stdout == """
            entity hrw: 1 definition, 2 uses
            entities.json:3:6: [definition] "hrw": { "type": "organization", "name": "Human Rights Watch", "aliases": ["HRW"],
            docs/a.md:3:3: [[hrw]] reported that [mines were laid]{.claim} near the town [@smith2020].
            docs/b.txt:1:1: Human Rights Watch visited Izyum. Émile said nothing about it.

            """)
        let note = try CLI.run(["refs", "[^n1]"], in: root)
        #expect(note.stdout == """
            note n1 in docs/a.md: 1 definition, 1 use
            docs/a.md:7:3: [definition] [^n1]: See @smith2020.
            docs/a.md:5:39: Unknown key [@smyth2020] and a note.[^n1]

            """)
        let type = try CLI.run(["refs", "claim", "--format", "json"], in: root)
        let object = try CLI.object(type.stdout)
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.first?["kind"] as? String == "type")
        #expect((targets.first?["definitions"] as? [Any])?.count == 1)
        #expect((targets.first?["uses"] as? [Any])?.count == 2)
    }

    @Test func refsOfAnUnknownTargetExitsOneWithSuggestions() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["refs", "smth2020"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "marginalia: unknown target 'smth2020'; did you mean 'smith2020'?\n")
        #expect(try CLI.run(["refs"], in: root).status == 2)
    }

    @Test func statsCSVIsExact() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["stats", "--format", "csv"], in: root)
        #expect(result.status == 0)
        #expect(result.stdout == [
            "section,name,label,claims,cited_claims,uncited_claims,citations,notes,mentions,implicit_mentions,documents",
            "document,docs/a.md,,2,1,1,3,1,1,0,1",
            "document,docs/b.txt,,0,0,0,0,0,0,2,1",
            "entity,emile,Émile,,,,,,0,1,1",
            "entity,hrw,Human Rights Watch,,,,,,1,1,2",
            "source,smith2020,Smith 2020,,,,2,,,,1",
            "source,unused2019,Doe 2019,,,,0,,,,0",
        ].map { $0 + "\r\n" }.joined())
        let json = try CLI.object(try CLI.run(["stats", "--format", "json"], in: root).stdout)
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.first?["uncitedClaims"] as? Int == 1)
        #expect(try CLI.run(["stats"], in: root).stdout.hasPrefix("document    claims  cited  uncited"))
    }
}

@Suite struct ExportCommandTests {
    @Test func w3cSelectorsMatchTheTextInCodePoints() throws {
        let root = try CLI.fixtureCorpus()
        let result = try CLI.run(["export", "--format", "w3c"], in: root)
        #expect(result.status == 0)
        let collection = try CLI.object(result.stdout)
        #expect(collection["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        #expect(collection["type"] as? String == "AnnotationCollection")
        let page = try #require(collection["first"] as? [String: Any])
        let items = try #require(page["items"] as? [[String: Any]])
        #expect(items.count == collection["total"] as? Int)
        var motivations = Set<String>()
        for item in items {
            motivations.insert(try #require(item["motivation"] as? String))
            let target = try #require(item["target"] as? [String: Any])
            let source = try #require(target["source"] as? String)
            let path = try #require(URL(string: source)?.path)
            let scalars = Array(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).unicodeScalars)
            let selectors = try #require(target["selector"] as? [[String: Any]])
            let quote = try #require(selectors.first { $0["type"] as? String == "TextQuoteSelector" })
            let position = try #require(selectors.first { $0["type"] as? String == "TextPositionSelector" })
            let start = try #require(position["start"] as? Int)
            let end = try #require(position["end"] as? Int)
            func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
            #expect(quote["exact"] as? String == text(start..<end))
            let prefix = try #require(quote["prefix"] as? String)
            #expect(prefix.unicodeScalars.count <= 32)
            #expect(prefix == text((start - prefix.unicodeScalars.count)..<start))
            let suffix = try #require(quote["suffix"] as? String)
            #expect(suffix == text(end..<(end + suffix.unicodeScalars.count)))
        }
        #expect(motivations == ["identifying", "commenting", "classifying", "linking"])
        // The implicit mention after the non-ASCII "É" is counted in code points, not bytes.
        let emile = try #require(items.first { (($0["target"] as? [String: Any])?["selector"] as? [[String: Any]])?.first?["exact"] as? String == "Émile" })
        let selectors = try #require((emile["target"] as? [String: Any])?["selector"] as? [[String: Any]])
        #expect(selectors.last?["start"] as? Int == 34)
    }

    @Test func bratWritesTextCopiesAndAnnOffsetsInCodePoints() throws {
        let root = try CLI.fixtureCorpus()
        let out = try CLI.temporaryDirectory("brat")
        #expect(try CLI.run(["export", "--format", "brat"], in: root).status == 2)
        let result = try CLI.run(["export", "--format", "brat", "--out", out], in: root)
        #expect(result.status == 0)
        let ann = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/docs/b.ann")), as: UTF8.self)
        #expect(ann == """
            T1\torganization 0 18\tHuman Rights Watch
            N1\tReference T1 Wikidata:Q187052\tHuman Rights Watch
            T2\tperson 34 39\tÉmile
            N2\tReference T2 entity:emile\tÉmile

            """)
        for name in ["docs/a.md", "docs/b"] {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/\(name).txt")), as: UTF8.self)
            let scalars = Array(text.unicodeScalars)
            let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/\(name).ann")), as: UTF8.self)
                .split(separator: "\n")
            var checked = 0
            for line in lines where line.hasPrefix("T") {
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                let fragments = columns[1].split(separator: " ", maxSplits: 1)[1].split(separator: ";")
                let pieces = fragments.map { fragment -> String in
                    let bounds = fragment.split(separator: " ").compactMap { Int($0) }
                    return String(String.UnicodeScalarView(scalars[bounds[0]..<bounds[1]]))
                }
                #expect(pieces.joined(separator: " ") == String(columns[2]))
                checked += 1
            }
            #expect(checked > 0)
        }
        let aAnn = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/docs/a.md.ann")), as: UTF8.self)
        #expect(aAnn.contains("#1\tAnnotatorNotes T6\tSee @smith2020.\n"))
    }

    @Test func modelJSONListsEveryKind() throws {
        let root = try CLI.fixtureCorpus()
        let object = try CLI.object(try CLI.run(["export", "--format", "json"], in: root).stdout)
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.map { $0["file"] as? String } == ["docs/a.md", "docs/b.txt"])
        let annotations = try #require(documents.first?["annotations"] as? [[String: Any]])
        #expect(Set(annotations.compactMap { $0["kind"] as? String }) == ["mention", "span", "citation", "note"])
        let span = try #require(annotations.first { $0["target"] as? String == "c1" })
        #expect(span["types"] as? [String] == ["claim"])
        #expect(span["text"] as? String == "An uncited assertion")
        #expect(try CLI.run(["export"], in: root).status == 2)
    }
}

@Suite struct SetupCommandTests {
    @Test func initWritesThreeFilesAndRefusesToOverwrite() throws {
        let directory = try CLI.temporaryDirectory("init")
        let first = try CLI.run(["init"], in: directory)
        #expect(first.status == 0)
        for name in ["marginalia.json", "entities.json", "codebook.json"] {
            let object = try CLI.object(String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)), as: UTF8.self))
            #expect((object["$schema"] as? String)?.hasSuffix(name.replacingOccurrences(of: ".json", with: ".schema.json")) == true)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/codebook.json"))
        let second = try CLI.run(["init", "."], in: directory)
        #expect(second.status == 2)
        #expect(second.stderr.contains("not overwriting"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/codebook.json")) == before)
        // The new corpus checks clean.
        #expect(try CLI.run(["check"], in: directory).status == 0)

        // One existing file blocks all three.
        let partial = try CLI.temporaryDirectory("init-partial")
        try CLI.write(["entities.json": "{}\n"], under: partial)
        #expect(try CLI.run(["init", partial], in: "/").status == 2)
        #expect(!FileManager.default.fileExists(atPath: partial + "/marginalia.json"))
        #expect(!FileManager.default.fileExists(atPath: partial + "/codebook.json"))
    }

    @Test func helpAndVersion() throws {
        let directory = try CLI.temporaryDirectory("help")
        let version = try CLI.run(["--version"], in: directory)
        #expect(version.stdout == "marginalia 0.1.0\n")
        #expect(version.status == 0)
        let main = try CLI.run(["--help"], in: directory)
        #expect(main.stdout.hasPrefix("marginalia 0.1.0: check and query an annotated text corpus\n"))
        for command in ["check", "refs", "stats", "export", "init", "lsp"] {
            let help = try CLI.run([command, "--help"], in: directory)
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("USAGE: marginalia \(command)"))
            #expect(try CLI.run(["help", command], in: directory).stdout == help.stdout)
        }
        #expect(try CLI.run([], in: directory).status == 2)
    }

    @Test func lspServesInitializeAndExitsCleanlyAfterShutdown() throws {
        let directory = try CLI.temporaryDirectory("lsp")
        func frame(_ json: String) -> Data { Data("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8) }
        var input = frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}"#)
        input += frame(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        input += frame(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
        input += frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let result = try CLI.run(["lsp", "--stdio"], in: directory, input: input)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Content-Length: "))
        #expect(result.stdout.contains("\"capabilities\""))
        #expect(try CLI.run(["lsp", "extra"], in: directory).status == 2)
    }
}
