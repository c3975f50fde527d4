import Testing
@Test func JSONRPCTestsPlaceholder() {}
