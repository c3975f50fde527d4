/// Reports what the markup parser met: bad bytes, unterminated markup, invalid front matter.
enum ParseIssuesRule: DocumentRule {
    static let id = "parse-issues"

    static func check(_ context: DocumentRuleContext) -> [Finding] {
        context.document.markup.issues.map { context.finding($0.rule, $0.message, at: $0.range) }
    }
}
