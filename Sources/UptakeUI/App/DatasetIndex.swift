import UptakeCore

/// Lower-case search keys for many rows in one contiguous byte buffer, built once per data load.
///
/// A filter keystroke scans bytes, not `String`s, so filtering a million rows
/// stays within a frame budget. Both sides are lower-cased before encoding,
/// so a byte match is a case-insensitive match.
public struct SearchKeys: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]

    /// Builds keys from the texts of each row (joined with a separator that no query contains).
    init<S: Sequence>(_ rows: S) where S.Element == [String] {
        for fields in rows {
            for (i, f) in fields.enumerated() {
                if i > 0 { bytes.append(0) }
                bytes.append(contentsOf: f.lowercased().utf8)
            }
            starts.append(bytes.count)
        }
    }

    /// Number of rows.
    var count: Int { starts.count - 1 }

    /// The query as the bytes `matches` takes.
    static func needle(_ query: String) -> [UInt8] { Array(query.lowercased().utf8) }

    /// True when row `i` contains `needle` (an empty needle matches everything).
    func matches(_ i: Int, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        return bytes.withUnsafeBufferPointer { b in
            needle.withUnsafeBufferPointer { q in
                let lo = starts[i], hi = starts[i + 1] - n
                guard hi >= lo else { return false }
                let first = q[0]
                var j = lo
                while j <= hi {
                    if b[j] == first {
                        var k = 1
                        while k < n && b[j + k] == q[k] { k += 1 }
                        if k == n { return true }
                    }
                    j += 1
                }
                return false
            }
        }
    }

    /// The rows of `order` whose key contains `query`, in the same order.
    func filter(_ order: [Int], query: String) -> [Int] {
        let needle = SearchKeys.needle(query)
        guard !needle.isEmpty else { return order }
        return order.filter { matches($0, needle) }
    }
}

/// Everything derived from a dataset that the screens need, computed once per data load.
///
/// Frames and keystrokes only read this: sort keys, search keys, partner lists
/// and the recurring-principles comparison are never recomputed per frame.
public struct DatasetIndex: Sendable {
    /// The uptake table (one summary per series).
    public let table: UptakeTable
    /// Search keys for uptake rows: partner, proxy population, partner area.
    let uptakeKeys: SearchKeys
    /// Sort ranks of text columns (partner, proxy population), by uptake row.
    let partnerRank: [Int32]
    let proxyRank: [Int32]
    /// Partners: every partners.csv record, then partners found only in uptake.csv.
    public let partners: [PartnerEntry]
    /// Search keys for partner entries: name, area, kind, programme.
    let partnerKeys: SearchKeys
    /// Partner entry by name.
    public let partnerIndex: [String: Int]
    /// Series whose uptake rose, fell, or whose change interval excludes no change (from `UptakeTable`).
    public let improved: Int
    public let worse: Int
    public let significant: Int
    /// Total residents reached across partners.csv, or nil when no partner gives a figure.
    public let residentsReached: Int?
    /// Near-duplicate items across frameworks.
    public let recurring: [RecurringItem]
    /// SII and RII for each area, programme and period of `uptake_by_deprivation.csv` (10,000 simulated draws each).
    public let inequality: InequalityTable
    /// The most periods any series has (a trend column needs more than two).
    public let maxPeriods: Int
    /// Columns of the longest partner name (sizes the Partner column).
    public let longestPartnerName: Int
    /// Columns of the longest partner area, kind and data summary (size the Partners list's columns).
    public let longestPartnerArea: Int
    public let longestPartnerKind: Int
    public let longestPartnerData: Int
    /// Columns of the longest benchmark label any series has (0 when none has a benchmark).
    public let longestBenchmarkLabel: Int

    /// Derives everything from `dataset` (seconds for millions of rows: the runtime calls it off the main thread).
    public init(dataset: Dataset) {
        let table = UptakeTable(dataset: dataset)
        self.table = table
        let directory = PartnerDirectory(dataset: dataset, table: table)
        let entries = directory.entries
        let byName = directory.byName
        var maxPeriods = 0
        var benchmarks: Set<BenchmarkStatus> = []
        for row in table.rows {
            maxPeriods = max(maxPeriods, row.series.observations.count)
            if let b = row.benchmark { benchmarks.insert(b) }
        }
        improved = table.improvedCount
        worse = table.worseCount
        significant = table.significantCount
        self.maxPeriods = maxPeriods
        longestBenchmarkLabel = benchmarks.map { TerminalText.width($0.label) }.max() ?? 0
        partners = entries
        longestPartnerName = entries.reduce(0) { max($0, CellText.width($1.name)) }
        longestPartnerArea = entries.reduce(0) { max($0, CellText.width($1.record?.area ?? "—")) }
        longestPartnerKind = entries.reduce(0) { max($0, CellText.width($1.record?.kind ?? "—")) }
        longestPartnerData = entries.reduce(0) { max($0, CellText.width($1.dataSummary)) }
        partnerIndex = byName
        residentsReached = directory.residentsReached
        let areas = entries.map { $0.record?.area ?? "" }
        uptakeKeys = SearchKeys(table.rows.lazy.map { row in
            [row.series.partner, row.series.proxyPopulation, byName[row.series.partner].map { areas[$0] } ?? ""]
        })
        partnerKeys = SearchKeys(entries.lazy.map { [$0.name, $0.record?.area ?? "", $0.record?.kind ?? "", $0.record?.programme ?? ""] })
        partnerRank = DatasetIndex.ranks(table.rows.map(\.series.partner))
        proxyRank = DatasetIndex.ranks(table.rows.map(\.series.proxyPopulation))
        recurring = RecurringPrinciples.find(dataset.principles)
        inequality = InequalityTable(dataset: dataset)
    }

    /// Each text's position in case-insensitive order (equal texts share a rank), sorting only distinct texts.
    static func ranks(_ texts: [String]) -> [Int32] {
        var ids: [String: Int32] = [:]
        var distinct: [String] = []
        let raw = texts.map { t -> Int32 in
            if let id = ids[t] { return id }
            let id = Int32(distinct.count)
            ids[t] = id
            distinct.append(t)
            return id
        }
        let keys = distinct.map { $0.lowercased() }
        let order = distinct.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : distinct[$0] < distinct[$1] }
        var rank = [Int32](repeating: 0, count: distinct.count)
        for (r, i) in order.enumerated() { rank[i] = Int32(r) }
        return raw.map { rank[Int($0)] }
    }

    /// The sort key of uptake row `i` for `column`; nil sorts last whatever the direction.
    func sortKey(_ column: UptakeColumn, _ i: Int) -> Double? {
        let r = table.rows[i]
        switch column {
        case .partner: return Double(partnerRank[i])
        case .proxyPopulation: return Double(proxyRank[i])
        case .reached: return r.attributedReached.map(Double.init)
        case .eligibleStart: return r.start.map { Double($0.eligible) }
        case .uptakeStart: return r.start?.uptakePct
        case .eligibleLatest: return r.end.map { Double($0.eligible) }
        case .uptakeLatest: return r.end?.uptakePct
        case .changePP, .trend: return r.changePP
        case .changePct: return r.changeRelPct
        case .interval: return r.changeInterval?.lower
        case .significance: return r.isSignificant.map { $0 ? 1 : 0 }
        case .reachPct: return r.reachPct
        case .benchmark:
            switch r.benchmark {
            case nil: return nil
            case .belowAcceptable?: return 0
            case .acceptable?: return 1
            case .achievable?: return 2
            }
        }
    }

    /// Uptake rows sorted by `column` (stable: ties keep file order; undefined values last), or file order for nil.
    func uptakeOrder(by column: UptakeColumn?, ascending: Bool) -> [Int] {
        let n = table.rows.count
        guard let column else { return Array(0..<n) }
        // One key array, then a sort of indexes over it: no row is copied.
        let keys = (0..<n).map { sortKey(column, $0) ?? .nan }
        return keys.withUnsafeBufferPointer { k in
            Array(0..<n).sorted { a, b in
                let x = k[a], y = k[b]
                if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? a < b : y.isNaN }
                if x != y { return ascending ? x < y : x > y }
                return a < b
            }
        }
    }

    /// Partner entries sorted by `column`, or list order for nil.
    func partnerOrder(by column: PartnerColumn?, ascending: Bool) -> [Int] {
        guard let column else { return Array(partners.indices) }
        func text(_ e: PartnerEntry) -> String? {
            switch column {
            case .name: return e.name.lowercased()
            case .area: return e.record?.area?.lowercased()
            case .kind: return e.record?.kind?.lowercased()
            default: return nil
            }
        }
        func number(_ e: PartnerEntry) -> Double? {
            switch column {
            case .reached: return e.record?.residentsReached.map(Double.init)
            case .series: return Double(e.series.count * 1000 + e.surveys.count)
            default: return nil
            }
        }
        return partners.indices.sorted { a, b in
            let pa = partners[a], pb = partners[b]
            if let x = number(pa), let y = number(pb) {
                if x != y { return ascending ? x < y : x > y }
                return a < b
            }
            if column == .reached || column == .series {
                let ha = number(pa) != nil, hb = number(pb) != nil
                return ha != hb ? ha : a < b
            }
            switch (text(pa), text(pb)) {
            case let (x?, y?) where x != y: return ascending ? x < y : x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a < b
            }
        }
    }
}
