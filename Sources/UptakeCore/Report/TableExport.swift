/// One table as the dashboard and the report export it: a title, column names and rows of text, written as CSV or Markdown.
///
/// Cells are already formatted as shown (`59.0`, `+6.0`, `—` for undefined); CSV keeps
/// them exactly (quoted as RFC 4180 needs), Markdown escapes what Markdown would read as markup.
public struct ExportTable: Sendable, Equatable {
    /// What the table is (a Markdown caption line).
    public var title: String
    /// Column names.
    public var columns: [String]
    /// Rows, each as many cells as `columns`.
    public var rows: [[String]]

    /// Creates a table.
    public init(title: String, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The table as CSV bytes, a header row first.
    public func csv() -> [UInt8] {
        var w = CSVWriter(capacity: 64 * (rows.count + 1))
        w.row(columns)
        for r in rows { w.row(r) }
        return w.bytes
    }

    /// The table as a Markdown table under a bold title; line breaks in cells become spaces.
    public func markdown() -> String {
        func cell(_ s: String) -> String {
            let flat = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            return TerminalText.sanitize(flat).markdownEscaped
        }
        var out = "**" + cell(title) + "**\n\n"
        out += "| " + columns.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + columns.map { _ in " --- |" }.joined() + "\n"
        for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }
}
