/// How much of a split one part asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less only when the space runs out).
    case fixed(Int)
    /// At least this many cells; grows to share leftover space when no part is `.fill`.
    case min(Int)
    /// This percentage (0–100) of the space being split, rounded down.
    case percent(Int)
    /// A share of whatever is left after the other parts, in proportion to the weight.
    case fill(Int)
}

/// Which way a split cuts a rectangle.
public enum SplitDirection: Hashable, Sendable {
    /// Parts stacked top to bottom (each gets the full width).
    case vertical
    /// Parts side by side, left to right (each gets the full height).
    case horizontal
}

/// Splits rectangles by constraints, ratatui-style: a pure function, so panes can recompute it every frame.
public enum Layout {
    /// Cuts `rect` into one part per constraint, with `spacing` empty cells between parts.
    ///
    /// Fixed, percent and min parts are served first, in order, until the space
    /// runs out (later parts shrink first). Leftover space goes to `.fill` parts by
    /// weight, or, if there are none, is shared by the `.min` parts; otherwise it
    /// stays unused at the end. Integer remainders go to the earliest parts.
    public static func split(_ rect: Rect, _ direction: SplitDirection, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let sizes = self.sizes(
            total: direction == .vertical ? rect.height : rect.width,
            constraints: constraints, spacing: spacing)
        var pos = direction == .vertical ? rect.y : rect.x
        return sizes.map { size in
            defer { pos += size + spacing }
            return direction == .vertical
                ? Rect(x: rect.x, y: pos, width: rect.width, height: size)
                : Rect(x: pos, y: rect.y, width: size, height: rect.height)
        }
    }

    /// The lengths `split` would give, for a line of `total` cells.
    public static func sizes(total: Int, constraints: [Constraint], spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let space = max(0, total - max(0, spacing) * (constraints.count - 1))
        var remaining = space
        var sizes = constraints.map { c -> Int in
            let want: Int
            switch c {
            case .fixed(let n), .min(let n): want = max(0, n)
            case .percent(let p): want = space * min(max(p, 0), 100) / 100
            case .fill: want = 0
            }
            let got = min(want, remaining)
            remaining -= got
            return got
        }
        guard remaining > 0 else { return sizes }
        var weights = constraints.map { c -> Int in
            if case .fill(let w) = c { return max(0, w) }
            return 0
        }
        if weights.allSatisfy({ $0 == 0 }) {
            weights = constraints.map { c in
                if case .min = c { return 1 }
                return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var given = 0
        for i in sizes.indices {
            let share = remaining * weights[i] / totalWeight
            sizes[i] += share
            given += share
        }
        var extra = remaining - given
        for i in sizes.indices where extra > 0 && weights[i] > 0 {
            sizes[i] += 1
            extra -= 1
        }
        return sizes
    }
}
