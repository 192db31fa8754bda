/// A one-row trend of values in block heights; a missing value is a gap.
///
/// When there are more values than columns, the most recent (last) values are
/// shown, since a trend is read towards "now".
public struct Sparkline: Sendable {
    /// The values, oldest first; nil (or NaN) means no data for that period.
    public var values: [Double?]
    /// The scale; nil uses the smallest…largest value present.
    public var range: ClosedRange<Double>?
    /// Style of the blocks.
    public var style: Style
    /// Characters for the levels.
    public var glyphs: Glyphs

    /// Creates a sparkline.
    public init(values: [Double?], range: ClosedRange<Double>? = nil, style: Style = .plain, glyphs: Glyphs = .unicode) {
        self.values = values
        self.range = range
        self.style = style
        self.glyphs = glyphs
    }

    /// The level glyph for one value, or a space for a gap.
    public func glyph(for value: Double?, in scale: ClosedRange<Double>) -> String {
        guard let value, value.isFinite else { return " " }
        let levels = glyphs.sparkline
        let span = scale.upperBound - scale.lowerBound
        // A flat series sits in the middle rather than looking like all-zero.
        let fraction = span > 0 ? (min(max(value, scale.lowerBound), scale.upperBound) - scale.lowerBound) / span : 0.5
        return levels[fraction.isFinite ? Int((fraction * Double(levels.count - 1)).rounded()) : levels.count / 2]
    }

    /// Draws the sparkline on the first row of `area`, right-aligned to the latest value if cut.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !glyphs.sparkline.isEmpty else { return }
        let shown = values.suffix(area.width)
        let present = shown.compactMap { $0 }.filter(\.isFinite)
        guard let scale = range ?? present.min().flatMap({ lo in present.max().map { lo...$0 } }) else { return }
        var x = area.x
        for v in shown {
            buffer.put(glyph(for: v, in: scale), x: x, y: area.y, maxWidth: 1, style: style)
            x += 1
        }
    }
}
