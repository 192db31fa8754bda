import Testing
import UptakeUI
@testable import UptakeTerminal

@Suite struct PaletteColorTests {
    @Test func rgbMapsToNearestCubeOrGreyEntry() {
        #expect(XtermPalette.nearestIndex(red: 255, green: 0, blue: 0) == 196)
        #expect(XtermPalette.nearestIndex(red: 0, green: 0, blue: 0) == 16)
        #expect(XtermPalette.nearestIndex(red: 255, green: 255, blue: 255) == 231)
        #expect(XtermPalette.nearestIndex(red: 128, green: 128, blue: 128) == 244)  // grey ramp 8 + 10 * 12
        #expect(XtermPalette.nearestIndex(red: 0, green: 94, blue: 184) == 25)      // NHS blue #005EB8 -> (0, 95, 175)
        #expect(XtermPalette.nearestIndex(red: 0, green: 150, blue: 57) == 29)      // NHS green #009639 -> (0, 135, 95)
    }

    @Test func paletteEntriesHaveXtermValues() {
        #expect(XtermPalette.rgb(ofIndex: 25) == (0, 95, 175))
        #expect(XtermPalette.rgb(ofIndex: 231) == (255, 255, 255))
        #expect(XtermPalette.rgb(ofIndex: 232) == (8, 8, 8))
        #expect(XtermPalette.rgb(ofIndex: 255) == (238, 238, 238))
        #expect(XtermPalette.rgb(ofIndex: 9) == (255, 0, 0))
    }

    @Test func indexedMapsToNearestANSI16() {
        #expect(XtermPalette.nearestANSI16(index: 196) == 9)    // pure red -> bright red
        #expect(XtermPalette.nearestANSI16(index: 21) == 4)     // (0,0,255) -> blue (0,0,238)
        #expect(XtermPalette.nearestANSI16(index: 16) == 0)
        #expect(XtermPalette.nearestANSI16(index: 231) == 15)
        #expect(XtermPalette.nearestANSI16(index: 244) == 8)    // mid grey -> bright black
        #expect(XtermPalette.nearestANSI16(index: 5) == 5)      // ANSI entries map to themselves
    }

    @Test func depthMapping() {
        #expect(PaletteColor.mapping(.rgb(255, 0, 0), to: .indexed256) == PaletteColor(index: 196))
        #expect(PaletteColor.mapping(.rgb(255, 0, 0), to: .ansi16) == PaletteColor(index: 9))
        #expect(PaletteColor.mapping(.rgb(255, 0, 0), to: .ansi8) == PaletteColor(index: 1, needsBold: true))
        #expect(PaletteColor.mapping(.ansi(12), to: .ansi8) == PaletteColor(index: 4, needsBold: true))
        #expect(PaletteColor.mapping(.ansi(3), to: .ansi8) == PaletteColor(index: 3))
        #expect(PaletteColor.mapping(.ansi(12), to: .ansi16) == PaletteColor(index: 12))
        #expect(PaletteColor.mapping(.indexed(25), to: .indexed256) == PaletteColor(index: 25))
        #expect(PaletteColor.mapping(.indexed(25), to: .ansi16) == PaletteColor(index: 4))
        #expect(PaletteColor.mapping(.terminalDefault, to: .indexed256) == .terminalDefault)
        #expect(PaletteColor.mapping(.rgb(1, 2, 3), to: .none) == .terminalDefault)
    }

    @Test func colorDepthFromCursesColors() {
        #expect(CursesTerminal.colorDepth(colors: 256) == .indexed256)
        #expect(CursesTerminal.colorDepth(colors: 88) == .ansi16)
        #expect(CursesTerminal.colorDepth(colors: 16) == .ansi16)
        #expect(CursesTerminal.colorDepth(colors: 8) == .ansi8)
        #expect(CursesTerminal.colorDepth(colors: 2) == ColorDepth.none)
        #expect(CursesTerminal.colorDepth(colors: -1) == ColorDepth.none)
    }
}
