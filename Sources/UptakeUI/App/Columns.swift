/// The columns of the uptake table, in display order; `rawValue` is the sort column id.
public enum UptakeColumn: Int, CaseIterable, Hashable, Sendable {
    case partner, proxyPopulation, reached, eligibleStart, uptakeStart, eligibleLatest, uptakeLatest
    case changePP, changePct, interval, significance, reachPct, benchmark, trend

    /// Header text.
    public var title: String {
        switch self {
        case .partner: return "Partner"
        case .proxyPopulation: return "Proxy population"
        case .reached: return "Reached"
        case .eligibleStart: return "Elig. start"
        case .uptakeStart: return "Start %"
        case .eligibleLatest: return "Elig. latest"
        case .uptakeLatest: return "Latest %"
        case .changePP: return "Δ pp"
        case .changePct: return "Δ %"
        case .interval: return "95% CI (pp)"
        case .significance: return "Excl 0"
        case .reachPct: return "Reach %"
        case .benchmark: return "Benchmark"
        case .trend: return "Trend"
        }
    }

    /// Width (partner and proxy population: their minimum, as they share what is left; benchmark: at most, see `UptakePane.benchmarkWidth`).
    var width: Int {
        switch self {
        case .partner: return 14
        case .proxyPopulation: return 12
        case .reached, .uptakeStart: return 7
        case .eligibleStart: return 11
        case .eligibleLatest: return 12
        case .uptakeLatest: return 8
        case .changePP: return 6
        case .changePct: return 6
        case .interval: return 13
        case .significance: return 6
        case .reachPct: return 7
        case .benchmark: return 16
        case .trend: return 5
        }
    }

    /// Keep order when space is short: earlier columns survive longer (see `UptakePane.columns`).
    ///
    /// Who and where first; then where uptake is now and how it moved, with the
    /// significance word beside it (Sig is a word and a symbol, never colour
    /// alone) and the interval behind it; then the denominators that say how
    /// much weight a change carries (eligible latest, eligible start, residents
    /// reached); then the context columns (benchmark status, reach, relative
    /// change) and last the trend, which needs more than two periods anyway.
    static let priority: [UptakeColumn] = [
        .partner, .proxyPopulation, .uptakeLatest, .changePP, .changePct, .significance, .uptakeStart, .interval,
        .eligibleLatest, .eligibleStart, .reached, .benchmark, .reachPct, .trend,
    ]

    var isText: Bool { self == .partner || self == .proxyPopulation || self == .benchmark }
}

/// The columns of the partners list.
public enum PartnerColumn: Int, CaseIterable, Hashable, Sendable {
    case name, area, kind, reached, series

    /// Header text.
    public var title: String {
        switch self {
        case .name: return "Partner"
        case .area: return "Area"
        case .kind: return "Kind"
        case .reached: return "Reached"
        case .series: return "Data"
        }
    }
}
