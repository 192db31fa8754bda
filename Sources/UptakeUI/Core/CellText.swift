import UptakeCore

/// Byte-level shortcuts for the text that fills nearly every frame, so the hot paths skip grapheme segmentation.
///
/// "Simple" text is text where every scalar is its own grapheme, one column
/// wide, and safe as it is: ASCII without controls, Latin-1, Greek, general
/// punctuation, arrows, maths operators, control pictures, box drawing, blocks
/// and geometric shapes (minus the two with emoji presentation), `✓` and U+FFFD.
/// For such text `TerminalText.width` is the scalar count and `sanitize` is the
/// identity, which `CellTextTests` checks scalar by scalar. Anything else takes
/// the general path through `TerminalText`.
public enum CellText {
    /// True when `scalar` is one column, never joins a neighbour into a cluster, and needs no sanitising.
    @inline(__always)
    /// True for the invisible joiners and format characters that never reach a terminal inside a cell:
    /// ZWSP, ZWNJ, ZWJ (U+200B–U+200D), word joiner (U+2060) and the BOM / ZWNBSP (U+FEFF).
    public static func isJoiner(_ v: UInt32) -> Bool {
        (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF
    }

    /// A cluster as a cell stores it: trailing joiners dropped (a ZWJ at the end of a field joins
    /// nothing inside the cell, and on a terminal it could join the next cell's character).
    static func cellGrapheme(_ c: Character) -> String {
        guard let last = c.unicodeScalars.last, isJoiner(last.value) else { return String(c) }
        var scalars = Array(c.unicodeScalars)
        while let l = scalars.last, isJoiner(l.value), scalars.count > 1 { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    static func isSimpleScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x20 && v != 0x7F }
        if v < 0x300 { return v >= 0xA0 }
        if v < 0x2000 { return v >= 0x370 && v <= 0x3FF }
        switch v {
        case 0x2010...0x2027, 0x2030...0x205E,  // dashes, quotes, bullet, ellipsis, primes
             0x2190...0x21FF, 0x2200...0x22FF,  // arrows, mathematical operators (− U+2212)
             0x2400...0x2426,                   // control pictures (what sanitize shows)
             0x2500...0x25FC,                   // box drawing, blocks, geometric shapes
             0x2713, 0xFFFD:                    // ✓, replacement character
            return true
        default:
            return false
        }
    }

    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// True when every scalar of the UTF-8 `bytes` is simple (see the type's documentation).
    @inline(__always)
    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { return false }
                i += 1
                continue
            }
            if b >= 0xF0 { return false }
            let (v, length) = decode(bytes, at: i)
            if !isSimpleScalar(v) { return false }
            i += length
        }
        return true
    }

    /// The width of `s` in columns when it is simple text (its scalar count), else nil.
    @inline(__always)
    static func simpleWidth(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { bytes -> Int? in
            var i = 0, count = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if b < 0x20 || b == 0x7F { return nil }
                    i += 1
                } else {
                    if b >= 0xF0 { return nil }
                    let (v, length) = decode(bytes, at: i)
                    if !isSimpleScalar(v) { return nil }
                    i += length
                }
                count += 1
            }
            return count
        }
    }

    /// Display width: the scalar count for simple text, else `TerminalText.width`.
    @inline(__always)
    static func width(_ s: String) -> Int { simpleWidth(s) ?? TerminalText.width(s) }

    /// `s` cut to `toWidth` columns with `ellipsis`, and its width; simple text is cut without segmentation.
    static func truncate(_ s: String, toWidth: Int, ellipsis: String) -> (text: String, width: Int) {
        guard toWidth > 0 else { return ("", 0) }
        if let w = simpleWidth(s) {
            if w <= toWidth { return (s, w) }
            let e = width(ellipsis)
            if e <= toWidth, simpleWidth(ellipsis) != nil {
                // One scalar per column: keep the first toWidth - e scalars.
                let kept = String(String.UnicodeScalarView(s.unicodeScalars.prefix(toWidth - e))) + ellipsis
                return (kept, toWidth)
            }
        }
        let cut = TerminalText.truncate(TerminalText.sanitize(s), toWidth: toWidth, ellipsis: ellipsis)
        return (cut, TerminalText.width(cut))
    }
}
