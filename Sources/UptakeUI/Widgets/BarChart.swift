import UptakeCore

/// One bar of a `BarChart`.
public struct BarChartItem: Hashable, Sendable {
    /// Text left of the bar.
    public var label: String
    /// Length of the bar, on the chart's scale; negative and NaN draw no bar.
    public var value: Double
    /// Text right of the bar (e.g. "45.2%"); nil shows nothing.
    public var valueText: String?

    /// Creates a bar.
    public init(label: String, value: Double, valueText: String? = nil) {
        self.label = label
        self.value = value
        self.valueText = valueText
    }
}

/// Horizontal labelled bars, one per row, scaled to the largest value or a given maximum.
///
/// Layout per row: label (padded to the widest label, at most a third of the
/// width), a space, the bar, a space, the value text right-aligned. Partial
/// cells use eighth blocks in Unicode and are rounded to whole `#` in ASCII.
public struct BarChart: Sendable {
    /// The bars, top to bottom.
    public var items: [BarChartItem]
    /// The value of a full-width bar; nil uses the largest value.
    public var maximum: Double?
    /// Style of the labels.
    public var labelStyle: Style
    /// Style of the bars.
    public var barStyle: Style
    /// Style of the value texts.
    public var valueStyle: Style
    /// Characters for bars and ellipsis.
    public var glyphs: Glyphs

    /// Creates a bar chart.
    public init(items: [BarChartItem], maximum: Double? = nil, labelStyle: Style = .plain, barStyle: Style = .plain,
                valueStyle: Style = .plain, glyphs: Glyphs = .unicode) {
        self.items = items
        self.maximum = maximum
        self.labelStyle = labelStyle
        self.barStyle = barStyle
        self.valueStyle = valueStyle
        self.glyphs = glyphs
    }

    /// The bar text for `fraction` (0…1) of `width` cells, using whole and partial blocks.
    public func bar(fraction: Double, width: Int) -> String {
        guard width > 0, fraction.isFinite, fraction > 0 else { return "" }
        let steps = glyphs.barPartials.count + 1
        let units = Int((min(fraction, 1) * Double(width * steps)).rounded())
        var s = String(repeating: glyphs.barFull, count: units / steps)
        if units % steps > 0 { s += glyphs.barPartials[units % steps - 1] }
        return s
    }

    /// Draws one bar per row of `area`; bars past the bottom are not drawn.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let labels = items.map { TerminalText.sanitize($0.label) }
        let values = items.map { TerminalText.sanitize($0.valueText ?? "") }
        let labelWidth = min(labels.map(TerminalText.width).max() ?? 0, area.width / 3)
        let valueWidth = min(values.map(TerminalText.width).max() ?? 0, area.width / 3)
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let barWidth = area.maxX - barX - (valueWidth > 0 ? valueWidth + 1 : 0)
        let top = maximum ?? items.map(\.value).filter(\.isFinite).max() ?? 0
        for (i, item) in items.enumerated() where i < area.height {
            let y = area.y + i
            if labelWidth > 0 {
                buffer.put(TerminalText.pad(TerminalText.truncate(labels[i], toWidth: labelWidth, ellipsis: glyphs.ellipsis), toWidth: labelWidth, alignment: .left),
                           x: area.x, y: y, maxWidth: labelWidth, style: labelStyle)
            }
            if barWidth > 0, top > 0 {
                buffer.put(bar(fraction: item.value / top, width: barWidth), x: barX, y: y, maxWidth: barWidth, style: barStyle)
            }
            if valueWidth > 0 {
                buffer.put(TerminalText.pad(TerminalText.truncate(values[i], toWidth: valueWidth, ellipsis: glyphs.ellipsis), toWidth: valueWidth, alignment: .right),
                           x: area.maxX - valueWidth, y: y, maxWidth: valueWidth, style: valueStyle)
            }
        }
    }
}
