import UptakeUI

/// A colour as a curses colour number, after mapping a theme's ``Color`` down to a ``ColorDepth``.
///
/// Curses knows colours only as palette numbers: `-1` is the terminal's default
/// (with `use_default_colors`), 0-7 the basic ANSI colours, 8-15 their bright
/// variants and 16-255 the xterm cube and grey ramp. On an 8-colour terminal a
/// bright foreground becomes its base colour drawn bold, which is how such
/// terminals show bright text.
public struct PaletteColor: Hashable, Sendable {
    /// The curses colour number; `-1` is the terminal's default.
    public var index: Int16
    /// True when the colour needs the bold attribute to look bright (8-colour terminals only).
    public var needsBold: Bool

    /// Creates a palette colour.
    public init(index: Int16, needsBold: Bool = false) {
        self.index = index
        self.needsBold = needsBold
    }

    /// The terminal's own default colour.
    public static let terminalDefault = PaletteColor(index: -1)

    /// Maps `color` down to what a terminal of `depth` can show.
    ///
    /// 24-bit colours go to the nearest entry of the xterm cube or grey ramp,
    /// 256-colour entries to the nearest of the 16 ANSI colours, and bright ANSI
    /// colours to their base colour plus bold on 8-colour terminals.
    public static func mapping(_ color: Color, to depth: ColorDepth) -> PaletteColor {
        if depth == .none { return .terminalDefault }
        let index: Int
        switch color {
        case .terminalDefault:
            return .terminalDefault
        case .ansi(let n):
            index = Int(n)
        case .indexed(let n):
            index = Int(n)
        case .rgb(let r, let g, let b):
            index = XtermPalette.nearestIndex(red: r, green: g, blue: b)
        }
        switch depth {
        case .none:
            return .terminalDefault
        case .indexed256:
            return PaletteColor(index: Int16(index))
        case .ansi16:
            return PaletteColor(index: Int16(XtermPalette.nearestANSI16(index: index)))
        case .ansi8:
            let ansi = XtermPalette.nearestANSI16(index: index)
            return ansi >= 8 ? PaletteColor(index: Int16(ansi - 8), needsBold: true) : PaletteColor(index: Int16(ansi))
        }
    }
}

/// The xterm 256-colour palette: the 6×6×6 cube, the grey ramp and the usual values of the 16 ANSI colours.
enum XtermPalette {
    /// The six channel levels of the xterm colour cube (indices 16-231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB values of the 16 ANSI colours; terminals vary, this is the usual reference.
    static let ansi16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of a palette entry 0-255.
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        switch index {
        case ..<16:
            return ansi16[max(0, index)]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    /// The nearest entry of the cube (16-231) or grey ramp (232-255).
    ///
    /// Entries 0-15 are skipped on purpose: their real colours depend on the
    /// terminal's theme, while the cube and ramp are fixed.
    static func nearestIndex(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let (r, g, b) = (Int(red), Int(green), Int(blue))
        func level(_ v: Int) -> Int {
            // Nearest of 0, 95, 135, 175, 215, 255.
            var best = 0
            for i in 1..<cubeLevels.count where abs(cubeLevels[i] - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let average = (r + g + b) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 232 + greyStep
        return distance(rgb(ofIndex: grey), (r, g, b)) < distance(rgb(ofIndex: cube), (r, g, b)) ? grey : cube
    }

    /// The nearest of the 16 ANSI colours to a palette entry; 0-15 map to themselves.
    static func nearestANSI16(index: Int) -> Int {
        if index < 16 { return max(0, index) }
        let target = rgb(ofIndex: index)
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<16 {
            let d = distance(ansi16[candidate], target)
            if d < bestDistance {
                best = candidate
                bestDistance = d
            }
        }
        return best
    }

    /// Squared Euclidean distance in RGB.
    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
