import Testing
@testable import UptakeTerminal
@Test func UptakeTerminalLinks() { #expect(Bool(true) || false) }
