/// The inequality part of the reports: SII and RII by deprivation, in every format.
extension Report {
    /// The columns of `uptake report --format csv --table inequality`.
    public static let inequalityCSVColumns = [
        "area", "programme", "subgroup", "period", "quantiles", "sii_pp", "sii_ci_low_pp", "sii_ci_high_pp",
        "rii", "rii_ci_low", "rii_ci_high", "fitted_most_deprived_pct", "fitted_least_deprived_pct", "overall_uptake_pct",
        "eligible", "repetitions",
    ]

    /// A note on the method, shared by the text, Markdown and JSON reports.
    public static var inequalityMethodNote: String {
        "Slope index of inequality (SII) and relative index of inequality (RII) as PHEindicatormethods phe_sii computes them for a proportion "
            + "(no transform): quantiles ordered from most to least deprived, each at the midpoint of its cumulative population share, "
            + "population-weighted least squares; SII = fitted uptake at the least deprived end minus the most deprived end, in percentage points; "
            + "RII = their ratio. 95% intervals from \(NumberFormat.grouped(InequalityTable.defaultRepetitions)) simulated draws (seeded, reproducible), "
            + "each quantile drawn on the logit scale from its own Wilson interval."
    }

    /// The SII/RII table as CSV bytes, one row per area + programme (+ subgroup) + period.
    public func inequalityCSVBytes() -> [UInt8] {
        var w = CSVWriter(capacity: 160 * (inequality.rows.count + 1))
        w.row(Self.inequalityCSVColumns)
        for r in inequality.rows {
            let g = r.group
            w.field(g.area)
            w.field(g.programme?.rawValue ?? "")
            w.field(g.subgroup ?? "")
            w.field(g.period)
            w.field(g.quantileCount)
            w.field(r.siiPP, decimals: 2)
            w.field(r.interval?.siiLower, decimals: 2)
            w.field(r.interval?.siiUpper, decimals: 2)
            w.field(r.rii, decimals: 4)
            w.field(r.interval?.riiLower, decimals: 4)
            w.field(r.interval?.riiUpper, decimals: 4)
            w.field(r.fittedMostDeprivedPct, decimals: 2)
            w.field(r.fittedLeastDeprivedPct, decimals: 2)
            w.field(r.overallUptakePct, decimals: 2)
            w.field(g.quantiles.reduce(0) { $0 + $1.eligible })
            w.field(r.interval?.repetitions)
            w.endRow()
        }
        return w.bytes
    }

    /// The top-level `inequality` array of the JSON report.
    func writeInequalityJSON(_ j: inout JSONWriter) {
        let m = dataset.metadata
        j.beginArray("inequality")
        for r in inequality.rows {
            let g = r.group
            j.beginObject()
            j.string("area", g.area)
            j.string("programme", g.programme?.rawValue)
            j.string("subgroup", g.subgroup)
            j.string("period", g.period.description)
            j.string("period_label", m.label(for: g.period))
            j.integer("quantiles", g.quantileCount)
            j.number("sii_pp", r.siiPP)
            j.number("sii_ci_low_pp", r.interval?.siiLower)
            j.number("sii_ci_high_pp", r.interval?.siiUpper)
            j.number("rii", r.rii)
            j.number("rii_ci_low", r.interval?.riiLower)
            j.number("rii_ci_high", r.interval?.riiUpper)
            j.bool("significant", r.isSignificant)
            j.number("fitted_most_deprived_pct", r.fittedMostDeprivedPct)
            j.number("fitted_least_deprived_pct", r.fittedLeastDeprivedPct)
            j.number("overall_uptake_pct", r.overallUptakePct)
            j.integer("repetitions", r.interval?.repetitions)
            j.string("interval_note", r.intervalNote)
            j.beginArray("by_quantile")
            for p in r.points {
                j.beginObject()
                j.integer("quantile", p.quantile)
                j.integer("eligible", p.eligible)
                j.integer("screened", g.quantiles.first { $0.quantile == p.quantile }?.screened)
                j.number("uptake_pct", p.uptakePct)
                j.number("ci_low_pct", p.interval?.lower)
                j.number("ci_high_pct", p.interval?.upper)
                j.number("relative_rank", p.relativeRank)
                j.number("fitted_pct", p.fittedPct)
                j.integer("line", p.line)
                j.endObject()
            }
            j.endArray()
            j.string("statement", r.siiStatement + " " + r.riiStatement)
            j.string("source", g.source)
            j.endObject()
        }
        j.endArray()
        j.string("inequality_method", inequality.rows.isEmpty ? nil : Self.inequalityMethodNote)
    }

    /// The text or Markdown section on inequality by deprivation (empty when the dataset has no deprivation groups).
    func inequalitySection(markdown: Bool) -> String {
        guard !inequality.rows.isEmpty else { return "" }
        let m = dataset.metadata
        func safe(_ s: String) -> String {
            let t = TerminalText.sanitize(s)
            return markdown ? t.markdownEscaped : t
        }
        var out = ""
        let title = "Inequality by deprivation (SII and RII)"
        out += markdown ? "## " + title + "\n" : title.uppercased() + "\n" + String(repeating: "=", count: TerminalText.width(title)) + "\n"
        out += "\n"
        var rows: [[String]] = []
        for r in inequality.rows {
            let g = r.group
            let area = safe(g.area) + (g.subgroup.map { ", " + safe($0) } ?? "")
            rows.append([
                area, g.programme?.rawValue ?? "—", m.label(for: g.period), g.quantileName,
                r.siiPP.map { NumberFormat.signed($0, 1) } ?? "—",
                r.interval.map { NumberFormat.signed($0.siiLower, 1) + " to " + NumberFormat.signed($0.siiUpper, 1) } ?? "—",
                r.rii.map { NumberFormat.fixed($0, 2) } ?? "—",
                (r.interval?.riiLower).flatMap { lo in (r.interval?.riiUpper).map { NumberFormat.fixed(lo, 2) + " to " + NumberFormat.fixed($0, 2) } } ?? "—",
                r.fittedMostDeprivedPct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—",
                r.fittedLeastDeprivedPct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—",
            ])
        }
        out += TextTable.render(headers: ["Area", "Programme", "Period", "Quantiles", "SII (pp)", "95% interval", "RII", "95% interval",
                                          "Most deprived", "Least deprived"],
                                rows: rows, rightAligned: [4, 6, 8, 9], markdown: markdown)
        out += "\n"
        for r in inequality.rows {
            let g = r.group
            var who = safe(g.area)
            if let p = g.programme { who += " " + p.rawValue }
            if let s = g.subgroup { who += ", " + safe(s) }
            who += " (" + m.label(for: g.period) + ")"
            out += (markdown ? "- **" + who + "**: " : "* " + who + ": ") + r.siiStatement + " " + r.riiStatement + "\n"
        }
        out += "\n"
        out += (markdown ? "_" : "") + Self.inequalityMethodNote + (markdown ? "_" : "") + "\n\n"
        return out
    }
}
