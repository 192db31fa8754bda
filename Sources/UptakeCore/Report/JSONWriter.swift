/// A small streaming JSON writer with a fixed key order, so reports diff cleanly.
///
/// Strings are escaped per RFC 8259 (control characters as `\u00XX`), so JSON
/// keeps data exactly without ever emitting a raw escape character. It writes
/// bytes, numbers included, so a million periods serialise in well under a second.
public struct JSONWriter: Sendable {
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

    /// A line feed and 32 levels of indent, appended as one slice (deeper levels add the rest a level at a time).
    private static let lineStart: [UInt8] = [10] + Array(repeating: 0x20, count: 64)

    private mutating func newline() {
        let levels = min(indentLevel, 32)
        bytes.append(contentsOf: Self.lineStart[0..<(1 + 2 * max(levels, 0))])
        if indentLevel > 32 { for _ in 32..<indentLevel { bytes.append(0x20); bytes.append(0x20) } }
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
        let start = bytes.count
        ByteFormat.appendFixed(v, decimals, to: &bytes)
        if bytes[start...].contains(UInt8(ascii: ".")) {
            while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        }
        if bytes.count == start + 2, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "0") {
            bytes.removeLast(2)
            bytes.append(UInt8(ascii: "0"))
        }
    }

    /// A whole number (or null).
    public mutating func integer(_ key: String?, _ value: Int?) {
        separator()
        self.key(key)
        guard let value else { return appendNull() }
        ByteFormat.appendInteger(value, to: &bytes)
    }

    /// A boolean (or null).
    public mutating func bool(_ key: String?, _ value: Bool?) {
        separator()
        self.key(key)
        guard let value else { return appendNull() }
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    /// A string already written as a JSON literal (``quotedBytes(_:)``): for a value that repeats
    /// on many objects (a period and its label), escaped once instead of once per object.
    mutating func quotedString(_ key: String?, _ literal: [UInt8]) {
        separator()
        self.key(key)
        bytes.append(contentsOf: literal)
    }

    /// `s` as a JSON string literal's bytes, quotes included, exactly as ``string(_:_:)`` writes it.
    static func quotedBytes(_ s: String) -> [UInt8] {
        var w = JSONWriter()
        w.appendQuoted(s)
        return w.bytes
    }

    /// An empty writer at this writer's place (same nesting and indent), for writing a later part of
    /// the same array on another thread; `afterItems` says whether the array already has items.
    func piece(afterItems: Bool, capacity: Int) -> JSONWriter {
        var w = JSONWriter(capacity: capacity)
        w.needsComma = needsComma
        w.needsComma[w.needsComma.count - 1] = afterItems
        w.indentLevel = indentLevel
        return w
    }

    /// Continues after pieces made with ``piece(afterItems:capacity:)`` were written in this writer's place.
    mutating func resume(afterItems: Bool) {
        needsComma[needsComma.count - 1] = afterItems || needsComma[needsComma.count - 1]
    }

    private mutating func appendNull() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    private mutating func appendQuoted(_ s: String) {
        var s = s
        s.withUTF8 { appendQuoted(utf8: $0) }
    }

    private mutating func appendQuoted(utf8 buf: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
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
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string given as its UTF-8 bytes (valid UTF-8), escaped as ``string(_:_:)`` escapes it.
    mutating func string(_ key: String?, utf8: [UInt8]) {
        separator()
        self.key(key)
        utf8.withUnsafeBufferPointer { appendQuoted(utf8: $0) }
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
