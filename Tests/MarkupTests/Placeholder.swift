import Testing
@Test func MarkupTestsPlaceholder() {}
