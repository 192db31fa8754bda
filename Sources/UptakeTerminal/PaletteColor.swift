import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

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

// MARK: - Readable pairs

extension PaletteColor {
    /// The least contrast (WCAG ratio) a foreground keeps against its background at any colour depth.
    public static let minimumContrast = 3.0

    /// A style's two colours mapped to `depth`, the foreground moved where it would not be readable.
    ///
    /// Mapping each colour on its own loses contrast on small palettes: a grey
    /// border becomes "bright black", drawn as bold black on an 8-colour
    /// terminal, which is invisible on its black background (issue 12). Here a
    /// foreground whose mapped colour has less than ``minimumContrast`` against
    /// the mapped background is replaced by the nearest colour of that depth
    /// which has enough. Bold is not counted on as brightening (many terminals
    /// draw bold in the same colour). The terminal's default background is
    /// taken to be black, the one uptake's dark themes are made for; a default
    /// foreground is left to the terminal.
    public static func pair(foreground: Color, background: Color, to depth: ColorDepth) -> (foreground: PaletteColor, background: PaletteColor) {
        let fg = mapping(foreground, to: depth)
        var bg = mapping(background, to: depth)
        guard depth != .none else { return (fg, bg) }
        // A background asked for (a selection, a tab) but mapped onto black would vanish into the screen.
        if bg.index == 0, background != .terminalDefault, XtermPalette.luminance(requestedRGB(background)) > 0.02 {
            var candidates = XtermPalette.candidates(for: depth).filter { $0 != 0 }
            // A dark grey bar stays a grey (white on 8 colours), not the red that is as near in RGB.
            if XtermPalette.isGrey(requestedRGB(background)) { candidates = candidates.filter { XtermPalette.isGrey(XtermPalette.rgb(ofIndex: $0)) } }
            bg = PaletteColor(index: Int16(XtermPalette.nearest(to: requestedRGB(background), among: candidates)))
        }
        guard fg.index >= 0 else { return (fg, bg) }
        let backRGB = bg.index < 0 ? (0, 0, 0) : XtermPalette.rgb(ofIndex: Int(bg.index))
        if XtermPalette.contrast(XtermPalette.rgb(ofIndex: Int(fg.index)), backRGB) >= minimumContrast { return (fg, bg) }
        let wanted = requestedRGB(foreground)
        var readable = XtermPalette.candidates(for: depth).filter {
            XtermPalette.contrast(XtermPalette.rgb(ofIndex: $0), backRGB) >= minimumContrast
        }
        // A grey stays a grey (a grey border must not turn yellow because yellow is nearer in RGB).
        let greys = readable.filter { XtermPalette.isGrey(XtermPalette.rgb(ofIndex: $0)) }
        if XtermPalette.isGrey(wanted), !greys.isEmpty { readable = greys }
        guard !readable.isEmpty else { return (fg, bg) }
        return (PaletteColor(index: Int16(XtermPalette.nearest(to: wanted, among: readable))), bg)
    }

    /// The RGB a theme asked for (palette entries at xterm's usual values).
    static func requestedRGB(_ color: Color) -> (Int, Int, Int) {
        switch color {
        case .terminalDefault: return (0, 0, 0)
        case .ansi(let n): return XtermPalette.rgb(ofIndex: Int(n))
        case .indexed(let n): return XtermPalette.rgb(ofIndex: Int(n))
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        }
    }
}

extension XtermPalette {
    /// The palette entries a terminal of `depth` can draw without bold: 0-7, 0-15, or the fixed cube and ramp (16-255).
    static func candidates(for depth: ColorDepth) -> [Int] {
        switch depth {
        case .none: return []
        case .ansi8: return Array(0..<8)
        case .ansi16: return Array(0..<16)
        case .indexed256: return Array(16..<256)
        }
    }

    /// The entry of `candidates` nearest to `target`.
    static func nearest(to target: (Int, Int, Int), among candidates: [Int]) -> Int {
        candidates.min { distance(rgb(ofIndex: $0), target) < distance(rgb(ofIndex: $1), target) } ?? 0
    }

    /// True for a colour without hue (black, greys, white).
    static func isGrey(_ c: (Int, Int, Int)) -> Bool { max(c.0, c.1, c.2) - min(c.0, c.1, c.2) < 24 }

    /// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
    static func luminance(_ c: (Int, Int, Int)) -> Double {
        func linear(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
    }

    /// WCAG contrast ratio of two colours, 1 (none) to 21 (black on white).
    static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
