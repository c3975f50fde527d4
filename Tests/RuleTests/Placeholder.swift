import Testing
@Test func RuleTestsPlaceholder() {}
