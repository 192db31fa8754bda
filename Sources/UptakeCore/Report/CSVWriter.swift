/// Writes RFC 4180 CSV: fields quoted only when they hold a comma, quote or line break.
///
/// CSV output keeps data exactly (no sanitising): it is for spreadsheets and
/// minutes, not for a terminal. It writes bytes, numbers included, without
/// building a String per field, so a 50,000-row report renders in milliseconds.
public struct CSVWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var atRowStart = true

    /// Creates an empty writer.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one record of text fields.
    public mutating func row(_ fields: [String]) {
        if fields.count == 1, fields[0].isEmpty {
            // A lone empty field would be a blank line, which readers skip: quote it.
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
            atRowStart = false
        } else {
            for f in fields { field(f) }
        }
        endRow()
    }

    private mutating func separator() {
        if atRowStart { atRowStart = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    /// Appends a text field, quoted when needed.
    public mutating func field(_ value: String) {
        separator()
        value.withUTF8Bytes { buf in
            if !Self.needsQuoting(buf) {
                bytes.append(contentsOf: buf)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for b in buf {
                bytes.append(b)
                if b == UInt8(ascii: "\"") { bytes.append(b) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// The quoting rule, for this writer and the CSV report's rows (``CSVReportRows``): a field is quoted when
    /// it holds a comma, quote, CR or LF, or starts or ends with a space or tab (which readers would trim).
    @inline(__always)
    static func needsQuoting(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        for b in utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
        return false
    }

    /// Appends an optional whole number (empty when nil).
    public mutating func field(_ value: Int?) {
        separator()
        guard let value else { return }
        appendInteger(value)
    }

    /// Appends an optional number with `decimals` fraction digits (empty when nil or not finite).
    public mutating func field(_ value: Double?, decimals: Int) {
        separator()
        guard let value else { return }
        ByteFormat.appendFixed(value, decimals, to: &bytes)
    }

    /// Appends a period as `YYYY-MM` or `YYYY-MM-DD` (empty when nil), without building a string.
    public mutating func field(_ period: Period?) {
        separator()
        guard let period else { return }
        let y = period.year, m = period.month
        bytes.append(UInt8(48 + y / 1000 % 10)); bytes.append(UInt8(48 + y / 100 % 10))
        bytes.append(UInt8(48 + y / 10 % 10)); bytes.append(UInt8(48 + y % 10))
        bytes.append(UInt8(ascii: "-")); bytes.append(UInt8(48 + m / 10)); bytes.append(UInt8(48 + m % 10))
        if let d = period.day {
            bytes.append(UInt8(ascii: "-")); bytes.append(UInt8(48 + d / 10)); bytes.append(UInt8(48 + d % 10))
        }
    }

    /// Appends one or more fields already written by another writer (its bytes, with their separators and
    /// quoting, and no row end): a field that repeats on many rows is escaped once instead of once per row.
    public mutating func fields(_ written: [UInt8]) {
        separator()
        bytes.append(contentsOf: written)
    }

    /// Empties the writer (keeping its capacity), for writing the next piece of a stream.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        atRowStart = true
    }

    /// Reserves room for `count` more bytes.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// Appends another writer's complete records.
    public mutating func append(_ other: CSVWriter) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Ends the current record.
    public mutating func endRow() {
        bytes.append(10)
        atRowStart = true
    }

    private mutating func appendInteger(_ value: Int) {
        ByteFormat.appendInteger(value, to: &bytes)
    }

    /// One field as text, quoted when needed.
    public static func escape(_ field: String) -> String {
        var w = CSVWriter()
        w.field(field)
        return w.text
    }
}
