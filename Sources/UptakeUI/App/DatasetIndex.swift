import Synchronization
import UptakeCore

/// Folded search keys for many rows in one contiguous byte buffer, built once per data load.
///
/// A filter keystroke scans bytes, not `String`s, so filtering a million rows
/// stays within a frame budget. Both sides are folded before encoding (lower case, accents removed:
/// ``TextFold``), so a byte match ignores case and accents, and "unicode" finds "Ünïcode" as the
/// screen shows it under `LANG=C`.
public struct SearchKeys: Sendable, Equatable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// True once the row being built has a field (the next one is preceded by a separator).
    private var rowStarted = false

    /// No rows yet: add each row's fields with ``addField(_:)``, then ``endRow()``.
    init() {}

    /// Builds keys from the texts of each row (joined with a separator that no query contains).
    init<S: Sequence>(_ rows: S) where S.Element == [String] {
        for fields in rows {
            for f in fields { addField(f) }
            endRow()
        }
    }

    /// Adds a field to the row being built: its fold.
    mutating func addField(_ text: String) {
        if rowStarted { bytes.append(0) }
        rowStarted = true
        TextFold.appendFolded(text, to: &bytes)
    }

    /// Adds a field already folded: the whole key of row `i` of `keys` (a row of one field).
    mutating func addField(_ keys: SearchKeys, row i: Int) {
        if rowStarted { bytes.append(0) }
        rowStarted = true
        bytes.append(contentsOf: keys.bytes[keys.starts[i]..<keys.starts[i + 1]])
    }

    /// Bytes of row `i`'s key.
    func keyLength(_ i: Int) -> Int { starts[i + 1] - starts[i] }

    /// Makes room for `bytes` bytes in `rows` rows.
    mutating func reserveCapacity(bytes count: Int, rows: Int) {
        bytes.reserveCapacity(count)
        starts.reserveCapacity(rows + 1)
    }

    /// Ends the row being built.
    mutating func endRow() {
        starts.append(bytes.count)
        rowStarted = false
    }

    /// Number of rows.
    var count: Int { starts.count - 1 }

    /// The query as the bytes `matches` takes: folded like the keys.
    static func needle(_ query: String) -> [UInt8] { Array(TextFold.folded(query).utf8) }

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
///
/// What the first frame of the data shows (the uptake table, its counts and headline, the partner directory,
/// the column widths) is built with the index; the sort ranks and search keys (``SortAndSearch``) are built
/// once, on first use or by ``prepareSortAndSearch()``, which the runtime calls on the loading thread
/// right after it has handed the data over, so a key that sorts or filters finds them ready.
public struct DatasetIndex: Sendable {
    /// The uptake table (one summary per series).
    public let table: UptakeTable
    /// The sort ranks and search keys, built once on first use (the same values whenever that is).
    private let sortAndSearch: SortAndSearch
    /// Search keys for uptake rows: partner, proxy population, partner area.
    var uptakeKeys: SearchKeys { sortAndSearch.parts.uptakeKeys }
    /// Sort ranks of text columns (partner, proxy population), by uptake row: equal texts share a rank.
    var partnerRank: [Int] { sortAndSearch.parts.partnerRank }
    var proxyRank: [Int] { sortAndSearch.parts.proxyRank }
    /// Partners: every partners.csv record, then partners found only in uptake.csv.
    public let partners: [PartnerEntry]
    /// Search keys for partner entries: name, area, kind, programme.
    var partnerKeys: SearchKeys { sortAndSearch.parts.partnerKeys }
    /// Partner entry by name.
    public let partnerIndex: [String: Int]
    /// Series whose uptake rose, fell, or whose change interval excludes no change (from `UptakeTable`).
    public let improved: Int
    public let worse: Int
    public let significant: Int
    /// Series counted in the headline (comparators excluded), those with a change interval, the number of intervals
    /// expected to exclude no change by chance, and the headline in words (from `UptakeTable`, read by every frame
    /// of the Overview and the spotlight, so counted once here).
    public let partnerSeriesCount: Int
    public let intervalCount: Int
    public let expectedByChance: Double
    public let headline: String
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

    /// Derives everything from `dataset` but the sort ranks and search keys (the runtime calls it off the main thread).
    ///
    /// The uptake table first (on both cores), then the partner directory with the counts (on both cores), then the
    /// partner columns' widths.
    /// The sort ranks and search keys wait for ``prepareSortAndSearch()`` or their first use.
    public init(dataset: Dataset) {
        let table = UptakeTable(dataset: dataset)
        self.table = table
        // The partner directory and what is counted over the rows, at once: neither reads what the other makes.
        let (directory, counted) = onBothCores(parallel: table.rows.count >= DatasetIndex.parallelRows, {
            PartnerDirectory(dataset: dataset, table: table)
        }, {
            RowFacts(table: table)
        })
        let entries = directory.entries
        let facts = PartnerFacts(entries: entries)
        improved = counted.counts.improved
        worse = counted.counts.worse
        significant = counted.counts.significant
        partnerSeriesCount = counted.counts.series
        intervalCount = counted.counts.intervals
        expectedByChance = counted.counts.expectedByChance
        headline = counted.headline
        maxPeriods = counted.maxPeriods
        longestBenchmarkLabel = counted.longestBenchmarkLabel
        partners = entries
        longestPartnerName = facts.longestName
        longestPartnerArea = facts.longestArea
        longestPartnerKind = facts.longestKind
        longestPartnerData = facts.longestData
        partnerIndex = directory.byName
        residentsReached = directory.residentsReached
        sortAndSearch = SortAndSearch(rows: table.rows, entries: entries)
        recurring = RecurringPrinciples.find(dataset.principles)
        inequality = InequalityTable(dataset: dataset)
    }

    /// Builds the sort ranks and search keys now, on the calling thread, unless they are built (or being built) already.
    ///
    /// The runtime calls it on the loading thread once the data has been handed over; a sort or filter that
    /// comes first builds them itself (or waits for the build under way), so what it finds is always the same.
    public func prepareSortAndSearch() { _ = sortAndSearch.parts }

    /// True once the sort ranks and search keys are built (tests and the benchmark read it).
    public var sortAndSearchIsBuilt: Bool { sortAndSearch.isBuilt }

    /// Below this many series the index is built on one thread (the hand-off costs more than it saves).
    static let parallelRows = 4096

    /// Each text's position in case-insensitive order (equal texts share a rank), sorting only distinct texts.
    static func ranks(_ texts: [String]) -> [Int] { TextOrder.ranks(texts) }

    /// The sort key of uptake row `i` for `column`; nil sorts last whatever the direction. `ranks` is the column's
    /// rank by row for the two text columns (read once per sort, not per row), else nil.
    func sortKey(_ column: UptakeColumn, _ i: Int, ranks: [Int]?) -> Double? {
        let r = table.rows[i]
        switch column {
        case .partner, .proxyPopulation: return ranks.map { Double($0[i]) }
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
        let ranks = column == .partner ? partnerRank : (column == .proxyPopulation ? proxyRank : nil)
        let keys = (0..<n).map { sortKey(column, $0, ranks: ranks) ?? .nan }
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

/// What the index counts over the table's rows for the first frame: the table's counts and headline, the most
/// periods and the longest benchmark label.
private struct RowFacts: Sendable {
    let counts: UptakeTable.Counts
    let headline: String
    let maxPeriods: Int
    let longestBenchmarkLabel: Int

    init(table: UptakeTable) {
        var benchmarks: Set<BenchmarkStatus> = []
        var maxPeriods = 0
        for row in table.rows {
            maxPeriods = max(maxPeriods, row.series.observations.count)
            if let b = row.benchmark { benchmarks.insert(b) }
        }
        self.maxPeriods = maxPeriods
        longestBenchmarkLabel = benchmarks.map { TerminalText.width($0.label) }.max() ?? 0
        counts = table.counts
        headline = table.headline(counts)
    }
}

/// What the index derives per partner entry: the widths of the partner columns.
private struct PartnerFacts: Sendable {
    var longestName = 0, longestArea = 0, longestKind = 0, longestData = 0

    init(entries: [PartnerEntry]) {
        // An entry's data summary ("no record · 5 series · survey") is made from four facts only, so its width is
        // worked out once per distinct combination instead of building the words for each of 25,000 partners.
        struct DataFacts: Hashable { var series: Int, surveys: Int, story: Bool, record: Bool }
        var dataWidths: [DataFacts: Int] = [:]
        for p in entries.indices {
            let entry = entries[p], record = entry.record
            longestName = max(longestName, CellText.width(entry.name))
            longestArea = max(longestArea, CellText.width(record?.area ?? "—"))
            longestKind = max(longestKind, CellText.width(record?.kind ?? "—"))
            let facts = DataFacts(series: entry.series.count, surveys: entry.surveys.count, story: !entry.caseStudies.isEmpty, record: record != nil)
            let width: Int
            if let known = dataWidths[facts] { width = known } else {
                width = CellText.width(entry.dataSummary)
                dataWidths[facts] = width
            }
            longestData = max(longestData, width)
        }
    }
}

/// The sort ranks of the text columns and the search keys of both lists, built once on first use: the
/// first frame of the data needs none of them, so the runtime builds them after handing the data over
/// (``DatasetIndex/prepareSortAndSearch()``). Whichever thread asks first builds them under the lock;
/// any other waits for that build and reads the same values.
final class SortAndSearch: Sendable {
    /// The ranks and keys.
    struct Parts: Sendable {
        /// Search keys for uptake rows (partner, proxy population, partner area) and partner entries (name, area, kind, programme).
        var uptakeKeys: SearchKeys
        var partnerKeys: SearchKeys
        /// Sort ranks of the partner and proxy-population columns, by uptake row: equal texts share a rank.
        var partnerRank: [Int]
        var proxyRank: [Int]
    }

    private let rows: [SeriesSummary]
    private let entries: [PartnerEntry]
    private let built = Mutex<Parts?>(nil)

    init(rows: [SeriesSummary], entries: [PartnerEntry]) {
        self.rows = rows
        self.entries = entries
    }

    /// The ranks and keys, built by this call when no call has built them yet.
    var parts: Parts {
        built.withLock { parts in
            if let parts { return parts }
            let made = Self.build(rows: rows, entries: entries)
            parts = made
            return made
        }
    }

    /// True once ``parts`` has been built.
    var isBuilt: Bool { built.withLock { $0 != nil } }

    /// Builds the ranks and keys, in two halves on both cores for large tables: what is per partner (partner ranks,
    /// partner search keys) with the proxy-population ranks, and the uptake search keys. Nothing is looked up by
    /// `String` per series but the proxy populations' ranks: a series' partner is known from the directory's entries.
    static func build(rows: [SeriesSummary], entries: [PartnerEntry]) -> Parts {
        // The entry of each series (the directory lists each entry's series).
        var entryOfRow = [Int](repeating: 0, count: rows.count)
        for p in entries.indices {
            for i in entries[p].series where i >= 0 && i < entryOfRow.count { entryOfRow[i] = p }
        }
        let entryOf = entryOfRow
        // The proxy populations' ranks go with the per-partner work: the uptake keys alone take about as long.
        let ((perPartner, proxyRank), uptakeKeys) = onBothCores(parallel: rows.count >= DatasetIndex.parallelRows, {
            (PartnerRanks(rows: rows, entries: entries), TextOrder.ranks(rows.map(\.series.proxyPopulation)))
        }, {
            Self.uptakeKeys(rows: rows, entries: entries, entryOfRow: entryOf)
        })
        return Parts(uptakeKeys: uptakeKeys, partnerKeys: perPartner.keys, partnerRank: perPartner.rankOfRow, proxyRank: proxyRank)
    }

    /// The uptake search keys: partner, proxy population, the partner's area.
    private static func uptakeKeys(rows: [SeriesSummary], entries: [PartnerEntry], entryOfRow: [Int]) -> SearchKeys {
        var keys = SearchKeys()
        // Each partner's area folded once, a row of one field each.
        var areas = SearchKeys()
        for entry in entries {
            areas.addField(entry.record?.area ?? "")
            areas.endRow()
        }
        // Room for every row's bytes at once (the fold of non-ASCII text may differ in length: a guess then).
        var room = 0
        for (i, row) in rows.enumerated() {
            let fields = row.series.partner.utf8.count + row.series.proxyPopulation.utf8.count + areas.keyLength(entryOfRow[i]) + 2
            room = room.addingReportingOverflow(fields).partialValue
        }
        keys.reserveCapacity(bytes: max(0, room), rows: rows.count)
        for (i, row) in rows.enumerated() {
            keys.addField(row.series.partner)
            keys.addField(row.series.proxyPopulation)
            keys.addField(areas, row: entryOfRow[i])
            keys.endRow()
        }
        return keys
    }
}

/// The partners' search keys and the series' partner ranks.
private struct PartnerRanks: Sendable {
    var keys = SearchKeys()
    var rankOfRow: [Int] = []

    init(rows: [SeriesSummary], entries: [PartnerEntry]) {
        for p in entries.indices {
            let record = entries[p].record
            keys.addField(entries[p].name)
            keys.addField(record?.area ?? "")
            keys.addField(record?.kind ?? "")
            keys.addField(record?.programme ?? "")
            keys.endRow()
        }
        // A series' partner rank is its entry's: the entries with series have distinct names, one per partner named in
        // uptake.csv. They are ranked in the order their names first appear in uptake.csv, spelled as there, as the
        // `String` dictionary found them: `String`'s `<` is not a consistent order on some text not in normal form
        // ("Ångström" with U+212B against "Ångström 1": neither is less), and a sort's answer then depends on its input order.
        let named = entries.indices.filter { !entries[$0].series.isEmpty }.sorted { entries[$0].series[0] < entries[$1].series[0] }
        let rank = TextOrder.ranks(distinct: named.map { p in
            let first = entries[p].series[0]
            return first >= 0 && first < rows.count ? rows[first].series.partner : entries[p].name
        })
        rankOfRow = [Int](repeating: 0, count: rows.count)
        for (k, p) in named.enumerated() {
            for i in entries[p].series where i >= 0 && i < rankOfRow.count { rankOfRow[i] = rank[k] }
        }
    }
}
