import UptakeCore

/// The screen before the first data arrives: which file, a progress bar, rows read,
/// the percentage, and the keys (Esc cancels); after a cancel, how to load again.
///
/// It is drawn from ``AppState/loadStatus``, which the runtime refreshes every
/// ``AppState/loadPollSeconds`` while the load runs on another thread, so the
/// first frame comes at once and the loop answers keys throughout the load.
extension AppState {
    /// The loading screen's lines for a pane area `width` cells wide.
    func loadingDocument(width: Int) -> Document {
        var doc = Document(width: width, theme: theme, glyphs: glyphs)
        let origin = TerminalText.sanitize(dataset.origin)
        doc.blank()
        if loadCancelled {
            doc.text("Loading cancelled: no data from " + origin + " is shown.", style: theme.warning.adding(.bold), indent: 2)
            doc.blank()
            doc.text("Press r to load it again, or q to quit.", style: theme.text, indent: 2)
            return doc
        }
        let status = loadStatus ?? LoadStatus()
        let file = status.file.isEmpty ? origin : origin + "/" + TerminalText.sanitize(status.file)
        doc.text("Loading " + file + glyphs.ellipsis, style: theme.heading, indent: 2)
        doc.blank()
        let barWidth = max(10, min(60, width - 12))
        let bar = BarChart(items: [], glyphs: glyphs).bar(fraction: status.fraction, width: barWidth)
        let rest = String(repeating: glyphs == .ascii ? "." : "░", count: max(0, barWidth - TerminalText.width(bar)))
        let percent = Self.percentText(status)
        doc.line([StyledSpan("  " + bar, style: theme.accent), StyledSpan(rest, style: theme.dim),
                  StyledSpan(percent.isEmpty ? "" : "  " + percent, style: theme.text.adding(.bold))])
        doc.blank()
        var facts: [String] = []
        if status.rowsDone > 0 { facts.append(NumberFormat.grouped(status.rowsDone) + " rows read") }
        if status.totalBytes > 0 { facts.append(Self.megabytes(status.bytesDone) + " of " + Self.megabytes(status.totalBytes)) }
        doc.text(facts.isEmpty ? "Starting" + glyphs.ellipsis : facts.joined(separator: " · "), style: theme.dim, indent: 2)
        doc.blank()
        doc.text("Esc cancels; " + digitLabel + " choose the pane to show; q quits.", style: theme.dim, indent: 2)
        return doc
    }

    /// `27.9 MB` (decimal megabytes, one decimal), `812 kB` below one.
    static func megabytes(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return NumberFormat.grouped((bytes + 500) / 1000) + " kB" }
        let tenths = (bytes + 50_000) / 100_000
        return NumberFormat.grouped(tenths / 10) + "." + String(tenths % 10) + " MB"
    }

    /// "41%" while the size of `uptake.csv` is known, else "".
    var loadPercentText: String { loadStatus.map(Self.percentText) ?? "" }

    /// "41%" (whole percent, rounded down, 0 to 100) when the size is known, else "".
    static func percentText(_ s: LoadStatus) -> String {
        guard s.totalBytes > 0, let whole = Int(exactly: (s.fraction * 100).rounded(.down)) else { return "" }
        return String(min(100, max(0, whole))) + "%"
    }
}
