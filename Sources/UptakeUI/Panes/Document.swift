import UptakeCore

/// One line of a scrolling text pane: styled text, or a one-row chart.
enum DocLine: Sendable {
    /// Text spans (already cut to the width).
    case spans([StyledSpan])
    /// A horizontal bar: label, value on the shared scale, value text.
    case bar(indent: Int, label: String, labelWidth: Int, value: Double, maximum: Double, valueText: String)
    /// An interval whisker: label, estimate and interval on a shared scale, value text.
    case whisker(indent: Int, label: String, labelWidth: Int, estimate: Double, lower: Double, upper: Double,
                 scale: ClosedRange<Double>, valueText: String, reference: Double? = nil)
}

/// A scrolling pane's content, built for one width; the panes write into it like a page.
///
/// Built on demand (for the visible pane only) from data that is already
/// derived, so its cost is the size of one record or one framework list, not the dataset.
struct Document {
    let width: Int
    let theme: Theme
    let glyphs: Glyphs
    var lines: [DocLine] = []

    init(width: Int, theme: Theme, glyphs: Glyphs) {
        self.width = max(1, width)
        self.theme = theme
        self.glyphs = glyphs
    }

    mutating func blank() {
        if let last = lines.last, case .spans(let s) = last, s.isEmpty { return }
        if !lines.isEmpty { lines.append(.spans([])) }
    }

    /// A heading line (cut, not wrapped).
    mutating func heading(_ text: String, style: Style? = nil) {
        self.text(text, style: style ?? theme.heading)
    }

    /// Word-wrapped text with a hanging indent.
    mutating func text(_ text: String, style: Style? = nil, indent: Int = 0, hanging: Int? = nil) {
        let st = style ?? theme.text
        let first = indent, rest = hanging ?? indent
        for (i, line) in Document.wrap(glyphs.drawn(text), first: width - first, rest: width - rest).enumerated() {
            let pad = String(repeating: " ", count: max(0, i == 0 ? first : rest))
            lines.append(.spans([StyledSpan(pad, style: theme.text), StyledSpan(line, style: st)]))
        }
    }

    /// `Label: value`, the label in a dim style and the value wrapped under itself.
    mutating func field(_ label: String, _ value: String?, indent: Int = 2, labelWidth: Int = 0, valueStyle: Style? = nil) {
        let l = TerminalText.pad(label + ":", toWidth: max(labelWidth, TerminalText.width(label) + 1), alignment: .left) + " "
        let lw = TerminalText.width(l)
        let v = value.flatMap { $0.isEmpty ? nil : $0 } ?? "—"
        let room = width - indent - lw
        if room < 12 {
            self.text(l, style: theme.dim, indent: indent)
            self.text(v, style: valueStyle ?? theme.text, indent: indent + 2)
            return
        }
        let wrapped = Document.wrap(glyphs.drawn(v), first: room, rest: room)
        for (i, line) in wrapped.enumerated() {
            let pad = String(repeating: " ", count: indent)
            let head = i == 0 ? StyledSpan(l, style: theme.dim) : StyledSpan(String(repeating: " ", count: lw), style: theme.text)
            lines.append(.spans([StyledSpan(pad, style: theme.text), head, StyledSpan(line, style: valueStyle ?? theme.text)]))
        }
    }

    /// Spans on one line (cut at the width when drawn).
    mutating func line(_ spans: [StyledSpan]) { lines.append(.spans(spans)) }

    /// Greedy word wrap by display width (``WordWrap``); words longer than a line are broken.
    static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
        WordWrap.lines(text, first: first, rest: rest)
    }

    /// Draws lines from `offset` (clamped) into `area`, with ▲/▼ marks in the right column when more is hidden.
    func render(into buffer: inout Buffer, area: Rect, offset: Int) {
        guard !area.isEmpty else { return }
        let start = Document.clamp(offset, total: lines.count, visible: area.height)
        for (row, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            let y = area.y + row
            switch line {
            case .spans(let spans):
                var x = area.x
                for s in spans where x < area.maxX {
                    x += buffer.put(s.text, x: x, y: y, maxWidth: area.maxX - x, style: s.style)
                }
            case let .bar(indent, label, labelWidth, value, maximum, valueText):
                let g = labelledRow(into: &buffer, y: y, area: area, indent: indent, label: label,
                                    labelWidth: labelWidth, labelShare: 2, valueText: valueText)
                if g.width > 0, maximum > 0 {
                    let chart = BarChart(items: [], glyphs: glyphs)
                    buffer.put(chart.bar(fraction: value / maximum, width: g.width), x: g.x, y: y, maxWidth: g.width, style: theme.barFill)
                }
            case let .whisker(indent, label, labelWidth, estimate, lower, upper, scale, valueText, reference):
                let g = labelledRow(into: &buffer, y: y, area: area, indent: indent, label: label,
                                    labelWidth: labelWidth, labelShare: 3, valueText: valueText)
                if g.width > 2 {
                    IntervalWhisker(estimate: estimate, lower: lower, upper: upper, scale: scale, reference: reference, style: theme.whisker,
                                    pointStyle: theme.whisker.adding(.bold), referenceStyle: theme.dim, glyphs: glyphs)
                        .render(into: &buffer, area: Rect(x: g.x, y: y, width: g.width, height: 1))
                }
            }
        }
        if start > 0 { buffer.put(glyphs.arrowUp, x: area.maxX - 1, y: area.y, maxWidth: 1, style: theme.dim) }
        if start + area.height < lines.count { buffer.put(glyphs.arrowDown, x: area.maxX - 1, y: area.maxY - 1, maxWidth: 1, style: theme.dim) }
    }

    /// An offset kept within `0...total - visible`.
    static func clamp(_ offset: Int, total: Int, visible: Int) -> Int { min(max(0, offset), max(0, total - visible)) }

    /// Draws a chart row's label (left, at most 1/`labelShare` of the row) and value text (right),
    /// and returns where the graphic between them goes.
    private func labelledRow(into buffer: inout Buffer, y: Int, area: Rect, indent: Int, label: String, labelWidth: Int,
                             labelShare: Int, valueText: String) -> (x: Int, width: Int) {
        let r = Rect(x: area.x + indent, y: y, width: area.width - indent - 1, height: 1)
        let lw = min(labelWidth, max(0, r.width / labelShare))
        buffer.put(TerminalText.pad(TerminalText.truncate(label, toWidth: lw, ellipsis: glyphs.ellipsis), toWidth: lw, alignment: .left),
                   x: r.x, y: y, maxWidth: lw, style: theme.text)
        let vw = TerminalText.width(valueText)
        let gx = r.x + lw + 1
        let vx = max(gx, r.maxX - vw)
        buffer.put(valueText, x: vx, y: y, maxWidth: r.maxX - vx, style: theme.text)
        return (gx, r.maxX - gx - vw - 1)
    }
}
