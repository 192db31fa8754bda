/// The report as one self-contained, accessible HTML page for e-mail and documents.
///
/// No script, no external file, no web font: a short inline style sheet, tables
/// with captions and header cells, the dumbbell chart inline as SVG, each series'
/// sentence (the model's), the indicators with their sources and caveats, and the
/// data checks. Every string from the data is escaped, so markup in the data shows as text.
public struct HTMLReport: Sendable {
    /// The report whose figures are shown.
    public let report: Report

    /// Creates the page for `report`.
    public init(report: Report) { self.report = report }

    /// `s` safe in HTML text and attribute values.
    public static func escape(_ s: String) -> String { SVGChart.escape(s) }

    static let style = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#000;background:#fff;max-width:72rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
        table{border-collapse:collapse;margin:0.5rem 0 1.5rem}caption{text-align:left;font-weight:bold;padding:0.3rem 0}
        th,td{border:1px solid #767676;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}thead th{background:#e8e8e8}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.note{color:#333}figure{margin:1rem 0}svg{max-width:100%;height:auto}
        """

    /// The whole page, or only table `only` (for `uptake report --format html --table NAME`).
    public func page(only: ReportTable? = nil) -> String {
        let d = report.dataset
        let m = d.metadata
        let title = m.title.isEmpty ? "Uptake report" : m.title
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Self.escape(title))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n<main>\n<h1>\(Self.escape(title))</h1>\n"
        if let only {
            out += table(report.exportTable(only))
            return out + "</main>\n</body>\n</html>\n"
        }
        let facts = [m.area, m.programme, m.source.map { "Source: " + $0 }].compactMap { $0 }.filter { !$0.isEmpty }
        if !facts.isEmpty { out += "<p class=\"note\">\(Self.escape(facts.joined(separator: " · ")))</p>\n" }
        out += "<p><strong>\(Self.escape(report.table.headline))</strong></p>\n"

        out += "<h2>Uptake at the first and latest period</h2>\n<figure>\n"
        var svg = SVGChart(table: report.table, metadata: m).svg()
        if svg.hasPrefix("<?xml"), let newline = svg.firstIndex(of: "\n") { svg = String(svg[svg.index(after: newline)...]) }
        out += svg
        out += "<figcaption>Each row: the first period (hollow circle) and the latest (filled), each with its 95% Wilson interval; dashed lines mark the programme's benchmarks where it is known.</figcaption>\n</figure>\n"

        out += "<h2>What changed</h2>\n<ul>\n"
        for r in report.table.rows {
            out += "<li><strong>\(Self.escape(r.series.partner)), \(Self.escape(r.series.proxyPopulation))</strong>: \(Self.escape(r.statement(labels: m)))</li>\n"
        }
        out += "</ul>\n"
        out += uptakeTable()

        out += "<h2>Inequality indicators</h2>\n"
        if d.indicators.isEmpty { out += "<p>No inequality indicators in this dataset.</p>\n" }
        for ind in d.indicators {
            out += "<h3>\(Self.escape(ind.title))</h3>\n"
            let meta = [ind.place, ind.category, ind.year.map { "year " + $0 }].compactMap { $0 }.joined(separator: " · ")
            if !meta.isEmpty { out += "<p class=\"note\">\(Self.escape(meta))</p>\n" }
            out += "<table>\n<caption>\(Self.escape(ind.title)): groups</caption>\n<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Measure</th><th scope=\"col\">Figure</th><th scope=\"col\">As stated</th></tr></thead>\n<tbody>\n"
            for g in ind.groups {
                let figure = g.value.map { (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value($0, unit: g.measure == .ratio ? "ratio" : ind.unit) } ?? "no figure"
                out += "<tr><th scope=\"row\">\(Self.escape(g.name))</th><td>\(Self.escape(g.measure.rawValue + (g.role.map { " (\($0.rawValue))" } ?? "")))</td>"
                out += "<td class=\"n\">\(Self.escape(figure))</td><td>\(Self.escape(g.asStated ?? ""))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            if let c = ind.caveats, !c.isEmpty { out += "<p><strong>Caveat:</strong> \(Self.escape(c))</p>\n" }
            out += "<p class=\"note\">Source: \(Self.escape(ind.source ?? "—"))</p>\n"
        }

        out += "<h2>Data checks</h2>\n<p>\(Self.escape(d.diagnosticCountsText))</p>\n"
        if !d.diagnostics.isEmpty {
            out += "<ul>\n"
            for x in d.diagnostics.prefix(500) { out += "<li>\(Self.escape(x.formatted))</li>\n" }
            if d.diagnostics.count > 500 { out += "<li>… and \(d.diagnostics.count - 500) more (run uptake check for all)</li>\n" }
            out += "</ul>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The uptake table as people read it: partner and population as row headers, figures right-aligned.
    func uptakeTable() -> String {
        var out = "<table>\n<caption>Uptake by series (change interval: Newcombe hybrid score, indicative)</caption>\n<thead><tr>"
        for h in ["Partner · population", "First", "Latest", "Change (pp)", "Change (%)", "95% interval (pp)", "Interval", "Benchmark"] {
            out += "<th scope=\"col\">\(h)</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let m = report.dataset.metadata
        for r in report.table.rows {
            func at(_ p: SeriesSummary.Point?) -> String {
                guard let p else { return "—" }
                return (p.uptakePct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—") + " (" + m.label(for: p.period) + ")"
            }
            let ci = r.changeInterval.map { NumberFormat.signed($0.lower, 1) + " to " + NumberFormat.signed($0.upper, 1) } ?? "—"
            let cells = [at(r.start), at(r.end), r.changePP.map { NumberFormat.signed($0, 1) } ?? "—", r.changeRelPct.map { NumberFormat.signed($0, 1) } ?? "—",
                         ci, r.intervalVerdict ?? "—", r.benchmark?.label ?? "—"]
            out += "<tr><th scope=\"row\">\(Self.escape(r.series.partner + " · " + r.series.proxyPopulation))</th>"
            for (k, c) in cells.enumerated() { out += "<td\(k < 5 ? " class=\"n\"" : "")>\(Self.escape(c))</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Any exported table as an HTML table with a caption and column headers.
    func table(_ t: ExportTable) -> String {
        var out = "<table>\n<caption>\(Self.escape(t.title))</caption>\n<thead><tr>"
        for c in t.columns { out += "<th scope=\"col\">\(Self.escape(c))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for r in t.rows { out += "<tr>" + r.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n"
    }
}
