import UptakeUI

/// What to hand curses for one cell so that curses, the terminal and the buffer agree on its width.
///
/// The buffer measures graphemes; curses measures each character with the C
/// library's `wcwidth`. Where they disagree (an emoji with a variation selector,
/// a ZWJ sequence, a character the C library does not know) drawing the grapheme
/// as it is would shift the rest of the row, so it is simplified instead.
struct FittedGlyph: Equatable {
    /// The spacing character followed by its zero-width marks (at most four, curses' limit).
    var scalars: [Unicode.Scalar]
    /// True when a wide cell is drawn as one narrow character plus a blank in the right half.
    var padsRightHalf: Bool

    /// Fits `grapheme` into `width` columns (1 or 2).
    ///
    /// - Parameters:
    ///   - unicode: false in a non-UTF-8 locale, where anything beyond ASCII becomes `?`.
    ///   - columns: the width curses will use for one character (`wcwidth`).
    static func fit(_ grapheme: String, width: UInt8, unicode: Bool, columns: (Unicode.Scalar) -> Int) -> FittedGlyph {
        let wide = width >= 2
        let fallback = FittedGlyph(scalars: ["?"], padsRightHalf: wide)
        let all = Array(grapheme.unicodeScalars)
        guard let base = all.first else { return FittedGlyph(scalars: [" "], padsRightHalf: wide) }
        if !unicode, all.contains(where: { !$0.isASCII }) { return fallback }
        if base.value < 0x20 || base.value == 0x7F { return fallback }
        // Joiners and invisible format characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are never sent:
        // a terminal may join a trailing ZWJ with the next cell's character (a field ending in
        // U+200D swallowed the border after it), so the buffer's width and the screen's would part.
        var marks = all.dropFirst().filter { !CellText.isJoiner($0.value) }
        // Marks must be zero-width for curses; a ZWJ sequence keeps only its first character.
        if marks.count > 4 || marks.contains(where: { columns($0) != 0 }) { marks = [] }
        switch (columns(base), wide) {
        case (1, false), (2, true):
            return FittedGlyph(scalars: [base] + marks, padsRightHalf: false)
        case (1, true):
            // e.g. U+2764 U+FE0F: drop the emoji selector so the terminal draws it narrow, then pad.
            return FittedGlyph(scalars: [base] + marks.filter { $0.value != 0xFE0F }, padsRightHalf: true)
        default:
            return fallback
        }
    }
}
