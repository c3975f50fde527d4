import Testing
@testable import MarginaliaCore

@Suite struct BibTeXParserTests {
    func parse(_ bib: String) -> BibliographyFile {
        BibTeXParser.parse(SourceText(bib), path: "/c/refs.bib")
    }

    @Test func zoteroEntryWithRanges() throws {
        let bib = """
            % Exported by Zotero
            @article{smith2020,
              title = {The {Quiet} Crisis: {\\"O}sterreich and \\emph{Les Mis\\'erables}},
              author = {Smith, Jane and van der Berg, Piet},
              journaltitle = {Journal of Things},
              date = {2020-05-01},
              doi = {https://doi.org/10.1000/xyz_1},
              url = {https://example.org/a~b\\_c},
              pages = {3--4},
            }
            """
        let file = parse(bib)
        #expect(file.issues.isEmpty)
        let s = try #require(file.sources.first)
        #expect(file.sources.count == 1)
        #expect(s.key == "smith2020")
        #expect(s.keyRange == byteRange(of: "smith2020", in: bib))
        #expect(s.entryRange == byteOffset(of: "@article", in: bib)..<bib.utf8.count)
        #expect(s.entryType == "article")
        #expect(s.format == .bibtex)
        #expect(s.path == "/c/refs.bib")
        #expect(s.title == "The Quiet Crisis: Österreich and Les Misérables")
        #expect(s.authors == [PersonName(family: "Smith", given: "Jane"), PersonName(family: "van der Berg", given: "Piet")])
        #expect(s.container == "Journal of Things")
        #expect(s.year == "2020")
        #expect(s.doi == "10.1000/xyz_1")
        #expect(s.url == "https://example.org/a~b_c")
        #expect(s.fields["pages"]?.value == "3--4")
        #expect(s.fields["pages"]?.range == byteRange(of: "3--4", in: bib))
        #expect(s.fields["journaltitle"]?.range == byteRange(of: "Journal of Things", in: bib))
    }

    @Test func quotedNumbersParenthesesAndComments() throws {
        let bib = """
            Free text here is a comment, even with jane@example.org in it.
            @comment{ anything {nested} @here }
            @preamble{ "\\newcommand{\\noop}[1]{}" }
            @Book(doe1999, title = "A {"}Quoted{"} Title", year = 1999, publisher = {Pub \\& Sons})
            @misc{bare}
            @Comment{jabref-meta: databaseType:biblatex;}
            """
        let file = parse(bib)
        #expect(file.issues.isEmpty)
        #expect(file.sources.map(\.key) == ["doe1999", "bare"])
        let doe = file.sources[0]
        #expect(doe.entryType == "book")
        #expect(doe.title == "A \"Quoted\" Title")
        #expect(doe.year == "1999")
        #expect(doe.fields["year"]?.range == byteOffset(of: " 1999,", in: bib) + 1..<(byteOffset(of: " 1999,", in: bib) + 5))
        #expect(doe.container == "Pub & Sons")
        #expect(doe.entryRange == byteOffset(of: "@Book", in: bib)..<(byteOffset(of: "Sons})", in: bib) + 6))
        #expect(file.sources[1].entryRange == byteRange(of: "@misc{bare}", in: bib))
    }

    @Test func macrosAndConcatenation() throws {
        let bib = """
            @string{acm = "Association for Computing Machinery"}
            @STRING(proc = {Proceedings of the } # acm)
            @inproceedings{k1, booktitle = proc # { Conference}, month = may, year = 2001, note = jan # "~" # dec}
            @misc{k2, publisher = undefinedmacro}
            """
        let file = parse(bib)
        let k1 = try #require(file.sources.first)
        #expect(k1.container == "Proceedings of the Association for Computing Machinery Conference")
        #expect(k1.fields["month"]?.value == "May")
        #expect(k1.fields["note"]?.value == "January December")
        let start = byteOffset(of: "proc # {", in: bib)
        #expect(k1.fields["booktitle"]?.range == start..<(byteOffset(of: "Conference}", in: bib) + 11))
        #expect(file.issues.count == 1)
        #expect(file.issues.first?.message == "undefined @string macro 'undefinedmacro'")
        #expect(file.issues.first?.range == byteRange(of: "undefinedmacro", in: bib))
        #expect(file.sources[1].container == "undefinedmacro")
    }

    @Test func crossrefAndIDs() throws {
        let bib = """
            @inproceedings{part, title = {A Part}, author = {Doe, J.}, crossref = {whole}, ids = {oldkey, other}}
            @proceedings{whole, title = {The Whole}, year = {2019}, publisher = {P}, editor = {Roe, R.}}
            """
        let file = parse(bib)
        #expect(file.issues.isEmpty)
        let part = try #require(file.sources.first)
        #expect(part.title == "A Part")
        #expect(part.fields["booktitle"]?.value == "The Whole")
        #expect(part.container == "The Whole")
        #expect(part.year == "2019")
        #expect(part.fields["year"]?.range == byteRange(of: "2019", in: bib))
        #expect(part.authors == [PersonName(family: "Doe", given: "J.")])
        #expect(part.aliases == ["oldkey", "other"])
        #expect(file.sources[1].authors == [PersonName(family: "Roe", given: "R.")])
    }

    @Test(arguments: [
        ("Smith, Jane", [PersonName(family: "Smith", given: "Jane")]),
        ("Jane Smith", [PersonName(family: "Smith", given: "Jane")]),
        ("Jean-Paul de la Fontaine", [PersonName(family: "de la Fontaine", given: "Jean-Paul")]),
        // BibTeX counts a word that starts with a plain brace group as capitalized.
        ("Jean-Paul {de la} Fontaine", [PersonName(family: "Fontaine", given: "Jean-Paul de la")]),
        ("Ludwig van Beethoven", [PersonName(family: "van Beethoven", given: "Ludwig")]),
        ("van Gogh, Vincent", [PersonName(family: "van Gogh", given: "Vincent")]),
        ("von Last, Jr, First", [PersonName(family: "von Last", given: "First, Jr")]),
        ("{Human Rights Watch}", [PersonName(family: "Human Rights Watch")]),
        ("{Barnes and Noble} and Doe, J.", [PersonName(family: "Barnes and Noble"), PersonName(family: "Doe", given: "J.")]),
        ("Plato", [PersonName(family: "Plato")]),
        ("G{\\\"o}del, Kurt AND Erd\\H{o}s, Paul and others",
         [PersonName(family: "Gödel", given: "Kurt"), PersonName(family: "Erdős", given: "Paul"), PersonName(family: "et al.")]),
        ("Jane~Q. Public", [PersonName(family: "Public", given: "Jane Q.")]),
        ("Sandlund, Per and\nAndersson, Lena", [PersonName(family: "Sandlund", given: "Per"), PersonName(family: "Andersson", given: "Lena")]),
        ("Anderson, Ann", [PersonName(family: "Anderson", given: "Ann")]),
    ])
    func names(raw: String, expected: [PersonName]) {
        #expect(BibTeXParser.parseNames(raw) == expected)
    }

    @Test(arguments: [
        ("{\\'e}t{\\'e} \\`a l'\\^ile", "été à l'île"),
        ("Fran\\c{c}ois \\v{S}koda \\c c", "François Škoda ç"),
        ("na\\\"{\\i}ve \\ss{} {\\o}re \\AA{}ngstr\\\"om", "naïve ß øre Ångström"),
        ("Tom \\& Jerry: 50\\% \\$5 \\#1", "Tom & Jerry: 50% $5 #1"),
        ("\\textbf{Bold}  and\n  \\textit{italic}", "Bold and italic"),
        ("pp.~3--4 --- $x^2$", "pp. 3--4 --- x^2"),
        ("{{Nested {Braces}}}", "Nested Braces"),
        ("\\'{}", ""),
        ("\\~n \\=a \\.z \\u{g} \\k{a} \\r{u} \\H{u}", "ñ ā ż ğ ą ů ű"),
        ("\\'\\i", "í"),
    ])
    func latexCleaning(raw: String, expected: String) {
        #expect(BibTeXParser.cleanLaTeX(Array(raw.utf8)) == expected)
    }

    @Test(arguments: [
        ("2020", "2020"), ("2020-05-01", "2020"), ("2019/2020", "2019/2020"), ("2020-05/2021-01", "2020/2021"),
        ("2020/", "2020"), ("/2020", "2020"), ("forthcoming", nil), ("2020-05-01/2020-06-01", "2020"),
    ])
    func years(date: String, expected: String?) {
        #expect(BibTeXParser.yearText(date) == expected)
    }

    @Test func yearFieldFallbackAndEditors() throws {
        let bib = "@book{a, year = {forthcoming}, editor = {Roe, R.}}\n@book{b, year = {c. 1850}, date = {1851}}"
        let file = parse(bib)
        #expect(file.sources[0].year == "forthcoming")
        #expect(file.sources[0].authors == [PersonName(family: "Roe", given: "R.")])
        #expect(file.sources[1].year == "1851")
    }

    @Test func howpublishedURLAndDOIPrefixes() throws {
        let bib = """
            @misc{w, howpublished = {\\url{https://example.org/page}}, doi = {doi:10.5/abc}}
            """
        let s = try #require(parse(bib).sources.first)
        #expect(s.url == "https://example.org/page")
        #expect(s.doi == "10.5/abc")
        #expect(s.container == "https://example.org/page")
    }

    @Test func duplicateKeysAndFieldsAreKept() {
        let bib = "@misc{a, title = {One}, title = {Two}}\n@misc{a, title = {Three}}"
        let file = parse(bib)
        #expect(file.sources.map(\.key) == ["a", "a"])
        #expect(file.sources.map(\.title) == ["One", "Three"])
        #expect(file.issues.count == 1)
        #expect(file.issues.first?.range == byteRange(of: "title", in: bib, occurrence: 1))
    }

    @Test(arguments: [
        ("@misc{a, title {x}}\n", "title {", 6, "expected '=' after field name 'title', found '{'"),
        ("@misc{a title = {x}}\n", "title =", 0, "expected ',' or '}' after the key in entry 'a', found 't'"),
        ("@misc{, title = {x}}\n", ", title", 0, "expected a citation key after '@misc{', found ','"),
        ("@misc{a, title = }\n", "}\n", 0, "expected a value for 'title' ('{...}', \"...\", a number or a macro), found '}'"),
        ("@misc{a, title = {x}\n", "\n", 1, "expected ',' or '}' after entry 'a', found end of file"),
        ("@misc{a, title = {x\n", "{x", 0, "'{' is never closed"),
        ("@{a, title = {x}}\n", "{a", 0, "expected an entry type after '@', found '{'"),
        ("@misc a, title = {x}}\n", "a,", 0, "expected '{' or '(' after '@misc', found 'a'"),
        ("@misc{a, = {x}}\n", "= {", 0, "expected a field name in entry 'a', found '='"),
    ])
    func syntaxErrors(bib: String, marker: String, delta: Int, message: String) {
        let file = parse(bib)
        #expect(file.issues.count == 1)
        #expect(file.issues.first?.message == message)
        #expect(file.issues.first?.rule == RuleID.unreadableBibliography)
        #expect(file.issues.first?.range.lowerBound == byteOffset(of: marker, in: bib) + delta)
    }

    @Test func missingCommaReportsTheNextEntry() {
        let bib = """
            @article{one, title = {Broken
              author = {Nobody}
            }
            @article{two, title = {Fine}}
            """
        let file = parse(bib)
        #expect(file.issues.map(\.message) == ["expected ',' or '}' after a field in entry 'one', found '@'"])
        #expect(file.issues.first?.range.lowerBound == byteOffset(of: "@article{two", in: bib))
        #expect(file.sources.map(\.key) == ["one", "two"])
    }

    @Test func unclosedBraceStopsAtNextEntry() {
        let bib = """
            @article{one, title = {Broken {part,
              author = {Nobody},
            }
            @article{two, title = {Fine}}
            """
        let file = parse(bib)
        #expect(file.issues.count == 1)
        #expect(file.issues.first?.message == "'{' is never closed before the next entry")
        #expect(file.issues.first?.range.lowerBound == byteOffset(of: "{Broken", in: bib))
        #expect(file.sources.map(\.key) == ["one", "two"])
        #expect(file.sources[1].title == "Fine")
    }

    @Test func recoveryAfterErrorInTheMiddle() {
        let bib = """
            @misc{a, title = {A}}
            @misc{b, title = {B} junk = {x}}
            @misc{c, title = {C}}
            """
        let file = parse(bib)
        #expect(file.sources.map(\.key) == ["a", "b", "c"])
        #expect(file.sources[1].title == "B")
        #expect(file.issues.count == 1)
        #expect(SourceText(bib).line(containing: file.issues[0].range.lowerBound) == 1)
    }

    @Test func largeFileWithOneErrorYieldsEveryEntry() {
        var bib = "% generated\n"
        let count = 28_000
        let broken = count / 2
        var brokenLine = 0
        var line = 1
        for i in 0..<count {
            let title = i == broken ? "title {Broken}" : "title = {Entry number \(i) about {Things}}"
            if i == broken { brokenLine = line + 2 }
            bib += """
                @article{key\(i),
                  author = {Author\(i), First and Other, Second},
                  \(title),
                  journal = {Journal \(i % 97)},
                  year = {\(1900 + i % 120)},
                  doi = {10.1000/\(i)},
                }

                """
            line += 7
        }
        #expect(bib.utf8.count > 5_000_000)
        let text = SourceText(bib)
        let file = BibTeXParser.parse(text, path: "/big.bib")
        #expect(file.sources.count == count)
        #expect(file.issues.count == 1)
        #expect(file.issues.first.map { text.line(containing: $0.range.lowerBound) } == brokenLine)
        #expect(file.sources[broken + 1].key == "key\(broken + 1)")
        #expect(file.sources[count - 1].title == "Entry number \(count - 1) about Things")
    }

    @Test func bomCRLFAndInvalidUTF8() throws {
        let bib = Array("\u{FEFF}@misc{a,\r\n  title = {Caf".utf8) + [0xE9] + Array("},\r\n  note = {x\r\n@home not an entry}\r\n}\r\n".utf8)
        let text = SourceText(bytes: bib)
        let file = BibTeXParser.parse(text, path: "/b.bib")
        #expect(file.issues.isEmpty)
        let s = try #require(file.sources.first)
        #expect(s.keyRange == 9..<10)
        #expect(s.entryRange.lowerBound == 3)
        #expect(s.title == "Caf\u{FFFD}")
        #expect(s.fields["note"]?.value == "x @home not an entry")
    }

    @Test func parenthesizedEntryWithBracesInKeyPosition() {
        let bib = "@article(paren, title = {With ) inside}, year = 2020)\n@book{next, title = {N}}"
        let file = parse(bib)
        #expect(file.issues.isEmpty)
        #expect(file.sources.map(\.key) == ["paren", "next"])
        #expect(file.sources[0].title == "With ) inside")
    }

    /// A file with macros, crossrefs across chunks, comments, broken entries and duplicate fields.
    func generatedBib(entries: Int, stringInMiddle: Bool = false, commentAcrossCuts: Bool = false) -> String {
        var bib = "% generated\n@string{jrs = {Journal of {R}efugee Studies}}\n@STRING(med = \"Media, War \\& Conflict\")\n"
        bib += "@preamble{ \"\\newcommand{\\noop}[1]{}\" }\n"
        for i in 0..<entries {
            if stringInMiddle && i == entries / 2 { bib += "@string{late = {Late Macro}}\n" }
            if commentAcrossCuts && i % 40 == 7 {
                bib += "@comment{ a comment that holds entries\n@misc{hidden\(i), title = {Hidden}}\n}\n"
            }
            switch i % 37 {
            case 5:
                bib += "@article{broken\(i), title = {Broken\n  author = {Nobody}\n}\n"
            case 11:
                bib += "@article{unclosed\(i), title = {Broken {part,\n  author = {Nobody},\n}\n"
            case 17:
                bib += "@misc{dup\(i), title = {One}, title = {Two}, note = undefinedmacro}\n"
            case 23:
                bib += "@inbook{part\(i), title = {Part \(i)}, crossref = {Whole\((i * 7919) % entries)}, pages = {1--2}}\n"
            default:
                bib += """
                    @book{whole\(i),
                      author = {G{\\\"o}del, Kurt and van der Berg, Piet and {Human Rights Watch}},
                      title = {The {Quiet} Crisis \\emph{number} \(i)},
                      journal = \(i % 2 == 0 ? "jrs" : "med") # { Special},
                      year = \(1900 + i % 120), month = may,
                      abstract = {A long\n    abstract with {\\'e}t{\\'e} and 50\\% more},
                      url = {https://example.org/a\\_\(i)},
                    }

                    """
            }
        }
        return bib
    }

    @Test(arguments: [(false, false), (true, false), (false, true)])
    func parallelParseEqualsSequential(stringInMiddle: Bool, commentAcrossCuts: Bool) {
        let text = SourceText(generatedBib(entries: 600, stringInMiddle: stringInMiddle, commentAcrossCuts: commentAcrossCuts))
        let sequential = BibTeXParser.parse(text, path: "/p.bib", workers: 1, minChunkBytes: 1)
        #expect(sequential.sources.count > 500)
        #expect(!sequential.issues.isEmpty)
        #expect(sequential.sources.contains { $0.fields["booktitle"] != nil && $0.key.hasPrefix("part") })
        for workers in [2, 3, 7] {
            for minChunkBytes in [1, 4_000, 60_000] {
                let parallel = BibTeXParser.parse(text, path: "/p.bib", workers: workers, minChunkBytes: minChunkBytes)
                #expect(parallel == sequential, "workers \(workers), chunks of \(minChunkBytes) bytes")
            }
        }
    }

    @Test func chunkStartsComeAfterTheLastMacro() throws {
        let bib = Array(generatedBib(entries: 300, stringInMiddle: true).utf8)
        let starts = try #require(bib.withUnsafeBufferPointer { BibTeXChunks.starts($0, textStart: 0, chunks: 4, minChunkBytes: 1_000) })
        let late = byteOffset(of: "@string{late", in: String(decoding: bib, as: UTF8.self))
        #expect(starts.count > 1)
        #expect(starts.allSatisfy { $0 > late && bib[$0] == 0x40 && bib[$0 - 1] == 0x0A })
        #expect(starts == starts.sorted() && Set(starts).count == starts.count)
    }

    @Test func fieldsAreCleanedWhenRead() throws {
        let bib = "@misc{a, abstract = {Line one\n  {\\\"o} \\& two}, file = {C\\_x.pdf}, note = jan # { 1}, author = {Doe, J.}}"
        let s = try #require(parse(bib).sources.first)
        #expect(s.fields["abstract"]?.value == "Line one ö & two")
        #expect(s.fields["file"]?.value == "C_x.pdf")
        #expect(s.fields["note"]?.value == "January 1")
        #expect(s.fields["author"]?.value == "Doe, J.")
        let abstract = try #require(s.fields["abstract"])
        #expect(abstract == SourceField(value: "Line one ö & two", range: abstract.range))
        #expect(abstract.hashValue == SourceField(value: "Line one ö & two", range: abstract.range).hashValue)
        var edited = abstract
        edited.value = "Changed"
        #expect(edited.value == "Changed" && edited.range == abstract.range)
    }

    @Test func longBracedValuesKeepBraceAndLineRules() {
        let plain = String(repeating: "word and more ", count: 5)
        let bib = """
            @misc{a, abstract = {\(plain){\(plain)\\{\(plain)}\(plain)
                 @home is not an entry header,
              \(plain)   @misc is not one either}, title = {T}}
            @misc{b, title = {\(plain)\(plain)
                @misc{c, title = {C}}
            """
        let file = parse(bib)
        #expect(file.sources.map(\.key) == ["a", "b", "c"])
        #expect(file.sources[0].title == "T")
        #expect(file.sources[0].fields["abstract"]?.value.hasSuffix("@misc is not one either") == true)
        #expect(file.issues.map(\.message) == ["'{' is never closed before the next entry"])
        #expect(file.issues.first?.range.lowerBound == byteOffset(of: "{\(plain)\(plain)\n", in: bib))
    }

    @Test func wordStopTestEqualsByteTest() {
        // Every byte value in each lane, the other lanes plain letters.
        for lane in 0..<8 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[lane] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let expected = value == 0x7B || value == 0x7D || value == 0x5C || value == 0x40 || value < 0x20
                #expect(BibTeXParser.mayStopBraced(word) == expected, "byte \(value) in lane \(lane)")
            }
        }
    }
}
