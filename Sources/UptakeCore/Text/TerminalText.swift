import CByteScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text as a terminal will show it: safe (no control characters) and measured in columns.
///
/// Everything that comes from data files passes through `sanitize` before it can
/// reach the screen, so a hostile CSV cell can never clear the screen, set the
/// window title or write the clipboard (OSC 52). Widths are counted per grapheme
/// cluster so that CJK names and emoji keep table borders aligned.
public enum TerminalText {

    // MARK: - Sanitising

    /// Replaces every control, C1 and bidi-control scalar with a visible stand-in, for one-line contexts.
    ///
    /// C0 controls (U+0000–U+001F, including TAB and newline) become the Unicode
    /// Control Pictures (ESC → ␛, BEL → ␇), DEL becomes ␡, and C1 controls
    /// (U+0080–U+009F) and bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E,
    /// U+200F, U+061C) become U+FFFD. Because ESC and CSI never survive, no escape
    /// sequence can start. Input without such a scalar is returned unchanged after
    /// a byte scan, since this runs over every string of a dataset.
    public static func sanitize(_ s: String) -> String {
        guard mayNeedSanitizing(s) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            out.append(replacement(for: scalar) ?? scalar)
        }
        return String(out)
    }

    /// Like `sanitize`, but keeps line breaks, for multi-line text such as notes and case studies.
    ///
    /// `\n` is kept, `\r\n` becomes `\n`, and TAB becomes four spaces (tab stops
    /// cannot be honoured once text is re-wrapped, so a fixed indent is the
    /// predictable choice). A lone `\r` is shown as ␍.
    public static func sanitizeMultiline(_ s: String) -> String {
        guard mayNeedSanitizing(s) else { return s }
        var out = String.UnicodeScalarView()
        var pendingCR = false
        for scalar in s.unicodeScalars {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { out.append("\n"); continue }
                out.append("\u{240D}")
            }
            switch scalar {
            case "\n": out.append("\n")
            case "\r": pendingCR = true
            case "\t": out.append(contentsOf: "    ".unicodeScalars)
            default: out.append(replacement(for: scalar) ?? scalar)
            }
        }
        if pendingCR { out.append("\u{240D}") }
        return String(out)
    }

    /// The last pass over a whole document bound for a terminal (the text and Markdown
    /// reports, `check`'s summary): line feeds stay, every other unsafe scalar is replaced.
    ///
    /// Each field is already sanitised where it is placed (so widths are measured on what is
    /// shown); this pass is the choke point that a new field cannot bypass. A document
    /// without an unsafe scalar comes back unchanged after one byte scan.
    public static func sanitizeDocument(_ s: String) -> String {
        let risky = s.withUTF8Bytes { bytes in
            bytes.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
        }
        guard risky else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            out.append(scalar == "\n" ? scalar : replacement(for: scalar) ?? scalar)
        }
        return String(out)
    }

    /// ``sanitizeDocument(_:)`` on the UTF-8 of a piece of a streamed document: the same bytes out.
    ///
    /// The pieces of a streamed report are cut at line ends, and the pass replaces scalar by
    /// scalar, so sanitising each piece gives the bytes of sanitising the whole. It decodes only
    /// the lead bytes an unsafe scalar can start with (as ``sanitizeDocument(_:)``'s scan), so
    /// the em dashes of a report's cells cost a look, not a rebuild; `bytes` must be valid UTF-8
    /// (it is the UTF-8 of strings).
    public static func sanitizeDocument(bytes: [UInt8]) -> [UInt8] {
        /// The byte length of the unsafe scalar that starts at `i`, or 0 when it is safe.
        @inline(__always) func unsafeLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
            let x = b[i]
            if x < 0x80 { return (x < 0x20 && x != 0x0A) || x == 0x7F ? 1 : 0 }
            guard i + 1 < b.count else { return 0 }
            switch x {
            case 0xC2: return b[i + 1] <= 0x9F ? 2 : 0                                 // C1 controls
            case 0xD8: return b[i + 1] == 0x9C ? 2 : 0                                 // U+061C
            case 0xE2:
                guard i + 2 < b.count else { return 0 }
                let v = 0x2000 | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
                return isBidiControl(v) || v == 0x2028 || v == 0x2029 ? 3 : 0
            default: return 0
            }
        }
        return bytes.withUnsafeBufferPointer { b -> [UInt8] in
            var first = -1
            var i = 0
            scan: while i < b.count {
                // Sixteen bytes at a time while none can begin an unsafe scalar (`uptake_risky16`, which reads the two
                // bytes after them too: a control other than a line feed, DEL, or a lead byte whose next bytes may make a
                // C1 control, U+061C or a bidirectional control), so line ends, dashes, arrows and signs pass too.
                if b.count - i >= 18, uptake_risky16(b.baseAddress! + i) == 0 {
                    i += 16
                    continue
                }
                // Eight bytes at a time while they are all printable ASCII (nearly every word).
                if b.count - i >= 8, ByteScan.isPrintableASCII(word: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                // A word with a line feed, a control or a byte of a multi-byte scalar: byte by byte.
                let end = min(i + 8, b.count)
                while i < end {
                    let x = b[i]
                    // Printable ASCII and line feeds, nearly every byte, with two comparisons.
                    if !(x >= 0x20 && x < 0x7F || x == 0x0A),
                       x < 0x80 || x == 0xC2 || x == 0xD8 || x == 0xE2, unsafeLength(b, i) > 0 {
                        first = i
                        break scan
                    }
                    i += 1
                }
            }
            guard first >= 0 else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 64)
            out.append(contentsOf: b[0..<first])
            i = first
            while i < b.count {
                let n = unsafeLength(b, i)
                if n == 0 {
                    out.append(b[i])
                    i += 1
                    continue
                }
                let stand: UInt32
                if n == 1 { stand = b[i] == 0x7F ? 0x2421 : 0x2400 + UInt32(b[i]) } else { stand = 0xFFFD }
                // Both stand-ins are three-byte scalars (U+2400–U+2421, U+FFFD).
                out.append(UInt8(0xE0 | (stand >> 12)))
                out.append(UInt8(0x80 | ((stand >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (stand & 0x3F)))
                i += n
            }
            return out
        }
    }

    /// True when `scalar` must never be written to a terminal as it is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        replacement(for: scalar) != nil
    }

    /// The visible stand-in for an unsafe scalar, or nil when the scalar is safe.
    @inline(__always)
    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v) }
        if v == 0x7F { return "\u{2421}" }
        if v < 0x80 { return nil }
        if v <= 0x9F { return "\u{FFFD}" }
        if isBidiControl(v) { return "\u{FFFD}" }
        // Line and paragraph separators would break a row as a newline does.
        if v == 0x2028 || v == 0x2029 { return "\u{FFFD}" }
        return nil
    }

    @inline(__always)
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Byte scan: false means the string certainly holds no unsafe scalar.
    ///
    /// C1 controls are encoded with lead byte 0xC2, U+061C with 0xD8 and the
    /// other bidi controls with 0xE2; any of those sends us to the exact scalar check.
    @inline(__always)
    static func mayNeedSanitizing(_ s: String) -> Bool {
        s.withUTF8Bytes { bytes in
            for b in bytes where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2 {
                return true
            }
            return false
        }
    }

    // MARK: - Width

    /// Display columns of the whole string, summed per grapheme cluster.
    ///
    /// Measures text as it will look after `sanitize` (each control counts as
    /// its one-column picture), so raw and sanitised text measure the same.
    public static func width(_ s: String) -> Int {
        let asciiCount: Int? = s.withUTF8Bytes { bytes in
            for b in bytes where b >= 0x80 { return nil }
            return bytes.count
        }
        if let asciiCount { return asciiCount }
        var total = 0
        for c in s { total += width(of: c) }
        return total
    }

    /// Display columns of one grapheme cluster: 0, 1 or 2 (more for a control cluster such as CR LF).
    ///
    /// - East Asian Wide/Fullwidth bases (CJK, kana, Hangul, fullwidth forms) are 2.
    /// - Emoji presentation is 2: a base with Emoji_Presentation, any cluster
    ///   holding VS16 (U+FE0F), regional-indicator pairs, ZWJ sequences and
    ///   emoji-modifier (skin tone) sequences.
    /// - Combining marks, ZWSP/ZWNJ/ZWJ, variation selectors and other Mn/Me/Cf
    ///   scalars are 0 on their own; inside a cluster the base decides.
    ///
    /// Decision: a text-presentation emoji followed by VS16 (e.g. "❤️" =
    /// U+2764 U+FE0F) counts 2. This is exactly where `wcwidth` (which says 1,
    /// looking at U+2764 alone) and grapheme-aware terminals (kitty, WezTerm,
    /// iTerm2, Windows Terminal, recent VTE; they draw 2) disagree. We follow the
    /// terminals that draw the emoji, and on a `wcwidth` terminal the cost is
    /// one spare column of padding, never a border pushed out of line.
    public static func width(of c: Character) -> Int {
        let scalars = c.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next() else { return 0 }
        guard let second = it.next() else { return scalarWidth(first) }
        // A cluster with several scalars.
        if scalars.contains(where: { replacement(for: $0) != nil }) {
            // e.g. CR LF: measure what sanitize will show.
            return width(sanitize(String(c)))
        }
        if first.value < 0x80 && second.value != 0xFE0F && !scalars.contains("\u{FE0F}") {
            return 1  // e.g. "e" + U+0301
        }
        var sawEmojiBase = first.properties.isEmoji && first.value >= 0xA9
        for s in scalars {
            switch s.value {
            case 0xFE0F: return 2                          // VS16: emoji presentation requested
            case 0x1F3FB...0x1F3FF where sawEmojiBase: return 2  // skin tone modifier
            case 0x200D where sawEmojiBase: return 2       // ZWJ emoji sequence
            case 0x1F1E6...0x1F1FF: sawEmojiBase = true     // regional indicators pair
            default: break
            }
        }
        let base = scalarWidth(first)
        // A cluster whose first scalar is zero-width (a stray mark): use the widest member.
        if base == 0 { return scalars.map(scalarWidth).max() ?? 0 }
        return base
    }

    /// Display columns of a lone scalar.
    @inline(__always)
    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return 1 }  // ASCII, Latin-1 (controls show as 1-column pictures)
        if isBidiControl(v) { return 1 }  // shown as U+FFFD
        if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul medial vowels / final consonants
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isEastAsianWide(v) { return 2 }
        if s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Width W or F (UAX #11), as explicit ranges: Foundation-free and stable.
    @inline(__always)
    static func isEastAsianWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        switch v {
        case 0x1100...0x115F,  // Hangul Jamo leading consonants
             0x2329...0x232A,  // angle brackets
             0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
             0x3041...0x33FF,  // kana, bopomofo, Hangul compat jamo, kanbun, CJK strokes, enclosed/compat
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA000...0xA4CF,  // Yi
             0xA960...0xA97F,  // Hangul Jamo extended A
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE10...0xFE19,  // vertical forms
             0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
             0xFF00...0xFF60,  // fullwidth forms
             0xFFE0...0xFFE6,  // fullwidth signs
             0x16FE0...0x18DFF,  // Tangut, Khitan, ideographic symbols
             0x1AFF0...0x1B2FF,  // kana supplement/extended, Nushu
             0x1F200...0x1F2FF,  // enclosed ideographic supplement
             0x20000...0x2FFFD,  // CJK extensions B–F
             0x30000...0x3FFFD:  // CJK extension G+
            return true
        default:
            return false
        }
    }

    // MARK: - Fitting

    /// Cuts `s` to at most `toWidth` columns, ending with `ellipsis` when anything was cut.
    ///
    /// Never splits a grapheme cluster. A wide character that would straddle the
    /// limit is dropped, so the result may be one column narrower than asked
    /// (callers that need an exact width use `pad`). When even the ellipsis does
    /// not fit, as much of the ellipsis as fits is returned, so a cut is still visible.
    public static func truncate(_ s: String, toWidth: Int, ellipsis: String = "…") -> String {
        guard toWidth > 0 else { return "" }
        if width(s) <= toWidth { return s }
        let ellipsisWidth = width(ellipsis)
        if ellipsisWidth > toWidth { return prefix(ellipsis, width: toWidth) }
        return prefix(s, width: toWidth - ellipsisWidth) + ellipsis
    }

    /// Truncates `s` to `toWidth` columns and pads it with spaces to exactly `toWidth`.
    ///
    /// The one function for fixed-width columns: the result is always exactly
    /// `toWidth` columns wide (for `toWidth >= 0`).
    public static func pad(_ s: String, toWidth: Int, alignment: Alignment) -> String {
        guard toWidth > 0 else { return "" }
        let cut = truncate(s, toWidth: toWidth)
        let gap = toWidth - width(cut)
        guard gap > 0 else { return cut }
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// The longest leading run of whole graphemes that fits in `width` columns.
    public static func prefix(_ s: String, width limit: Int) -> String {
        var used = 0
        var end = s.startIndex
        for i in s.indices {
            let w = width(of: s[i])
            if used + w > limit { break }
            used += w
            end = s.index(after: i)
        }
        return String(s[..<end])
    }
}

/// Byte scans a word (eight bytes) at a time, for the passes over whole reports.
enum ByteScan {
    /// True when all eight bytes of `w` are printable ASCII (space to `~`).
    ///
    /// A byte below space borrows in `w - 0x20…20` where its own high bit is clear; a byte at
    /// or above DEL (0x7F) has its high bit set in `w` or in `w + 0x01…01`. A carry or borrow can
    /// only start at a byte that is already caught, so the answer for the word is exact.
    @inline(__always)
    static func isPrintableASCII(word w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (w &- 0x20 &* ones) & ~w & highs
        let delOrAbove = (w | (w &+ ones)) & highs
        return belowSpace | delOrAbove == 0
    }

    /// True when every byte of `buffer` is printable ASCII (space to `~`).
    static func isPrintableASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        all(buffer, word: { isPrintableASCII(word: $0) }, byte: { $0 >= 0x20 && $0 < 0x7F })
    }

    /// True when every byte of `buffer` is ASCII (below 0x80): bytes that are valid UTF-8 as they stand.
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        all(buffer, word: { $0 & 0x8080_8080_8080_8080 == 0 }, byte: { $0 < 0x80 })
    }

    /// True when `word` holds for every eight bytes of `buffer` (loaded unaligned) and `byte` for each of the last few.
    @inline(__always)
    private static func all(_ buffer: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let n = buffer.count
        var i = 0
        while n - i >= 8 {
            if !word(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { return false }
            i += 8
        }
        while i < n {
            if !byte(base[i]) { return false }
            i += 1
        }
        return true
    }
}

extension ByteScan {
    /// True when the `count` bytes at `a` and at `b` are the same: eight at a time, the last eight overlapping the
    /// ones before, for the short names the loader compares on every row (a call to `memcmp` each cost more than
    /// the comparison); `memcmp` beyond 64 bytes.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count n: Int) -> Bool {
        if n < 8 {
            for i in 0..<n where a[i] != b[i] { return false }
            return true
        }
        guard n <= 64 else { return memcmp(a, b, n) == 0 }
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        var i = 0
        while i < n - 8 {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    /// `bytes` as a string, or nil when they are not valid UTF-8.
    ///
    /// ASCII bytes (checked a word at a time) are decoded as they stand. Other bytes are decoded and compared with
    /// the result: decoding replaces invalid UTF-8 with U+FFFD, so the string holds the same bytes exactly when
    /// they were valid (`String(validating:)` is generic and looks up type metadata on every call: for the
    /// 150,000 names of a million-row file, 5% of the load's serial finish).
    static func string(validatingUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var s = String(decoding: bytes, as: UTF8.self)
        if isASCII(bytes) { return s }
        return s.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 } ? s : nil
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place when it is stored contiguously (a native string
    /// is): `withUTF8` needs a `var` copy of the string, retained and released on every call.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }

    /// ``withUTF8Bytes(_:)`` for a body that returns nothing, not generic, so the body is inlined where it is called:
    /// for the report writers' text fields (the CSV report's, the JSON report's strings), where the generic one made
    /// each field a closure thunk (2% more instructions for the CSV report). Not an overload: the text tables' bodies,
    /// which append to arrays, measured 4% slower through this one.
    @inline(__always)
    func readUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if utf8.withContiguousStorageIfAvailable(body) == nil {
            var copy = self
            copy.withUTF8(body)
        }
    }
}

extension ByteScan {
    /// What a run of bytes holds that the report writers must treat specially.
    struct Classes: OptionSet {
        let rawValue: UInt8
        /// A byte that is not printable ASCII (a control, DEL, or part of a multi-byte scalar).
        static let notPrintable = Classes(rawValue: 1)
        /// An ASCII character that ``Swift/String/markdownEscaped`` backslash-escapes.
        static let markdownSpecial = Classes(rawValue: 2)
    }

    /// Each byte's ``Classes``, made once (never freed: it lives as long as the program).
    nonisolated(unsafe) private static let table: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            let byte = UInt8(truncatingIfNeeded: b)
            var c: UInt8 = 0
            if byte < 0x20 || byte >= 0x7F { c |= Classes.notPrintable.rawValue }
            if ByteFormat.isMarkdownSpecial(byte) { c |= Classes.markdownSpecial.rawValue }
            t[b] = c
        }
        return UnsafePointer(t)
    }()

    /// The classes of every byte of `buffer` together, in one pass without a branch per byte.
    static func classes(_ buffer: UnsafeBufferPointer<UInt8>) -> Classes {
        guard let base = buffer.baseAddress else { return [] }
        let t = table, n = buffer.count
        var a: UInt8 = 0, b: UInt8 = 0
        var i = 0
        // Sixteen bytes a step by vector comparisons (`uptake_classes16` answers with the same two bits), then the table.
        var vector: UInt32 = 0
        while n - i >= 16 {
            vector |= uptake_classes16(base + i)
            i += 16
        }
        a = UInt8(truncatingIfNeeded: vector)
        while n - i >= 4 {
            a |= t[Int(base[i])] | t[Int(base[i + 1])]
            b |= t[Int(base[i + 2])] | t[Int(base[i + 3])]
            i += 4
        }
        while i < n {
            a |= t[Int(base[i])]
            i += 1
        }
        return Classes(rawValue: a | b)
    }
}
