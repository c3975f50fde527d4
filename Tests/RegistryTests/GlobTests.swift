import Testing
import MarginaliaCore

@Suite struct GlobTests {
    @Test(arguments: [
        ("**/*.md", "a.md", true), ("**/*.md", "x/y/a.md", true), ("**/*.md", "a.mdx", false),
        ("*.md", "x/a.md", false), ("texts/**/*.txt", "texts/a.txt", true), ("texts/**/*.txt", "texts/a/b/c.txt", true),
        ("texts/**/*.txt", "other/a.txt", false), ("drafts/**", "drafts/x/y.md", true), ("drafts/**", "draftsy/a.md", false),
        ("a?c.md", "abc.md", true), ("a?c.md", "a/c.md", false), ("[ab]*.bib", "b1.bib", true), ("[ab]*.bib", "c1.bib", false),
        ("[!ab]*.bib", "c1.bib", true), ("[a-c]x", "bx", true), ("[a-c]x", "dx", false),
        ("**/*.{bib,json}", "refs/z.json", true), ("**/*.{bib,json}", "z.bib", true), ("**/*.{bib,json}", "z.yaml", false),
        ("{texts,notes}/**/*.{md,txt}", "notes/a/b.txt", true), ("{texts,notes}/**/*.{md,txt}", "other/b.txt", false),
        ("references.json", "references.json", true), ("references.json", "x/references.json", false),
        ("./docs/*.md", "docs/a.md", true), ("*", ".hidden", true), ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false),
        ("**", "anything/at/all", true), ("x/**/y", "x/y", true), ("x/**/y", "x/a/b/y", true),
        ("[abc", "[abc", true), ("**/*.csl.json", "z/a.csl.json", true), ("é*.md", "été.md", true),
    ])
    func matching(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) ~ \(path)")
    }
}
