import Testing
@Test func ServerTestsPlaceholder() {}
