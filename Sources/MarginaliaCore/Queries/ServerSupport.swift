/// Corpus operations the language server needs beyond loading: rereading registries after a
/// registry file changed, and a corpus for files outside any corpus root.
extension Corpus {
    /// The snapshot with its registries reread from disk (with `overlays` winning) and every
    /// document reanalyzed against them.
    public func reloadingRegistries(overlays: [String: SourceText] = [:]) -> Corpus {
        let excluded = registries.configuration.exclude.map(Glob.init)
        var files = CorpusLoader.listFiles(root: root, exclude: excluded)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let known = Set(files)
        for path in overlays.keys where path.hasPrefix(prefix) {
            let relative = String(path.dropFirst(prefix.count))
            if !known.contains(relative) { files.append(relative) }
        }
        files.sort()
        let newRegistries = CorpusLoader.loadRegistries(
            root: root, files: files, documents: documents.values.map(\.document), overlays: overlays)
        return replacing(registries: newRegistries)
    }

    /// An empty corpus rooted at `root` that lists no files: registries come only from
    /// `marginalia.json` there (if any); documents are added with `updating`.
    public static func loose(root: String, overlays: [String: SourceText] = [:]) -> Corpus {
        Corpus(registries: CorpusLoader.loadRegistries(root: root, files: [], overlays: overlays), parsed: [])
    }
}
