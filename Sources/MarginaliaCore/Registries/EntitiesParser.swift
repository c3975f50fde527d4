/// Parses `entities.json`: `{ "$schema"?: ..., "entities": { id: { type, name, aliases, note, sameAs } } }`.
public enum EntitiesParser {
    /// Keys an entity object may have.
    static let entityKeys = ["type", "name", "aliases", "note", "sameAs"]

    /// Parses one entities file. Duplicate ids are kept as separate entities, in file order.
    public static func parse(_ text: SourceText, path: String) -> EntitiesFile {
        var reader = RegistryJSONReader()
        var entities: [Entity] = []
        guard let top = reader.topLevelObject(text, what: "an entities file") else {
            return EntitiesFile(path: path, entities: [], issues: reader.issues)
        }
        var sawEntities = false
        for member in top.members {
            switch member.key {
            case "$schema":
                _ = reader.string(member.value, "\"$schema\"")
            case "entities":
                sawEntities = true
                guard let items = reader.object(member.value, "\"entities\"") else { continue }
                for item in items {
                    entities.append(entity(item, path: path, reader: &reader))
                }
            default:
                reader.unknown(member, in: "an entities file", known: ["$schema", "entities"])
            }
        }
        if !sawEntities && reader.issues.isEmpty {
            reader.report("an entities file needs an \"entities\" object", top.node.range.lowerBound..<min(top.node.range.lowerBound + 1, top.node.range.upperBound))
        }
        return EntitiesFile(path: path, entities: entities, issues: reader.issues)
    }

    /// One entity; a missing name defaults to the id, a missing type is an issue.
    static func entity(_ item: JSONMember, path: String, reader: inout RegistryJSONReader) -> Entity {
        var entity = Entity(id: item.key, idRange: item.keyRange, entryRange: item.range, path: path, type: "", name: item.key)
        guard let fields = reader.object(item.value, "entity \"\(item.key)\"") else { return entity }
        var sawType = false
        for field in fields {
            let what = "\"\(field.key)\" of entity \"\(item.key)\""
            switch field.key {
            case "type":
                sawType = true
                if let s = reader.string(field.value, what) {
                    entity.type = s
                    entity.typeRange = field.value.contentRange
                }
            case "name":
                if let s = reader.string(field.value, what) {
                    entity.name = s
                    entity.nameRange = field.value.contentRange
                }
            case "aliases":
                entity.aliases = reader.strings(field.value, what) ?? []
            case "note":
                entity.note = reader.string(field.value, what)
            case "sameAs":
                entity.sameAs = reader.strings(field.value, what, allowSingle: true) ?? []
            default:
                reader.unknown(field, in: "entity \"\(item.key)\"", known: entityKeys)
            }
        }
        if !sawType {
            reader.report("entity \"\(item.key)\" has no \"type\"", item.keyRange)
        }
        return entity
    }
}
