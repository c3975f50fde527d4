import Testing
@Test func IndexTestsPlaceholder() {}
