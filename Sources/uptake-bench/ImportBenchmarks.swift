import UptakeCore

/// A synthetic OHID Fingertips download in the documented column layout (figures random, labelled synthetic).
///
/// Three screening indicators × GP practices × yearly periods, with each practice's PCN as the parent,
/// the England rows, and England's breakdown by deprivation decile.
func syntheticFingertipsFile(rows target: Int) -> [UInt8] {
    var rng = SimulationRandom(seed: 22001)
    var out: [UInt8] = []
    out.reserveCapacity(target * 330)
    func line(_ s: String) { out.append(contentsOf: s.utf8); out.append(10) }
    line("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,Time period Sortable,New data,Compared to goal,Time period range")
    let indicators = [(22001, "Cancer screening coverage: breast cancer", "Female", "53-70 yrs"),
                      (91720, "Cancer screening coverage: bowel cancer", "Persons", "60-74 yrs"),
                      (93560, "Cancer screening coverage: cervical cancer (aged 25 to 49 years old)", "Female", "25-49 yrs")]
    let deciles = ["Most deprived decile (IMD2019)", "Second most deprived decile (IMD2019)", "Third more deprived decile (IMD2019)",
                   "Fourth more deprived decile (IMD2019)", "Fifth more deprived decile (IMD2019)", "Fifth less deprived decile (IMD2019)",
                   "Fourth less deprived decile (IMD2019)", "Third less deprived decile (IMD2019)", "Second least deprived decile (IMD2019)",
                   "Least deprived decile (IMD2019)"]
    let years = 10
    let practices = max(1, target / (indicators.count * years))
    var written = 0
    func row(_ id: Int, _ name: String, _ parent: String, _ parentName: String, _ code: String, _ area: String, _ type: String,
             _ sex: String, _ age: String, _ catType: String, _ cat: String, _ year: Int) {
        let denominator = 800 + Int(rng.next() % 9000)
        let count = denominator * (50 + Int(rng.next() % 30)) / 100
        let value = Double(count) / Double(denominator) * 100
        line("\(id),\(name),\(parent),\(parentName),\(code),\(area),\(type),\(sex),\(age),\(catType),\(cat),\(year),\(value),,,,,\(count),\(denominator),,,Similar,Not compared,\(year)0000,,Not compared,1y")
        written += 1
    }
    for y in 0..<years {
        let year = 2014 + y
        for (id, name, sex, age) in indicators {
            row(id, name, "", "", "E92000001", "England", "England", sex, age, "", "", year)
            for (d, cat) in deciles.enumerated() {
                _ = d
                row(id, name, "", "", "E92000001", "England", "England", sex, age, "GP deprivation deciles in England (IMD2019)", cat, year)
            }
            for p in 0..<practices where written < target {
                row(id, name, "U\(p / 8)", "\"Synthetic PCN \(p / 8), synthetic\"", "P\(p)", "SYNTHETIC PRACTICE \(p)", "GPs", sex, age, "", "", year)
            }
        }
    }
    return out
}

/// `uptake-bench import`: `uptake import fingertips` on a synthetic file of `rows` rows (issue 10's target: 1,000,000 rows under 2 s).
func runImportBenchmarks(rows: Int, runs: Int) {
    let bytes = syntheticFingertipsFile(rows: rows)
    print("synthetic Fingertips file: \(bytes.count) bytes")
    var result = FingertipsImport.run(inputs: [.init(name: "synthetic.csv", bytes: bytes)], importDate: "2026-01-01")
    report("import fingertips (\(rows) rows, in memory)", measure(runs: runs) {
        result = FingertipsImport.run(inputs: [.init(name: "synthetic.csv", bytes: bytes)], importDate: "2026-01-01")
    }, target: "2 s")
    print("series: \(result.seriesCount), uptake rows: \(result.observationCount), deprivation rows: \(result.deprivationRowCount), diagnostics: \(result.diagnostics.count)")
}
