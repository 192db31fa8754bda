/// One entry of the partner directory: a partner from partners.csv, or one named only in uptake.csv.
public struct PartnerEntry: Sendable, Equatable {
    /// The partner's name.
    public var name: String
    /// Its record, when partners.csv has it.
    public var record: PartnerRecord?
    /// Indexes of its uptake series (into `UptakeTable.rows`).
    public var series: [Int]
    /// Indexes of its survey results (into `Dataset.surveys`).
    public var surveys: [Int]
    /// Indexes of the case studies that name it (in their `partners` field or their text).
    public var caseStudies: [Int]

    /// What data the partner has, in words: "1 series", "survey", "no record · 1 series".
    public var dataSummary: String {
        var parts: [String] = []
        if !series.isEmpty { parts.append("\(series.count) series") }
        if !surveys.isEmpty { parts.append(surveys.count == 1 ? "survey" : "\(surveys.count) surveys") }
        if !caseStudies.isEmpty { parts.append("story") }
        if record == nil { parts.insert("no record", at: 0) }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }
}

/// Every partner the dataset knows, joined with its series, surveys and case studies.
///
/// The join the dashboard and the reports share: partners.csv first, in file
/// order, then partners named only in uptake.csv, in the order they first appear.
public struct PartnerDirectory: Sendable, Equatable {
    /// The entries, partners.csv records first.
    public let entries: [PartnerEntry]
    /// Entry by partner name (the first entry of a name repeated in partners.csv).
    public let byName: [String: Int]
    /// Total residents reached across partners.csv, or nil when no partner gives a figure.
    public let residentsReached: Int?

    /// Partner names longer than this many words are matched in case-study text only through
    /// the case study's `partners` field (see ``CaseStudyMentions``).
    public static let longestMatchedName = CaseStudyMentions.longestName

    /// Joins `dataset`'s partners with the series of `table` (a table of the same dataset).
    public init(dataset: Dataset, table: UptakeTable) {
        var entries = dataset.partners.map { PartnerEntry(name: $0.name, record: $0, series: [], surveys: [], caseStudies: []) }
        var byName: [String: Int] = [:]
        byName.reserveCapacity(entries.count)
        for i in entries.indices where byName[entries[i].name] == nil { byName[entries[i].name] = i }
        // A partner's series usually come together: the previous series' partner is checked first (the same string
        // storage compares at once), and only a new name is hashed.
        var previous: (name: String, entry: Int)?
        for (i, row) in table.rows.enumerated() {
            let name = row.series.partner
            if let p = previous, p.name == name {
                entries[p.entry].series.append(i)
            } else if let p = byName[name] {
                entries[p].series.append(i)
                previous = (name, p)
            } else {
                byName[name] = entries.count
                previous = (name, entries.count)
                entries.append(PartnerEntry(name: name, record: nil, series: [i], surveys: [], caseStudies: []))
            }
        }
        for (i, s) in dataset.surveys.enumerated() {
            if let p = byName[s.partner] { entries[p].surveys.append(i) }
        }
        // Splitting every name into words costs more than the rest of the join: only when there are case studies.
        if !dataset.caseStudies.isEmpty {
            let mentions = CaseStudyMentions(names: entries.map(\.name))
            for (c, cs) in dataset.caseStudies.enumerated() {
                var found = Set(mentions.mentioned(in: cs.title + "\n" + cs.body))
                for name in cs.partners { if let p = byName[name] { found.insert(p) } }
                for p in found.sorted() { entries[p].caseStudies.append(c) }
            }
        }
        let reached = dataset.partners.compactMap(\.residentsReached)
        var total = 0, overflow = false
        for r in reached {
            let (sum, o) = total.addingReportingOverflow(r)
            if o { overflow = true; break }
            total = sum
        }
        self.entries = entries
        self.byName = byName
        residentsReached = reached.isEmpty || overflow ? nil : total
    }
}

/// Finds partner names inside free text in time linear in the text: names and text are split into
/// case-insensitive words, and each run of words in the text is looked up by its hash.
///
/// A plain substring search for every name in every body costs name length x body length per
/// pair; this costs the text's words x the number of distinct name lengths (at most
/// ``longestName``), whatever the names are.
public struct CaseStudyMentions: Sendable {
    /// The most words a name may have to be found in text.
    public static let longestName = 12
    /// Word id by lower-cased word.
    private var wordIDs: [String: Int] = [:]
    /// Name word-id sequences by their hash, with the name's index.
    private var names: [[Int]: [Int]] = [:]
    /// The distinct name lengths, in words.
    private var lengths: [Int] = []

    /// Prepares to find `names`; names of more than ``longestName`` words (or none) are never found in text.
    public init(names list: [String]) {
        var lengthSet: Set<Int> = []
        for (i, name) in list.enumerated() {
            let words = Self.words(name)
            guard !words.isEmpty, words.count <= Self.longestName else { continue }
            let ids = words.map { w -> Int in
                if let id = wordIDs[w] { return id }
                let id = wordIDs.count
                wordIDs[w] = id
                return id
            }
            names[ids, default: []].append(i)
            lengthSet.insert(ids.count)
        }
        lengths = lengthSet.sorted()
    }

    /// Indexes (into the names given) of the names that occur in `text` as whole words, in index order.
    public func mentioned(in text: String) -> [Int] {
        guard !names.isEmpty else { return [] }
        // Words not in any name become -1: no window containing one can match.
        let ids = Self.words(text).map { wordIDs[$0] ?? -1 }
        var found: Set<Int> = []
        for k in lengths where k <= ids.count {
            var start = 0
            while start + k <= ids.count {
                let window = ids[start..<(start + k)]
                if let bad = window.lastIndex(of: -1) { start = bad + 1; continue }
                if let hit = names[Array(window)] { found.formUnion(hit) }
                start += 1
            }
        }
        return found.sorted()
    }

    /// Lower-cased runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for c in text.unicodeScalars {
            if c.properties.isAlphabetic || c.properties.numericType != nil {
                word.unicodeScalars.append(c)
            } else if !word.isEmpty {
                out.append(word.lowercased())
                word = ""
            }
        }
        if !word.isEmpty { out.append(word.lowercased()) }
        return out
    }
}
