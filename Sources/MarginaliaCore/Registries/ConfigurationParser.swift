/// Parses `marginalia.json`; every key is optional and `{}` gives the defaults.
public enum ConfigurationParser {
    /// Top-level keys of marginalia.json.
    static let topKeys = ["$schema", "documents", "exclude", "sources", "entities", "codebook", "mentions", "rules"]

    /// Parses one configuration file.
    public static func parse(_ text: SourceText, path: String) -> Configuration {
        var reader = RegistryJSONReader()
        var config = Configuration(path: path)
        guard let top = reader.topLevelObject(text, what: "marginalia.json") else {
            config.issues = reader.issues
            return config
        }
        for member in top.members {
            let what = "\"\(member.key)\""
            switch member.key {
            case "$schema":
                _ = reader.string(member.value, what)
            case "documents":
                if let v = reader.strings(member.value, what, allowSingle: true) { config.documents = v }
            case "exclude":
                if let v = reader.strings(member.value, what, allowSingle: true) { config.exclude = v }
            case "sources":
                if let v = reader.strings(member.value, what, allowSingle: true) { config.sources = v }
            case "entities":
                if let v = reader.strings(member.value, what, allowSingle: true) { config.entities = v }
            case "codebook":
                if case .null = member.value.value {
                    config.codebook = nil
                } else if let v = reader.string(member.value, what) {
                    config.codebook = v
                }
            case "mentions":
                guard let fields = reader.object(member.value, what) else { continue }
                for field in fields {
                    if field.key == "implicit" {
                        if let b = reader.bool(field.value, "\"mentions.implicit\"") { config.implicitMentions = b }
                    } else {
                        reader.unknown(field, in: "\"mentions\"", known: ["implicit"])
                    }
                }
            case "rules":
                guard let rules = reader.object(member.value, what) else { continue }
                for rule in rules {
                    parseRule(rule, into: &config, reader: &reader)
                }
            default:
                reader.unknown(member, in: "marginalia.json", known: topKeys)
            }
        }
        config.issues = reader.issues
        return config
    }

    /// The setting a severity word names: "off", "hint", "info", "warning", "error".
    public static func ruleSetting(_ word: String) -> RuleSetting? {
        if word == "off" { return .off }
        return Severity(rawValue: word).map(RuleSetting.severity)
    }

    /// One entry of "rules": a severity word or an object with a severity and options.
    static func parseRule(_ rule: JSONMember, into config: inout Configuration, reader: inout RegistryJSONReader) {
        let choices = "\"off\", \"hint\", \"info\", \"warning\" or \"error\""
        if RuleCatalog.byID[rule.key] == nil {
            var message = "unknown rule \"\(rule.key)\""
            if let near = Suggestions.nearest(to: rule.key, among: RuleCatalog.all.map(\.id)).first {
                message += ": did you mean \"\(near)\"?"
            }
            reader.report(message, rule.keyRange)
        }
        func setting(_ node: JSONNode) -> RuleSetting? {
            guard let word = node.stringValue else {
                reader.report("the severity of rule \"\(rule.key)\" must be \(choices), not \(node.kindName)", node.range)
                return nil
            }
            guard let setting = ruleSetting(word) else {
                reader.report("unknown severity \"\(word)\" for rule \"\(rule.key)\": use \(choices)", node.contentRange)
                return nil
            }
            return setting
        }
        if rule.value.stringValue != nil {
            if let s = setting(rule.value) { config.rules[rule.key] = s }
            return
        }
        guard let options = rule.value.members else {
            reader.report("rule \"\(rule.key)\" must be a severity (\(choices)) or an object, not \(rule.value.kindName)", rule.value.range)
            return
        }
        var raw: [String: String] = [:]
        for option in options {
            if option.key == "severity" {
                if let s = setting(option.value) { config.rules[rule.key] = s }
                continue
            }
            switch option.value.value {
            case .string(let s): raw[option.key] = s
            case .number(let n): raw[option.key] = n
            case .bool(let b): raw[option.key] = b ? "true" : "false"
            case .array(let elements):
                var items: [String] = []
                for element in elements {
                    if let s = element.stringValue ?? element.numberText { items.append(s) } else {
                        reader.report("option \"\(option.key)\" of rule \"\(rule.key)\" must hold strings or numbers", element.range)
                    }
                }
                raw[option.key] = items.joined(separator: ",")
            case .null, .object:
                reader.report("option \"\(option.key)\" of rule \"\(rule.key)\" must be a string, number, boolean or array, not \(option.value.kindName)", option.value.range)
            }
        }
        if !raw.isEmpty { config.ruleOptions[rule.key] = raw }
    }
}
