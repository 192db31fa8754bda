/// Loaders for the small CSV files: partners, indicators, surveys, principles.
enum TableLoaders {
    /// Loads partners.csv: its records, its accepted names (``PartnerNames``) and the line of the last rejected row
    /// of each name that has no accepted one.
    static func partners(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> ([PartnerRecord], FileSummary, rejected: [String: Int], known: PartnerNames) {
        let file = "partners.csv"
        // Room for a partner per line, up to 1,048,576 (more grow as usual): the records and names are not copied
        // at each doubling, and the pages the copies left behind are not touched. At ten million rows, 250,000
        // partners: the old limit of 65,536 made two doublings, 6% of the run's page faults (docs/PERFORMANCE.md,
        // session 32). Room not written costs no memory; the names' table is written whole (at most 8 MB).
        let expected = min(bytes.withUnsafeBufferPointer { CSVReader.count(UInt8(ascii: "\n"), in: $0, 0..<$0.count) }, 1 << 20)
        var partners: [PartnerRecord] = []
        partners.reserveCapacity(expected)
        var seen = PartnerNames(capacity: expected)
        var rejectedNames: [String: Int] = [:]
        let known = ["partner", "area", "programme", "kind", "funding_gbp", "residents_reached", "reported_change_pct", "summary", "source"]
        // Each column found by its place in `known`, not by comparing names on every row (25,000 rows at a million).
        let partner = CSVColumn("partner", in: known), area = CSVColumn("area", in: known)
        let programme = CSVColumn("programme", in: known), kind = CSVColumn("kind", in: known)
        let funding = CSVColumn("funding_gbp", in: known), reached = CSVColumn("residents_reached", in: known)
        let change = CSVColumn("reported_change_pct", in: known), summary = CSVColumn("summary", in: known)
        let source = CSVColumn("source", in: known)
        // Areas, kinds, programmes, sources and often summaries repeat down the file: one string per run of a value.
        var repeated = (area: RepeatedText(), programme: RepeatedText(), kind: RepeatedText(), summary: RepeatedText(), source: RepeatedText())
        let fileSummary = CSVTable.read(file: file, bytes: bytes, emptyIsError: true, known: known,
            required: ["partner"], warnUnknown: false, diagnostics: &diagnostics) { row in
            guard let name = row.requiredText(partner) else { return }
            var p = PartnerRecord(name: name, line: row.line)
            p.area = row.text(area, repeating: &repeated.area)
            p.programme = row.text(programme, repeating: &repeated.programme)
            p.kind = row.text(kind, repeating: &repeated.kind)
            if let f = row.decimal(funding) {
                if f.value < 0 { row.error(column: row.columnNumber(funding), "funding_gbp \(TerminalSafe.quote(row.text(funding) ?? "")) is negative: it must be 0 or more") }
                else if f.value > DatasetMetadata.Funding.maximumGBP {
                    row.error(column: row.columnNumber(funding), "funding_gbp \(TerminalSafe.quote(row.text(funding) ?? "")) is too large: at most 1,000,000,000,000 (10^12) pounds")
                }
                p.fundingGBP = f.value
            }
            p.residentsReached = row.integer(reached)
            if let r = row.decimal(change, allowPercentSign: true) {
                p.reportedChangePct = r.value
                p.reportedChangeDecimals = r.decimals
            }
            p.summary = row.text(summary, repeating: &repeated.summary)
            p.source = row.text(source, repeating: &repeated.source)
            p.extraFields = row.extraFields.map { PartnerRecord.ExtraField(name: $0.0, value: $0.1) }
            let first = seen.claim(name, line: row.rejected ? 0 : row.line)
            if first != 0 {
                row.error(column: row.columnNumber(partner), "duplicate partner '\(TerminalSafe.quote(name))': already given on line \(first); this later row is rejected")
                return
            }
            if row.rejected {
                // A name with no accepted row (yet): uptake.csv's warning for it names this line.
                rejectedNames[name] = row.line
                return
            }
            partners.append(p)
        }
        return (partners, fileSummary, rejectedNames, seen)
    }

    static func indicators(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> ([Indicator], FileSummary) {
        let file = "indicators.csv"
        var indicators: [Indicator] = []
        var index: [String: Int] = [:]
        let summary = CSVTable.read(file: file, bytes: bytes,
            known: ["indicator", "title", "place", "category", "group", "value", "unit", "measure", "role", "qualifier", "year", "as_stated", "source", "caveats"],
            required: ["indicator", "group"], diagnostics: &diagnostics) { row in
            guard let id = row.requiredText("indicator"), let groupName = row.requiredText("group") else { return }
            let value = row.decimal("value")?.value
            var measure = IndicatorGroup.Measure.value
            if let m = row.text("measure") {
                guard let parsed = IndicatorGroup.Measure(rawValue: m.lowercased()) else {
                    row.error(column: row.columnNumber("measure"), "measure '\(TerminalSafe.quote(m))' is not value, gap or ratio")
                    return
                }
                measure = parsed
            }
            var role: IndicatorGroup.Role?
            if let r = row.text("role") {
                guard let parsed = IndicatorGroup.Role(rawValue: r.lowercased()) else {
                    row.error(column: row.columnNumber("role"), "role '\(TerminalSafe.quote(r))' is not reference or comparison")
                    return
                }
                role = parsed
            }
            if row.rejected { return }
            let group = IndicatorGroup(name: groupName, value: value, measure: measure, role: role,
                                       qualifier: row.text("qualifier"), asStated: row.text("as_stated"), line: row.line)
            if let i = index[id] {
                indicators[i].groups.append(group)
            } else {
                guard let title = row.requiredText("title") else { return }
                index[id] = indicators.count
                indicators.append(Indicator(id: id, title: title, place: row.text("place"), category: row.text("category"),
                                            unit: row.text("unit"), year: row.text("year"), source: row.text("source"),
                                            caveats: row.text("caveats"), groups: [group]))
            }
        }
        return (indicators, summary)
    }

    static func surveys(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> ([SurveyResult], FileSummary) {
        var results: [SurveyResult] = []
        let summary = CSVTable.read(file: "surveys.csv", bytes: bytes,
            known: ["partner", "question", "result_pct", "qualifier", "as_stated", "respondents", "source"],
            required: ["partner", "question"], diagnostics: &diagnostics) { row in
            guard let partner = row.requiredText("partner"), let question = row.requiredText("question") else { return }
            let pct = row.decimal("result_pct", range: 0...100, allowPercentSign: true)?.value
            let respondents = row.integer("respondents")
            if row.rejected { return }
            results.append(SurveyResult(partner: partner, question: question, resultPct: pct, qualifier: row.text("qualifier"),
                                        asStated: row.text("as_stated"), respondents: respondents, source: row.text("source"), line: row.line))
        }
        return (results, summary)
    }

    static let principleKinds = ["principle", "behaviour", "goal", "enabler", "partner", "mission", "theme"]

    static func principles(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> ([PrincipleItem], FileSummary) {
        var items: [PrincipleItem] = []
        let summary = CSVTable.read(file: "principles.csv", bytes: bytes,
            known: ["framework", "area", "kind", "theme", "order", "title", "text", "source"],
            required: ["framework", "kind", "text"], diagnostics: &diagnostics) { row in
            guard let framework = row.requiredText("framework"), let kind = row.requiredText("kind"), let text = row.requiredText("text") else { return }
            let k = kind.lowercased()
            guard principleKinds.contains(k) else {
                row.error(column: row.columnNumber("kind"), "kind '\(TerminalSafe.quote(kind))' is not one of \(principleKinds.joined(separator: ", "))")
                return
            }
            let order = row.integer("order", minimum: 1)
            if row.rejected { return }
            items.append(PrincipleItem(framework: framework, area: row.text("area"), kind: k, theme: row.text("theme"), order: order,
                                       title: row.text("title"), text: text, source: row.text("source"), line: row.line))
        }
        return (items, summary)
    }
}
