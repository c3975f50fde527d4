/// Parses CSL-JSON as Zotero, Better BibTeX and `pandoc --citeproc` write it: an array of items
/// (or an object with an `items` array).
public enum CSLJSONParser {
    /// CSL name variables, in the order tried for `Source.authors` (first two).
    static let nameVariables: Set<String> = [
        "author", "editor", "translator", "container-author", "collection-editor", "composer", "director",
        "interviewer", "recipient", "reviewed-author", "editorial-director", "illustrator", "original-author",
    ]

    /// Parses one CSL-JSON file; every problem is an `unreadable-bibliography` issue with its range.
    public static func parse(_ text: SourceText, path: String) -> BibliographyFile {
        var reader = RegistryJSONReader(rule: RuleID.unreadableBibliography)
        let (value, parseIssues) = PositionedJSON.parse(text, rule: RuleID.unreadableBibliography)
        reader.issues = parseIssues
        var sources: [Source] = []
        guard let value else { return BibliographyFile(path: path, sources: [], issues: reader.issues) }
        var items: [JSONNode] = []
        if let elements = value.elements {
            items = elements
        } else if let list = value.member("items")?.value, let elements = list.elements {
            items = elements
        } else if value.members != nil && value.member("id") != nil {
            items = [value]  // a single item, as some exporters write for one reference
        } else {
            reader.report("a CSL-JSON file must be an array of items, not \(value.kindName)", value.range)
        }
        for item in items {
            if let source = source(item, path: path, reader: &reader) { sources.append(source) }
        }
        return BibliographyFile(path: path, sources: sources, issues: reader.issues)
    }

    /// One item as a source; nil (with an issue) when it has no usable id.
    static func source(_ item: JSONNode, path: String, reader: inout RegistryJSONReader) -> Source? {
        guard let members = reader.object(item, "a CSL-JSON item") else { return nil }
        guard let idMember = members.first(where: { $0.key == "id" }) else {
            reader.report("CSL-JSON item has no \"id\"", item.range.lowerBound..<min(item.range.lowerBound + 1, item.range.upperBound))
            return nil
        }
        guard let key = idMember.value.stringValue ?? idMember.value.numberText else {
            reader.report("\"id\" must be a string or a number, not \(idMember.value.kindName)", idMember.value.range)
            return nil
        }
        var source = Source(
            key: key, keyRange: idMember.value.contentRange, entryRange: item.range, path: path, format: .cslJSON,
            entryType: "")
        var authors: [PersonName]?
        var editors: [PersonName]?
        for member in members where member.key != "id" {
            let name = member.key.lowercased()
            let node = member.value
            var fieldValue: String?
            if nameVariables.contains(name) {
                let names = personNames(node, variable: member.key, reader: &reader)
                if name == "author" { authors = names } else if name == "editor" { editors = names }
                fieldValue = names.map { n in n.given.map { "\(n.family), \($0)" } ?? n.family }.joined(separator: "; ")
            } else if node.members != nil, name == "issued" || name.hasSuffix("-date") || name == "accessed" || name == "submitted" {
                fieldValue = dateText(node, variable: member.key, reader: &reader)
            } else {
                switch node.value {
                case .string(let s): fieldValue = s
                case .number(let n): fieldValue = n
                case .bool(let b): fieldValue = b ? "true" : "false"
                case .null: fieldValue = nil
                case .array(let elements): fieldValue = elements.compactMap { $0.stringValue ?? $0.numberText }.joined(separator: ", ")
                case .object: fieldValue = nil  // custom nested data (e.g. Zotero "custom"): not a field
                }
            }
            if let fieldValue { source.fields[name] = SourceField(value: fieldValue, range: node.contentRange) }
        }
        source.entryType = (source.fields["type"]?.value ?? "").lowercased()
        source.authors = authors ?? editors ?? []
        if let issued = members.first(where: { $0.key == "issued" })?.value {
            if issued.members != nil {
                source.year = source.fields["issued"].flatMap { BibTeXParser.yearText($0.value) ?? RegistryText.nonEmpty($0.value) }
            } else if let s = issued.stringValue ?? issued.numberText {
                source.year = BibTeXParser.yearText(s) ?? RegistryText.nonEmpty(s)
            }
        }
        source.title = RegistryText.nonEmpty(source.fields["title"]?.value)
        for variable in ["container-title", "collection-title", "publisher"] {
            if let v = RegistryText.nonEmpty(source.fields[variable]?.value) {
                source.container = v
                break
            }
        }
        source.url = RegistryText.nonEmpty(source.fields["url"]?.value)
        source.doi = RegistryText.nonEmpty(source.fields["doi"].map { BibTeXParser.stripDOIPrefix($0.value) })
        return source
    }

    /// A CSL name list: family/given/particles/suffix, or literal.
    static func personNames(_ node: JSONNode, variable: String, reader: inout RegistryJSONReader) -> [PersonName] {
        guard let elements = node.elements else {
            reader.report("\"\(variable)\" must be an array of names, not \(node.kindName)", node.range)
            return []
        }
        var names: [PersonName] = []
        for element in elements {
            if let literal = element.stringValue {
                names.append(PersonName(family: literal))
                continue
            }
            guard let parts = reader.object(element, "a name in \"\(variable)\"") else { continue }
            func part(_ key: String) -> String? {
                RegistryText.nonEmpty(parts.first { $0.key == key }?.value.stringValue.map(RegistryText.trim))
            }
            if let literal = part("literal") {
                names.append(PersonName(family: literal))
                continue
            }
            let family = [part("non-dropping-particle"), part("family")].compactMap { $0 }.joined(separator: " ")
            var given = [part("given"), part("dropping-particle")].compactMap { $0 }.joined(separator: " ")
            if let suffix = part("suffix") { given += given.isEmpty ? suffix : ", \(suffix)" }
            if family.isEmpty && given.isEmpty {
                reader.report("a name in \"\(variable)\" has no family, given or literal part", element.range)
                continue
            }
            names.append(family.isEmpty ? PersonName(family: given) : PersonName(family: family, given: given.isEmpty ? nil : given))
        }
        return names
    }

    /// The text of a CSL date object: "2020", "2020-05", "2019/2020", or its `raw` / `literal`.
    static func dateText(_ node: JSONNode, variable: String, reader: inout RegistryJSONReader) -> String? {
        guard let members = node.members else { return nil }
        if let parts = members.first(where: { $0.key == "date-parts" })?.value {
            guard let ranges = parts.elements else {
                reader.report("\"date-parts\" of \"\(variable)\" must be an array of arrays", parts.range)
                return nil
            }
            var dates: [String] = []
            for range in ranges {
                guard let components = range.elements else {
                    reader.report("each date in \"date-parts\" must be an array like [2020, 5, 1]", range.range)
                    continue
                }
                var fields: [String] = []
                for component in components {
                    guard let text = component.numberText ?? component.stringValue.map(RegistryText.trim), !text.isEmpty else {
                        reader.report("a date part must be a number, not \(component.kindName)", component.range)
                        continue
                    }
                    fields.append(fields.isEmpty ? text : (text.count == 1 ? "0" + text : text))
                }
                if !fields.isEmpty { dates.append(fields.joined(separator: "-")) }
            }
            if !dates.isEmpty { return dates.joined(separator: "/") }
        }
        for key in ["raw", "literal"] {
            if let s = members.first(where: { $0.key == key })?.value.stringValue, !s.isEmpty { return s }
        }
        return nil
    }
}
