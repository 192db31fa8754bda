/// What the Fingertips importer knows about cancer screening coverage indicators.
///
/// Indicator ids as OHID Fingertips publishes them (and as fingertipsR scripts
/// call them, e.g. `fingertips_data(IndicatorID = 22001, …)` for breast and
/// `91720` for bowel in psychty/la-ph-walkthrough, and 93560/93561 for the two
/// cervical age bands in the same kind of script):
///
/// | id | Fingertips name | programme |
/// | --- | --- | --- |
/// | 22001 | Cancer screening coverage: breast cancer | breast |
/// | 22002 | Cancer screening coverage: cervical cancer (the older 25–64 indicator) | cervical |
/// | 93560 | Cancer screening coverage: cervical cancer (aged 25 to 49 years old) | cervical |
/// | 93561 | Cancer screening coverage: cervical cancer (aged 50 to 64 years old) | cervical |
/// | 91720 | Cancer screening coverage: bowel cancer | bowel |
///
/// Another indicator is taken as screening coverage only when its name says
/// so ("screen" or "coverage" and exactly one of breast, cervical, bowel);
/// the importer then warns once, naming it.
public enum FingertipsIndicator {
    /// The indicator ids known to be cancer screening coverage, with their programme.
    public static let known: [Int: ScreeningProgramme] = [
        22001: .breast, 22002: .cervical, 93560: .cervical, 93561: .cervical, 91720: .bowel,
    ]

    /// The programme an indicator name describes, when it clearly names screening coverage of one programme.
    public static func programme(fromName name: String) -> ScreeningProgramme? {
        let n = name.lowercased()
        guard n.contains("screen") || n.contains("coverage") else { return nil }
        let hits = ScreeningProgramme.allCases.filter { n.contains($0.rawValue) }
        return hits.count == 1 ? hits[0] : nil
    }
}

/// Reading Fingertips' deprivation breakdown categories ("Most deprived decile (IMD2019)", "Second least deprived quintile", …).
public enum FingertipsDeprivation {
    /// The quantile (1 = most deprived) and the number of quantiles a breakdown category names; nil when it names neither.
    public static func quantile(category: String, categoryType: String) -> (quantile: Int, of: Int)? {
        var c = category.lowercased()
        if let open = c.firstIndex(of: "(") { c = String(c[..<open]) }
        let type = categoryType.lowercased()
        let count: Int
        if c.contains("decile") || (!c.contains("quintile") && type.contains("decile")) { count = 10 }
        else if c.contains("quintile") || type.contains("quintile") { count = 5 }
        else { return nil }
        let words = c.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5]
        let ordinal = words.compactMap { ordinals[$0] }.first
        let fromMost = words.contains("most") || words.contains("more")
        let fromLeast = words.contains("least") || words.contains("less")
        if fromMost != fromLeast {
            let k = ordinal ?? 1
            guard k <= count else { return nil }
            return (fromMost ? k : count + 1 - k, count)
        }
        if words.contains("middle"), count % 2 == 1 { return ((count + 1) / 2, count) }
        // "Decile 3", "3": IMD numbering, 1 = most deprived.
        if !fromMost, !fromLeast, let n = words.compactMap({ Int($0) }).first, (1...count).contains(n) { return (n, count) }
        return nil
    }
}

/// Fingertips' "Time period" labels as uptake periods.
///
/// uptake periods are months, so a label becomes the month it starts in and
/// keeps its own text as the display label (`dataset.toml [periods]`):
/// `2022` → 2022-01, `2022/23` → 2022-04 (financial year), `2022/23 Q2` →
/// 2022-07, `2022 Q2` → 2022-04, `2017 - 19` → 2017-01, `Mar 2024` → 2024-03.
public enum FingertipsPeriod {
    /// The period a Fingertips time-period label starts in; nil when the label is not understood.
    public static func period(_ label: String) -> Period? {
        let t = label.trimmingSpaces
        let parts = t.split(whereSeparator: { $0 == " " }).map(String.init)
        func year(_ s: Substring) -> Int? { s.count == 4 ? Int(s) : nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let first = parts.first else { return nil }
        if let m = months.firstIndex(of: String(first.lowercased().prefix(3))), parts.count == 2, let y = year(Substring(parts[1])) {
            return Period(year: y, month: m + 1)
        }
        let slash = first.split(separator: "/")
        if slash.count == 2, let y = year(slash[0]), slash[1].count == 2 || slash[1].count == 4 {
            if parts.count == 1 { return Period(year: y, month: 4) }
            if parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
                let month = 4 + 3 * (q - 1)
                return month > 12 ? Period(year: y + 1, month: month - 12) : Period(year: y, month: month)
            }
            return nil
        }
        guard slash.count == 1, let y = year(Substring(first)) else { return nil }
        if parts.count == 1 { return Period(year: y, month: 1) }
        if parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
            return Period(year: y, month: 1 + 3 * (q - 1))
        }
        if parts.count == 3, parts[1] == "-", Int(parts[2]) != nil { return Period(year: y, month: 1) }
        return nil
    }
}
