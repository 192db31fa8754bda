import Testing
import UptakeUI
@testable import UptakeTerminal

/// The byte-level decoder against the sequences xterm, tmux and the Linux console send.
@Suite struct InputDecoderTests {
    func decode(_ bytes: [UInt8]) -> [TerminalEvent] {
        var d = InputDecoder()
        return d.feed(bytes) + d.flush()
    }

    func keys(_ s: String) -> [TerminalEvent] { decode(Array(s.utf8)) }

    @Test func printableTextAndUTF8() {
        #expect(keys("q?") == [.key(.character("q")), .key(.character("?"))])
        #expect(keys("é健") == [.key(.character("é")), .key(.character("健"))])
    }

    @Test func controlKeys() {
        #expect(decode([0x0D, 0x0A, 0x09, 0x7F, 0x08]) == [.key(.enter), .key(.enter), .key(.tab), .key(.backspace), .key(.backspace)])
        #expect(decode([0x03, 0x02, 0x06]) == [.key(.control("c")), .key(.control("b")), .key(.control("f"))])
        #expect(decode([0x00, 0x1C]) == [])
    }

    @Test func cursorKeysInBothModesAndWithModifiers() {
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.key(.up), .key(.down), .key(.right), .key(.left)])
        #expect(keys("\u{1B}OA\u{1B}OB\u{1B}OH\u{1B}OF") == [.key(.up), .key(.down), .key(.home), .key(.end)])
        #expect(keys("\u{1B}[1;5A") == [.key(.up)])
        #expect(keys("\u{1B}[Z") == [.key(.backTab)])
    }

    @Test func tildeKeysIncludingTheLinuxConsole() {
        #expect(keys("\u{1B}[5~\u{1B}[6~\u{1B}[3~") == [.key(.pageUp), .key(.pageDown), .key(.delete)])
        #expect(keys("\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~") == [.key(.home), .key(.end), .key(.home), .key(.end)])
        #expect(keys("\u{1B}[[A\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.key(.function(1)), .key(.function(1)), .key(.function(5)), .key(.function(12))])
    }

    @Test func loneEscapeWaitsForTheDelayThenIsTheEscKey() {
        var d = InputDecoder()
        #expect(d.feed([0x1B]).isEmpty)
        #expect(d.hasPartial)
        #expect(d.flush() == [.key(.escape)])
        #expect(!d.hasPartial)
    }

    @Test func aSequenceSplitAcrossReadsIsJoined() {
        var d = InputDecoder()
        #expect(d.feed([0x1B, 0x5B]).isEmpty)
        #expect(d.feed([0x35]).isEmpty)
        #expect(d.feed([0x7E, 0x71]) == [.key(.pageUp), .key(.character("q"))])
    }

    @Test func escapeThenAKeyAreTwoKeys() {
        #expect(keys("\u{1B}q") == [.key(.escape), .key(.character("q"))])
        #expect(keys("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
    }

    @Test func x10MouseReports() {
        // Press of button 1 at column 12, row 0; its release; wheel up and down.
        #expect(decode([0x1B, 0x5B, 0x4D, 0x20, 45, 33]) == [.mouse(MouseEvent(kind: .press, x: 12, y: 0))])
        #expect(decode([0x1B, 0x5B, 0x4D, 0x23, 45, 33]) == [])
        #expect(decode([0x1B, 0x5B, 0x4D, 0x60, 34, 35]) == [.mouse(MouseEvent(kind: .wheelUp, x: 1, y: 2))])
        #expect(decode([0x1B, 0x5B, 0x4D, 0x61, 34, 35]) == [.mouse(MouseEvent(kind: .wheelDown, x: 1, y: 2))])
        // A press then its release then Esc: the Esc is not swallowed (what curses' own reader did under poll).
        #expect(decode([0x1B, 0x5B, 0x4D, 0x20, 45, 33, 0x1B, 0x5B, 0x4D, 0x23, 45, 33, 0x1B])
            == [.mouse(MouseEvent(kind: .press, x: 12, y: 0)), .key(.escape)])
    }

    @Test func sgrMouseReports() {
        #expect(keys("\u{1B}[<0;13;1M\u{1B}[<0;13;1m") == [.mouse(MouseEvent(kind: .press, x: 12, y: 0))])
        #expect(keys("\u{1B}[<64;5;5M") == [.mouse(MouseEvent(kind: .wheelUp, x: 4, y: 4))])
    }

    @Test func garbageNeverTrapsAndNeverGrowsWithoutLimit() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        var d = InputDecoder()
        for _ in 0..<2000 {
            let bytes = (0..<Int(next() % 41)).map { _ in UInt8(truncatingIfNeeded: next()) }
            _ = d.feed(bytes)
        }
        _ = d.flush()
        #expect(!d.hasPartial)
        // An endless parameter run is dropped once it passes the longest sequence.
        var e = InputDecoder()
        _ = e.feed([0x1B, 0x5B] + [UInt8](repeating: 0x31, count: 100))
        #expect(!e.hasPartial)
        // Invalid UTF-8 and C1 controls are dropped, not typed.
        #expect(decode([0xFF, 0xC2, 0x9B, 0x41]) == [.key(.character("A"))])
    }
}
