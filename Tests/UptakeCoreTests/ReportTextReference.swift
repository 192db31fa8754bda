import Testing
@testable import UptakeCore

/// The text and Markdown reports as they were made before they were streamed (issue 11): every
/// cell a `String`, measured grapheme by grapheme, the whole document sanitised at the end.
///
/// Kept beside the tests as the specification the streamed, byte-built reports must match
/// byte for byte (`StreamedTextReportTests`).
extension Report {
    func referenceText(markdown: Bool, ascii: Bool) -> String {
        TerminalText.sanitizeDocument(referenceDocument(markdown: markdown, ascii: ascii))
    }

    private func referenceDocument(markdown: Bool, ascii: Bool) -> String {
        let m = dataset.metadata
        // Data made safe for a terminal and, in Markdown, unable to change the formatting.
        func safe(_ s: String) -> String {
            let t = TerminalText.sanitize(s)
            return markdown ? t.markdownEscaped : t
        }
        var out = ""
        func line(_ s: String = "") { out += (ascii ? TerminalText.asciiFallback(s) : s) + "\n" }
        func heading(_ s: String) {
            let s = ascii ? TerminalText.asciiFallback(s) : s
            line(markdown ? "## " + s : s.uppercased())
            if !markdown { line(String(repeating: "=", count: TerminalText.width(s))) }
            line()
        }
        let title = safe(m.title) + (m.area.map { " — " + safe($0) } ?? "")
        line(markdown ? "# " + title : title)
        line()
        var facts: [String] = []
        if let p = m.programme { facts.append("Programme: " + safe(p)) }
        if let f = m.funding {
            var s = ""
            if let n = f.partners { s += NumberFormat.count(n, "VCS partner") + " funded" }
            if let lo = f.minGBP, let hi = f.maxGBP { s += (s.isEmpty ? "Funding " : ", ") + "\(NumberFormat.pounds(lo)) to \(NumberFormat.pounds(hi)) each" }
            if let t = f.totalGBP { s += (s.isEmpty ? "Funding " : ", ") + "\(NumberFormat.pounds(t)) in total" }
            if !s.isEmpty { facts.append(s) }
        }
        facts.append("Data: " + safe(dataset.origin))
        facts.append(table.headline)
        for f in facts { line(markdown ? "- " + f : f) }
        line()
        if let d = m.description { line(safe(d)); line() }
        if let e = m.evaluation { line((markdown ? "**Evaluation:** " : "Evaluation: ") + safe(e)); line() }

        heading("Uptake by partner and proxy population")
        var headers = ["Partner", "Proxy population", "Reached", "Start", "Latest", "Change", "Relative", "95% interval (pp)", "Excludes no change", "Trend", "Reach", "Reported", "Benchmark"]
        // With a comparator, the difference in differences gets its own column (after the fixed ones).
        let withComparator = !m.comparators.isEmpty
        if withComparator { headers.append("Vs comparator (pp, 95% interval)") }
        var rows: [[String]] = []
        for r in table.rows {
            func pointText(_ p: SeriesSummary.Point?) -> String {
                guard let p else { return "—" }
                let u = p.uptakePct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—"
                return "\(u) of \(NumberFormat.grouped(p.eligible)) (\(safe(m.label(for: p.period))))"
            }
            let reported: String
            if let rep = r.attributedReportedChangePct {
                let v = NumberFormat.signed(rep, r.attributedReportedChangeDecimals ?? 2) + "%"
                switch r.reportedCheck?.verdict {
                case .exact?: reported = v + " (matches)"
                case .withinRounding?: reported = v + " (only via rounding)"
                case .inconsistent?: reported = v + " (INCONSISTENT)"
                case .undefined?: reported = v + " (cannot check: start 0%)"
                case nil: reported = v
                }
            } else { reported = "—" }
            rows.append([
                safe(r.series.partner), safe(r.series.proxyPopulation),
                r.attributedReached.map(NumberFormat.grouped) ?? "—",
                pointText(r.start), pointText(r.end),
                r.changePP.map { NumberFormat.signed($0, 1) + " pp" } ?? "—",
                r.changeRelPct.map { NumberFormat.signed($0, 1) + "%" } ?? "—",
                r.changeInterval.map { NumberFormat.signed($0.lower, 1) + " to " + NumberFormat.signed($0.upper, 1) } ?? "—",
                r.isSignificant.map { $0 ? "yes" : "no" } ?? "—",
                r.trend.marker.label,
                r.reachPct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—",
                reported,
                r.benchmark?.label ?? "—",
            ] + (withComparator ? [Self.comparatorCell(r)] : []))
        }
        out += ReferenceTextTable.render(headers: headers, rows: rows, rightAligned: [2, 5, 6, 10], markdown: markdown, ascii: ascii)
        line()
        for r in table.rows {
            let who = safe(r.series.partner) + " (" + safe(r.series.proxyPopulation) + ")"
            line((markdown ? "- **" + who + "**: " : "* " + who + ": ") + safe(r.statement(labels: m)))
            if let c = r.reportedCheck, c.verdict != .exact {
                line((markdown ? "  - " : "    ") + safe(c.explanation))
            }
        }
        line()
        if table.rows.contains(where: \.partnerHasSeveralSeries) {
            line((markdown ? "_" : "") + "Reached, reach and the partner's published change are shown only for a partner with one series: partners.csv gives one figure per partner, which cannot be divided between its proxy populations." + (markdown ? "_" : ""))
            line()
        }
        line((markdown ? "_" : "") + "Intervals are 95% Wilson score intervals per period; the change interval is Newcombe's hybrid score method and is indicative only: it treats the two dates as independent samples, but they are largely the same people. \"Excludes no change\" means that interval lies wholly above or below zero. Trend is the Fingertips recent-trend marker (latest five annual periods with counts, chi-squared test for trend at the 99.8% level). Methods: docs/statistics.md." + (markdown ? "_" : ""))
        if withComparator {
            line((markdown ? "_" : "") + "\"Vs comparator\" is the difference in differences: the partner's change minus the comparator's over the same two dates, with a MOVER interval that assumes the two changes are independent (indicative)." + (markdown ? "_" : ""))
        }
        if let note = m.note { line((markdown ? "_Note: " : "Note: ") + safe(note) + (markdown ? "_" : "")) }
        if !m.benchmarks.isEmpty {
            let parts = ScreeningProgramme.allCases.compactMap { p -> String? in
                guard let b = m.benchmarks[p] else { return nil }
                var s = "\(p.rawValue) acceptable ≥\(NumberFormat.trimmed(NumberFormat.fixed(b.thresholds.acceptable, 1)))%"
                if let a = b.thresholds.achievable { s += ", achievable ≥\(NumberFormat.trimmed(NumberFormat.fixed(a, 1)))%" }
                return s
            }
            line("Benchmarks (national coverage standards): " + parts.joined(separator: "; ") + ".")
        }
        line()

        if !dataset.indicators.isEmpty {
            heading("Inequality indicators")
            var irows: [[String]] = []
            for ind in dataset.indicators {
                for (i, g) in ind.groups.enumerated() {
                    let value = g.value.map { (g.qualifier.map { safe($0) + " " } ?? "") + IndicatorFormat.value($0, unit: ind.unit) } ?? "no figure"
                    irows.append([i == 0 ? safe(ind.title) : "", i == 0 ? safe(ind.place ?? "—") : "",
                                  safe(g.name), value.trimmingSpaces, g.measure.rawValue])
                }
                if let c = ind.computedComparison {
                    irows.append(["", "", "gap (comparison − reference)", IndicatorFormat.value(c.gap, unit: ind.unit, signed: true),
                                  c.ratio.map { "ratio " + NumberFormat.fixed($0, 2) } ?? ""])
                }
            }
            out += ReferenceTextTable.render(headers: ["Indicator", "Place", "Group", "Value", "Measure"], rows: irows, rightAligned: [3], markdown: markdown, ascii: ascii)
            line()
            for ind in dataset.indicators where ind.caveats != nil {
                line((markdown ? "- " : "* ") + safe(ind.title) + ": " + safe(ind.caveats ?? ""))
            }
            line()
        }

        out += inequalitySection(markdown: markdown)

        heading("Data checks")
        for s in dataset.fileSummaries {
            let state = s.present ? "\(NumberFormat.grouped(s.read)) read, \(NumberFormat.grouped(s.accepted)) accepted, \(NumberFormat.grouped(s.rejected)) rejected" : "absent"
            line((markdown ? "- " : "  ") + safe(s.file) + ": " + state)
        }
        line()
        if dataset.diagnostics.isEmpty {
            line("No problems found.")
        } else {
            line(dataset.diagnosticCountsText + ":")
            for d in dataset.diagnostics { line((markdown ? "- " : "  ") + safe(d.formatted)) }
        }
        return out
    }
}

/// `TextTable` as it was before the uptake table was built in bytes.
enum ReferenceTextTable {
    /// The widest a plain-text cell may be; longer values are cut with "…" (CSV and JSON keep them whole).
    static let maximumTextCellWidth = TextTable.maximumTextCellWidth

    /// With `ascii`, cells are converted to ASCII stand-ins before they are measured, so columns line up as drawn.
    static func render(headers: [String], rows: [[String]], rightAligned rightSet: Set<Int>, markdown: Bool, ascii: Bool = false) -> String {
        let rightAligned = (0..<headers.count).map { rightSet.contains($0) }
        let headers = ascii ? headers.map(TerminalText.asciiFallback) : headers
        let converted = ascii ? rows.map { $0.map(TerminalText.asciiFallback) } : rows
        // A pathological value (a 10,000-character name) must not widen every row of a terminal table.
        let rows = markdown ? converted : converted.map { r in
            r.map { TerminalText.width($0) > maximumTextCellWidth ? TerminalText.truncate($0, toWidth: maximumTextCellWidth, ellipsis: ascii ? "~" : "…") : $0 }
        }
        var widths = headers.map { TerminalText.width($0) }
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], TerminalText.width(c)) } }
        var out = ""
        func emit(_ cells: [String]) {
            let padded = cells.enumerated().map { i, c in
                TerminalText.pad(c, toWidth: widths[i], alignment: rightAligned[i] ? .right : .left)
            }
            if markdown { out += "| " + padded.joined(separator: " | ") + " |\n" } else {
                var l = padded.joined(separator: "  ")
                while l.hasSuffix(" ") { l.removeLast() }
                out += l + "\n"
            }
        }
        emit(headers)
        if markdown {
            out += "|" + widths.enumerated().map { i, w in rightAligned[i] ? " " + String(repeating: "-", count: max(w - 1, 2)) + ":" + " " : " " + String(repeating: "-", count: max(w, 3)) + " " }.joined(separator: "|") + "|\n"
        } else {
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        }
        for r in rows { emit(r) }
        return out
    }
}

