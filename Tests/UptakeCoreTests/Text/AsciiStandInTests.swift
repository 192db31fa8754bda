import Testing
@testable import UptakeCore

/// The ASCII stand-ins keep meaning: no arrow becomes a comparison, no tick becomes a sign (issue 12).
@Suite struct AsciiStandInTests {
    @Test func arrowBetweenNumbersIsNotAComparison() {
        let s = "Reported +15.77% is consistent only through rounding: 30.8% → 35.6% gives +15.58%"
        let a = TerminalText.asciiFallback(s)
        #expect(a.contains("30.8% -> 35.6%"))
        #expect(!a.contains("% > "))
    }

    @Test func tickIsNotASign() {
        #expect(TerminalText.asciiFallback("yes ✓") == "yes *")
        #expect(TerminalText.asciiFallback("significant ✔") == "significant *")
    }

    @Test func comparisonsKeepTheirEquality() {
        #expect(TerminalText.asciiFallback("acceptable ≥70%") == "acceptable >=70%")
        #expect(TerminalText.asciiFallback("≤ 5") == "<= 5")
        #expect(TerminalText.asciiFallback("← back") == "<- back")
        #expect(TerminalText.asciiFallback("£229k") == "GBP 229k")
    }

    /// Every stand-in, one by one: ASCII, printable, no arithmetic or comparison sign where the original had none.
    @Test func everyStandInIsAuditedForMeaning() {
        let signs: Set<Character> = ["+", "=", "<", ">"]
        // The originals that are themselves comparisons or box corners (drawn only in borders and whiskers).
        let allowedSigns: Set<Character> = ["≥", "≤", "→", "⇒", "⟶", "←", "⇐", "⟵", "▶", "▸", "►", "◀", "◂", "◄",
                                            "┌", "┐", "└", "┘", "┏", "┓", "┗", "┛", "╔", "╗", "╚", "╝", "╭", "╮", "╯", "╰", "┼", "┬", "┴", "╋",
                                            "▅", "▄"]
        for (original, standIn) in TerminalText.asciiStandIns {
            #expect(!standIn.isEmpty)
            #expect(standIn.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }, "\(original)")
            let o = Character(original)
            if standIn.contains(where: { signs.contains($0) }) {
                #expect(allowedSigns.contains(o), "\(original) → \(standIn) reads as a sign")
            }
            // Same width unless it is one of the documented wider ones.
            if TerminalText.widenedStandIns.contains(o) {
                #expect(TerminalText.width(standIn) > 1)
            } else {
                #expect(TerminalText.width(standIn) == TerminalText.width(of: o), "\(original) → \(standIn)")
            }
        }
        #expect(TerminalText.widenedStandIns == ["≥", "≤", "→", "⇒", "⟶", "←", "⇐", "⟵", "£"])
        // Arrows that point somewhere are drawn as arrows, not as "greater than".
        for arrow in ["→", "⇒", "⟶"] { #expect(TerminalText.asciiFallback(arrow) == "->") }
    }
}
