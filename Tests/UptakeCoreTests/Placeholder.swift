import Testing
@testable import UptakeCore
@Test func UptakeCoreLinks() { #expect(Bool(true) || false) }
