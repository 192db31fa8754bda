import Testing
@testable import UptakeCore

/// The loader's partner numbers (`Dataset.seriesPartners`) give the uptake table exactly what hashing the names gives:
/// each partner's record, how many series it has, and so which figures are attributed to a series.
@Suite struct SeriesPartnersTests {
    /// Partners with one series and with several, one named only in uptake.csv, one whose first row in partners.csv
    /// was rejected and a later one accepted, a comparator, and series of one partner apart in the file.
    static let files: [String: String] = [
        "dataset.toml": """
        title = "T"
        [[comparators]]
        partner = "Whole area"
        proxy_population = "All"
        label = "the area"
        """,
        "partners.csv": "partner,residents_reached,reported_change_pct\nSolo,40,10\nMany,50,5\nLate,x,1\nLate,30,2\n",
        "uptake.csv": uptakeHeader
            + "Solo,W1,2024-01,100,40,\nSolo,W1,2024-07,100,44,\n"
            + "Many,W2,2024-01,200,50,\nMany,W3,2024-01,300,60,\n"
            + "Unlisted,W4,2024-01,100,10,\nUnlisted,W4,2024-07,100,12,\n"
            + "Late,W5,2024-01,100,20,\nLate,W5,2024-07,100,30,\n"
            + "Whole area,All,2024-01,1000,50,\nWhole area,All,2024-07,1000,52,\n"
            + "Many,W2,2024-07,200,55,\nMany,W6,2024-07,90,30,\n",
    ]

    static func facts(_ t: UptakeTable) -> [String] {
        t.rows.map { r in
            "\(r.series.partner)/\(r.series.proxyPopulation): record \(r.partner?.line ?? 0), several \(r.partnerHasSeveralSeries), "
                + "reached \(r.attributedReached.map(String.init) ?? "-"), reported \(r.attributedReportedChangePct.map { "\($0)" } ?? "-"), "
                + "reach \(r.reachPct.map { "\($0)" } ?? "-"), comparator \(r.isComparator)"
        }
    }

    @Test func theLoadersNumbersGiveWhatTheNamesGive() {
        let loaded = loadDataset(Self.files)
        #expect(loaded.seriesPartners != nil)
        var hashed = loaded
        hashed.series = loaded.series   // a change to the series drops the numbers
        #expect(hashed.seriesPartners == nil)
        let byNumbers = Self.facts(UptakeTable(dataset: loaded)), byNames = Self.facts(UptakeTable(dataset: hashed))
        #expect(byNumbers == byNames)
        #expect(byNumbers.count == 7)
        #expect(byNumbers.first == "Solo/W1: record 2, several false, reached 40, reported 10.0, reach 40.0, comparator false")
        #expect(byNumbers.contains { $0.hasPrefix("Late/W5: record 5, several false, reached 30") })
        #expect(byNumbers.contains { $0.hasPrefix("Unlisted/W4: record 0") })
        #expect(byNumbers.filter { $0.hasPrefix("Many/") }.allSatisfy { $0.contains("several true, reached -") })
        // The reports read the same either way.
        #expect(Report(dataset: loaded).csv() == Report(dataset: hashed).csv())
    }

    @Test func namesThatAreNotASCIIAreLeftToTheNames() {
        // "Café" composed in partners.csv and decomposed in uptake.csv: equal as names, different as bytes.
        var files = Self.files
        files["partners.csv"] = "partner,residents_reached\nCafé,40\n"
        files["uptake.csv"] = uptakeHeader + "Cafe\u{301},W1,2024-01,100,40,\nCafe\u{301},W1,2024-07,100,44,\n"
        let d = loadDataset(files)
        #expect(d.seriesPartners == nil)
        #expect(UptakeTable(dataset: d).rows.first?.attributedReached == 40)
    }

    @Test func aChangeToThePartnersDropsTheNumbers() {
        var d = loadDataset(Self.files)
        d.partners.removeFirst()
        #expect(d.seriesPartners == nil)
        // Solo's record is gone: nothing is attributed to it.
        #expect(UptakeTable(dataset: d).rows.first?.partner == nil)
    }
}
