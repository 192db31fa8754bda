import Testing
import UptakeUI
@testable import UptakeTerminal

/// Every element of every theme stays visible at every colour depth (issue 12: bold black borders on black).
@Suite struct ThemeVisibilityTests {
    static let depths: [ColorDepth] = [.none, .ansi8, .ansi16, .indexed256]

    /// What the screen shows behind a colour: the terminal's default background is taken to be black.
    static func backgroundRGB(_ bg: PaletteColor) -> (Int, Int, Int) {
        bg.index < 0 ? (0, 0, 0) : XtermPalette.rgb(ofIndex: Int(bg.index))
    }

    @Test(arguments: Theme.builtIns.map(\.name))
    func everyRoleIsReadableAtEveryDepth(themeName: String) throws {
        let theme = try #require(Theme.builtIn(named: themeName))
        for depth in Self.depths {
            for role in Theme.Role.allCases {
                let style = theme[role]
                let (fg, bg) = PaletteColor.pair(foreground: style.foreground, background: style.background, to: depth)
                if depth == .none {
                    // No colour: the terminal's own pair, which is readable by definition.
                    #expect(fg == .terminalDefault && bg == .terminalDefault)
                    continue
                }
                // A default foreground is the terminal's light grey on its dark default background.
                let fore = fg.index < 0 ? XtermPalette.rgb(ofIndex: 7) : XtermPalette.rgb(ofIndex: Int(fg.index))
                if fg.index < 0 && bg.index < 0 { continue }
                let ratio = XtermPalette.contrast(fore, Self.backgroundRGB(bg))
                #expect(ratio >= PaletteColor.minimumContrast,
                        "\(themeName).\(role.rawValue) at \(depth): colour \(fg.index) on \(bg.index), contrast \(ratio)")
                // Bold is not relied on to make a colour visible.
                #expect(!(fg.needsBold && fg.index == bg.index) && !(fg.needsBold && fg.index == 0 && bg.index < 0),
                        "\(themeName).\(role.rawValue) at \(depth) is bold black on black")
                // A background the theme asks for is drawn, not lost in the black screen.
                if style.background != .terminalDefault, XtermPalette.luminance(PaletteColor.requestedRGB(style.background)) > 0.02 {
                    #expect(bg.index != 0 && bg.index != 16, "\(themeName).\(role.rawValue) background at \(depth) vanished")
                }
                // A grey background stays grey (the dark status bar once turned red on 8 colours).
                if style.background != .terminalDefault, XtermPalette.isGrey(PaletteColor.requestedRGB(style.background)), bg.index >= 0 {
                    #expect(XtermPalette.isGrey(XtermPalette.rgb(ofIndex: Int(bg.index))), "\(themeName).\(role.rawValue) background at \(depth) is \(bg.index)")
                }
            }
        }
    }

    /// Without colour the highlights that need a background use reverse video instead.
    @Test func monochromeMarksHighlightsWithoutColour() {
        for role in [Theme.Role.selection, .tabActive, .statusBar] {
            #expect(Theme.monochrome[role].attributes.contains(.reverse), "\(role)")
        }
    }

    /// The defect itself: dark's grey border and dim text were bold black on an 8-colour terminal.
    @Test func darkGreysAreNotBoldBlackOnEightColours() {
        for role in [Theme.Role.border, .dim] {
            let s = Theme.dark[role]
            let (fg, _) = PaletteColor.pair(foreground: s.foreground, background: s.background, to: .ansi8)
            #expect(fg.index != 0, "\(role)")
            #expect(fg.index == 7, "\(role): the nearest readable colour to grey is white")
        }
        // On 16 colours bright black is readable on black and is kept.
        let (dim16, _) = PaletteColor.pair(foreground: Theme.dark.dim.foreground, background: .terminalDefault, to: .ansi16)
        #expect(dim16.index == 8)
    }

    @Test func contrastOfKnownPairs() {
        #expect(abs(XtermPalette.contrast((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
        #expect(XtermPalette.contrast((0, 0, 0), (0, 0, 0)) == 1)
    }
}
