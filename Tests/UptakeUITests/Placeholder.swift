import Testing
@testable import UptakeUI
@Test func UptakeUILinks() { #expect(Bool(true) || false) }
