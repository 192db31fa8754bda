import Foundation
import UptakeCore

/// Pane 1: the headline figures, the top of the uptake table, each series in words, inequality headlines.
public struct OverviewPane: PaneModel {
    public let id = "overview"
    public let title = "Overview"
    /// Scroll of the page.
    public internal(set) var scroll = DocumentScroll()

    /// Creates the pane at the top of its page.
    public init() {}

    public func heading(_ context: PaneContext, width: Int) -> String { context.dataset.metadata.title }

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] { [] }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        scroll.handle(command, viewport: context.viewport) ?? .ignored
    }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        Self.document(context, width: area.width, height: area.height).render(into: &buffer, area: area, scroll: scroll)
    }

    /// "0 errors · 1 warning".
    static func diagnosticsSummary(_ ds: Dataset) -> String {
        let e = ds.errorCount, w = ds.warningCount, n = ds.noteCount
        var s = "\(NumberFormat.grouped(e)) error\(e == 1 ? "" : "s") · \(NumberFormat.grouped(w)) warning\(w == 1 ? "" : "s")"
        if n > 0 { s += " · \(NumberFormat.grouped(n)) note\(n == 1 ? "" : "s")" }
        return s
    }

    static func document(_ context: PaneContext, width: Int, height: Int) -> Document {
        let theme = context.theme
        let ds = context.dataset
        let ix = context.index
        let glyphs = context.glyphs
        var doc = Document(width: width, theme: theme, glyphs: glyphs)
        let meta = ds.metadata
        // A directory with no uptake.csv is most likely the wrong directory: say so first, in words.
        if let u = ds.fileSummaries.first(where: { $0.file == "uptake.csv" }), !u.present {
            let none = ds.fileSummaries.allSatisfy { !$0.present }
            doc.text((none ? "No data files in " : "No uptake.csv in ") + ds.origin + ": is this the data directory? "
                     + "Try --data sample-data, or set UPTAKE_DATA." + (context.sharedScreen ? "" : " Press d for the details."), style: theme.warning.adding(.bold))
            doc.blank()
        }
        let sub = [meta.programme, meta.area].compactMap { $0 }.joined(separator: " · ")
        if !sub.isEmpty { doc.text(sub, style: theme.dim) }
        doc.text("Loaded " + (context.loadedAt.isEmpty ? "" : context.loadedAt + " ") + "from " + ds.origin, style: theme.dim)
        doc.line([StyledSpan(diagnosticsSummary(ds) + (context.sharedScreen ? "" : " (d)"), style: ds.errorCount > 0 ? theme.error : (ds.warningCount > 0 ? theme.warning : theme.dim))])

        // Headline figures: big numbers first, words after, one per line so nothing is cut.
        func headline(_ value: String, _ words: String, _ style: Style? = nil) {
            doc.line([StyledSpan("  " + value, style: (style ?? theme.accent).adding(.bold)), StyledSpan("  " + words, style: theme.text)])
        }
        var partners = "partners in partners.csv"
        if let funded = meta.funding?.partners { partners += " · \(funded) funded (dataset.toml)" }
        headline(NumberFormat.grouped(ds.partners.count), partners)
        headline(ix.residentsReached.map(NumberFormat.grouped) ?? "—",
                 ix.residentsReached == nil ? "residents reached (no partner gives a figure)" : "residents reached (partners.csv total)",
                 ix.residentsReached == nil ? theme.dim : nil)
        if let f = meta.funding, let total = f.totalGBP {
            var words = "funding"
            if let lo = f.minGBP, let hi = f.maxGBP { words += glyphs.money(", grants \(NumberFormat.pounds(lo))–\(NumberFormat.pounds(hi))") }
            headline(glyphs.money(NumberFormat.pounds(total)), words)
        }
        let n = ix.partnerSeriesCount
        doc.line([StyledSpan("  \(NumberFormat.grouped(ix.improved)) improved", style: theme.improved.adding(.bold)), StyledSpan(" · ", style: theme.dim),
                  StyledSpan("\(NumberFormat.grouped(ix.worse)) worse", style: theme.worse.adding(.bold)),
                  StyledSpan("  of \(NumberFormat.grouped(n)) series", style: theme.text)])
        let k = ix.significant, m = ix.intervalCount
        doc.line([StyledSpan("  \(NumberFormat.grouped(k)) of \(NumberFormat.grouped(m))", style: theme.significant.adding(.bold)),
                  StyledSpan(" change interval\(m == 1 ? "" : "s") \(k == 1 ? "excludes" : "exclude") no change", style: theme.text),
                  StyledSpan(" (indicative)", style: theme.dim)])
        if n > UptakeTable.manySeries {
            doc.text("About \(NumberFormat.groupedTrimmed(ix.expectedByChance, 1)) would exclude no change by chance alone (1 in 20 at 95%).",
                     style: theme.dim, indent: 2, hanging: 2)
        }

        // What the programme is for and how uptake is tracked, in the dataset's own words: under the figures when the
        // screen is tall enough to keep the uptake and inequality headlines in view too, else after them.
        let about = [("About", meta.description), ("Tracking", meta.evaluation)].compactMap { label, text -> (String, String)? in
            guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
            return (label, t)
        }
        func describe() {
            guard !about.isEmpty else { return }
            doc.blank()
            for (label, text) in about { doc.field(label, text, indent: 2, labelWidth: 9) }
        }
        let aboutFirst = height >= 30
        if aboutFirst { describe() }

        doc.blank()
        doc.heading("Uptake, first to latest period")
        let top = (0..<ix.table.rows.count).prefix(max(3, min(8, height / 4)))
        // A partner with several series is named with its proxy population, so the rows can be told apart.
        func name(_ s: SeriesSummary) -> String {
            s.partnerHasSeveralSeries ? s.series.partner + " (" + s.series.proxyPopulation + ")" : s.series.partner
        }
        let nameWidth = max(8, min(width / 2, top.map { TerminalText.width(name(ix.table.rows[$0])) }.max() ?? 8))
        for i in top {
            let s = ix.table.rows[i]
            let change = s.changePP.map { NumberFormat.signed($0, 1) + " pp" } ?? "—"
            let sig: String = s.isSignificant.map { $0 ? "interval excludes no change " + glyphs.check : "interval includes no change" } ?? "no interval"
            let dirStyle = s.direction == .improved ? theme.improved : (s.direction == .worse ? theme.worse : theme.text)
            doc.line([StyledSpan("  " + TerminalText.pad(TerminalText.truncate(name(s), toWidth: nameWidth, ellipsis: glyphs.ellipsis),
                                                         toWidth: nameWidth, alignment: .left), style: theme.text),
                      StyledSpan("  " + TerminalText.pad(change, toWidth: 9, alignment: .right), style: dirStyle),
                      StyledSpan("  " + sig, style: s.isSignificant == true ? theme.significant : theme.dim)])
        }
        if n > top.count { doc.text("… and \(n - top.count) more on the Uptake pane (2)", style: theme.dim, indent: 2) }

        let headlines = InequalityHeadlines.headlines(ds.indicators)
        if !headlines.isEmpty {
            doc.blank()
            doc.heading("Inequalities")
            for h in headlines { doc.text(glyphs.bullet + " " + h, indent: 2, hanging: 4) }
        }
        if !aboutFirst { describe() }

        doc.blank()
        doc.heading("In words")
        for i in (0..<ix.table.rows.count).prefix(6) {
            let s = ix.table.rows[i]
            doc.text(glyphs.bullet + " " + name(s) + ": " + s.statement(labels: meta), indent: 2, hanging: 4)
        }
        if n > 6 { doc.text("… \(n - 6) more series", style: theme.dim, indent: 2) }

        return doc
    }
}
