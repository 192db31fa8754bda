/// The CSV layout of the insight bank, read by `uptake insights import` and written by `export`.
///
/// One insight a row; a header row names the columns in any order:
/// `text,gathered,method,place,partner,recorded_by,codes,sensitive,source`
/// (`text`, `gathered` and `method` required, `gathered` empty when the source gives no date; `codes` separated by `;`;
/// `sensitive` is `yes`/`no`, `true`/`false`, `1`/`0` or empty for no).
/// Exports add `id,created_at,updated_at`, which an import ignores, so an
/// export can be imported again. See docs/data-format.md.
public enum InsightCSV {
    /// The columns an export writes, in order.
    public static let exportColumns = ["id", "text", "gathered", "method", "place", "partner", "recorded_by", "codes", "sensitive",
                                       "source", "created_at", "updated_at"]
    /// The columns an import reads.
    public static let importColumns: Set<String> = ["text", "gathered", "method", "place", "partner", "recorded_by", "codes", "sensitive", "source"]

    /// What the import checks rows against.
    public struct Vocabulary: Sendable {
        /// Known methods (exact).
        public var methods: Set<String>
        /// Known codes (any case): lower-cased name to the stored spelling.
        public var codes: [String: String]
        /// Partner names from `partners.csv` (any case): lower-cased name to the dataset's spelling.
        public var partners: [String: String]

        /// Creates a vocabulary.
        public init(methods: [String], codes: [String], partners: [String]) {
            self.methods = Set(methods)
            self.codes = Dictionary(codes.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            self.partners = Dictionary(partners.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The rows of `bytes` that can be imported, with a diagnostic for each one that cannot (and warnings).
    ///
    /// A row is rejected (an error naming `file:line:column`) when its text is empty, its date is not
    /// `YYYY-MM-DD`, its method or one of its codes is unknown, or its sensitive flag is unreadable. An
    /// unknown partner is a warning: the row is kept with the name as written. Codes and partners take
    /// the store's and the dataset's spelling.
    public static func parse(_ bytes: [UInt8], file: String, vocabulary: Vocabulary) -> (insights: [(line: Int, insight: Insight)], diagnostics: [Diagnostic]) {
        var rows: [(Int, Insight)] = []
        var diagnostics: [Diagnostic] = []
        var columns: [String: Int] = [:]
        var sawHeader = false
        func error(_ line: Int, _ column: Int?, _ message: String, _ value: String? = nil) {
            diagnostics.append(Diagnostic(file: file, line: line, column: column.map { $0 + 1 }, severity: .error, message: message, value: value))
        }
        bytes.withUnsafeBufferPointer { buffer in
            _ = CSVReader.read(buffer, onError: { e in
                error(e.line, nil, "unterminated quoted field: the record is skipped")
            }) { record in
                if !sawHeader {
                    sawHeader = true
                    for i in 0..<record.count {
                        let name = (record.string(i) ?? "").lowercased()
                        if importColumns.contains(name) { columns[name] = i }
                        else if !["id", "created_at", "updated_at"].contains(name) {
                            diagnostics.append(Diagnostic(file: file, line: record.line, column: i + 1, severity: .warning,
                                                          message: "unknown column '\(TerminalSafe.quote(name))' is ignored"))
                        }
                    }
                    for required in ["text", "gathered", "method"] where columns[required] == nil {
                        error(record.line, nil, "the header lacks the required column '\(required)'")
                    }
                    return
                }
                guard ["text", "gathered", "method"].allSatisfy({ columns[$0] != nil }) else { return }
                func field(_ name: String) -> (String?, Int?) {
                    guard let i = columns[name] else { return (nil, nil) }
                    guard i < record.count else { return (nil, i) }
                    guard let s = record.string(i) else { return (nil, i) }
                    return (s.isEmpty ? nil : s, i)
                }
                let line = record.line
                for name in ["text", "gathered", "method", "place", "partner", "recorded_by", "codes", "sensitive", "source"] {
                    if let i = columns[name], i < record.count, record.string(i) == nil {
                        error(line, i, "the \(name) is not valid UTF-8: the row is skipped")
                        return
                    }
                }
                let (text, textColumn) = field("text")
                guard let text, !text.allSatisfy({ $0.isWhitespace }) else { return error(line, textColumn, "the text is empty: the row is skipped") }
                let (given, dateColumn) = field("gathered")
                // An empty date is allowed: a document often does not say when an insight was gathered.
                let gathered = given ?? ""
                guard gathered.isEmpty || Insight.isDate(gathered) else {
                    return error(line, dateColumn, "'\(show(field("gathered").0 ?? ""))' is not a date (YYYY-MM-DD): the row is skipped", field("gathered").0)
                }
                let (method, methodColumn) = field("method")
                guard let method, vocabulary.methods.contains(method) else {
                    return error(line, methodColumn, "'\(show(field("method").0 ?? ""))' is not a known method: the row is skipped", field("method").0)
                }
                var codes: [String] = []
                let (codeText, codeColumn) = field("codes")
                for part in (codeText ?? "").split(separator: ";") {
                    let name = part.trimmingSpaces
                    if name.isEmpty { continue }
                    guard let known = vocabulary.codes[name.lowercased()] else {
                        return error(line, codeColumn, "'\(show(name))' is not a code of the code frame: the row is skipped", name)
                    }
                    if !codes.contains(known) { codes.append(known) }
                }
                var sensitive = false
                let (flag, flagColumn) = field("sensitive")
                if let flag {
                    switch flag.lowercased() {
                    case "yes", "true", "1", "y": sensitive = true
                    case "no", "false", "0", "n": sensitive = false
                    default: return error(line, flagColumn, "'\(show(flag))' is not yes or no (sensitive): the row is skipped", flag)
                    }
                }
                var partner = field("partner").0.map { $0.trimmingSpaces }
                if let p = partner, !p.isEmpty {
                    if let known = vocabulary.partners[p.lowercased()] { partner = known } else if !vocabulary.partners.isEmpty {
                        diagnostics.append(Diagnostic(file: file, line: line, column: field("partner").1.map { $0 + 1 }, severity: .warning,
                                                      message: "partner '\(show(p))' is not in partners.csv: kept as written", value: p))
                    }
                }
                rows.append((line, Insight(text: text, gathered: gathered, method: method, place: field("place").0?.trimmingSpaces,
                                           partner: partner, recordedBy: field("recorded_by").0?.trimmingSpaces,
                                           source: field("source").0?.trimmingSpaces, sensitive: sensitive, codes: codes)))
            }
        }
        if !sawHeader { error(1, nil, "the file is empty: it needs a header row") }
        return (rows.map { (line: $0.0, insight: $0.1) }, diagnostics)
    }

    /// The insights as CSV in the export layout (data kept exactly: no sanitising).
    public static func write(_ insights: [Insight]) -> String {
        var w = CSVWriter(capacity: insights.count * 200)
        w.row(exportColumns)
        for i in insights {
            w.row([i.id.map { String($0) } ?? "", i.text, i.gathered, i.method, i.place ?? "", i.partner ?? "", i.recordedBy ?? "",
                   i.codes.joined(separator: ";"), i.sensitive ? "yes" : "no", i.source ?? "", i.createdAt, i.updatedAt])
        }
        return w.text
    }

    /// The insights as a JSON array (data kept exactly, escaped for JSON only).
    public static func json(_ insights: [Insight]) -> String {
        var w = JSONWriter(capacity: insights.count * 300)
        w.beginArray()
        for i in insights {
            w.beginObject()
            w.integer("id", i.id.map { Int($0) })
            w.string("text", i.text)
            w.string("gathered", i.gathered)
            w.string("method", i.method)
            w.string("place", i.place)
            w.string("partner", i.partner)
            w.string("recorded_by", i.recordedBy)
            w.beginArray("codes")
            for c in i.codes { w.string(nil, c) }
            w.endArray()
            w.bool("sensitive", i.sensitive)
            w.string("source", i.source)
            w.string("created_at", i.createdAt)
            w.string("updated_at", i.updatedAt)
            w.endObject()
        }
        w.endArray()
        return w.text + "\n"
    }

    private static func show(_ s: String) -> String { TerminalSafe.quote(s) }
}
