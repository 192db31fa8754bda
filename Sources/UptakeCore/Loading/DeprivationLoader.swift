/// Loads `uptake_by_deprivation.csv`: uptake by deprivation quantile, grouped by area, programme, subgroup and period.
///
/// Row problems are reported as in `uptake.csv`. Then each group is checked as
/// a whole, because the SII needs every quantile exactly once: a missing
/// quantile or quintiles mixed with deciles reject the group (every row of it
/// is named), a duplicate quantile rejects the later row.
enum DeprivationLoader {
    static let file = "uptake_by_deprivation.csv"
    static let columns = ["area", "programme", "subgroup", "period", "quantile", "quantiles", "eligible", "uptake_pct", "screened", "source"]

    private struct Row {
        var quantile: Int
        var stated: Int?
        var figures: DeprivationQuantile
        var source: String?
    }

    private struct Builder {
        var area: String
        var programme: ScreeningProgramme?
        var subgroup: String?
        var period: Period
        var rows: [Row] = []
    }

    static func load(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> ([DeprivationGroup], FileSummary) {
        var builders: [Builder] = []
        var index: [String: Int] = [:]
        var summary = CSVTable.read(file: file, bytes: bytes, known: columns,
                                    required: ["area", "period", "quantile", "eligible"], diagnostics: &diagnostics) { row in
            guard let area = row.requiredText("area"), let periodText = row.requiredText("period") else { return }
            guard let period = Period(periodText) else {
                row.error(column: row.columnNumber("period"), "period '\(TerminalSafe.quote(periodText))' is not a real YYYY-MM or YYYY-MM-DD date")
                return
            }
            var programme: ScreeningProgramme?
            if let p = row.text("programme") {
                programme = ScreeningProgramme(rawValue: p.lowercased())
                if programme == nil {
                    row.warning(column: row.columnNumber("programme"), "programme '\(TerminalSafe.quote(p))' is not breast, cervical or bowel; the row loads without a programme")
                }
            }
            guard let quantileText = row.requiredText("quantile") else { return }
            guard let quantile = row.integer("quantile", minimum: 1) else {
                if !row.rejected { row.error(column: row.columnNumber("quantile"), "quantile '\(TerminalSafe.quote(quantileText))' is not a whole number") }
                return
            }
            var stated: Int?
            if let q = row.text("quantiles") {
                switch q.lowercased() {
                case "quintile", "quintiles": stated = 5
                case "decile", "deciles": stated = 10
                default:
                    if let n = q.parsedInteger(), (2...100).contains(n) { stated = n } else {
                        row.error(column: row.columnNumber("quantiles"), "quantiles '\(TerminalSafe.quote(q))' is not quintiles, deciles or a count from 2 to 100")
                        return
                    }
                }
                if let n = stated, quantile > n {
                    row.error(column: row.columnNumber("quantile"), "quantile \(quantile) is beyond the \(n) quantiles stated on this row")
                    return
                }
            }
            guard row.text("eligible") != nil else {
                _ = row.requiredText("eligible")
                return
            }
            guard let eligible = row.integer("eligible") else { return }
            if eligible == 0 {
                row.error(column: row.columnNumber("eligible"), "zero population: eligible is 0 in quantile \(quantile); every quantile needs people in it for the SII and RII")
                return
            }
            if eligible > UptakeObservation.maximumCount {
                row.error(column: row.columnNumber("eligible"), "eligible \(eligible) is larger than \(UptakeObservation.maximumCount)")
                return
            }
            let pct = row.decimal("uptake_pct", range: 0...100, allowPercentSign: true)
            let screened = row.integer("screened")
            if row.rejected { return }
            if let s = screened, s > eligible {
                row.error(column: row.columnNumber("screened"), "screened \(s) is more than eligible \(eligible)")
                return
            }
            let uptake: Double
            if let pct {
                uptake = pct.value
                if let s = screened {
                    let computed = Double(s) / Double(eligible) * 100
                    var tolerance = 0.5
                    for _ in 0..<pct.decimals { tolerance /= 10 }
                    if abs(computed - pct.value) > tolerance + 1e-9 {
                        row.warning(column: row.columnNumber("uptake_pct"),
                            "uptake_pct \(row.text("uptake_pct") ?? "") disagrees with screened/eligible \(s)/\(eligible) = \(NumberFormat.fixed(computed, 2))% beyond rounding; uptake_pct is used")
                    }
                }
            } else if let s = screened {
                uptake = Double(s) / Double(eligible) * 100
            } else {
                row.error(column: nil, "neither uptake_pct nor screened is given: one of them is required")
                return
            }
            let subgroup = row.text("subgroup")
            let key = [area, programme?.rawValue ?? (row.text("programme")?.lowercased() ?? ""), subgroup ?? "", period.description].joined(separator: "\u{1F}")
            let r = Row(quantile: quantile, stated: stated,
                        figures: DeprivationQuantile(quantile: quantile, eligible: eligible, screened: screened, uptakePct: uptake, line: row.line),
                        source: row.text("source"))
            if let i = index[key] {
                builders[i].rows.append(r)
            } else {
                index[key] = builders.count
                builders.append(Builder(area: area, programme: programme, subgroup: subgroup, period: period, rows: [r]))
            }
        }

        var groups: [DeprivationGroup] = []
        for b in builders {
            let name = describe(b)
            let first = b.rows[0]
            func rejectAll(_ message: String, at line: Int) {
                let lines = b.rows.map { String($0.figures.line) }.joined(separator: ", ")
                diagnostics.append(Diagnostic(file: file, line: line, severity: .error,
                    message: message + "; no SII or RII for this group (\(b.rows.count == 1 ? "line" : "lines") \(lines) not used)"))
                summary.accepted -= b.rows.count
                summary.rejected += b.rows.count
            }
            // Quintiles and deciles mixed in one group.
            if let firstStated = b.rows.first(where: { $0.stated != nil }),
               let other = b.rows.first(where: { $0.stated != nil && $0.stated != firstStated.stated }) {
                rejectAll("\(name) mixes \(countName(firstStated.stated!)) (line \(firstStated.figures.line)) and \(countName(other.stated!)) (line \(other.figures.line))",
                          at: other.figures.line)
                continue
            }
            // Duplicate quantiles: the later row is rejected.
            var seen: [Int: Int] = [:]
            var kept: [Row] = []
            for r in b.rows {
                if let earlier = seen[r.quantile] {
                    diagnostics.append(Diagnostic(file: file, line: r.figures.line, severity: .error,
                        message: "duplicate quantile \(r.quantile) of \(name): already given on line \(earlier); this later row is rejected"))
                    summary.accepted -= 1
                    summary.rejected += 1
                    continue
                }
                seen[r.quantile] = r.figures.line
                kept.append(r)
            }
            let largest = kept.map(\.quantile).max() ?? 0
            let count = b.rows.compactMap(\.stated).first ?? (largest <= 5 ? 5 : largest <= 10 ? 10 : largest)
            let missing = (1...count).filter { seen[$0] == nil }
            if !missing.isEmpty {
                let list = missing.map(String.init).joined(separator: ", ")
                let stated = b.rows.contains { $0.stated != nil } ? "" : " (the count is inferred from the largest quantile, \(largest); add a quantiles column to state it)"
                let b2 = Builder(area: b.area, programme: b.programme, subgroup: b.subgroup, period: b.period, rows: kept)
                rejectAllKept(b2, name: name, message: "\(name) has no row for quantile\(missing.count == 1 ? "" : "s") \(list) of \(count) \(countName(count))\(stated)",
                              line: first.figures.line, summary: &summary, diagnostics: &diagnostics)
                continue
            }
            groups.append(DeprivationGroup(area: b.area, programme: b.programme, subgroup: b.subgroup, period: b.period, quantileCount: count,
                                           quantiles: kept.sorted { $0.quantile < $1.quantile }.map(\.figures),
                                           source: first.source, line: first.figures.line))
        }
        return (groups, summary)
    }

    private static func rejectAllKept(_ b: Builder, name: String, message: String, line: Int, summary: inout FileSummary, diagnostics: inout [Diagnostic]) {
        let lines = b.rows.map { String($0.figures.line) }.joined(separator: ", ")
        diagnostics.append(Diagnostic(file: file, line: line, severity: .error,
            message: message + "; no SII or RII for this group (\(b.rows.count == 1 ? "line" : "lines") \(lines) not used)"))
        summary.accepted -= b.rows.count
        summary.rejected += b.rows.count
    }

    private static func countName(_ n: Int) -> String {
        n == 5 ? "quintiles" : n == 10 ? "deciles" : "\(n) quantiles"
    }

    private static func describe(_ b: Builder) -> String {
        var parts = ["'\(TerminalSafe.quote(b.area))'"]
        if let p = b.programme { parts.append(p.rawValue) }
        if let s = b.subgroup { parts.append("'\(TerminalSafe.quote(s))'") }
        parts.append(b.period.description)
        return parts.joined(separator: " ")
    }
}
