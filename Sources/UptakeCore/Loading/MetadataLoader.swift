import Synchronization
import TOMLKit

/// Loads `dataset.toml` into ``DatasetMetadata``, reporting unknown keys and wrong types.
enum MetadataLoader {
    static let file = "dataset.toml"

    /// The last file read and what it gave. Reloads (the kiosk's, the dashboard's live reload) usually
    /// follow a change to a CSV file, not to dataset.toml: the same bytes give the same result, and the
    /// TOML parser, which keeps a little memory for every parse, is not run again.
    private static let last = Mutex<(bytes: [UInt8], meta: DatasetMetadata, diagnostics: [Diagnostic])?>(nil)

    static func load(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> DatasetMetadata {
        if let hit = last.withLock({ $0.flatMap { $0.bytes == bytes ? $0 : nil } }) {
            diagnostics += hit.diagnostics
            return hit.meta
        }
        var own: [Diagnostic] = []
        let meta = parse(bytes: bytes, diagnostics: &own)
        last.withLock { $0 = (bytes, meta, own) }
        diagnostics += own
        return meta
    }

    private static func parse(bytes: [UInt8], diagnostics: inout [Diagnostic]) -> DatasetMetadata {
        var meta = DatasetMetadata()
        // TOML parsing stops at a NUL byte: everything after it would vanish without a word.
        if let nul = TextBytes.firstNUL(bytes) {
            diagnostics.append(Diagnostic(file: file, line: nul.line, column: nul.column, severity: .error,
                message: "NUL byte (a zero byte, not text): the file is not read past it, so none of it is used; defaults are used"))
            return meta
        }
        let bytes = TextBytes.normalisedLineEnds(bytes)
        guard let text = String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self) else {
            diagnostics.append(Diagnostic(file: file, line: nil, severity: .error, message: "not valid UTF-8: defaults are used"))
            return meta
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            diagnostics.append(Diagnostic(file: file, line: e.source.begin.line, column: e.source.begin.column, severity: .error,
                                          message: "TOML syntax error: \(e.description); defaults are used"))
            return meta
        } catch {
            diagnostics.append(Diagnostic(file: file, line: nil, severity: .error, message: "cannot parse: \(error); defaults are used"))
            return meta
        }
        // TOMLKit 0.6 never frees a parsed table (TOMLTable has no deinit): empty it when done, so a
        // reload (the kiosk's, every few seconds for weeks) does not keep every parse's nodes.
        defer { table.clear() }
        func warn(_ message: String) {
            diagnostics.append(Diagnostic(file: file, line: nil, severity: .warning, message: message))
        }
        func string(_ t: TOMLTable, _ key: String, in section: String) -> String? {
            guard let v = t[key] else { return nil }
            if let s = v.string { return s }
            warn("\(section)\(key) should be a string")
            return nil
        }
        func number(_ t: TOMLTable, _ key: String, in section: String) -> Double? {
            guard let v = t[key] else { return nil }
            if let d = v.double, d.isFinite { return d }
            if let i = v.int { return Double(i) }
            warn("\(section)\(key) should be a number")
            return nil
        }
        let topKeys = ["title", "area", "programme", "source", "description", "evaluation", "note", "funding", "periods", "benchmarks", "sources", "comparators", "inequality"]
        for key in table.keys where !topKeys.contains(key) { warn("unknown key '\(key)' is ignored") }
        if let t = string(table, "title", in: "") { meta.title = t }
        meta.area = string(table, "area", in: "")
        meta.programme = string(table, "programme", in: "")
        meta.source = string(table, "source", in: "")
        meta.description = string(table, "description", in: "")
        meta.evaluation = string(table, "evaluation", in: "")
        meta.note = string(table, "note", in: "")
        if let f = table["funding"]?.table {
            var funding = DatasetMetadata.Funding()
            if let n = number(f, "partners", in: "funding.") {
                // A count of partners: a whole number from 1 up to a bound far above any programme.
                if n == n.rounded(), n >= 1, n <= 1_000_000 { funding.partners = Int(n) } else {
                    warn("funding.partners \(TerminalSafe.quote(String(describing: n))) is not a whole number from 1 to 1,000,000; ignored")
                }
            }
            func amount(_ key: String) -> Double? {
                guard let v = number(f, key, in: "funding.") else { return nil }
                guard v >= 0, v <= DatasetMetadata.Funding.maximumGBP else {
                    warn("funding.\(key) \(TerminalSafe.quote(String(describing: v))) is not an amount from 0 to 10^12 pounds; ignored")
                    return nil
                }
                return v
            }
            funding.minGBP = amount("min_gbp")
            funding.maxGBP = amount("max_gbp")
            funding.totalGBP = amount("total_gbp")
            if let lo = funding.minGBP, let hi = funding.maxGBP, lo > hi {
                warn("funding.min_gbp \(NumberFormat.trimmed(NumberFormat.fixed(lo, 2))) is above funding.max_gbp \(NumberFormat.trimmed(NumberFormat.fixed(hi, 2))): the range is shown as given, but check the file")
            }
            if let hi = funding.maxGBP, let total = funding.totalGBP, hi > total {
                warn("funding.max_gbp \(NumberFormat.trimmed(NumberFormat.fixed(hi, 2))) is above funding.total_gbp \(NumberFormat.trimmed(NumberFormat.fixed(total, 2))): one partner cannot get more than the total")
            }
            funding.source = string(f, "source", in: "funding.")
            for key in f.keys where !["partners", "min_gbp", "max_gbp", "total_gbp", "source"].contains(key) {
                warn("unknown key 'funding.\(key)' is ignored")
            }
            meta.funding = funding
        }
        if let p = table["periods"]?.table {
            for key in p.keys {
                guard Period(key) != nil else { warn("periods.\(key): not a YYYY-MM or YYYY-MM-DD period; ignored"); continue }
                if let label = string(p, key, in: "periods.") { meta.periodLabels[key] = label }
            }
        }
        if let b = table["benchmarks"]?.table {
            for key in b.keys {
                guard let programme = ScreeningProgramme(rawValue: key) else {
                    warn("benchmarks.\(key): not breast, cervical or bowel; ignored")
                    continue
                }
                guard let t = b[key]?.table, let acceptable = number(t, "acceptable", in: "benchmarks.\(key).") else {
                    warn("benchmarks.\(key) needs an 'acceptable' threshold; ignored")
                    continue
                }
                let achievable = number(t, "achievable", in: "benchmarks.\(key).")
                guard (0...100).contains(acceptable), achievable.map({ (acceptable...100).contains($0) }) ?? true else {
                    warn("benchmarks.\(key): thresholds must lie in 0-100 with achievable ≥ acceptable; ignored")
                    continue
                }
                meta.benchmarks[programme] = DatasetMetadata.Benchmark(
                    thresholds: BenchmarkThresholds(acceptable: acceptable, achievable: achievable),
                    source: string(t, "source", in: "benchmarks.\(key)."))
            }
        }
        if let s = table["sources"]?.array {
            for (i, element) in s.enumerated() {
                guard let t = element.table, let id = string(t, "id", in: "sources[\(i)]."), let title = string(t, "title", in: "sources[\(i)].") else {
                    warn("sources[\(i)] needs an id and a title; ignored")
                    continue
                }
                meta.sources.append(DatasetMetadata.Source(id: id, title: title, note: string(t, "note", in: "sources[\(i)].")))
            }
        }
        meta.comparators = comparators(table, text: text, diagnostics: &diagnostics)
        if let value = table["inequality"] {
            if let t = value.table {
                if let v = t["transform"] {
                    if let b = v.bool { meta.inequalityTransform = b } else { warn("inequality.transform should be true or false; the SII is computed without a transform") }
                }
                for key in t.keys where key != "transform" { warn("unknown key 'inequality.\(key)' is ignored") }
            } else {
                warn("inequality should be a table ([inequality]); ignored")
            }
        }
        return meta
    }

    /// `[[comparators]]`: each names a series by `partner` and `proxy_population`, with an optional `label`, `for_partners`
    /// and `for_proxy_populations`.
    ///
    /// Problems are warnings on the entry's header line (found by scanning the
    /// text, since the TOML parser does not report where a table starts); a bad
    /// entry is ignored and the rest still load.
    static func comparators(_ table: TOMLTable, text: String, diagnostics: inout [Diagnostic]) -> [DatasetMetadata.Comparator] {
        guard let value = table["comparators"] else { return [] }
        var headerLines: [Int] = []
        for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = l.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
            if t.hasPrefix("[[comparators]]") { headerLines.append(i + 1) }
        }
        func warn(_ index: Int?, _ message: String) {
            let line = index.flatMap { $0 < headerLines.count ? headerLines[$0] : nil }
            diagnostics.append(Diagnostic(file: file, line: line, severity: .warning, message: message))
        }
        guard let array = value.array else {
            warn(nil, "comparators should be an array of tables ([[comparators]]); ignored")
            return []
        }
        var out: [DatasetMetadata.Comparator] = []
        for (i, element) in array.enumerated() {
            guard let t = element.table else { warn(i, "comparators[\(i)] should be a table; ignored"); continue }
            for key in t.keys where !["partner", "proxy_population", "label", "for_partners", "for_proxy_populations"].contains(key) {
                warn(i, "unknown key 'comparators[\(i)].\(key)' is ignored")
            }
            guard let partner = t["partner"]?.string, !partner.isEmpty,
                  let proxy = t["proxy_population"]?.string, !proxy.isEmpty else {
                warn(i, "comparators[\(i)] needs partner and proxy_population (strings naming a series in uptake.csv); ignored")
                continue
            }
            var c = DatasetMetadata.Comparator(partner: partner, proxyPopulation: proxy, line: i < headerLines.count ? headerLines[i] : nil)
            if let l = t["label"] {
                if let s = l.string, !s.isEmpty { c.label = s } else { warn(i, "comparators[\(i)].label should be a non-empty string; the series name is used") }
            }
            if let f = t["for_partners"] {
                if let a = f.array, a.allSatisfy({ $0.string != nil }) { c.forPartners = a.compactMap(\.string) } else {
                    warn(i, "comparators[\(i)].for_partners should be an array of partner names; ignored, so it applies to every series")
                }
            }
            if let f = t["for_proxy_populations"] {
                if let a = f.array, a.allSatisfy({ $0.string != nil }) { c.forProxyPopulations = a.compactMap(\.string) } else {
                    warn(i, "comparators[\(i)].for_proxy_populations should be an array of proxy population names; ignored, so it applies to every proxy population")
                }
            }
            if out.contains(where: { $0.partner == c.partner && $0.proxyPopulation == c.proxyPopulation }) {
                warn(i, "comparators[\(i)] names the same series as an earlier entry; ignored")
                continue
            }
            out.append(c)
        }
        return out
    }
}
