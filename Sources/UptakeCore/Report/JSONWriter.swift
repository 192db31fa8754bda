/// A small streaming JSON writer with a fixed key order, so reports diff cleanly.
///
/// Strings are escaped per RFC 8259 (control characters as `\u00XX`), so JSON
/// keeps data exactly without ever emitting a raw escape character. It writes
/// bytes, numbers included, so a million periods serialise in well under a second.
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private var indentLevel = 0

    /// Creates an empty writer.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands over the bytes written so far and empties the buffer, keeping the writer's place (for streaming).
    public mutating func drain() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private mutating func newline() {
        bytes.append(10)
        for _ in 0..<indentLevel { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        newline()
    }

    private mutating func key(_ key: String?) {
        guard let key else { return }
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
    }

    /// Starts an object, as a value or under `key`.
    public mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }

    /// Ends the current object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Starts an array, as a value or under `key`.
    public mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }

    /// Ends the current array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        if indentLevel > 0 || !bytes.isEmpty { separator() }
        self.key(key)
        bytes.append(bracket)
        needsComma.append(false)
        indentLevel += 1
    }

    private mutating func close(_ bracket: UInt8) {
        let had = needsComma.removeLast()
        indentLevel -= 1
        if had { newline() }
        bytes.append(bracket)
    }

    /// A string (or null).
    public mutating func string(_ key: String?, _ value: String?) {
        separator()
        self.key(key)
        if let value { appendQuoted(value) } else { appendNull() }
    }

    /// A number (or null; non-finite numbers are null, never `nan`), with trailing zeros trimmed.
    public mutating func number(_ key: String?, _ value: Double?, decimals: Int = 4) {
        separator()
        self.key(key)
        guard let v = value, v.isFinite else { return appendNull() }
        var w = CSVWriter()
        w.field(v, decimals: decimals)
        var digits = w.bytes
        if digits.contains(UInt8(ascii: ".")) {
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            if digits.last == UInt8(ascii: ".") { digits.removeLast() }
        }
        if digits == [UInt8(ascii: "-"), UInt8(ascii: "0")] { digits = [UInt8(ascii: "0")] }
        bytes.append(contentsOf: digits)
    }

    /// A whole number (or null).
    public mutating func integer(_ key: String?, _ value: Int?) {
        separator()
        self.key(key)
        guard let value else { return appendNull() }
        var w = CSVWriter()
        w.field(value)
        bytes.append(contentsOf: w.bytes)
    }

    /// A boolean (or null).
    public mutating func bool(_ key: String?, _ value: Bool?) {
        separator()
        self.key(key)
        guard let value else { return appendNull() }
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    private mutating func appendNull() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var plain = true
            for b in buf where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F || b == 0xC2 || b == 0xE2 {
                plain = false
                break
            }
            if plain {
                bytes.append(contentsOf: buf)
            } else {
                bytes.append(contentsOf: Self.escapedBody(String(decoding: buf, as: UTF8.self)).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String { "\"" + escapedBody(s) + "\"" }

    private static func escapedBody(_ s: String) -> String {
        var out = ""
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
        return out
    }
}
