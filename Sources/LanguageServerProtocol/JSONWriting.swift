// Hand-written JSON for the types on hot paths: completion lists, diagnostics and locations.
// Each writes its members in declaration order and omits nil optionals, as its `Codable`
// encoding does; `LSPTypesTests` compares every one with `JSONEncoder`'s output parsed back.

extension DocumentURI: JSONWritable {
    /// The bare URI string.
    public func write(to writer: inout JSONWriter) { writer.string(rawValue) }
}

extension Position: JSONWritable {
    /// `{"line":…,"character":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("line")
        writer.integer(line)
        writer.key("character")
        writer.integer(character)
        writer.endObject()
    }
}

extension LSPRange: JSONWritable {
    /// `{"start":…,"end":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("start")
        start.write(to: &writer)
        writer.key("end")
        end.write(to: &writer)
        writer.endObject()
    }
}

extension Location: JSONWritable {
    /// `{"uri":…,"range":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("uri")
        writer.string(uri.rawValue)
        writer.key("range")
        range.write(to: &writer)
        writer.endObject()
    }
}

extension TextEdit: JSONWritable {
    /// `{"range":…,"newText":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("range")
        range.write(to: &writer)
        writer.key("newText")
        writer.string(newText)
        writer.endObject()
    }
}

extension InsertReplaceEdit: JSONWritable {
    /// `{"newText":…,"insert":…,"replace":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("newText")
        writer.string(newText)
        writer.key("insert")
        insert.write(to: &writer)
        writer.key("replace")
        replace.write(to: &writer)
        writer.endObject()
    }
}

extension CompletionTextEdit: JSONWritable {
    /// The edit itself, without a discriminator.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .textEdit(let edit): edit.write(to: &writer)
        case .insertReplace(let edit): edit.write(to: &writer)
        }
    }
}

extension MarkupContent: JSONWritable {
    /// `{"kind":…,"value":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("value")
        writer.string(value)
        writer.endObject()
    }
}

extension StringOrMarkupContent: JSONWritable {
    /// The bare string or the object.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let value): writer.string(value)
        case .markup(let value): value.write(to: &writer)
        }
    }
}

extension IntegerOrString: JSONWritable {
    /// The bare integer or string.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .integer(let value): writer.integer(value)
        case .string(let value): writer.string(value)
        }
    }
}

extension CompletionItem: JSONWritable {
    /// The item's members in declaration order, nil ones omitted.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("label")
        writer.string(label)
        writer.member("kind", kind?.rawValue)
        writer.member("detail", detail)
        writer.member("documentation", documentation)
        writer.member("sortText", sortText)
        writer.member("filterText", filterText)
        writer.member("insertText", insertText)
        writer.member("insertTextFormat", insertTextFormat?.rawValue)
        writer.member("textEdit", textEdit)
        writer.member("additionalTextEdits", additionalTextEdits)
        writer.member("preselect", preselect)
        writer.member("data", data)
        writer.endObject()
    }
}

extension CompletionList: JSONWritable {
    /// `{"isIncomplete":…,"items":[…]}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("isIncomplete")
        writer.bool(isIncomplete)
        writer.key("items")
        items.write(to: &writer)
        writer.endObject()
    }
}

extension CodeDescription: JSONWritable {
    /// `{"href":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("href")
        writer.string(href)
        writer.endObject()
    }
}

extension DiagnosticRelatedInformation: JSONWritable {
    /// `{"location":…,"message":…}`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("location")
        location.write(to: &writer)
        writer.key("message")
        writer.string(message)
        writer.endObject()
    }
}

extension Diagnostic: JSONWritable {
    /// The diagnostic's members in declaration order, nil ones omitted.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("range")
        range.write(to: &writer)
        writer.member("severity", severity?.rawValue)
        writer.member("code", code)
        writer.member("codeDescription", codeDescription)
        writer.member("source", source)
        writer.key("message")
        writer.string(message)
        writer.member("tags", tags?.map(\.rawValue))
        writer.member("relatedInformation", relatedInformation)
        writer.member("data", data)
        writer.endObject()
    }
}

extension PublishDiagnosticsParams: JSONWritable {
    /// `{"uri":…,"version":…,"diagnostics":[…]}`, `version` omitted when nil.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("uri")
        writer.string(uri.rawValue)
        writer.member("version", version)
        writer.key("diagnostics")
        diagnostics.write(to: &writer)
        writer.endObject()
    }
}

extension DocumentDiagnosticReport: JSONWritable {
    /// The report with its `kind` discriminator.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("kind")
        switch self {
        case .full(let resultId, let items):
            writer.string("full")
            writer.member("resultId", resultId)
            writer.key("items")
            items.write(to: &writer)
        case .unchanged(let resultId):
            writer.string("unchanged")
            writer.key("resultId")
            writer.string(resultId)
        }
        writer.endObject()
    }
}
