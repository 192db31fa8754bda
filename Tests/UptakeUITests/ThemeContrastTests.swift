import Foundation
import Testing
@testable import UptakeUI

/// Every theme readable on a projector: WCAG contrast ratios computed from the theme files.
///
/// Colours are resolved as xterm draws them (its 16-colour and 256-colour palette;
/// `#rrggbb` as given). A role without its own background is drawn on the terminal's
/// default, taken here as black with light grey text (the built-in themes other
/// than light are for dark terminals; light sets every background itself). A pair
/// where both colours are the terminal's default is the terminal's own choice and is
/// not measured (the monochrome theme is all defaults, attributes only).
@Suite struct ThemeContrastTests {
    static let themeDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    /// Roles drawn as graphics, not text: 3:1 is enough (WCAG 1.4.11).
    static let graphics: Set<Theme.Role> = [.border, .barFill, .whisker]

    /// xterm's RGB for a colour; nil for the terminal default.
    static func rgb(_ c: Color) -> (Double, Double, Double)? {
        func v(_ r: Int, _ g: Int, _ b: Int) -> (Double, Double, Double) { (Double(r), Double(g), Double(b)) }
        let basic = [v(0, 0, 0), v(205, 0, 0), v(0, 205, 0), v(205, 205, 0), v(0, 0, 238), v(205, 0, 205), v(0, 205, 205), v(229, 229, 229),
                     v(127, 127, 127), v(255, 0, 0), v(0, 255, 0), v(255, 255, 0), v(92, 92, 255), v(255, 0, 255), v(0, 255, 255), v(255, 255, 255)]
        func indexed(_ n: Int) -> (Double, Double, Double) {
            if n < 16 { return basic[n] }
            if n >= 232 { let g = 8 + 10 * (n - 232); return v(g, g, g) }
            let levels = [0, 95, 135, 175, 215, 255], i = n - 16
            return v(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
        switch c {
        case .terminalDefault: return nil
        case .ansi(let n): return indexed(Int(n))
        case .indexed(let n): return indexed(Int(n))
        case .rgb(let r, let g, let b): return v(Int(r), Int(g), Int(b))
        }
    }

    /// WCAG relative luminance.
    static func luminance(_ c: (Double, Double, Double)) -> Double {
        func lin(_ x: Double) -> Double { let s = x / 255; return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    static func ratio(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// Every role's (foreground on background) ratio, or nil where both are the terminal's default.
    static func pairs(_ theme: Theme) -> [(role: Theme.Role, ratio: Double)] {
        Theme.Role.allCases.compactMap { role in
            let s = theme[role]
            guard s.foreground != .terminalDefault || s.background != .terminalDefault else { return nil }
            let fg = rgb(s.foreground) ?? (229, 229, 229), bg = rgb(s.background) ?? (0, 0, 0)
            return (role, ratio(fg, bg))
        }
    }

    @Test func theIssuesFigure() {
        // Bright red on black, as the issue measured it: 5.25:1.
        #expect(abs(Self.ratio((255, 0, 0), (0, 0, 0)) - 5.25) < 0.01)
    }

    @Test(arguments: ["dark", "light", "high-contrast", "okabe-ito", "monochrome"])
    func contrast(_ name: String) throws {
        let theme = try Theme.load(path: Self.themeDirectory.appendingPathComponent(name + ".toml").path)
        for (role, r) in Self.pairs(theme) {
            let needed = Self.graphics.contains(role) ? 3.0 : (name == "high-contrast" ? 7.0 : 4.5)
            #expect(r >= needed, "\(name) \(role.rawValue): \(String(format: "%.2f", r)):1, needs \(needed):1")
        }
    }
}
