import UptakeCore

/// One file `e` writes: what it holds, its format (the file extension) and its bytes.
public struct PaneExport: Sendable, Equatable {
    /// The pane's id, used in the file name (`uptake-partners-2026-11-29-1432.csv`).
    public var name: String
    /// `csv` or `md`.
    public var format: String
    /// The file's contents.
    public var bytes: [UInt8]

    /// Creates an export.
    public init(name: String, format: String, bytes: [UInt8]) {
        self.name = name
        self.format = format
        self.bytes = bytes
    }

    /// A table as a CSV file and a Markdown file.
    static func table(_ name: String, _ table: ExportTable) -> [PaneExport] {
        [PaneExport(name: name, format: "csv", bytes: table.csv()), PaneExport(name: name, format: "md", bytes: Array(table.markdown().utf8))]
    }

    /// A document as a Markdown file: a heading, then the document's lines as plain text.
    static func document(_ name: String, title: String, _ doc: Document) -> [PaneExport] {
        let text = "# " + TerminalText.sanitize(title).markdownLiteral + "\n\n" + doc.plainLines().map(\.markdownLiteral).joined(separator: "\n") + "\n"
        return [PaneExport(name: name, format: "md", bytes: Array(text.utf8))]
    }
}

// MARK: - Defaults

extension PaneModel {
    /// By default a pane has nothing to export.
    public func exports(_ context: PaneContext) -> [PaneExport] { [] }
}

extension String {
    /// Text Markdown shows as written: its markup characters backslash-escaped (leading spaces kept as they are).
    var markdownLiteral: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            if "\\`*_[]<>|~#".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

extension Document {
    /// The document as plain lines: text as drawn, bars and whiskers as `label: value`.
    func plainLines() -> [String] {
        lines.map { line -> String in
            switch line {
            case .spans(let spans): return spans.map(\.text).joined()
            case let .bar(indent, label, _, _, _, valueText), let .whisker(indent, label, _, _, _, _, _, valueText, _):
                return String(repeating: " ", count: indent) + label + ": " + valueText
            }
        }.map { (s: String) -> String in
            var t = s
            while t.hasSuffix(" ") { t.removeLast() }
            return t
        }
    }
}

/// Width documents are laid out at for export: a page, not the screen.
let exportDocumentWidth = 100

// MARK: - The panes' exports

extension UptakePane {
    /// The rows shown, in the order shown, with every column.
    public func exports(_ context: PaneContext) -> [PaneExport] {
        let index = context.index
        let cols = UptakeColumn.allCases.filter { $0 != .trend || index.maxPeriods > 2 }
        let rows = list.rows.map { r in cols.map { UptakePane.cell($0, index.table.rows[r], glyphs: .unicode) } }
        var title = "Uptake: \(rows.count) of \(index.table.rows.count) series"
        if !list.filter.text.isEmpty { title += ", filter “\(list.filter.text)”" }
        return PaneExport.table(id, ExportTable(title: title, columns: cols.map(\.title), rows: rows))
    }
}

extension PartnersPane {
    /// The partners shown, in the order shown, or the open record as a document.
    public func exports(_ context: PaneContext) -> [PaneExport] {
        if let p = openRecord {
            let doc = PartnersPane.recordDocument(context, entry: p, width: exportDocumentWidth)
            return PaneExport.document(id, title: "Partner: " + context.index.partners[p].name, doc)
        }
        let cols = PartnerColumn.allCases
        let rows = list.rows.map { r in cols.map { PartnersPane.cell($0, context.index.partners[r]) } }
        var title = "Partners: \(rows.count) of \(context.index.partners.count)"
        if !list.filter.text.isEmpty { title += ", filter “\(list.filter.text)”" }
        return PaneExport.table(id, ExportTable(title: title, columns: cols.map(\.title), rows: rows))
    }
}

extension OverviewPane {
    public func exports(_ context: PaneContext) -> [PaneExport] {
        PaneExport.document(id, title: context.dataset.metadata.title,
                            OverviewPane.document(context, width: exportDocumentWidth, height: 10_000))
    }
}

extension InequalitiesPane {
    /// The indicators the filter lets through.
    public func exports(_ context: PaneContext) -> [PaneExport] {
        PaneExport.document(id, title: "Inequalities", InequalitiesPane.document(context, indicators: shown(context), width: exportDocumentWidth))
    }
}

extension PrinciplesPane {
    /// The items the filter lets through.
    public func exports(_ context: PaneContext) -> [PaneExport] {
        let items = context.dataset.principles
        let shown = items.indices.filter { i in filter.matches([items[i].framework, items[i].theme ?? "", items[i].title ?? "", items[i].text]) }
        return PaneExport.document(id, title: "Principles", PrinciplesPane.document(context, shown: shown, width: exportDocumentWidth).0)
    }
}

extension CaseStudiesPane {
    /// The case study shown, as its Markdown (with its place, partners, tags and source).
    public func exports(_ context: PaneContext) -> [PaneExport] {
        let studies = context.dataset.caseStudies
        guard studies.indices.contains(selected) else { return [] }
        let cs = studies[selected]
        var text = "# " + TerminalText.sanitize(cs.title).markdownLiteral + "\n\n"
        text += "- Place: " + TerminalText.sanitize(cs.place ?? "—").markdownLiteral + "\n"
        text += "- Partners: " + TerminalText.sanitize(cs.partners.isEmpty ? "—" : cs.partners.joined(separator: ", ")).markdownLiteral + "\n"
        text += "- Source: " + TerminalText.sanitize(cs.source ?? "—").markdownLiteral + "\n\n"
        text += TerminalText.sanitizeMultiline(cs.body) + "\n"
        return [PaneExport(name: id, format: "md", bytes: Array(text.utf8))]
    }
}

extension SpotlightPane {
    /// The slide shown, as Markdown: the series' figures and the model's sentence, an indicator, or the summary.
    public func exports(_ context: PaneContext) -> [PaneExport] {
        var lines: [String] = []
        switch slide(context) {
        case .series(let r):
            let s = context.index.table.rows[r]
            lines = ["# " + TerminalText.sanitize(s.series.partner + " · " + s.series.proxyPopulation).markdownLiteral, "",
                     TerminalText.sanitize(s.statement(labels: context.dataset.metadata)).markdownLiteral]
            if let b = s.benchmark { lines += ["", "Benchmark: " + b.label] }
        case .indicator(let i):
            let doc = InequalitiesPane.document(context, indicators: [context.dataset.indicators[i]], width: exportDocumentWidth)
            return PaneExport.document(id, title: "Inequality: " + context.dataset.indicators[i].title, doc)
        case .deprivation(let i):
            let r = context.index.inequality.rows[i]
            let g = r.group
            lines = ["# " + TerminalText.sanitize("Inequality by deprivation: " + g.area + (g.programme.map { ", \($0.rawValue) screening" } ?? "")
                                                  + (g.subgroup.map { " (\($0))" } ?? "") + ", " + context.dataset.metadata.label(for: g.period)).markdownLiteral, "",
                     TerminalText.sanitize(r.siiStatement).markdownLiteral, "", TerminalText.sanitize(r.riiStatement).markdownLiteral]
        case .summary:
            lines = ["# Summary", "", TerminalText.sanitize(context.index.table.headline).markdownLiteral]
        }
        return [PaneExport(name: id, format: "md", bytes: Array((lines.joined(separator: "\n") + "\n").utf8))]
    }
}
