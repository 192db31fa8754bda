import CByteScan

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
        Self.appendQuoted(value, to: &bytes)
    }

    /// A number (or null; non-finite numbers are null, never `nan`), with trailing zeros trimmed.
    public mutating func number(_ key: String?, _ value: Double?, decimals: Int = 4) {
        separator()
        self.key(key)
        Self.appendNumber(value, decimals: decimals, to: &bytes)
    }

    /// A whole number (or null).
    public mutating func integer(_ key: String?, _ value: Int?) {
        separator()
        self.key(key)
        Self.appendInteger(value, to: &bytes)
    }

    /// A boolean (or null).
    public mutating func bool(_ key: String?, _ value: Bool?) {
        separator()
        self.key(key)
        Self.appendBool(value, to: &bytes)
    }

    /// A string already written as a JSON literal (``quotedBytes(_:)``): for a value that repeats
    /// on many objects (a period and its label), escaped once instead of once per object.
    mutating func quotedString(_ key: String?, _ literal: UnsafeBufferPointer<UInt8>) {
        separator()
        self.key(key)
        bytes.append(contentsOf: literal)
    }

    /// `s` as a JSON string literal's bytes, quotes included, exactly as ``string(_:_:)`` writes it.
    static func quotedBytes(_ s: String) -> [UInt8] {
        var b: [UInt8] = []
        appendQuoted(s, to: &b)
        return b
    }

    /// Continues after items written elsewhere in this writer's place (the report's series, by
    /// ``JSONSeriesWriter``); `afterItems` says whether any were.
    mutating func resume(afterItems: Bool) {
        needsComma[needsComma.count - 1] = afterItems || needsComma[needsComma.count - 1]
    }

    private mutating func appendQuoted(_ s: String) { Self.appendQuoted(s, to: &bytes) }

    // MARK: Values as bytes (shared with ``JSONSeriesWriter``, which writes the report's series without a writer's state)

    /// `null`.
    static let null: [UInt8] = Array("null".utf8)

    /// Appends ``number(_:_:decimals:)``'s value: ``ByteFormat/appendFixed(_:_:to:)`` with the fraction's
    /// trailing zeros (and a bare point) trimmed, `-0` as `0`; `null` for nil or a value that is not finite.
    @inline(__always)
    static func appendNumber(_ value: Double?, decimals: Int, to bytes: inout [UInt8]) {
        guard let v = value, v.isFinite else { return bytes.append(contentsOf: null) }
        var tmp: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let written = withUnsafeMutableBytes(of: &tmp) { raw -> Bool in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            guard let n = writeNumber(v, decimals: decimals, to: p) else { return false }
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            return true
        }
        if !written { appendLargeNumber(v, decimals: decimals, to: &bytes) }
    }

    /// The most bytes ``writeNumber(_:decimals:to:)`` writes: a sign, 16 digits, a point and 8 decimals.
    static let maximumNumberBytes = 26

    /// Writes ``appendNumber(_:decimals:to:)``'s bytes for a finite `value` whose digits fit in an `Int`
    /// (at most ``maximumNumberBytes``) at `p` and returns how many; nil, writing nothing, for any other
    /// value (``appendLargeNumber(_:decimals:to:)`` writes those). The trailing zeros are never written:
    /// the fixed format's digits with its fraction trimmed (``ByteFormat/writeScaled(_:decimals:minus:trimmed:to:)``).
    @inline(__always)
    static func writeNumber(_ value: Double, decimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int? {
        // ByteFormat.appendFixed's rounding, exactly.
        guard let (scaled, d, minus) = ByteFormat.scaledForFixed(value, decimals) else { return nil }
        // Nearly every number of the JSON report: four decimals, below 1,000 (percentages, their intervals and changes).
        if d == 4 && scaled < 10_000_000 { return ByteFormat.writeFourDecimalsTrimmed(scaled, minus: minus, to: p) }
        return ByteFormat.writeScaled(scaled, decimals: d, minus: minus, trimmed: true, to: p)
    }

    /// ``appendNumber(_:decimals:to:)`` for a value too large for ``writeNumber(_:decimals:to:)``:
    /// ``ByteFormat/appendFixed(_:_:to:)`` (which writes such a value as Swift prints it), trimmed.
    @inline(never)
    static func appendLargeNumber(_ v: Double, decimals: Int, to bytes: inout [UInt8]) {
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

    /// Appends a whole number, or `null`.
    @inline(__always)
    static func appendInteger(_ value: Int?, to bytes: inout [UInt8]) {
        guard let value else { return bytes.append(contentsOf: null) }
        ByteFormat.appendInteger(value, to: &bytes)
    }

    /// Appends `true`, `false` or `null`.
    @inline(__always)
    static func appendBool(_ value: Bool?, to bytes: inout [UInt8]) {
        guard let value else { return bytes.append(contentsOf: null) }
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    /// Appends `s` as a JSON string literal (``string(_:_:)``'s escaping), or `null`.
    @inline(__always)
    static func appendQuoted(_ s: String?, to bytes: inout [UInt8]) {
        guard var s else { return bytes.append(contentsOf: null) }
        s.withUTF8 { appendQuoted(utf8: $0, to: &bytes) }
    }

    /// Appends valid UTF-8 as a JSON string literal: copied as it is unless it has a byte that may
    /// need escaping (``mayNeedEscaping(_:)``), else escaped scalar by scalar (``escapedBody(_:)``).
    static func appendQuoted(utf8 buf: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if mayNeedEscaping(buf) {
            bytes.append(contentsOf: Self.escapedBody(String(decoding: buf, as: UTF8.self)).utf8)
        } else {
            bytes.append(contentsOf: buf)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// True when `buf` has a byte that may need escaping: a control, a quote, a backslash, DEL, or the
    /// lead byte of a C1 control (`C2`) or of a line or paragraph separator (`E2`). Text without one is
    /// its own JSON string body.
    ///
    /// Sixteen bytes at a time (a sentence is a few hundred bytes, and a million are written), as one vector
    /// compared with each kind of byte (`uptake_json_escape16`, CByteScan's: Swift's own vectors compile to a byte at a
    /// time here, 1.2 billion instructions instead of 0.5 for the 100,000-row JSON report); the last sixteen of a
    /// longer text are tested overlapping those before them.
    /// A text of 8 to 15 bytes (a name, a code) is tested as two overlapping words (``wordMayNeedEscaping(_:)``), a
    /// shorter one byte by byte.
    @inline(__always)
    static func mayNeedEscaping(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return false }
        let n = buf.count
        let raw = UnsafeRawPointer(base)
        guard n >= 16 else {
            if n >= 8 {
                return wordMayNeedEscaping(raw.loadUnaligned(as: UInt64.self))
                    || wordMayNeedEscaping(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            }
            for i in 0..<n where mayNeedEscaping(base[i]) { return true }
            return false
        }
        @inline(__always) func test(_ offset: Int) -> Bool { uptake_json_escape16(base + offset) != 0 }
        var i = 0
        while i + 16 <= n {
            if test(i) { return true }
            i += 16
        }
        return i < n && test(n - 16)
    }

    /// ``mayNeedEscaping(_:)`` for eight bytes as a word: a byte below `0x20` makes `(w - 0x20…) & ~w & 0x80…` not
    /// zero, and a byte equal to `c` leaves a zero byte in `w ^ c…` (a word of ASCII alone needs fewer tests).
    @inline(__always)
    static func wordMayNeedEscaping(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        if w & highs == 0 {
            // All ASCII: no byte carries into the next when 0x60 or 1 is added, so a byte is below 0x20 when adding
            // 0x60 leaves its top bit clear, and is 0x7F when adding 1 sets it.
            return (~(w &+ 0x60 &* ones) | (w &+ ones)) & highs != 0 || hasZero(w ^ (0x22 &* ones)) || hasZero(w ^ (0x5C &* ones))
        }
        return (w &- 0x20 &* ones) & ~w & highs != 0 || hasZero(w ^ (0x22 &* ones)) || hasZero(w ^ (0x5C &* ones))
            || hasZero(w ^ (0x7F &* ones)) || hasZero(w ^ (0xC2 &* ones)) || hasZero(w ^ (0xE2 &* ones))
    }

    /// ``mayNeedEscaping(_:)`` for one byte.
    @inline(__always)
    static func mayNeedEscaping(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F || b == 0xC2 || b == 0xE2
    }

    /// A string given as its UTF-8 bytes (valid UTF-8), escaped as ``string(_:_:)`` escapes it.
    mutating func string(_ key: String?, utf8: [UInt8]) {
        separator()
        self.key(key)
        utf8.withUnsafeBufferPointer { Self.appendQuoted(utf8: $0, to: &bytes) }
    }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String { "\"" + escapedBody(s) + "\"" }

    static func escapedBody(_ s: String) -> String {
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
