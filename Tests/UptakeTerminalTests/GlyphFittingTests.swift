import Testing
@testable import UptakeTerminal

@Suite struct GlyphFittingTests {
    /// A stand-in for glibc's wcwidth in a UTF-8 locale, so the test does not depend on the locale.
    static func columns(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x300...0x36F, 0x200D, 0xFE0F: 0
        case 0x4E00...0x9FFF, 0x1F300...0x1FAFF: 2
        default: 1
        }
    }

    func fit(_ grapheme: String, _ width: UInt8, unicode: Bool = true) -> FittedGlyph {
        FittedGlyph.fit(grapheme, width: width, unicode: unicode, columns: Self.columns)
    }

    @Test func plainAndWide() {
        #expect(fit("a", 1) == FittedGlyph(scalars: ["a"], padsRightHalf: false))
        #expect(fit("健", 2) == FittedGlyph(scalars: ["健"], padsRightHalf: false))
        #expect(fit("😀", 2) == FittedGlyph(scalars: ["😀"], padsRightHalf: false))
        #expect(fit("", 1) == FittedGlyph(scalars: [" "], padsRightHalf: false))
    }

    @Test func combiningMarksKept() {
        #expect(fit("e\u{301}", 1) == FittedGlyph(scalars: ["e", "\u{301}"], padsRightHalf: false))
    }

    @Test func emojiSelectorOnNarrowBaseIsPadded() {
        #expect(fit("\u{2764}\u{FE0F}", 2) == FittedGlyph(scalars: ["\u{2764}"], padsRightHalf: true))
    }

    @Test func zwjSequenceKeepsFirstCharacter() {
        // Woman health worker: woman, ZWJ, staff of Aesculapius, VS16.
        #expect(fit("\u{1F469}\u{200D}\u{2695}\u{FE0F}", 2) == FittedGlyph(scalars: ["\u{1F469}"], padsRightHalf: false))
    }

    @Test func disagreementsFallBack() {
        #expect(fit("健", 1) == FittedGlyph(scalars: ["?"], padsRightHalf: false))
        #expect(fit("\u{7}", 1) == FittedGlyph(scalars: ["?"], padsRightHalf: false))
    }

    @Test func asciiLocale() {
        #expect(fit("健", 2, unicode: false) == FittedGlyph(scalars: ["?"], padsRightHalf: true))
        #expect(fit("─", 1, unicode: false) == FittedGlyph(scalars: ["?"], padsRightHalf: false))
        #expect(fit("+", 1, unicode: false) == FittedGlyph(scalars: ["+"], padsRightHalf: false))
    }

    /// Issue 14: joiners are never handed to the terminal, so it cannot join a cell with the next one.
    @Test func joinersAreNeverSent() {
        #expect(fit("e\u{200D}", 1) == FittedGlyph(scalars: ["e"], padsRightHalf: false))
        #expect(fit("e\u{0301}\u{200D}", 1) == FittedGlyph(scalars: ["e", "\u{0301}"], padsRightHalf: false))
        #expect(fit("a\u{2060}\u{FEFF}", 1) == FittedGlyph(scalars: ["a"], padsRightHalf: false))
        #expect(fit("👩\u{200D}💻", 2) == FittedGlyph(scalars: ["👩"], padsRightHalf: false))
    }
}
