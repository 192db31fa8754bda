/// A point estimate with its interval on a shared scale: `├──●──┤`, with an optional reference mark.
///
/// Several whiskers drawn with the same `scale` and width line up, so rows of a
/// table can be compared by eye (uptake with a 95% interval, or a change with a
/// zero line as the reference). An interval running past the scale is clipped and
/// loses its end cap there, so a clipped end never looks like a real bound.
public struct IntervalWhisker: Sendable {
    /// The point estimate.
    public var estimate: Double
    /// Lower end of the interval.
    public var lower: Double
    /// Upper end of the interval.
    public var upper: Double
    /// The values at the left and right edge of the area.
    public var scale: ClosedRange<Double>
    /// A value to mark across the row (e.g. 0 for change, or a target), or nil.
    public var reference: Double?
    /// Style of the whisker.
    public var style: Style
    /// Style of the point estimate.
    public var pointStyle: Style
    /// Style of the reference mark.
    public var referenceStyle: Style
    /// Characters for caps, line, point and reference.
    public var glyphs: Glyphs

    /// Creates a whisker.
    public init(estimate: Double, lower: Double, upper: Double, scale: ClosedRange<Double>, reference: Double? = nil,
                style: Style = .plain, pointStyle: Style = Style(attributes: .bold), referenceStyle: Style = Style(attributes: .dim),
                glyphs: Glyphs = .unicode) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.scale = scale
        self.reference = reference
        self.style = style
        self.pointStyle = pointStyle
        self.referenceStyle = referenceStyle
        self.glyphs = glyphs
    }

    /// The column (0-based, within `width`) where `value` falls, clamped to the edges.
    public func column(of value: Double, width: Int) -> Int {
        guard width > 1 else { return 0 }
        let span = scale.upperBound - scale.lowerBound
        guard span > 0, value.isFinite else { return 0 }
        // Clamped before the conversion: a value far outside a tiny scale gives ±inf, ±inf/inf gives NaN.
        let f = (value - scale.lowerBound) / span
        guard !f.isNaN else { return 0 }
        return Int((min(max(f, 0), 1) * Double(width - 1)).rounded())
    }

    /// Draws the whisker on the first row of `area`.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let w = area.width
        let y = area.y
        let (lo, hi) = (min(lower, upper), max(lower, upper))
        let l = column(of: lo, width: w), u = column(of: hi, width: w), p = column(of: estimate, width: w)
        let refCol = reference.map { column(of: $0, width: w) }
        if let refCol, reference.map(scale.contains) == true {
            buffer.put(glyphs.referenceMark, x: area.x + refCol, y: y, maxWidth: 1, style: referenceStyle)
        }
        if lo.isFinite, hi.isFinite, l < u {
            for x in l...u {
                let g: String
                if x == l { g = lo >= scale.lowerBound ? glyphs.whiskerLeft : glyphs.whiskerLine }
                else if x == u { g = hi <= scale.upperBound ? glyphs.whiskerRight : glyphs.whiskerLine }
                else if x == refCol, reference.map(scale.contains) == true { g = glyphs.referenceCross }
                else { g = glyphs.whiskerLine }
                buffer.put(g, x: area.x + x, y: y, maxWidth: 1, style: x == refCol && g == glyphs.referenceCross ? referenceStyle : style)
            }
        }
        if estimate.isFinite {
            buffer.put(glyphs.whiskerPoint, x: area.x + p, y: y, maxWidth: 1, style: pointStyle)
        }
    }
}
