import Foundation

/// Text as a search compares it, and the plain letter under an accented one.
///
/// A search matches what the screen shows: under `LANG=C` the dashboard draws "Ünïcode" as "Unicode"
/// (``TerminalText/asciiFallback(_:)``), so a filter typed as "unicode" must find it, and "ecole" must find
/// "École" whether its accent is one scalar (U+00C9) or two (E + U+0301). The fold is the lower case,
/// canonically decomposed (NFD), without its non-spacing marks: accents go, the letters under them stay,
/// and text with no such marks (健康, Łódź's Ł) is only lower-cased.
public enum TextFold {
    /// `text` lower-cased with its accents removed ("École" → "ecole").
    public static func folded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return withoutMarks(text.lowercased())
    }

    /// Appends the UTF-8 of `folded(text)` to `bytes`; ASCII text is copied and lowered in place.
    public static func appendFolded(_ text: String, to bytes: inout [UInt8]) {
        if !appendLowercasedIfASCII(text, to: &bytes) { bytes.append(contentsOf: withoutMarks(text.lowercased()).utf8) }
    }

    /// When `text` is all ASCII, appends its lower case to `bytes` (copied whole, then lowered in place: no per-byte
    /// append) and returns true; otherwise appends nothing and returns false. The fast path of every lower-casing
    /// into bytes (the search keys here, the dashboard's sort ranks).
    public static func appendLowercasedIfASCII(_ text: String, to bytes: inout [UInt8]) -> Bool {
        text.withUTF8Bytes { utf8 -> Bool in
            var any: UInt8 = 0
            for b in utf8 { any |= b }
            guard any < 0x80 else { return false }
            let start = bytes.count
            bytes.append(contentsOf: utf8)
            bytes.withUnsafeMutableBufferPointer { out in
                for k in start..<out.count where out[k] &- 0x41 < 26 { out[k] |= 0x20 }
            }
            return true
        }
    }

    /// The ASCII letter under `c` when `c` is one accented letter ("é", "E" + U+0301, "Ő" → "O"), keeping its case;
    /// nil for anything else (a letter with no decomposition, such as "Ł", a symbol, or an ASCII letter alone).
    public static func baseLetter(_ c: Character) -> Unicode.Scalar? {
        let scalars = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic, scalars.count > 1 else { return nil }
        for s in scalars.dropFirst() where s.properties.generalCategory != .nonspacingMark { return nil }
        return first
    }

    /// `text` decomposed with its non-spacing marks removed.
    private static func withoutMarks(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars where s.properties.generalCategory != .nonspacingMark {
            out.append(s)
        }
        return String(out)
    }
}
