/// Parses `codebook.json`: annotation types (a tree of codes) and entity types.
public enum CodebookParser {
    /// Keys a type definition may have.
    static let typeKeys = ["description", "parent", "requiresCitation", "attributes"]

    /// Parses one codebook; unknown parents and parent cycles are issues with the parent's range.
    public static func parse(_ text: SourceText, path: String) -> Codebook {
        var reader = RegistryJSONReader()
        var types: [CodeType] = []
        var entityTypes: [CodeType] = []
        var parentRanges: [Int: Range<Int>] = [:]
        guard let top = reader.topLevelObject(text, what: "a codebook") else {
            return Codebook(path: path, types: [], entityTypes: [], issues: reader.issues)
        }
        for member in top.members {
            switch member.key {
            case "$schema":
                _ = reader.string(member.value, "\"$schema\"")
            case "types":
                guard let items = reader.object(member.value, "\"types\"") else { continue }
                for item in items {
                    let (type, parentRange) = codeType(item, reader: &reader)
                    if let parentRange { parentRanges[types.count] = parentRange }
                    if types.contains(where: { $0.name == type.name }) {
                        reader.report("type \"\(type.name)\" is defined twice; the first definition is used", item.keyRange)
                    }
                    types.append(type)
                }
            case "entityTypes":
                guard let items = reader.object(member.value, "\"entityTypes\"") else { continue }
                for item in items {
                    var type = CodeType(name: item.key, range: item.keyRange, entryRange: item.range)
                    if let fields = reader.object(item.value, "entity type \"\(item.key)\"") {
                        for field in fields {
                            if field.key == "description" {
                                type.description = reader.string(field.value, "\"description\" of entity type \"\(item.key)\"")
                            } else {
                                reader.unknown(field, in: "entity type \"\(item.key)\"", known: ["description"])
                            }
                        }
                    }
                    if entityTypes.contains(where: { $0.name == type.name }) {
                        reader.report("entity type \"\(type.name)\" is defined twice; the first definition is used", item.keyRange)
                    }
                    entityTypes.append(type)
                }
            default:
                reader.unknown(member, in: "a codebook", known: ["$schema", "types", "entityTypes"])
            }
        }
        // Parents must exist and must not loop back.
        var codebook = Codebook(path: path, types: types, entityTypes: entityTypes)
        for (index, type) in types.enumerated() {
            guard let parent = type.parent, let range = parentRanges[index] else { continue }
            if codebook.type(named: parent) == nil {
                reader.report("type \"\(type.name)\" has an unknown parent \"\(parent)\"", range)
            } else if codebook.ancestorChain(of: type.name).cycle {
                reader.report("type \"\(type.name)\" is its own ancestor (parent cycle through \"\(parent)\")", range)
            }
        }
        codebook.issues = reader.issues
        return codebook
    }

    /// One type definition, and the range of its parent's value.
    static func codeType(_ item: JSONMember, reader: inout RegistryJSONReader) -> (CodeType, Range<Int>?) {
        var type = CodeType(name: item.key, range: item.keyRange, entryRange: item.range)
        var parentRange: Range<Int>?
        guard let fields = reader.object(item.value, "type \"\(item.key)\"") else { return (type, nil) }
        for field in fields {
            let what = "\"\(field.key)\" of type \"\(item.key)\""
            switch field.key {
            case "description":
                type.description = reader.string(field.value, what)
            case "parent":
                if let s = reader.string(field.value, what) {
                    type.parent = s
                    parentRange = field.value.contentRange
                }
            case "requiresCitation":
                type.requiresCitation = reader.bool(field.value, what)
            case "attributes":
                guard let attributes = reader.object(field.value, what) else { continue }
                for attribute in attributes {
                    var spec = AttributeSpec(name: attribute.key, range: attribute.keyRange)
                    let owner = "attribute \"\(attribute.key)\" of type \"\(item.key)\""
                    if let specFields = reader.object(attribute.value, owner) {
                        for specField in specFields {
                            switch specField.key {
                            case "description":
                                spec.description = reader.string(specField.value, "\"description\" of \(owner)")
                            case "values":
                                spec.values = reader.strings(specField.value, "\"values\" of \(owner)")
                            default:
                                reader.unknown(specField, in: owner, known: ["description", "values"])
                            }
                        }
                    }
                    if type.attributes.contains(where: { $0.name == spec.name }) {
                        reader.report("\(owner) is defined twice; the first definition is used", attribute.keyRange)
                    } else {
                        type.attributes.append(spec)
                    }
                }
            default:
                reader.unknown(field, in: "type \"\(item.key)\"", known: typeKeys)
            }
        }
        return (type, parentRange)
    }
}

/// An annotation type with its inheritance resolved.
public struct ResolvedType: Sendable, Hashable {
    /// The type as defined.
    public var type: CodeType
    /// Ancestor names, nearest first (stops before a cycle or an unknown parent).
    public var ancestors: [String]
    /// Whether spans of this type need a citation: the nearest explicit setting up the chain, else false.
    public var requiresCitation: Bool
    /// Own attributes, then ancestors' not overridden by name, nearest first.
    public var attributes: [AttributeSpec]

    /// The type's name.
    public var name: String { type.name }

    /// Creates one.
    public init(type: CodeType, ancestors: [String], requiresCitation: Bool, attributes: [AttributeSpec]) {
        self.type = type
        self.ancestors = ancestors
        self.requiresCitation = requiresCitation
        self.attributes = attributes
    }

    /// The attribute named `name`, own or inherited.
    public func attribute(_ name: String) -> AttributeSpec? {
        attributes.first { $0.name == name }
    }
}

/// Lookups and inheritance over a parsed (or built-in) codebook.
extension Codebook {
    /// The first annotation type named `name` (names are case-sensitive).
    public func type(named name: String) -> CodeType? {
        types.first { $0.name == name }
    }

    /// The first entity type named `name`.
    public func entityType(named name: String) -> CodeType? {
        entityTypes.first { $0.name == name }
    }

    /// Ancestor names of `name`, nearest first, and whether the chain loops back on itself.
    func ancestorChain(of name: String) -> (names: [String], cycle: Bool) {
        var names: [String] = []
        var seen: Set<String> = [name]
        var current = type(named: name)
        while let parent = current?.parent {
            if seen.contains(parent) { return (names, true) }
            guard let next = type(named: parent) else { break }
            seen.insert(parent)
            names.append(parent)
            current = next
        }
        return (names, false)
    }

    /// The type `name` with inherited `requiresCitation` and attributes; nil when undefined.
    /// Cycle-safe: a parent cycle stops the chain (the parser reports it).
    public func resolvedType(_ name: String) -> ResolvedType? {
        guard let type = type(named: name) else { return nil }
        let chain = ancestorChain(of: name).names
        let lineage = [type] + chain.compactMap { self.type(named: $0) }
        let requiresCitation = lineage.lazy.compactMap(\.requiresCitation).first ?? false
        var attributes: [AttributeSpec] = []
        var seen: Set<String> = []
        for member in lineage {
            for attribute in member.attributes where seen.insert(attribute.name).inserted {
                attributes.append(attribute)
            }
        }
        return ResolvedType(type: type, ancestors: chain, requiresCitation: requiresCitation, attributes: attributes)
    }
}
