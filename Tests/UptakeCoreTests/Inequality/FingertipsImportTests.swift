import Testing
@testable import UptakeCore

/// `uptake import fingertips` on small files written for these tests in Fingertips' documented column layout.
/// ALL FIGURES ARE SYNTHETIC (invented for the tests), including the deprivation-decile breakdown.
@Suite("Fingertips import (synthetic files)")
struct FingertipsImportTests {
    static let header = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,Time period Sortable,New data,Compared to goal,Some profile-specific column\n"
    static let deciles = ["Most deprived decile (IMD2019)", "Second most deprived decile (IMD2019)", "Third more deprived decile (IMD2019)",
                          "Fourth more deprived decile (IMD2019)", "Fifth more deprived decile (IMD2019)", "Fifth less deprived decile (IMD2019)",
                          "Fourth less deprived decile (IMD2019)", "Third less deprived decile (IMD2019)", "Second least deprived decile (IMD2019)",
                          "Least deprived decile (IMD2019)"]

    static func row(_ id: Int = 22001, name: String = "Cancer screening coverage: breast cancer", parent: String = "E92000001",
                    code: String, area: String, type: String = "Counties & UAs (from Apr 2023)", sex: String = "Female", age: String = "53-70 yrs",
                    categoryType: String = "", category: String = "", period: String = "2023", value: String, count: String, denominator: String,
                    note: String = "") -> String {
        "\(id),\(name),\(parent),England,\(code),\(area),\(type),\(sex),\(age),\(categoryType),\(category),\(period),\(value),,,,,\(count),\(denominator),\(note),,Not compared,Not compared,20230000,,,x\n"
    }

    /// A synthetic file: England and two areas over two years, England's breakdown by deprivation decile (synthetic,
    /// rising from 55% to 73%), and rows the importer must name: suppressed, no denominator, another indicator,
    /// a non-deprivation breakdown, an unknown time period, a duplicate.
    static var file: String {
        var s = header
        for (year, shift) in [("2022", 0), ("2023", 1)] {
            s += row(parent: "", code: "E92000001", area: "England", type: "England", period: year, value: "\(65 + shift).0", count: "\(650 + 10 * shift)0", denominator: "10000")
            s += row(code: "E09000033", area: "Westminster", period: year, value: "\(51 + shift).0", count: "\(51 + shift)00", denominator: "10000")
            s += row(code: "E09000020", area: "\"Kensington and Chelsea, Royal Borough\"", period: year, value: "55.5", count: "", denominator: "2000")
        }
        for (i, c) in deciles.enumerated() {
            let denominator = 50_000 - 2_000 * i
            s += row(parent: "", code: "E92000001", area: "England", type: "England", categoryType: "\"County & UA deprivation deciles in England (IMD2019, 4/21 geography)\"",
                     category: c, period: "2023", value: "\(55 + 2 * i)", count: "\(denominator * (55 + 2 * i) / 100)", denominator: "\(denominator)")
        }
        s += row(code: "E09000001", area: "City of London", period: "2023", value: "", count: "", denominator: "", note: "Value suppressed for disclosure control")
        s += row(code: "E09000002", area: "Barking", period: "2023", value: "60.0", count: "6", denominator: "")
        s += row(90366, name: "Life expectancy at birth", code: "E09000033", area: "Westminster", value: "80.1", count: "", denominator: "")
        s += row(code: "E92000001", area: "England", categoryType: "Ethnic groups", category: "White", value: "68.0", count: "100", denominator: "147")
        s += row(code: "E09000033", area: "Westminster", period: "sometime", value: "50.0", count: "50", denominator: "100")
        s += row(code: "E09000033", area: "Westminster", period: "2023", value: "52.0", count: "5200", denominator: "10000")
        return s
    }

    func run(_ text: String = Self.file, mapping: String? = nil, date: String = "2026-11-29") -> FingertipsImport {
        FingertipsImport.run(inputs: [.init(name: "synthetic.csv", bytes: Array(text.utf8))],
                             mapping: mapping.map { .init(name: "map.csv", bytes: Array($0.utf8)) }, importDate: date)
    }

    func dataset(_ r: FingertipsImport) -> Dataset {
        var files: [String: [UInt8]] = [:]
        for f in r.files { files[f.name] = f.bytes }
        return DatasetLoader.load(from: InMemorySource(origin: "import", rawFiles: files))
    }

    @Test("every row is imported or named with its line and why")
    func everyRowAccountedFor() throws {
        let r = run()
        let c = try #require(r.counts.first)
        #expect(c.read == 22)
        #expect(c.imported + c.skipped == c.read)
        #expect(c.skipped == 6)
        let named = r.diagnostics.filter { $0.message.hasPrefix("row not imported") }
        #expect(named.count == c.skipped)
        let why = Dictionary(uniqueKeysWithValues: named.map { ($0.line!, $0.message) })
        #expect(why[18]?.contains("suppressed value: Value suppressed for disclosure control") == true)
        #expect(why[19]?.contains("no denominator") == true)
        #expect(why[20]?.contains("indicator 90366 'Life expectancy at birth' is not a cancer screening coverage indicator") == true)
        #expect(why[21]?.contains("breakdown by 'Ethnic groups'") == true)
        #expect(why[22]?.contains("Time period 'sometime' is not understood") == true)
        #expect(why[23]?.contains("duplicate of synthetic.csv:6") == true)
        // The log names them all too.
        let log = String(decoding: try #require(r.files.first { $0.name == "import-log.csv" }).bytes, as: UTF8.self)
        for line in [18, 19, 20, 21, 22, 23] { #expect(log.contains("synthetic.csv,\(line),warning,")) }
    }

    @Test("the imported dataset loads without errors; deciles give an SII; England is a comparator series")
    func importedDatasetLoads() throws {
        let d = dataset(run())
        #expect(d.errorCount == 0, "\(d.diagnostics.map(\.formatted))")
        #expect(d.series.count == 3)
        let england = try #require(d.series.first { $0.proxyPopulation == "England (E92000001), breast" })
        #expect(england.partner == FingertipsImport.comparatorPartner)
        #expect(england.observations.map(\.period.description) == ["2022-01", "2023-01"])
        #expect(d.metadata.label(for: Period("2023-01")!) == "2023")
        let kc = try #require(d.series.first { $0.proxyPopulation.hasPrefix("Kensington and Chelsea, Royal Borough (E09000020)") })
        #expect(kc.observations.first?.uptakePct == 55.5)
        #expect(kc.observations.first?.screened == nil)
        #expect(kc.partner == FingertipsImport.unassignedPartner)
        try #require(d.deprivationGroups.count == 1)
        let g = d.deprivationGroups[0]
        #expect(g.quantileCount == 10)
        #expect(g.area == "England (E92000001)")
        let sii = try #require(InequalityTable(dataset: d).rows.first?.siiPP)
        #expect(sii > 15 && sii < 21)
        #expect(d.metadata.title.contains("Fingertips"))
        #expect(d.metadata.description?.contains("22001 Cancer screening coverage: breast cancer (breast)") == true)
        #expect(d.metadata.note?.contains("Imported on 2026-11-29") == true)
        #expect(d.metadata.sources.first?.id == "synthetic.csv")
        #expect(d.metadata.benchmarks[.breast]?.thresholds == .breastScreeningCoverage)
    }

    @Test("England's series is declared a comparator; the other series of its programme are compared with it")
    func englandComparator() throws {
        let r = run()
        #expect(r.englandComparators.map(\.proxyPopulation) == ["England (E92000001), breast"])
        let toml = String(decoding: r.files[0].bytes, as: UTF8.self)
        #expect(toml.contains("[[comparators]]\npartner = \"Comparators (England and parent areas)\"\nproxy_population = \"England (E92000001), breast\"\nlabel = \"England\"\n"))
        let d = dataset(r)
        #expect(d.metadata.comparators.count == 1)
        // No warning about the comparator: the series it names exists.
        #expect(!d.diagnostics.contains { $0.message.contains("comparators") }, "\(d.diagnostics.map(\.formatted))")
        let table = UptakeTable(dataset: d)
        let england = try #require(table.rows.first { $0.series.proxyPopulation == "England (E92000001), breast" })
        #expect(england.comparison == .isComparator)
        // Westminster has two years: its change is set against England's (65% to 66%: +1 point).
        let westminster = try #require(table.rows.first { $0.series.proxyPopulation == "Westminster (E09000033), breast" })
        let c = try #require(westminster.comparison.comparison)
        #expect(c.label == "England")
        #expect(abs(c.comparatorChange.difference - 1) < 1e-9)
    }

    /// Practices P1 and P2 in PCN U1 (which has rows), P3 in PCN U9 (which has none), England; P1 also has bowel rows
    /// and U1 none. ALL FIGURES ARE SYNTHETIC.
    static var parentFile: String {
        var s = header
        let bowel = (91720, "Cancer screening coverage: bowel cancer")
        for (year, shift) in [("2022", 0), ("2023", 1)] {
            s += row(parent: "", code: "E92000001", area: "England", type: "England", period: year, value: "", count: "\(6500 + 100 * shift)", denominator: "10000")
            s += row(bowel.0, name: bowel.1, parent: "", code: "E92000001", area: "England", type: "England", sex: "Persons", age: "60-74 yrs",
                     period: year, value: "", count: "\(7000 + 100 * shift)", denominator: "10000")
            s += row(parent: "E92000001", code: "U1", area: "Synthetic PCN 1", type: "PCNs", period: year, value: "", count: "\(3000 + 200 * shift)", denominator: "5000")
            s += row(parent: "U1", code: "P1", area: "SYNTHETIC PRACTICE 1", type: "GPs", period: year, value: "", count: "\(500 + 50 * shift)", denominator: "1000")
            s += row(parent: "U1", code: "P2", area: "SYNTHETIC PRACTICE 2", type: "GPs", period: year, value: "", count: "\(600 + 10 * shift)", denominator: "1000")
            s += row(parent: "U9", code: "P3", area: "SYNTHETIC PRACTICE 3", type: "GPs", period: year, value: "", count: "\(700 + 20 * shift)", denominator: "1000")
            s += row(bowel.0, name: bowel.1, parent: "U1", code: "P1", area: "SYNTHETIC PRACTICE 1", type: "GPs", sex: "Persons", age: "60-74 yrs",
                     period: year, value: "", count: "\(550 + 30 * shift)", denominator: "1000")
        }
        return s
    }

    @Test("a parent area with rows is the comparator of its child areas' series, before England")
    func parentAreasAreComparators() throws {
        let r = run(Self.parentFile)
        try #require(r.parentComparators.count == 1)
        #expect(r.parentComparators[0].proxyPopulation == "Synthetic PCN 1 (U1), breast")
        #expect(r.parentComparators[0].label == "Synthetic PCN 1 (U1)")
        #expect(r.parentComparators[0].children == ["SYNTHETIC PRACTICE 1 (P1), breast", "SYNTHETIC PRACTICE 2 (P2), breast"])
        let toml = String(decoding: r.files[0].bytes, as: UTF8.self)
        let parentEntry = "[[comparators]]\npartner = \"Comparators (England and parent areas)\"\nproxy_population = \"Synthetic PCN 1 (U1), breast\"\n"
            + "label = \"Synthetic PCN 1 (U1)\"\nfor_proxy_populations = [\n  \"SYNTHETIC PRACTICE 1 (P1), breast\",\n  \"SYNTHETIC PRACTICE 2 (P2), breast\",\n]\n"
        let parentAt = try #require(toml.range(of: parentEntry))
        let englandAt = try #require(toml.range(of: "proxy_population = \"England (E92000001), breast\""))
        #expect(parentAt.lowerBound < englandAt.lowerBound)
        #expect(toml.contains("1 parent-area series is a comparator"))

        let d = dataset(r)
        #expect(d.errorCount == 0)
        #expect(!d.diagnostics.contains { $0.message.contains("comparators") }, "\(d.diagnostics.map(\.formatted))")
        #expect(d.metadata.comparators.map(\.proxyPopulation) == ["Synthetic PCN 1 (U1), breast", "England (E92000001), bowel", "England (E92000001), breast"])
        let table = UptakeTable(dataset: d)
        func row(_ proxy: String) throws -> SeriesSummary { try #require(table.rows.first { $0.series.proxyPopulation == proxy }) }
        // P1: 50% to 55% (+5) against the PCN's 60% to 64% (+4).
        let p1 = try #require(try row("SYNTHETIC PRACTICE 1 (P1), breast").comparison.comparison)
        #expect(p1.label == "Synthetic PCN 1 (U1)")
        #expect(abs(p1.comparatorChange.difference - 4) < 1e-9)
        #expect(try row("SYNTHETIC PRACTICE 2 (P2), breast").comparison.comparison?.label == "Synthetic PCN 1 (U1)")
        // P3's parent has no rows, and the PCN has no bowel rows: England.
        #expect(try row("SYNTHETIC PRACTICE 3 (P3), breast").comparison.comparison?.label == "England")
        #expect(try row("SYNTHETIC PRACTICE 1 (P1), bowel").comparison.comparison?.label == "England")
        // The PCN is a comparator, so it is not itself compared with England.
        #expect(try row("Synthetic PCN 1 (U1), breast").comparison == .isComparator)
    }

    @Test("a parent area the mapping assigns to a partner is that partner's series, not a comparator")
    func mappedParentIsNotAComparator() throws {
        let r = run(Self.parentFile, mapping: "partner,area_code\nSynthetic partner,U1\n")
        #expect(r.parentComparators.isEmpty)
        let d = dataset(r)
        let p1 = try #require(UptakeTable(dataset: d).rows.first { $0.series.proxyPopulation == "SYNTHETIC PRACTICE 1 (P1), breast" })
        #expect(p1.comparison.comparison?.label == "England")
        #expect(String(decoding: r.files[0].bytes, as: UTF8.self).contains("0 parent-area series are comparators"))
    }

    @Test("no England comparator for a programme with several age bands: it would be set against the wrong band")
    func noEnglandComparatorForVariants() throws {
        var text = Self.file
        text += Self.row(93560, name: "Cancer screening coverage: cervical cancer (aged 25 to 49 years old)", parent: "", code: "E92000001",
                         area: "England", type: "England", age: "25-49 yrs", value: "", count: "700", denominator: "1000")
        text += Self.row(93561, name: "Cancer screening coverage: cervical cancer (aged 50 to 64 years old)", parent: "", code: "E92000001",
                         area: "England", type: "England", age: "50-64 yrs", value: "", count: "750", denominator: "1000")
        let r = run(text)
        #expect(r.englandComparators.map(\.programme) == [.breast])
        #expect(r.programmesWithoutEnglandComparator == [.cervical])
        let d = dataset(r)
        #expect(d.metadata.note?.contains("No England comparator for cervical") == true)
        #expect(d.metadata.comparators.count == 1)
    }

    @Test("re-running gives the same bytes")
    func idempotent() {
        let a = run(), b = run()
        #expect(a.files.map(\.name) == b.files.map(\.name))
        for (x, y) in zip(a.files, b.files) { #expect(x.bytes == y.bytes, "\(x.name)") }
        #expect(FingertipsImport.importDate(inDatasetTOML: String(decoding: a.files[0].bytes, as: UTF8.self)) == "2026-11-29")
    }

    @Test("re-dating an import changes dataset.toml alone, to what an import on that date writes")
    func redated() {
        let a = run(), later = run(date: "2026-12-01")
        let redated = a.dated("2026-12-01")
        #expect(redated.files.map(\.name) == later.files.map(\.name))
        for (x, y) in zip(redated.files, later.files) { #expect(x.bytes == y.bytes, "\(x.name)") }
        for (x, y) in zip(redated.files, a.files) where x.name != "dataset.toml" { #expect(x.bytes == y.bytes, "\(x.name)") }
        #expect(FingertipsImport.importDate(inDatasetTOML: String(decoding: redated.files[0].bytes, as: UTF8.self)) == "2026-12-01")
        #expect(redated.files[0].bytes != a.files[0].bytes)
    }

    @Test("the mapping assigns areas to partners; unknown codes are warned about")
    func mapping() throws {
        let r = run(mapping: "partner,area_code\nExample partner (synthetic),E09000033\nNobody,E00000000\n")
        let d = dataset(r)
        #expect(d.errorCount == 0)
        #expect(d.series.contains { $0.partner == "Example partner (synthetic)" && $0.proxyPopulation == "Westminster (E09000033), breast" })
        #expect(r.diagnostics.contains { $0.file == "map.csv" && $0.message.contains("E00000000") })
    }

    @Test("a file without the required columns is an error and nothing is imported")
    func notFingertips() throws {
        let r = run("partner,proxy_population\nA,B\n")
        #expect(r.diagnostics.contains { $0.severity == .error && $0.message.contains("not a Fingertips data file") })
        #expect(r.observationCount == 0)
        #expect(r.counts[0].skipped == 1)
    }

    @Test("time periods", arguments: [
        ("2023", "2023-01"), ("2022/23", "2022-04"), ("2022/23 Q1", "2022-04"), ("2022/23 Q4", "2023-01"),
        ("2022 Q3", "2022-07"), ("2017 - 19", "2017-01"), ("Mar 2024", "2024-03"),
    ])
    func periods(label: String, expected: String) {
        #expect(FingertipsPeriod.period(label)?.description == expected)
    }

    @Test("deprivation categories")
    func categories() {
        let type = "County & UA deprivation deciles in England (IMD2019, 4/21 geography)"
        for (i, c) in Self.deciles.enumerated() {
            #expect(FingertipsDeprivation.quantile(category: c, categoryType: type)?.quantile == i + 1, "\(c)")
        }
        let quintiles = ["Most deprived quintile (IMD2019)", "Second most deprived quintile (IMD2019)", "Middle quintile (IMD2019)",
                         "Second least deprived quintile (IMD2019)", "Least deprived quintile (IMD2019)"]
        for (i, c) in quintiles.enumerated() {
            let q = FingertipsDeprivation.quantile(category: c, categoryType: "Deprivation quintiles")
            #expect(q?.quantile == i + 1 && q?.of == 5, "\(c)")
        }
        #expect(FingertipsDeprivation.quantile(category: "White", categoryType: "Ethnic groups") == nil)
    }

    @Test("known indicator ids and names")
    func indicators() {
        #expect(FingertipsIndicator.known[22001] == .breast)
        #expect(FingertipsIndicator.known[91720] == .bowel)
        #expect(FingertipsIndicator.known[93560] == .cervical)
        #expect(FingertipsIndicator.programme(fromName: "Females, 50-70, screened for breast cancer in last 36 months (3 year coverage, %)") == .breast)
        #expect(FingertipsIndicator.programme(fromName: "Life expectancy at birth") == nil)
    }
}
