import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UptakeUI

extension CursesTerminal {
    /// Shows `buffer`, sending only the cells that differ from the previous frame.
    ///
    /// Everything is drawn after a resize or when the buffer's size differs from
    /// the last one. Cells outside the terminal are clipped; a wide cell that
    /// would straddle the right edge is drawn as a blank.
    public func draw(_ buffer: Buffer) {
        guard let window, !isShutDown else { return }
        var previous = previousFrame?.cells
        if needsFullRedraw {
            werase(window)
            clearok(uptake_curscr(), true)
            previous = nil
            needsFullRedraw = false
        } else if let old = previousFrame, old.width != buffer.width || old.height != buffer.height {
            werase(window)
            previous = nil
        }
        let columns = min(buffer.width, Int(getmaxx(window)))
        let rows = min(buffer.height, Int(getmaxy(window)))
        for index in FrameDiff.cellsToDraw(previous: previous, current: buffer.cells, width: buffer.width) {
            let x = index % buffer.width
            let y = index / buffer.width
            guard x < columns, y < rows else { continue }
            put(buffer.cells[index], x: x, y: y, columns: columns, in: window)
        }
        previousFrame = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes one cell (and the blank right half of a narrowed wide cell).
    func put(_ cell: Cell, x: Int, y: Int, columns: Int, in window: UnsafeMutablePointer<WINDOW>) {
        let rendition = rendition(for: cell.style)
        let fitsWide = x + 1 < columns
        let glyph: FittedGlyph
        if cell.width == 2, !fitsWide {
            glyph = FittedGlyph(scalars: [" "], padsRightHalf: false)
        } else {
            glyph = FittedGlyph.fit(cell.grapheme, width: cell.width, unicode: isUTF8) { scalar in
                Int(uptake_wcwidth(wchar_t(bitPattern: scalar.value)))
            }
        }
        place(glyph.scalars, rendition: rendition, x: x, y: y, in: window)
        if glyph.padsRightHalf, fitsWide {
            place([" "], rendition: rendition, x: x + 1, y: y, in: window)
        }
    }

    /// Places characters as one complex character at a position.
    func place(_ scalars: [Unicode.Scalar], rendition: Rendition, x: Int, y: Int, in window: UnsafeMutablePointer<WINDOW>) {
        var characters = scalars.map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var complex = cchar_t()
        guard setcchar(&complex, characters, rendition.attributes, rendition.pair, nil) == OK else { return }
        // Writing the bottom-right cell returns ERR (the cursor cannot advance) but still draws it.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    /// The curses attributes and colour pair for a style, mapped to ``colorDepth`` once and cached.
    func rendition(for style: Style) -> Rendition {
        if let known = renditions[style] { return known }
        var attributes = uptake_A_NORMAL()
        if style.attributes.contains(.bold) { attributes |= uptake_A_BOLD() }
        if style.attributes.contains(.dim) { attributes |= uptake_A_DIM() }
        if style.attributes.contains(.underline) { attributes |= uptake_A_UNDERLINE() }
        if style.attributes.contains(.reverse) { attributes |= uptake_A_REVERSE() }
        if style.attributes.contains(.italic) { attributes |= uptake_A_ITALIC() }
        let (foreground, background) = PaletteColor.pair(foreground: style.foreground, background: style.background, to: colorDepth)
        if foreground.needsBold { attributes |= uptake_A_BOLD() }
        let result = Rendition(attributes: attributes, pair: pair(foreground: foreground.index, background: background.index))
        renditions[style] = result
        return result
    }

    /// The colour pair for two colour numbers, allocated on first use.
    ///
    /// Pair 0 is the default colours. When the terminal's pairs run out, later
    /// combinations fall back to pair 0 rather than recycling pairs already on screen.
    func pair(foreground: Int16, background: Int16) -> Int16 {
        guard colorDepth != .none else { return 0 }
        var key = ColorPairKey(foreground: foreground, background: background)
        if key.foreground == -1, key.background == -1 { return 0 }
        if !hasDefaultColors {
            // Without use_default_colors, -1 is not a colour: use the classic white on black.
            if key.foreground == -1 { key.foreground = Int16(COLOR_WHITE) }
            if key.background == -1 { key.background = Int16(COLOR_BLACK) }
        }
        if let known = pairs[key] { return known }
        guard nextPair <= maximumPair else { return 0 }
        let number = nextPair
        guard init_pair(number, key.foreground, key.background) == OK else { return 0 }
        nextPair += 1
        pairs[key] = number
        return number
    }
}
