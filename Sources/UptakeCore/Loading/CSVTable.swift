/// A CSV file read by header name, with diagnostics for every problem.
///
/// Used for the small files (partners, indicators, surveys, principles); the
/// large `uptake.csv` has its own byte-level loop in ``UptakeFileLoader`` but
/// shares ``CSVHeader``.
struct CSVHeader {
    /// Header names in file order (normalised).
    var names: [String] = []
    /// Columns that are not known, in file order: index and name as written (trimmed).
    var unknown: [(index: Int, name: String)] = []
    /// The known columns present, in file order: each named as the loader spells it in `known`, with its length in
    /// bytes and its index (the first, when a name is repeated). A row looks its few columns up here by comparing
    /// names, not hashing them (a file has at most a dozen known columns).
    var columns: [(name: String, length: Int, index: Int)] = []
    /// For each name of the `known` list the header was made with, in that list's order, its column's index (the first,
    /// when a name is repeated), or -1 when the header lacks it: a ``CSVColumn`` is looked up here by its slot.
    var knownIndex: [Int] = []

    /// The index of known column `name`, nil when the header lacks it.
    ///
    /// Known names are the loaders' ASCII literals, so names of different lengths differ: the lengths are
    /// compared first, and only a name of the same length compared in full.
    @inline(__always)
    func column(_ name: String) -> Int? {
        let length = name.utf8.count
        for c in columns where c.length == length && c.name == name { return c.index }
        return nil
    }

    /// A header held by reference, for the rows of one table.
    final class Shared {
        let header: CSVHeader
        init(_ header: CSVHeader) { self.header = header }
    }

    /// Normalises a header name: trimmed, lower-cased.
    static func normalise(_ s: String) -> String {
        s.trimmingSpaces.lowercased()
    }

    /// Maps a header record, reporting unknown and duplicate columns and missing required ones.
    /// Returns nil (after an error) when a required column is missing.
    static func make(record: CSVRecord, file: String, known: [String], required: [String], warnUnknown: Bool,
                     diagnostics: inout [Diagnostic]) -> CSVHeader? {
        var header = CSVHeader()
        for i in 0..<record.count {
            let raw = record.string(i) ?? String(decoding: record.bytes(i), as: UTF8.self)
            let name = normalise(raw)
            header.names.append(name)
            if let spelling = known.first(where: { $0 == name }) {
                if header.column(spelling) != nil {
                    diagnostics.append(Diagnostic(file: file, line: record.line, column: i + 1, severity: .warning,
                        message: "duplicate column '\(TerminalSafe.quote(name))': the first one is used"))
                } else {
                    header.columns.append((spelling, spelling.utf8.count, i))
                }
            } else {
                header.unknown.append((i, raw.trimmingSpaces))
                if warnUnknown {
                    diagnostics.append(Diagnostic(file: file, line: record.line, column: i + 1, severity: .warning,
                        message: "unknown column '\(TerminalSafe.quote(raw.trimmingSpaces))' is ignored (known columns: \(known.joined(separator: ", ")))"))
                }
            }
        }
        header.knownIndex = known.map { header.column($0) ?? -1 }
        let missing = required.filter { header.column($0) == nil }
        if !missing.isEmpty {
            diagnostics.append(Diagnostic(file: file, line: record.line, severity: .error,
                message: "missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")): no rows of this file can be loaded"))
            return nil
        }
        return header
    }
}

/// A known column of a table by its place in the `known` list the table is read with, so a row finds its field
/// without comparing names: `CSVColumn("area", in: known)`, made once per table, not per row.
struct CSVColumn: Sendable {
    /// The column's name, as the loader spells it (for messages).
    let name: String
    /// Its place in the `known` list.
    let slot: Int

    init(_ name: String, in known: [String]) {
        guard let slot = known.firstIndex(of: name) else { preconditionFailure("column '\(name)' is not among the known columns") }
        self.name = name
        self.slot = slot
    }
}

/// The text a column gave last, for ``CSVRow/text(_:repeating:)``: a column that repeats a few values down the
/// file (an area, a kind, a source) makes one string for each run of a value, not one per row.
struct RepeatedText {
    fileprivate var last: String?
}

/// One data row of a CSV table, with typed accessors that record diagnostics.
///
/// It reads the record's bytes in place and makes a string only for a field asked for as text (a number is
/// parsed from the bytes): like the ``CSVRecord`` it wraps, it is valid only inside the row callback of
/// ``CSVTable/read(file:bytes:emptyIsError:known:required:warnUnknown:diagnostics:row:)``.
struct CSVRow {
    let file: String
    let line: Int
    /// The table's header, taken by reference: one retain per row, not one per array in it.
    private let shared: CSVHeader.Shared
    private let record: CSVRecord
    /// True when every field is valid UTF-8 (as `init` found), so a field is decoded without checking it again.
    private var valid = true
    private(set) var diagnostics: [Diagnostic] = []
    /// True once an error was recorded: the row is rejected.
    private(set) var rejected = false

    /// Wraps `record`, with an error for each field that is not valid UTF-8 (a record all ASCII, checked in one
    /// scan, has none).
    init(file: String, header shared: CSVHeader.Shared, record: CSVRecord) {
        self.file = file
        self.line = record.line
        self.shared = shared
        self.record = record
        guard !record.isASCII else { return }
        let bad = (0..<record.count).filter { record.string($0) == nil }
        valid = bad.isEmpty
        for i in bad {
            error(column: i + 1, "invalid UTF-8 in column '\(shared.header.names[safe: i] ?? "\(i + 1)")'")
        }
    }

    mutating func error(column: Int?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, severity: .error, message: message, value: raw(column)))
        rejected = true
    }

    mutating func warning(column: Int?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, severity: .warning, message: message, value: raw(column)))
    }

    /// Field `column` (1-based) exactly as written, for the diagnostic's `value`; nil when it is not valid UTF-8.
    private func raw(_ column: Int?) -> String? {
        guard let column, column >= 1, column <= record.count else { return nil }
        return string(column - 1)
    }

    /// Field `i` as a string (nil when it is not valid UTF-8).
    private func string(_ i: Int) -> String? {
        valid ? record.decodedString(i) : record.string(i)
    }

    /// The index of a known column whose field is not empty.
    private func present(_ column: String) -> Int? {
        present(index: shared.header.column(column))
    }

    /// `index` when it is a field of this row and not empty.
    @inline(__always)
    private func present(index: Int?) -> Int? {
        guard let i = index, i >= 0, i < record.count, !record.isEmpty(i) else { return nil }
        return i
    }

    /// The index of `column`'s field when it is not empty (found by its slot).
    @inline(__always)
    private func present(_ column: CSVColumn) -> Int? {
        present(index: shared.header.knownIndex[column.slot])
    }

    /// The trimmed text of a known column; nil when the column is absent or the field empty.
    func text(_ column: String) -> String? {
        present(column).flatMap(string)
    }

    /// The trimmed text of `column`; nil when the column is absent or the field empty.
    func text(_ column: CSVColumn) -> String? {
        present(column).flatMap(string)
    }

    /// The text of `column`, as ``text(_:)-(CSVColumn)`` gives it: `repeated`'s last text when the field's bytes are
    /// the same, else a new one, which `repeated` then keeps.
    func text(_ column: CSVColumn, repeating repeated: inout RepeatedText) -> String? {
        guard let i = present(column) else { return nil }
        if let last = repeated.last, !record.hasEscapes(i) {
            let raw = record.rawBytes(i)
            let same = last.withUTF8Bytes { $0.count == raw.count && ByteScan.equal($0.baseAddress!, raw.baseAddress!, count: raw.count) }
            if same { return last }
        }
        let made = string(i)
        repeated.last = made
        return made
    }

    /// The 1-based column number of a known column.
    func columnNumber(_ column: String) -> Int? { shared.header.column(column).map { $0 + 1 } }

    /// The 1-based column number of `column`.
    func columnNumber(_ column: CSVColumn) -> Int? {
        let i = shared.header.knownIndex[column.slot]
        return i >= 0 ? i + 1 : nil
    }

    /// A required text field; records an error when empty.
    mutating func requiredText(_ column: String) -> String? {
        if let t = text(column) { return t }
        error(column: columnNumber(column), "'\(column)' is empty: it is required")
        return nil
    }

    /// A required text field of `column`; records an error when empty.
    mutating func requiredText(_ column: CSVColumn) -> String? {
        if let t = text(column) { return t }
        error(column: columnNumber(column), "'\(column.name)' is empty: it is required")
        return nil
    }

    /// An optional decimal; records an error when present but not a number or out of range.
    ///
    /// Parsed from the field's bytes: its text is made only for an error.
    mutating func decimal(_ column: String, range: ClosedRange<Double>? = nil, allowPercentSign: Bool = false) -> (value: Double, decimals: Int)? {
        decimal(at: present(column), column, range: range, allowPercentSign: allowPercentSign)
    }

    /// An optional decimal in `column`, as ``decimal(_:range:allowPercentSign:)-(String,_,_)`` reads it.
    mutating func decimal(_ column: CSVColumn, range: ClosedRange<Double>? = nil, allowPercentSign: Bool = false) -> (value: Double, decimals: Int)? {
        decimal(at: present(column), column.name, range: range, allowPercentSign: allowPercentSign)
    }

    /// The decimal in field `index` (nil: absent or empty) of the column named `column`.
    private mutating func decimal(at index: Int?, _ column: String, range: ClosedRange<Double>?, allowPercentSign: Bool) -> (value: Double, decimals: Int)? {
        guard let i = index else { return nil }
        guard let d = record.withBytes(i, { NumberParsing.decimal($0, allowPercentSign: allowPercentSign) }) else {
            error(column: i + 1, "\(column) '\(TerminalSafe.quote(string(i) ?? ""))' is not a number")
            return nil
        }
        if let range, !range.contains(d.value) {
            error(column: i + 1, "\(column) \(string(i) ?? "") is outside \(Self.format(range.lowerBound))-\(Self.format(range.upperBound))")
            return nil
        }
        return (d.value, d.decimals)
    }

    /// An optional whole number ≥ `minimum`; records an error otherwise.
    ///
    /// Parsed from the field's bytes: its text is made only for an error.
    mutating func integer(_ column: String, minimum: Int = 0) -> Int? {
        integer(at: present(column), column, minimum: minimum)
    }

    /// An optional whole number ≥ `minimum` in `column`, as ``integer(_:minimum:)-(String,_)`` reads it.
    mutating func integer(_ column: CSVColumn, minimum: Int = 0) -> Int? {
        integer(at: present(column), column.name, minimum: minimum)
    }

    /// The whole number in field `index` (nil: absent or empty) of the column named `column`.
    private mutating func integer(at index: Int?, _ column: String, minimum: Int) -> Int? {
        guard let i = index else { return nil }
        guard let v = record.withBytes(i, { NumberParsing.integer($0) }) else {
            let digitsOnly = record.withBytes(i) { b in b.allSatisfy { $0 >= 48 && $0 <= 57 } }
            error(column: i + 1, "\(column) '\(TerminalSafe.quote(string(i) ?? ""))' is \(digitsOnly ? "too large (at most \(Self.maximumInteger))" : "not a whole number")")
            return nil
        }
        if v < minimum {
            error(column: i + 1, "\(column) \(v) is \(v < 0 ? "negative" : "too small"): it must be \(minimum) or more")
            return nil
        }
        if v > Self.maximumInteger {
            error(column: i + 1, "\(column) \(v) is too large (at most \(Self.maximumInteger))")
            return nil
        }
        return v
    }

    /// Unknown columns with a value, in file order.
    var extraFields: [(String, String)] {
        shared.header.unknown.compactMap { c in
            guard c.index < record.count, !record.isEmpty(c.index), let v = string(c.index) else { return nil }
            return (c.name, v)
        }
    }

    /// The largest whole number a column accepts (counts of people; the same bound as `eligible`).
    static let maximumInteger = UptakeObservation.maximumCount

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 9e15 ? String(Int(v)) : String(v)
    }
}

/// Reads a whole CSV table: header, column-count checks, a row callback, and the file's counts.
enum CSVTable {
    /// Reads `bytes` of `file`; `row` returns the row (with its diagnostics) and is told nothing else.
    static func read(file: String, bytes: [UInt8], emptyIsError: Bool = false, known: [String], required: [String], warnUnknown: Bool = true,
                     diagnostics: inout [Diagnostic], row handle: (inout CSVRow) -> Void) -> FileSummary {
        var summary = FileSummary(file: file)
        var header: CSVHeader.Shared?
        var sawHeader = false
        var headerBroken = false
        var diags: [Diagnostic] = []
        _ = bytes.withUnsafeBufferPointer { buf in
            CSVReader.read(buf, onError: { err in
                diags.append(Diagnostic(file: file, line: err.line, severity: .error, message: err.message))
                if sawHeader { summary.read += 1; summary.rejected += 1 } else {
                    // The header itself is broken: no later row may stand in for it.
                    sawHeader = true
                    headerBroken = true
                }
            }) { record in
                if !sawHeader {
                    sawHeader = true
                    header = CSVHeader.make(record: record, file: file, known: known, required: required,
                                            warnUnknown: warnUnknown, diagnostics: &diags).map(CSVHeader.Shared.init)
                    headerBroken = header == nil
                    return
                }
                summary.read += 1
                guard let header, !headerBroken else {
                    summary.rejected += 1
                    return
                }
                if record.count != header.header.names.count {
                    diags.append(Diagnostic(file: file, line: record.line, severity: .error,
                        message: "wrong column count: expected \(header.header.names.count) fields as in the header, found \(record.count)"))
                    summary.rejected += 1
                    return
                }
                var row = CSVRow(file: file, header: header, record: record)
                if !row.rejected { handle(&row) }
                diags.append(contentsOf: row.diagnostics)
                if row.rejected { summary.rejected += 1 } else { summary.accepted += 1 }
            }
        }
        if !sawHeader {
            diags.append(Diagnostic(file: file, line: nil, severity: emptyIsError ? .error : .warning,
                                    message: "file is empty: no header and no rows"))
        } else if emptyIsError, !headerBroken, summary.read == 0 {
            diags.append(Diagnostic(file: file, line: nil, severity: .error,
                                    message: "no data rows: the file has a header only, and this file is required"))
        } else if headerBroken, summary.read > 0 {
            diags.append(Diagnostic(file: file, line: nil, severity: .error,
                message: "\(summary.read) row\(summary.read == 1 ? "" : "s") not loaded because the header lacks required columns"))
        }
        diagnostics.append(contentsOf: diags)
        return summary
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

/// Quoting of data values inside diagnostics: control characters made visible, long values cut.
enum TerminalSafe {
    static func quote(_ s: String) -> String {
        let safe = TerminalText.sanitize(s)
        return safe.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(safe.unicodeScalars.prefix(60))) + "…" : safe
    }
}
