/// Corpus operations the language server needs beyond loading: rereading registries after a
/// registry file changed, and a corpus for files outside any corpus root.
extension Corpus {
    /// The snapshot with its registries reread from disk (with `overlays` winning) and every
    /// document reanalyzed against them.
    public func reloadingRegistries(overlays: [String: SourceText] = [:]) -> Corpus {
        let config = CorpusLoader.readConfiguration(root: root, overlays: overlays)
        let files = CorpusLoader.corpusFiles(root: root, configuration: config.configuration, overlays: overlays)
        let newRegistries = CorpusLoader.loadRegistries(
            root: root, files: files, overlays: overlays, config: config,
            frontMatters: documents.values.map { ($0.document.path, $0.document.markup.frontMatter) })
        return replacing(registries: newRegistries)
    }

    /// An empty corpus rooted at `root` that lists no files: registries come only from
    /// `marginalia.json` there (if any); documents are added with `updating`.
    public static func loose(root: String, overlays: [String: SourceText] = [:]) -> Corpus {
        Corpus(registries: CorpusLoader.loadRegistries(root: root, files: [], overlays: overlays), parsed: [])
    }
}
