import Foundation

/// Finds a corpus on disk and reads it into a `Corpus`: the only part of the index that does I/O.
public enum CorpusLoader {
    /// Folders never entered.
    static let skippedFolders: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build"]

    /// The nearest folder at or above `path` holding `marginalia.json`, or nil.
    public static func findRoot(startingAt path: String) -> String? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            directory.deleteLastPathComponent()
        }
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("marginalia.json").path) {
                return directory.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path || directory.path == "/" { return nil }
            directory = parent
        }
    }

    /// Reads a file's bytes, or nil when it cannot be read.
    public static func readFile(_ path: String) -> SourceText? {
        readBytes(path).map { SourceText(bytes: $0) }
    }

    /// A file's bytes read straight into an array (Foundation's `Data` would be one more copy
    /// of every document), or nil when it is not a readable regular file.
    static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        // Read into uninitialized storage of the file's size; the size is only a hint (a file
        // may change while it is read), so read on to the end.
        var failed = false
        func readAll(into base: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
            var got = 0
            while got < capacity {
                let count = read(descriptor, base + got, capacity - got)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return got
                }
                if count == 0 { break }
                got += count
            }
            return got
        }
        let size = max(Int(status.st_size), 0)
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = buffer.baseAddress.map { readAll(into: $0, capacity: size) } ?? 0
        }
        guard !failed else { return nil }
        if bytes.count == size {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let got = chunk.withUnsafeMutableBufferPointer { buffer in
                    buffer.baseAddress.map { readAll(into: $0, capacity: buffer.count) } ?? 0
                }
                guard !failed else { return nil }
                bytes += chunk[0..<got]
                if got < chunk.count { break }
            }
        }
        return bytes
    }

    /// Every file under `root` (relative paths, `/`-separated), skipping VCS and build folders
    /// and what `exclude` matches. Symbolic links to folders are not followed.
    public static func listFiles(root: String, exclude: [Glob]) -> [String] {
        var result: [String] = []
        var pending: [String] = [""]
        let manager = FileManager.default
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? root : joinPath(root, relative)
            guard let names = try? manager.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                let childPath = joinPath(root, child)
                guard let attributes = try? manager.attributesOfItem(atPath: childPath),
                      let type = attributes[.type] as? FileAttributeType else { continue }
                if type == .typeDirectory {
                    if skippedFolders.contains(name) || name.hasPrefix(".build") { continue }
                    if exclude.contains(where: { $0.matches(child) || $0.matches(child + "/") }) { continue }
                    pending.append(child)
                } else if type == .typeRegular || type == .typeSymbolicLink {
                    if exclude.contains(where: { $0.matches(child) }) { continue }
                    result.append(child)
                }
            }
        }
        return result.sorted()
    }

    /// Reads the registries of the corpus at `root`. `overlays` hold texts that win over the
    /// disk (files open in an editor).
    /// `config` is the corpus's `marginalia.json` when the caller has read it already;
    /// `frontMatters` are the documents' front matter, whose `bibliography:` names more files.
    public static func loadRegistries(root: String, files: [String],
                                      overlays: [String: SourceText] = [:],
                                      config: (configuration: Configuration, text: SourceText?)? = nil,
                                      frontMatters: [(path: String, frontMatter: FrontMatter?)] = []) -> Registries {
        func read(_ path: String) -> SourceText? { overlays[path] ?? readFile(path) }
        var texts: [String: SourceText] = [:]
        var loadIssues: [String: [ParseIssue]] = [:]

        let configPath = joinPath(root, "marginalia.json")
        let (configuration, configText) = config ?? readConfiguration(root: root, overlays: overlays)
        if let configText { texts[configPath] = configText }

        // Bibliographies: globs of the config, plus `bibliography:` of front matter.
        var bibliographyPaths: [String] = []
        let fileSet = Set(files)
        for pattern in configuration.sources {
            if isGlobPattern(pattern) {
                let glob = Glob(pattern)
                bibliographyPaths += files.filter { glob.matches($0) }.map { joinPath(root, $0) }
            } else if fileSet.contains(pattern) || read(joinPath(root, pattern)) != nil {
                bibliographyPaths.append(joinPath(root, pattern))
            } else if configuration.path != nil && configuration.sources != Configuration.defaultSources {
                loadIssues[configPath, default: []].append(ParseIssue(
                    rule: RuleID.unreadableBibliography, message: "bibliography '\(pattern)' named in marginalia.json does not exist",
                    range: 0..<0))
            }
        }
        for (documentPath, frontMatter) in frontMatters {
            guard let field = frontMatter?.fields.first(where: { $0.key == "bibliography" }) else { continue }
            let directory = (documentPath as NSString).deletingLastPathComponent
            for (value, range) in zip(field.values, field.valueRanges) {
                let path = value.hasPrefix("/") ? value : joinPath(directory, value)
                let standardized = (path as NSString).standardizingPath
                if read(standardized) != nil {
                    bibliographyPaths.append(standardized)
                } else {
                    loadIssues[documentPath, default: []].append(ParseIssue(
                        rule: RuleID.unreadableBibliography, message: "bibliography '\(value)' does not exist", range: range))
                }
            }
        }
        var seen = Set<String>()
        bibliographyPaths = bibliographyPaths.filter { seen.insert($0).inserted }
        let bibliographies = ParallelMap.map(bibliographyPaths) { path -> (BibliographyFile, SourceText?) in
            guard let text = overlays[path] ?? readFile(path) else {
                return (BibliographyFile(path: path, sources: [], issues: [
                    ParseIssue(rule: RuleID.unreadableBibliography, message: "cannot read this file", range: 0..<0),
                ]), nil)
            }
            let file = path.lowercased().hasSuffix(".json")
                ? CSLJSONParser.parse(text, path: path) : BibTeXParser.parse(text, path: path)
            return (file, text)
        }
        for (file, text) in bibliographies { if let text { texts[file.path] = text } }

        var entityFiles: [EntitiesFile] = []
        for relative in configuration.entities {
            let path = joinPath(root, relative)
            if let text = read(path) {
                texts[path] = text
                entityFiles.append(EntitiesParser.parse(text, path: path))
            } else if configuration.entities != ["entities.json"] {
                loadIssues[configPath, default: []].append(ParseIssue(
                    rule: RuleID.invalidRegistry, message: "entity registry '\(relative)' named in marginalia.json does not exist",
                    range: 0..<0))
            }
        }

        var codebook = Codebook.builtIn
        if let relative = configuration.codebook {
            let path = joinPath(root, relative)
            if let text = read(path) {
                texts[path] = text
                codebook = CodebookParser.parse(text, path: path)
                if codebook.entityTypes.isEmpty { codebook.entityTypes = Codebook.builtIn.entityTypes }
            } else if relative != "codebook.json" {
                loadIssues[configPath, default: []].append(ParseIssue(
                    rule: RuleID.invalidRegistry, message: "codebook '\(relative)' named in marginalia.json does not exist", range: 0..<0))
            }
        }

        return Registries(
            root: root, configuration: configuration, bibliographies: bibliographies.map(\.0), entityFiles: entityFiles,
            codebook: codebook, texts: texts, loadIssues: loadIssues)
    }

    /// The documents of a corpus: files matching the configured document globs.
    public static func documentPaths(root: String, files: [String], configuration: Configuration) -> [String] {
        let globs = configuration.documents.map(Glob.init)
        return files.filter { file in globs.contains { $0.matches(file) } }.map { joinPath(root, $0) }
    }

    /// The corpus's `marginalia.json`, parsed, and its text; defaults when there is none.
    public static func readConfiguration(root: String, overlays: [String: SourceText] = [:]) -> (configuration: Configuration, text: SourceText?) {
        let path = joinPath(root, "marginalia.json")
        guard let text = overlays[path] ?? readFile(path) else { return (Configuration(), nil) }
        return (ConfigurationParser.parse(text, path: path), text)
    }

    /// Every file of the corpus (relative, sorted): those on disk that the configuration does
    /// not exclude, plus files open in an editor but not yet saved.
    public static func corpusFiles(root: String, configuration: Configuration, overlays: [String: SourceText] = [:]) -> [String] {
        let excluded = configuration.exclude.map(Glob.init)
        var files = listFiles(root: root, exclude: excluded)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let known = Set(files)
        for path in overlays.keys where path.hasPrefix(prefix) {
            let relative = String(path.dropFirst(prefix.count))
            if !known.contains(relative) && !excluded.contains(where: { $0.matches(relative) }) { files.append(relative) }
        }
        return files.sorted()
    }

    /// Loads a corpus: configuration, file list, registries, every document parsed and
    /// analyzed. `overlays` (unsaved editor buffers by absolute path) win over the disk.
    public static func load(root: String, overlays: [String: SourceText] = [:]) -> Corpus {
        load(root: root, overlays: overlays) { $0 }
    }

    /// Loads a corpus for a one-shot report (`check`): each document is parsed, analyzed and
    /// trimmed to what the report reads (`AnalyzedDocument.trimmedForReport`) in one step, so at
    /// most one full markup tree per core is alive at a time. Queries that need occurrences or
    /// the markup (hover, references, stats) need `load` instead.
    public static func loadForReport(root: String) -> Corpus {
        load(root: root, overlays: [:]) { $0.trimmedForReport() }
    }

    /// The loading pipeline. Registries depend on front matter (`bibliography:`), analysis on
    /// registries: the texts and their front matter are read first, then each document is
    /// parsed and analyzed in one parallel step (while its bytes are still in the cache), and
    /// `keep` decides what of it outlives that step.
    private static func load(root: String, overlays: [String: SourceText], keep: @Sendable (AnalyzedDocument) -> AnalyzedDocument) -> Corpus {
        let standardizedRoot = (root as NSString).standardizingPath
        // The config decides what is excluded and what is a document: read it first, once.
        let config = readConfiguration(root: standardizedRoot, overlays: overlays)
        let files = corpusFiles(root: standardizedRoot, configuration: config.configuration, overlays: overlays)
        let paths = documentPaths(root: standardizedRoot, files: files, configuration: config.configuration)
        let texts = ParallelMap.map(paths) { overlays[$0] ?? readFile($0) ?? SourceText(bytes: []) }
        let frontMatters = zip(paths, texts).map { path, text in
            (path: path, frontMatter: MarkupParser.frontMatter(text, format: DocumentFormat.forPath(path) ?? .plainText))
        }
        let registries = loadRegistries(
            root: standardizedRoot, files: files, overlays: overlays, config: config, frontMatters: frontMatters)
        let analyzed = ParallelMap.map(Array(zip(paths, texts))) { path, text in
            keep(AnalyzedDocument(Document(path: path, text: text), registries: registries))
        }
        return Corpus(registries: registries, documents: Dictionary(analyzed.map { ($0.document.path, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Whether a source entry is a pattern rather than a plain path.
    static func isGlobPattern(_ pattern: String) -> Bool {
        pattern.contains { "*?[{".contains($0) }
    }

    /// Whether a path (absolute) is one of the corpus's registry files, or would be one.
    public static func isRegistryPath(_ path: String, in corpus: Corpus) -> Bool {
        if corpus.registries.texts[path] != nil { return true }
        let name = (path as NSString).lastPathComponent
        if name == "marginalia.json" || name == "entities.json" || name == "codebook.json" { return true }
        let lower = path.lowercased()
        return lower.hasSuffix(".bib") || lower.hasSuffix(".csl.json") || name == "references.json"
    }
}
