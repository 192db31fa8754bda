import Testing
@testable import UptakeCore

/// The JSON report as it was written before its series were written by `JSONSeriesWriter`
/// (issue 11): one `JSONWriter` through the whole document, every key of every series quoted and
/// every separator and indent worked out call by call, on one thread.
///
/// Kept beside the tests as the specification the series writer must match byte for byte
/// (`StreamedJSONReportTests`). The parts before and after the series (`writeJSONHead`,
/// `writeJSONTail`) are the report's own: they were not changed.
extension Report {
    /// The whole JSON report as ``Report/json()`` wrote it before, with its final line feed.
    func referenceJSON() -> [UInt8] {
        var j = JSONWriter(capacity: 1 << 16)
        writeJSONHead(&j)
        var periods = PeriodLiterals(metadata: dataset.metadata)
        var sentence = ByteSentence()
        for r in table.rows { referenceSeriesJSON(r, into: &j, periods: &periods, sentence: &sentence) }
        writeJSONTail(&j)
        return j.bytes + [10]
    }

    /// One series of the `series` array, as it was written before issue 11's series writer.
    ///
    /// The sentences are written into `sentence`'s bytes (``SentenceSink``), not built as strings.
    private func referenceSeriesJSON(_ r: SeriesSummary, into j: inout JSONWriter, periods: inout PeriodLiterals, sentence: inout ByteSentence) {
        let m = dataset.metadata
        j.beginObject()
        j.string("partner", r.series.partner)
        j.string("proxy_population", r.series.proxyPopulation)
        j.string("programme", r.series.programme?.rawValue)
        j.integer("reached", r.attributedReached)
        j.beginArray("periods")
        for p in r.points {
            j.beginObject()
            let literals = periods.literals(p.period)
            j.quotedString("period", literals.period.bytes)
            j.quotedString("label", literals.label.bytes)
            j.integer("eligible", p.eligible)
            j.integer("screened", p.screened)
            j.number("uptake_pct", p.uptakePct)
            j.number("ci_low_pct", p.interval?.lower)
            j.number("ci_high_pct", p.interval?.upper)
            j.integer("line", p.line)
            j.bool("exact", p.figure?.isExact)
            j.integer("published_decimals", p.figure?.publishedDecimals)
            j.endObject()
        }
        j.endArray()
        j.number("change_pp", r.changePP)
        j.number("change_rel_pct", r.changeRelPct)
        j.number("change_ci_low_pp", r.changeInterval?.lower)
        j.number("change_ci_high_pp", r.changeInterval?.upper)
        j.bool("significant", r.isSignificant)
        j.string("interval_note", r.changeInterval == nil ? nil : "indicative: Newcombe hybrid score interval treating the two snapshots as independent, though they are largely the same people")
        j.string("interval_verdict", r.intervalVerdict)
        j.bool("is_comparator", r.isComparator)
        switch r.comparison {
        case .compared(let c):
            j.beginObject("comparison")
            j.string("comparator", c.label)
            j.string("comparator_partner", c.comparatorPartner)
            j.string("comparator_proxy_population", c.comparatorProxyPopulation)
            j.number("comparator_change_pp", c.comparatorChange.difference)
            j.number("comparator_change_ci_low_pp", c.comparatorChange.lower)
            j.number("comparator_change_ci_high_pp", c.comparatorChange.upper)
            j.number("did_pp", c.difference.difference)
            j.number("did_ci_low_pp", c.difference.lower)
            j.number("did_ci_high_pp", c.difference.upper)
            j.bool("did_excludes_zero", c.difference.excludesZero)
            j.string("method", "difference of two Newcombe hybrid score changes, interval by MOVER (Zou & Donner 2008); assumes the two changes are independent")
            j.endObject()
        case .unavailable(let label, let reason):
            j.beginObject("comparison")
            j.string("comparator", label)
            j.string("unavailable", reason)
            j.endObject()
        case .noneGiven, .isComparator:
            j.string("comparison", nil)
        }
        j.beginObject("trend")
        j.string("marker", r.trend.marker.rawValue)
        j.string("reason", r.trend.reason.code)
        j.number("chi_squared", r.trend.chiSquared)
        j.number("log_odds_slope", r.trend.slope, decimals: 6)
        j.beginArray("periods")
        for p in r.trend.periods { j.string(nil, p.description) }
        j.endArray()
        sentence.removeAll()
        r.trend.writeSentence(labels: m, into: &sentence)
        j.string("sentence", utf8: sentence.withBytes { Array($0) })
        j.endObject()
        j.number("reach_pct", r.reachPct)
        j.number("reported_change_pct", r.attributedReportedChangePct)
        if let c = r.reportedCheck {
            j.beginObject("reported_check")
            j.string("verdict", c.verdict.rawValue)
            j.number("point_estimate_pct", c.pointEstimatePct)
            j.number("lowest_pct", c.lowestPct)
            j.number("highest_pct", c.highestPct)
            j.string("explanation", c.explanation)
            j.endObject()
        } else {
            j.string("reported_check", nil)
        }
        j.string("benchmark", r.benchmark?.rawValue)
        let gap = r.gaps(benchmarks: m.benchmarks, inequality: inequality)
        j.number("gap_to_acceptable_pp", gap.toAcceptablePP)
        j.number("gap_to_achievable_pp", gap.toAchievablePP)
        j.number("area_average_pct", gap.areaAveragePct)
        j.number("gap_to_area_pp", gap.toAreaPP)
        sentence.removeAll()
        r.writeStatement(labels: m, into: &sentence)
        j.string("statement", utf8: sentence.withBytes { Array($0) })
        j.string("source", r.series.source)
        j.endObject()
    }
}
