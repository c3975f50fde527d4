/// Why a rename cannot be done.
public struct RenameError: Error, Sendable, Hashable {
    /// A message for the user.
    public var message: String
}

extension Corpus {
    /// The range and current name of what would be renamed at `offset`.
    public func prepareRename(at offset: Int, in path: String) -> Result<(range: Range<Int>, placeholder: String), RenameError> {
        guard let occurrence = occurrence(at: offset, in: path) else {
            return .failure(RenameError(message: "Nothing to rename here: place the cursor on a citation key, mention, note label or type."))
        }
        if occurrence.kind == .implicitMention {
            // The matched text is a name in prose; the entity's id is what gets renamed.
            guard let entity = registries.entity(forID: occurrence.target.name) else {
                return .failure(RenameError(message: "Unknown entity."))
            }
            return .success((occurrence.range, entity.id))
        }
        if case .entity(let id) = occurrence.target, occurrence.kind == .explicitMention,
           let text = self.text(of: path), text.string(occurrence.range) != id {
            return .success((occurrence.range, id))
        }
        return .success((occurrence.range, occurrence.target.name))
    }

    /// The edits that rename the target under `offset` to `newName` everywhere it is written.
    public func rename(at offset: Int, in path: String, to newName: String) -> Result<WorkspaceChange, RenameError> {
        guard let occurrence = occurrence(at: offset, in: path) else {
            return .failure(RenameError(message: "Nothing to rename here."))
        }
        let name = newName.trimmingWhitespace()
        guard !name.isEmpty, Rename.isValidName(name, for: occurrence.target) else {
            return .failure(RenameError(message: "'\(newName)' is not a valid \(occurrence.target.kindName) name."))
        }
        if name == occurrence.target.name { return .success(WorkspaceChange()) }
        if definitions(of: Rename.retarget(occurrence.target, to: name)).isEmpty == false {
            return .failure(RenameError(message: "A \(occurrence.target.kindName) named '\(name)' already exists."))
        }
        var edits: [TextEdit] = []
        for use in references(to: occurrence.target, includeDefinitions: true) {
            switch use.kind {
            case .implicitMention:
                continue  // prose stays as written; it matches by name, not id
            case .explicitMention:
                // Only mentions written with the id change; those by name or alias still resolve.
                if text(of: use.path)?.string(use.range).trimmingWhitespace() == occurrence.target.name {
                    edits.append(TextEdit(path: use.path, range: use.range, newText: name))
                }
            default:
                edits.append(TextEdit(path: use.path, range: use.range, newText: name))
            }
        }
        return .success(WorkspaceChange(edits: edits))
    }
}

enum Rename {
    /// The same kind of target with another name.
    static func retarget(_ target: Target, to name: String) -> Target {
        switch target {
        case .source: .source(key: name)
        case .entity: .entity(id: name)
        case .note(let path, _): .note(path: path, label: name)
        case .type: .type(name: name)
        case .annotation: .annotation(id: name)
        }
    }

    /// Whether `name` can be written where the target's names are written without escaping.
    static func isValidName(_ name: String, for target: Target) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else { return false }
        switch target {
        case .source:
            // Pandoc's key grammar: starts alphanumeric or `_`; inner punctuation allowed.
            let startsWell = CompletionScanner.isKeyByte(first) && first != UInt8(ascii: "-") && first != UInt8(ascii: ":")
            return startsWell && bytes.allSatisfy { CompletionScanner.isKeyByte($0) || Array(".#$%&+?<>~/".utf8).contains($0) }
        case .note:
            return bytes.allSatisfy { $0 > 0x20 && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "^") }
        case .entity, .type, .annotation:
            return bytes.allSatisfy { CompletionScanner.isKeyByte($0) || $0 == UInt8(ascii: ".") }
                && !bytes.contains(UInt8(ascii: "\"")) && first != UInt8(ascii: "-")
        }
    }
}
