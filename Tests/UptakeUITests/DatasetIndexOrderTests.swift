import Testing
import UptakeCore
@testable import UptakeUI

/// The index's text ranks and search keys, built from bytes since issue 11, against the `String`
/// code they replaced (kept here as the reference): the same sort orders, ties and matches on names
/// with other scripts, accents in both normal forms, case differences, equal names and empty values.
struct DatasetIndexOrderTests {
    /// The rank computation as it was: a `String` dictionary, then `(lowercased(), text)` under `String`'s `<`.
    static func referenceRanks(_ texts: [String]) -> [Int] {
        var ids: [String: Int] = [:]
        var distinct: [String] = []
        let raw = texts.map { t -> Int in
            if let id = ids[t] { return id }
            let id = distinct.count
            ids[t] = id
            distinct.append(t)
            return id
        }
        let keys = distinct.map { $0.lowercased() }
        let order = distinct.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : distinct[$0] < distinct[$1] }
        var rank = [Int](repeating: 0, count: distinct.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        return raw.map { rank[$0] }
    }

    /// Names that tell a byte order from `String`'s: case, accents precomposed and combining (the same
    /// text to `==`), scripts whose lower case changes length, prefixes longer than the 8-byte steps, empties.
    static let awkwardNames: [String] = [
        "", "", " ", "a", "A", "b", "B", "ab", "aB", "Ab", "AB", "abc",
        "Zebra Trust", "zebra trust", "zebra Trust", "Zebra trust",
        "Café Society", "Cafe\u{301} Society", "CAFÉ SOCIETY", "cafe society", "Cafe Society", "Cafë",
        "Élan", "elan", "Ésprit", "Straße", "STRASSE", "strasse", "İstanbul Link", "istanbul link", "Iı",
        "Ωmega", "ωmega", "Σίσυφος", "ΣΊΣΥΦΟΣ", "Добро", "добро", "東京", "🙂 group", "Smile 🙂",
        "St John’s Hub", "St John's Hub", "St Johns Hub", "Proxy population 1", "Proxy population 10",
        "Proxy population 2", "proxy population 1", "Proxy population 1, ward", "Proxy population 1\u{7F}",
        "Partner 0, CIC", "Partner 0 CIC", "Partner 00", "partner 0, cic", "Ångström", "A\u{30A}ngstro\u{308}m",
        "\u{212B}ngström", "Ǆemal", "ǅemal", "ǆemal", "ﬁeld", "FIELD", "field",
    ]

    @Test func ranksMatchTheStringComparisonOnAwkwardNames() {
        let texts = Self.awkwardNames + Self.awkwardNames.reversed() + Self.awkwardNames.map { $0 + " 2" }
        #expect(TextOrder.ranks(texts) == Self.referenceRanks(texts))
        // All ASCII: the byte path alone.
        let ascii = texts.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(ascii.count > 20)
        #expect(TextOrder.ranks(ascii) == Self.referenceRanks(ascii))
        // Each pair on its own, both ways: any difference in one comparison shows here.
        for a in Self.awkwardNames {
            for b in Self.awkwardNames {
                #expect(TextOrder.ranks([a, b]) == Self.referenceRanks([a, b]), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
    }

    @Test func equalTextsShareARankAndCanonicalEquivalentsAreEqual() {
        let r = TextOrder.ranks(["Café", "Cafe\u{301}", "b", "Café", "a"])
        #expect(r == [2, 2, 1, 2, 0])
        #expect(r == Self.referenceRanks(["Café", "Cafe\u{301}", "b", "Café", "a"]))
    }

    @Test func lowercasedBytesAreThoseOfLowercased() {
        let lowered = LowercasedTexts(Self.awkwardNames)
        for (i, t) in Self.awkwardNames.enumerated() {
            #expect(Array(lowered.bytes[lowered.range(i)]) == Array(t.lowercased().utf8), "\(t.debugDescription)")
            #expect(lowered.string(i) == t.lowercased())
            #expect(lowered.isASCII[i] == t.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    @Test func byteComparisonOrdersAsUnsignedBytesShorterFirst() {
        let pairs: [([UInt8], [UInt8])] = [
            ([], []), ([], [1]), ([1], []), (Array("abcdefgh".utf8), Array("abcdefgh".utf8)),
            (Array("abcdefghij".utf8), Array("abcdefghik".utf8)), (Array("abcdefgh".utf8), Array("abcdefghi".utf8)),
            ([0x7F, 1, 1, 1, 1, 1, 1, 1, 1], [0x80, 0, 0, 0, 0, 0, 0, 0, 0]), (Array("zzzzzzzzz".utf8), Array("zzzzzzzza".utf8)),
        ]
        for (a, b) in pairs {
            let bytes = a + b
            let c = bytes.withUnsafeBufferPointer { TextOrder.compareBytes($0, 0, a.count, a.count, bytes.count) }
            let expected = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
            #expect(c.signum() == expected, "\(a) vs \(b)")
        }
    }

    /// A dataset whose partner and proxy-population names are the awkward ones, repeated over many series
    /// (above the size built on both cores, or below it), with partners.csv naming some of them.
    static func dataset(series count: Int) -> Dataset {
        let names = awkwardNames
        var series: [UptakeSeries] = []
        for i in 0..<count {
            let partner = names[(i / 3) % names.count]
            let proxy = names[(i * 7 + 3) % names.count] + (i % 5 == 0 ? "" : " \(i % 11)")
            let obs = [UptakeObservation(period: Period(year: 2024, month: 1)!, eligible: 100 + i % 37, screened: nil, uptakePct: 50, line: 2),
                       UptakeObservation(period: Period(year: 2024, month: 6)!, eligible: 120, screened: nil, uptakePct: Double(40 + i % 20), line: 3)]
            series.append(UptakeSeries(partner: partner, proxyPopulation: proxy, programme: i % 2 == 0 ? .breast : nil, observations: obs))
        }
        var partners: [PartnerRecord] = []
        for (k, n) in names.enumerated() where k % 3 == 0 {
            var p = PartnerRecord(name: n, line: k + 2)
            p.area = k % 2 == 0 ? names[(k + 5) % names.count] : nil
            p.kind = k % 4 == 0 ? "Faith group" : nil
            partners.append(p)
        }
        return Dataset(partners: partners, series: series)
    }

    @Test(arguments: [300, 9000])
    func indexRanksKeysAndOrdersMatchTheStringCode(series count: Int) {
        let dataset = Self.dataset(series: count)
        let index = DatasetIndex(dataset: dataset)
        let rows = index.table.rows
        #expect(rows.count == count)
        #expect(index.partnerRank == Self.referenceRanks(rows.map(\.series.partner)))
        #expect(index.proxyRank == Self.referenceRanks(rows.map(\.series.proxyPopulation)))
        // Search keys as they were built: partner, proxy population and the partner's area, lower-cased, one row each.
        let byName = index.partnerIndex
        let areas = index.partners.map { $0.record?.area ?? "" }
        let reference = SearchKeys(rows.map { row in
            [row.series.partner, row.series.proxyPopulation, byName[row.series.partner].map { areas[$0] } ?? ""]
        })
        #expect(index.uptakeKeys == reference)
        let partnerReference = SearchKeys(index.partners.map { [$0.name, $0.record?.area ?? "", $0.record?.kind ?? "", $0.record?.programme ?? ""] })
        #expect(index.partnerKeys == partnerReference)
        for query in ["café", "CAFÉ", "cafe\u{301}", "strasse", "straße", "istanbul", "i̇stanbul", "🙂", "’s", "faith", "population 1,", ""] {
            #expect(index.uptakeKeys.filter(Array(rows.indices), query: query) == reference.filter(Array(rows.indices), query: query), "\(query)")
        }
        // The two text columns sort as they did: by the old ranks, ties in file order, both ways. (Not by sorting the
        // rows with the `String` comparison directly: on some text not in normal form it is not a consistent order.)
        for (column, texts) in [(UptakeColumn.partner, rows.map(\.series.partner)), (.proxyPopulation, rows.map(\.series.proxyPopulation))] {
            let rank = Self.referenceRanks(texts)
            let ascending = rows.indices.sorted { rank[$0] != rank[$1] ? rank[$0] < rank[$1] : $0 < $1 }
            let descending = rows.indices.sorted { rank[$0] != rank[$1] ? rank[$0] > rank[$1] : $0 < $1 }
            #expect(index.uptakeOrder(by: column, ascending: true) == ascending, "\(column)")
            #expect(index.uptakeOrder(by: column, ascending: false) == descending, "\(column)")
        }
    }

    /// `String`'s `<` answers "neither is less" for some unequal text not in normal form, so a sort's answer depends
    /// on the order it meets the texts in. Partner ranks come from the directory, which lists partners.csv first:
    /// they must still be ranked in the order the names first appear in uptake.csv, as the old dictionary did.
    @Test func partnerRanksFollowUptakeOrderWhereStringComparisonIsInconsistent() {
        let angstrom = "\u{212B}ngstro\u{308}m"
        let keys = [angstrom.lowercased(), (angstrom + " 1").lowercased()]
        let inconsistent = !(keys[0] < keys[1]) && !(keys[1] < keys[0]) && keys[0] != keys[1]
        let names = [angstrom + " 1", "Zed", angstrom, "A\u{30A}ngstrom 2", "Cafe\u{301} 10", "Café 1", "Cafe\u{301}"]
        let obs = [UptakeObservation(period: Period(year: 2024, month: 1)!, eligible: 100, screened: nil, uptakePct: 50, line: 2)]
        for order in [names, names.reversed(), Array(names.dropFirst(3) + names.prefix(3))] {
            let series = order.map { UptakeSeries(partner: $0, proxyPopulation: $0, programme: nil, observations: obs) }
            // partners.csv names the same partners in another order.
            let partners = names.reversed().map { PartnerRecord(name: $0, line: 2) }
            let index = DatasetIndex(dataset: Dataset(partners: partners, series: series))
            #expect(index.partnerRank == Self.referenceRanks(order))
            #expect(index.proxyRank == Self.referenceRanks(order))
        }
        // Worth pinning only while the comparison is inconsistent here; the equality above holds either way.
        if !inconsistent { print("note: String comparison is consistent on this toolchain for the test's texts") }
    }

    @Test func widthsAndCountsAreThoseOfTheEntries() {
        let index = DatasetIndex(dataset: Self.dataset(series: 9000))
        let entries = index.partners
        #expect(index.longestPartnerName == entries.map { CellText.width($0.name) }.max())
        #expect(index.longestPartnerArea == entries.map { CellText.width($0.record?.area ?? "—") }.max())
        #expect(index.longestPartnerKind == entries.map { CellText.width($0.record?.kind ?? "—") }.max())
        #expect(index.longestPartnerData == entries.map { CellText.width($0.dataSummary) }.max())
        #expect(index.improved == index.table.improvedCount && index.worse == index.table.worseCount)
        #expect(index.significant == index.table.significantCount)
        #expect(index.maxPeriods == 2)
    }
}
