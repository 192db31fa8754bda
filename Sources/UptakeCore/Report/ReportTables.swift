/// The tables `uptake report --table NAME` can write on their own.
///
/// One more table is one more case here and one more branch in
/// ``Report/exportTable(_:)``; every format (CSV, JSON, Markdown, text) follows.
public enum ReportTable: String, CaseIterable, Sendable {
    case uptake, partners, indicators, surveys, principles
    case caseStudies = "case-studies"
    case diagnostics
    /// SII and RII for each area, programme and period of `uptake_by_deprivation.csv`.
    case inequality

    /// The names, for help and errors: `uptake, partners, …`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension Report {
    /// One table as rows of text: the uptake table with the report's CSV columns, the others with their files' fields.
    public func exportTable(_ which: ReportTable) -> ExportTable {
        let d = dataset
        func n(_ v: Double?, _ decimals: Int = 2) -> String { v.map { NumberFormat.trimmed(NumberFormat.fixed($0, decimals)) } ?? "" }
        func i(_ v: Int?) -> String { v.map(String.init) ?? "" }
        switch which {
        case .uptake:
            // The report's own CSV, read back into cells: one definition of the columns.
            let records = CSVReader.parse(csvBytes()).records.map(\.fields)
            return ExportTable(title: "Uptake by series", columns: records.first ?? Report.csvColumns, rows: Array(records.dropFirst()))
        case .partners:
            return ExportTable(title: "Partners", columns: ["partner", "area", "programme", "kind", "funding_gbp", "residents_reached", "reported_change_pct", "summary", "source"],
                               rows: d.partners.map { p in
                                   [p.name, p.area ?? "", p.programme ?? "", p.kind ?? "", n(p.fundingGBP), i(p.residentsReached),
                                    n(p.reportedChangePct, p.reportedChangeDecimals ?? 2), p.summary ?? "", p.source ?? ""]
                               })
        case .indicators:
            var rows: [[String]] = []
            for ind in d.indicators {
                for g in ind.groups {
                    rows.append([ind.id, ind.title, ind.place ?? "", ind.category ?? "", ind.unit ?? "", ind.year ?? "", g.name, g.measure.rawValue,
                                 g.role?.rawValue ?? "", g.qualifier ?? "", n(g.value), g.asStated ?? "", ind.source ?? "", ind.caveats ?? ""])
                }
            }
            return ExportTable(title: "Inequality indicators", columns: ["indicator", "title", "place", "category", "unit", "year", "group", "measure", "role",
                                                                          "qualifier", "value", "as_stated", "source", "caveats"], rows: rows)
        case .surveys:
            return ExportTable(title: "Surveys", columns: ["partner", "question", "result_pct", "qualifier", "respondents", "as_stated", "source"],
                               rows: d.surveys.map { s in [s.partner, s.question, n(s.resultPct), s.qualifier ?? "", i(s.respondents), s.asStated ?? "", s.source ?? ""] })
        case .principles:
            return ExportTable(title: "Principles", columns: ["framework", "area", "kind", "theme", "order", "title", "text", "source"],
                               rows: d.principles.map { p in [p.framework, p.area ?? "", p.kind, p.theme ?? "", i(p.order), p.title ?? "", p.text, p.source ?? ""] })
        case .caseStudies:
            return ExportTable(title: "Case studies", columns: ["file", "title", "place", "partners", "tags", "source"],
                               rows: d.caseStudies.map { c in [c.file, c.title, c.place ?? "", c.partners.joined(separator: "; "), c.tags.joined(separator: "; "), c.source ?? ""] })
        case .inequality:
            // The report's own inequality CSV, read back into cells: one definition of its columns.
            let records = CSVReader.parse(inequalityCSVBytes()).records.map(\.fields)
            return ExportTable(title: "Slope and relative indices of inequality", columns: records.first ?? [], rows: Array(records.dropFirst()))
        case .diagnostics:
            return ExportTable(title: "Data checks", columns: ["file", "line", "column", "severity", "message", "value"],
                               rows: d.diagnostics.map { x in [x.file, i(x.line), i(x.column), x.severity.rawValue, x.message, x.value ?? ""] })
        }
    }

    /// One table in `format`: CSV and JSON keep the data exactly, Markdown and text escape it.
    ///
    /// The uptake table's CSV is the report's own (the contract's columns); JSON is an
    /// array of objects keyed by column; text is the Markdown table (readable as it is).
    public func renderTable(_ which: ReportTable, format: ReportFormat) -> [UInt8] {
        if which == .uptake && format == .csv { return csvBytes() }
        let t = exportTable(which)
        switch format {
        case .csv: return t.csv()
        case .json:
            var j = JSONWriter(capacity: 256 * (t.rows.count + 1))
            j.beginObject()
            j.string("table", which.rawValue)
            j.beginArray("rows")
            for r in t.rows {
                j.beginObject()
                for (c, v) in zip(t.columns, r) { j.string(c, v) }
                j.endObject()
            }
            j.endArray()
            j.endObject()
            return j.drain() + [UInt8(ascii: "\n")]
        case .html:
            return Array(HTMLReport(report: self).page(only: which).utf8)
        case .svg:
            return Array(SVGChart(table: table, metadata: dataset.metadata).svg().utf8)
        case .text, .markdown:
            return Array(t.markdown().utf8)
        }
    }
}
