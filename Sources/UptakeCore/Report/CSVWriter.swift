/// Writes RFC 4180 CSV: fields quoted only when they hold a comma, quote or line break.
///
/// CSV output keeps data exactly (no sanitising): it is for spreadsheets and
/// minutes, not for a terminal.
public struct CSVWriter {
    /// The text written so far.
    public private(set) var text = ""

    /// Creates an empty writer.
    public init() {}

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { text.append(",") }
            text.append(Self.escape(f))
        }
        text.append("\n")
    }

    /// One field, quoted when needed.
    public static func escape(_ field: String) -> String {
        var needs = false
        for b in field.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
            needs = true
            break
        }
        if let first = field.utf8.first, first == 0x20 || first == 0x09 { needs = true }
        if let last = field.utf8.last, last == 0x20 || last == 0x09 { needs = true }
        guard needs else { return field }
        var out = "\""
        for c in field.unicodeScalars {
            if c == "\"" { out.append("\"\"") } else { out.unicodeScalars.append(c) }
        }
        out.append("\"")
        return out
    }
}
