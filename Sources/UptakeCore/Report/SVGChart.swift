/// A before/after (dumbbell) chart of every series as SVG, for slides and e-mail.
///
/// One row per series: the first period's uptake (hollow circle) and the latest
/// (filled circle) joined by a line, each with its 95% Wilson interval as a thin
/// bar with caps, and the programme's acceptable and achievable benchmark lines
/// across the row where the programme is known. Every string from the data is
/// XML-escaped; the chart uses no script and no external file.
public struct SVGChart: Sendable {
    /// The dataset's uptake table.
    public let table: UptakeTable
    /// Labels for periods and benchmarks.
    public let metadata: DatasetMetadata

    /// Creates the chart for `table`.
    public init(table: UptakeTable, metadata: DatasetMetadata) {
        self.table = table
        self.metadata = metadata
    }

    /// Row height, label column and plot width in pixels.
    static let rowHeight = 34, labelWidth = 340, plotWidth = 560, top = 92, bottomMargin = 56, right = 200

    /// The uptake range drawn: 0–100% rounded in to tens around the figures and their intervals.
    func scale() -> (lo: Double, hi: Double) {
        var lo = 100.0, hi = 0.0
        for r in table.rows {
            for p in [r.start, r.end].compactMap({ $0 }) {
                if let i = p.interval { lo = min(lo, i.lower); hi = max(hi, i.upper) }
                else if let u = p.uptakePct { lo = min(lo, u); hi = max(hi, u) }
            }
            if let prog = r.series.programme, let b = metadata.benchmarks[prog] {
                lo = min(lo, b.thresholds.acceptable)
                hi = max(hi, b.thresholds.achievable ?? b.thresholds.acceptable)
            }
        }
        if lo > hi { return (0, 100) }
        let l = max(0, (lo / 10).rounded(.down) * 10), h = min(100, (hi / 10).rounded(.up) * 10)
        return h - l < 10 ? (max(0, l - 10), min(100, h + 10)) : (l, h)
    }

    /// The chart as SVG text.
    public func svg() -> String {
        var out = ""
        write { out += $0 }
        return out
    }

    /// Streams the chart to `sink` a row at a time.
    public func write(_ sink: (String) -> Void) {
        let rows = table.rows
        let (lo, hi) = scale()
        let plotX = Double(Self.labelWidth)
        let w = Self.labelWidth + Self.plotWidth + Self.right
        let h = Self.top + max(1, rows.count) * Self.rowHeight + Self.bottomMargin
        func x(_ v: Double) -> String { Self.n(plotX + (min(max(v, lo), hi) - lo) / (hi - lo) * Double(Self.plotWidth)) }
        let title = metadata.title.isEmpty ? "Uptake by series" : metadata.title
        sink("""
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" role="img" aria-labelledby="chart-title chart-desc" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="13">
            <title id="chart-title">\(Self.escape(title)): uptake, first and latest period</title>
            <desc id="chart-desc">\(Self.escape(table.headline))</desc>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="16" y="28" font-size="18" font-weight="bold" fill="#000000">\(Self.escape(title))</text>
            <text x="16" y="50" fill="#333333">Uptake (%) at the first and latest period, each with its 95% Wilson interval; benchmark lines where the programme is known.</text>
            <g aria-hidden="true">
            <circle cx="24" cy="70" r="5" fill="#ffffff" stroke="#000000" stroke-width="2"/><text x="34" y="74" fill="#000000">first period</text>
            <circle cx="144" cy="70" r="5" fill="#0b4f9c" stroke="#0b4f9c" stroke-width="2"/><text x="154" y="74" fill="#000000">latest period</text>
            <line x1="262" y1="70" x2="292" y2="70" stroke="#555555" stroke-width="1.5"/><text x="298" y="74" fill="#000000">95% interval</text>
            <line x1="410" y1="62" x2="410" y2="78" stroke="#b35900" stroke-width="2" stroke-dasharray="4 3"/><text x="418" y="74" fill="#000000">acceptable</text>
            <line x1="510" y1="62" x2="510" y2="78" stroke="#006b3c" stroke-width="2" stroke-dasharray="1 3"/><text x="518" y="74" fill="#000000">achievable</text>
            </g>

            """)
        // Gridlines and axis labels every 10 points.
        let axisY = Self.top + max(1, rows.count) * Self.rowHeight
        var grid = "<g>\n"
        var v = lo
        while v <= hi + 1e-9 {
            grid += "<line x1=\"\(x(v))\" y1=\"\(Self.top - 6)\" x2=\"\(x(v))\" y2=\"\(axisY)\" stroke=\"#dddddd\" stroke-width=\"1\"/>"
            grid += "<text x=\"\(x(v))\" y=\"\(axisY + 18)\" text-anchor=\"middle\" fill=\"#000000\">\(Self.n(v))%</text>\n"
            v += 10
        }
        grid += "<text x=\"\(Self.n(plotX + Double(Self.plotWidth) / 2))\" y=\"\(axisY + 40)\" text-anchor=\"middle\" fill=\"#000000\">Uptake (%)</text>\n</g>\n"
        sink(grid)
        if rows.isEmpty {
            sink("<text x=\"16\" y=\"\(Self.top + 20)\" fill=\"#000000\">No uptake figures in this dataset.</text>\n")
        }
        var chunk = ""
        for (i, r) in rows.enumerated() {
            let y = Self.top + i * Self.rowHeight + Self.rowHeight / 2
            let label = r.series.partner + " · " + r.series.proxyPopulation
            chunk += "<g><title>\(Self.escape(label + ": " + r.changeSentence(labels: metadata)))</title>\n"
            chunk += "<text x=\"\(Self.labelWidth - 10)\" y=\"\(y + 4)\" text-anchor=\"end\" fill=\"#000000\">\(Self.escape(Self.clip(label, 40)))</text>\n"
            if let prog = r.series.programme, let b = metadata.benchmarks[prog] {
                let y1 = y - Self.rowHeight / 2 + 3, y2 = y + Self.rowHeight / 2 - 3
                chunk += "<line x1=\"\(x(b.thresholds.acceptable))\" y1=\"\(y1)\" x2=\"\(x(b.thresholds.acceptable))\" y2=\"\(y2)\" stroke=\"#b35900\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n"
                if let a = b.thresholds.achievable {
                    chunk += "<line x1=\"\(x(a))\" y1=\"\(y1)\" x2=\"\(x(a))\" y2=\"\(y2)\" stroke=\"#006b3c\" stroke-width=\"2\" stroke-dasharray=\"1 3\"/>\n"
                }
            }
            let points = [(r.start, false), (r.end, true)].compactMap { p, latest in p.map { ($0, latest) } }
            let values = points.compactMap { $0.0.uptakePct }
            if values.count == 2 {
                chunk += "<line x1=\"\(x(values[0]))\" y1=\"\(y)\" x2=\"\(x(values[1]))\" y2=\"\(y)\" stroke=\"#888888\" stroke-width=\"4\"/>\n"
            }
            for (p, latest) in points {
                let dy = latest ? 6 : -6
                if let ci = p.interval {
                    let yy = y + dy
                    chunk += "<line x1=\"\(x(ci.lower))\" y1=\"\(yy)\" x2=\"\(x(ci.upper))\" y2=\"\(yy)\" stroke=\"#555555\" stroke-width=\"1.5\"/>"
                    chunk += "<line x1=\"\(x(ci.lower))\" y1=\"\(yy - 3)\" x2=\"\(x(ci.lower))\" y2=\"\(yy + 3)\" stroke=\"#555555\" stroke-width=\"1.5\"/>"
                    chunk += "<line x1=\"\(x(ci.upper))\" y1=\"\(yy - 3)\" x2=\"\(x(ci.upper))\" y2=\"\(yy + 3)\" stroke=\"#555555\" stroke-width=\"1.5\"/>\n"
                }
                if let u = p.uptakePct {
                    let fill = latest ? "#0b4f9c" : "#ffffff"
                    chunk += "<circle cx=\"\(x(u))\" cy=\"\(y)\" r=\"6\" fill=\"\(fill)\" stroke=\"\(latest ? "#0b4f9c" : "#000000")\" stroke-width=\"2\"/>\n"
                }
            }
            let figures = points.compactMap { $0.0.uptakePct.map { NumberFormat.fixed($0, 1) } }.joined(separator: " → ")
            let change = r.changePP.map { " (" + NumberFormat.signed($0, 1) + " pp)" } ?? ""
            chunk += "<text x=\"\(Self.labelWidth + Self.plotWidth + 12)\" y=\"\(y + 4)\" fill=\"#000000\">\(Self.escape(figures + change))</text>\n</g>\n"
            if chunk.utf8.count > 1 << 16 { sink(chunk); chunk = "" }
        }
        sink(chunk + "</svg>\n")
    }

    /// A number for an SVG attribute: at most one decimal, no trailing `.0`.
    static func n(_ v: Double) -> String { NumberFormat.trimmed(NumberFormat.fixed(v, 1)) }

    /// `text` cut to `count` characters with an ellipsis (the full label stays in the row's `<title>`).
    static func clip(_ text: String, _ count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count - 1)) + "…"
    }

    /// Text safe inside XML content and attribute values; control characters other than tab and line feed are dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                // XML 1.0 forbids most C0 controls; C1 and the BOM/non-characters are dropped too.
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
