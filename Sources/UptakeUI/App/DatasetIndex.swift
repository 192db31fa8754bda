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

/// One entry of the partners list: a partner from partners.csv, or one named only in uptake.csv.
public struct PartnerEntry: Sendable {
    /// The partner's name.
    public var name: String
    /// Its record, when partners.csv has it.
    public var record: PartnerRecord?
    /// Indexes of its uptake series (into `UptakeTable.rows`).
    public var series: [Int]
    /// Indexes of its survey results (into `Dataset.surveys`).
    public var surveys: [Int]
    /// Indexes of the case studies that mention it.
    public var caseStudies: [Int]
}

/// Two items of different frameworks that say nearly the same thing.
public struct RecurringItem: Hashable, Sendable {
    /// Index into `Dataset.principles`.
    public var first: Int
    /// Index into `Dataset.principles`.
    public var second: Int
    /// Jaccard similarity of their content-word sets (0…1).
    public var similarity: Double
    /// Overlap coefficient of their content-word sets: shared words over the smaller set (0…1).
    public var overlap: Double
    /// How many content words they share.
    public var shared: Int
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
    /// Series whose uptake rose, fell, or changed significantly.
    public let improved: Int
    public let worse: Int
    public let significant: Int
    /// Total residents reached across partners.csv, or nil when no partner gives a figure.
    public let residentsReached: Int?
    /// Near-duplicate items across frameworks.
    public let recurring: [RecurringItem]
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

    /// Jaccard similarity (on content words) at or above which two items count as recurring.
    public static let recurringThreshold = 0.5
    /// Overlap coefficient (shared content words over the smaller item's) at or above which two items count as recurring,
    /// when the smaller item has at least ``recurringOverlapMinimumWords`` content words.
    public static let recurringOverlapThreshold = 0.6
    /// The fewest content words an item needs for the overlap rule (a three-word item shares most of itself by chance).
    public static let recurringOverlapMinimumWords = 6

    /// Words that carry no meaning of their own, left out before items are compared.
    static let stopWords: Set<String> = [
        "a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "from", "by", "at", "as", "is", "are", "be",
        "been", "being", "it", "its", "that", "this", "these", "those", "their", "there", "they", "them", "we", "our",
        "us", "you", "your", "will", "can", "which", "who", "whom", "what", "when", "where", "how", "if", "or", "but",
        "so", "not", "no", "do", "does", "did", "have", "has", "had", "into", "than", "then", "also", "about", "across",
        "all", "any", "each", "more", "most", "other", "such", "very", "well", "own", "same",
    ]

    /// Derives everything from `dataset`.
    public init(dataset: Dataset) {
        let table = UptakeTable(dataset: dataset)
        self.table = table
        var entries: [PartnerEntry] = dataset.partners.map { PartnerEntry(name: $0.name, record: $0, series: [], surveys: [], caseStudies: []) }
        var byName: [String: Int] = [:]
        for (i, e) in entries.enumerated() where byName[e.name] == nil { byName[e.name] = i }
        var improved = 0, worse = 0, significant = 0, maxPeriods = 0
        var benchmarks: Set<BenchmarkStatus> = []
        for (i, row) in table.rows.enumerated() {
            maxPeriods = max(maxPeriods, row.series.observations.count)
            if let b = row.benchmark { benchmarks.insert(b) }
            switch row.direction {
            case .improved?: improved += 1
            case .worse?: worse += 1
            default: break
            }
            if row.isSignificant == true { significant += 1 }
            let name = row.series.partner
            if let p = byName[name] {
                entries[p].series.append(i)
            } else {
                byName[name] = entries.count
                entries.append(PartnerEntry(name: name, record: nil, series: [i], surveys: [], caseStudies: []))
            }
        }
        for (i, s) in dataset.surveys.enumerated() {
            if let p = byName[s.partner] { entries[p].surveys.append(i) }
        }
        for (c, cs) in dataset.caseStudies.enumerated() {
            for p in entries.indices where cs.partners.contains(entries[p].name) || cs.body.contains(entries[p].name) {
                entries[p].caseStudies.append(c)
            }
        }
        self.improved = improved
        self.maxPeriods = maxPeriods
        longestBenchmarkLabel = benchmarks.map { TerminalText.width($0.label) }.max() ?? 0
        self.worse = worse
        self.significant = significant
        partners = entries
        longestPartnerName = entries.reduce(0) { max($0, CellText.width($1.name)) }
        longestPartnerArea = entries.reduce(0) { max($0, CellText.width($1.record?.area ?? "—")) }
        longestPartnerKind = entries.reduce(0) { max($0, CellText.width($1.record?.kind ?? "—")) }
        longestPartnerData = entries.reduce(0) { max($0, CellText.width(PartnersPane.dataSummary($1))) }
        partnerIndex = byName
        let reached = dataset.partners.compactMap(\.residentsReached)
        residentsReached = reached.isEmpty ? nil : reached.reduce(0, +)
        let areas = entries.map { $0.record?.area ?? "" }
        uptakeKeys = SearchKeys(table.rows.lazy.map { row in
            [row.series.partner, row.series.proxyPopulation, byName[row.series.partner].map { areas[$0] } ?? ""]
        })
        partnerKeys = SearchKeys(entries.lazy.map { [$0.name, $0.record?.area ?? "", $0.record?.kind ?? "", $0.record?.programme ?? ""] })
        partnerRank = DatasetIndex.ranks(table.rows.map(\.series.partner))
        proxyRank = DatasetIndex.ranks(table.rows.map(\.series.proxyPopulation))
        recurring = DatasetIndex.recurring(dataset.principles)
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

    /// The words of `text`, lower-cased, letters and digits only.
    static func words(_ text: String) -> Set<String> {
        var out: Set<String> = []
        var word = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber { word.append(c) } else if !word.isEmpty { out.insert(word); word = "" }
        }
        if !word.isEmpty { out.insert(word) }
        return out
    }

    /// The content words of `text`: its words without ``stopWords``.
    static func contentWords(_ text: String) -> Set<String> { words(text).subtracting(stopWords) }

    /// Pairs of items from different frameworks that share most of their content words (kind `theme` excluded):
    /// Jaccard ≥ ``recurringThreshold``, or overlap coefficient ≥ ``recurringOverlapThreshold`` when the smaller
    /// item has at least ``recurringOverlapMinimumWords`` content words (one framework's wording inside another's).
    static func recurring(_ items: [PrincipleItem]) -> [RecurringItem] {
        let candidates = items.indices.filter { items[$0].kind != "theme" }
        let sets = candidates.map { contentWords(items[$0].text) }
        let epsilon = 1e-9
        var out: [RecurringItem] = []
        for a in candidates.indices {
            for b in (a + 1)..<candidates.count where items[candidates[a]].framework != items[candidates[b]].framework {
                let inter = sets[a].intersection(sets[b]).count
                guard inter > 0 else { continue }
                let smaller = min(sets[a].count, sets[b].count)
                let j = Double(inter) / Double(sets[a].union(sets[b]).count)
                let o = Double(inter) / Double(smaller)
                let byOverlap = smaller >= recurringOverlapMinimumWords && o + epsilon >= recurringOverlapThreshold
                if j + epsilon >= recurringThreshold || byOverlap {
                    out.append(RecurringItem(first: candidates[a], second: candidates[b], similarity: j, overlap: o, shared: inter))
                }
            }
        }
        return out
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
