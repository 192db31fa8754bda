/// A small streaming JSON writer with a fixed key order, so reports diff cleanly.
///
/// Strings are escaped per RFC 8259 (control characters as `\u00XX`), so JSON
/// keeps data exactly without ever emitting a raw escape character.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private var indentLevel = 0

    /// Creates an empty writer.
    public init() {}

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text.append(",") }
        needsComma[needsComma.count - 1] = true
        text.append("\n")
        text.append(String(repeating: "  ", count: indentLevel))
    }

    /// Starts an object, as a value or under `key`.
    public mutating func beginObject(_ key: String? = nil) {
        open(key, "{")
    }

    /// Ends the current object.
    public mutating func endObject() { close("}") }

    /// Starts an array, as a value or under `key`.
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }

    /// Ends the current array.
    public mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: String) {
        if indentLevel > 0 || !text.isEmpty { separator() }
        if let key { text.append(Self.quoted(key) + ": ") }
        text.append(bracket)
        needsComma.append(false)
        indentLevel += 1
    }

    private mutating func close(_ bracket: String) {
        let had = needsComma.removeLast()
        indentLevel -= 1
        if had {
            text.append("\n")
            text.append(String(repeating: "  ", count: indentLevel))
        }
        text.append(bracket)
    }

    /// A string (or null).
    public mutating func string(_ key: String?, _ value: String?) { raw(key, value.map(Self.quoted) ?? "null") }
    /// A number (or null; non-finite numbers are null, never `nan`).
    public mutating func number(_ key: String?, _ value: Double?, decimals: Int = 4) {
        guard let v = value, v.isFinite else { return raw(key, "null") }
        raw(key, NumberFormat.trimmed(NumberFormat.fixed(v, decimals)))
    }
    /// A whole number (or null).
    public mutating func integer(_ key: String?, _ value: Int?) { raw(key, value.map { String($0) } ?? "null") }
    /// A boolean (or null).
    public mutating func bool(_ key: String?, _ value: Bool?) { raw(key, value.map { $0 ? "true" : "false" } ?? "null") }

    private mutating func raw(_ key: String?, _ value: String) {
        separator()
        if let key { text.append(Self.quoted(key) + ": ") }
        text.append(value)
    }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
        return out
    }
}
