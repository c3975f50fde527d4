/// Builders for the edits that quick fixes make in registry files.
public enum Fixes {
    /// Appends a stub entry for `key` to the first BibTeX file, or creates `references.bib`.
    public static func createSource(key: String, in registries: Registries, url: String? = nil) -> Fix {
        let stub = "@misc{\(key),\n  author = {},\n  title = {},\n  year = {},\n  url = {\(url ?? "")},\n}\n"
        let title = "Create source entry '\(key)'"
        if let file = registries.bibliographies.first(where: { $0.path.lowercased().hasSuffix(".bib") }),
           let text = registries.texts[file.path] {
            let end = text.count
            let separator = text.bytes.last == 0x0A || end == 0 ? "\n" : "\n\n"
            return Fix(title: title, change: WorkspaceChange(edits: [TextEdit(path: file.path, range: end..<end, newText: separator + stub)]))
        }
        let path = joinPath(registries.root, "references.bib")
        return Fix(title: title, change: WorkspaceChange(createdFiles: [path: stub]))
    }

    /// Adds a stub entity for `name` to the first entities file, or creates `entities.json`.
    public static func createEntity(named name: String, in registries: Registries) -> Fix {
        let id = slug(name)
        let title = "Create entity '\(id)'"
        let body = "\"\(jsonEscaped(id))\": { \"type\": \"person\", \"name\": \"\(jsonEscaped(name))\" }"
        if let file = registries.entityFiles.first, let text = registries.texts[file.path] {
            if let at = file.entities.lazy.map(\.entryRange.upperBound).max() {
                return Fix(title: title, change: WorkspaceChange(edits: [TextEdit(path: file.path, range: at..<at, newText: ",\n    " + body)]))
            }
            if let brace = openingBraceOfEntities(text) {
                return Fix(title: title, change: WorkspaceChange(edits: [TextEdit(path: file.path, range: brace..<brace, newText: "\n    " + body + "\n  ")]))
            }
        }
        let path = joinPath(registries.root, "entities.json")
        let content = "{\n  \"entities\": {\n    \(body)\n  }\n}\n"
        return Fix(title: title, change: WorkspaceChange(createdFiles: [path: content]))
    }

    /// The offset just after the `{` that opens the `"entities"` object.
    static func openingBraceOfEntities(_ text: SourceText) -> Int? {
        let needle = Array("\"entities\"".utf8)
        let bytes = text.bytes
        guard bytes.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == 0x22 && Array(bytes[i..<(i + needle.count)]) == needle {
                var j = i + needle.count
                while j < bytes.count && bytes[j] != 0x7B { j += 1 }
                return j < bytes.count ? j + 1 : nil
            }
            i += 1
        }
        return nil
    }

    /// An id made from a name: folded, lowercased, non-alphanumerics as `-`.
    public static func slug(_ name: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in TextFolding.key(for: name).unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "entity" : result
    }

    /// Escapes a string for a JSON string literal.
    public static func jsonEscaped(_ string: String) -> String {
        var result = ""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// Joins a directory and a relative path with one `/`.
func joinPath(_ directory: String, _ relative: String) -> String {
    if directory.isEmpty { return relative }
    return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
}
