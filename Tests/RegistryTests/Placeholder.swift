import Testing
@Test func RegistryTestsPlaceholder() {}
