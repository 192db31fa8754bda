/// Loads `uptake.csv`: the million-row file, read at byte level.
///
/// Every row is either accepted or named in a diagnostic. Names are interned
/// by their bytes, numbers parsed without building strings, and rows of the
/// same series usually arrive together, so the series lookup is cached.
struct UptakeFileLoader {
    static let file = "uptake.csv"
    static let known = ["partner", "proxy_population", "period", "eligible", "uptake_pct", "screened", "programme", "source"]
    static let required = ["partner", "proxy_population", "period", "eligible"]

    /// The result: series in order of first appearance, diagnostics and counts.
    struct Result {
        var series: [UptakeSeries] = []
        var diagnostics: [Diagnostic] = []
        var summary = FileSummary(file: UptakeFileLoader.file)
    }

    private struct SeriesBuilder {
        var partner: Int32
        var proxy: Int32
        var programme: ScreeningProgramme?
        var programmeLine: Int
        var source: Int32
        var observations: [UptakeObservation]
    }

    /// Loads the file's bytes; `knownPartners` are the names in partners.csv (nil when that file is absent).
    static func load(bytes: [UInt8], knownPartners: Set<String>?) -> Result {
        var result = Result()
        var diags: [Diagnostic] = []
        var names = ByteInterner(capacity: 4096)
        var nameStrings: [String?] = []   // nil: invalid UTF-8
        var sources = ByteInterner(capacity: 16)
        var sourceStrings: [String?] = []
        var builders: [SeriesBuilder] = []
        var seriesIndex: [UInt64: Int32] = [:]
        var lastKey: UInt64 = .max
        var lastIndex: Int32 = -1
        var header: CSVHeader?
        var sawHeader = false
        var fieldCount = 0
        var col = (partner: -1, proxy: -1, period: -1, eligible: -1, pct: -1, screened: -1, programme: -1, source: -1)
        var read = 0
        var rejected = 0
        var partnerRows: [Int32: (line: Int, count: Int)] = [:]

        func nameString(_ id: Int32) -> String? {
            let i = Int(id)
            while nameStrings.count <= i {
                let raw = Array(names.bytes(Int32(nameStrings.count)))
                nameStrings.append(String(validating: raw, as: UTF8.self))
            }
            return nameStrings[i]
        }
        func sourceString(_ id: Int32) -> String? {
            let i = Int(id)
            while sourceStrings.count <= i {
                let raw = Array(sources.bytes(Int32(sourceStrings.count)))
                sourceStrings.append(String(validating: raw, as: UTF8.self))
            }
            return sourceStrings[i]
        }

        bytes.withUnsafeBufferPointer { buf in
            CSVReader.read(buf, onError: { err in
                diags.append(Diagnostic(file: file, line: err.line, severity: .error,
                    message: "unterminated quote: a quoted field opened on this line never closes; the record is rejected and reading resumes on the next line"))
                if sawHeader { read += 1; rejected += 1 }
            }) { record in
                if !sawHeader {
                    sawHeader = true
                    header = CSVHeader.make(record: record, file: file, known: known, required: required, warnUnknown: true, diagnostics: &diags)
                    if let h = header {
                        if h.index["uptake_pct"] == nil && h.index["screened"] == nil {
                            diags.append(Diagnostic(file: file, line: record.line, severity: .error,
                                message: "missing column: the header needs 'uptake_pct' or 'screened' (or both); no rows of this file can be loaded"))
                            header = nil
                        } else {
                            fieldCount = h.names.count
                            col = (h.index["partner"]!, h.index["proxy_population"]!, h.index["period"]!, h.index["eligible"]!,
                                   h.index["uptake_pct"] ?? -1, h.index["screened"] ?? -1, h.index["programme"] ?? -1, h.index["source"] ?? -1)
                        }
                    }
                    return
                }
                read += 1
                guard header != nil else { rejected += 1; return }
                let line = record.line
                if record.count != fieldCount {
                    diags.append(Diagnostic(file: file, line: line, severity: .error,
                        message: "wrong column count: expected \(fieldCount) fields as in the header, found \(record.count)"))
                    rejected += 1
                    return
                }
                var bad = false
                func err(_ column: Int, _ message: String) {
                    diags.append(Diagnostic(file: file, line: line, column: column + 1, severity: .error, message: message))
                    bad = true
                }
                func shown(_ i: Int) -> String {
                    TerminalSafe.quote(String(decoding: record.bytes(i), as: UTF8.self))
                }
                func intern(_ i: Int, into interner: inout ByteInterner) -> Int32 {
                    if record.hasEscapes(i) {
                        return record.bytes(i).withUnsafeBufferPointer { interner.intern($0) }
                    }
                    return interner.intern(record.rawBytes(i))
                }
                // Names.
                var partnerID: Int32 = -1, proxyID: Int32 = -1
                if record.isEmpty(col.partner) { err(col.partner, "partner is empty: it is required") } else {
                    partnerID = intern(col.partner, into: &names)
                    if nameString(partnerID) == nil { err(col.partner, "invalid UTF-8 in partner") }
                }
                if record.isEmpty(col.proxy) { err(col.proxy, "proxy_population is empty: it is required") } else {
                    proxyID = intern(col.proxy, into: &names)
                    if nameString(proxyID) == nil { err(col.proxy, "invalid UTF-8 in proxy_population") }
                }
                // Period.
                var period: Period?
                if record.isEmpty(col.period) { err(col.period, "period is empty: it is required (YYYY-MM or YYYY-MM-DD)") } else {
                    period = Period.parse(record.rawBytes(col.period))
                    if period == nil {
                        err(col.period, "period '\(shown(col.period))' is not a valid date: expected YYYY-MM or YYYY-MM-DD with a month 01-12 and a day that exists")
                    }
                }
                // Eligible.
                var eligible: Int?
                if record.isEmpty(col.eligible) { err(col.eligible, "eligible is empty: it is required (a whole number, 0 or more)") } else {
                    let raw = record.rawBytes(col.eligible)
                    if let v = NumberParsing.integer(raw) {
                        if v < 0 { err(col.eligible, "eligible \(v) is negative: it must be 0 or more") } else { eligible = v }
                    } else {
                        err(col.eligible, "eligible '\(shown(col.eligible))' is not a whole number")
                    }
                }
                // Uptake.
                var pct: NumberParsing.Decimal?
                if col.pct >= 0, !record.isEmpty(col.pct) {
                    if let d = NumberParsing.decimal(record.rawBytes(col.pct), allowPercentSign: true) {
                        if d.value < 0 || d.value > 100 { err(col.pct, "uptake_pct \(shown(col.pct)) is outside 0-100") } else { pct = d }
                    } else {
                        err(col.pct, "uptake_pct '\(shown(col.pct))' is not a number")
                    }
                }
                var screened: Int?
                if col.screened >= 0, !record.isEmpty(col.screened) {
                    if let v = NumberParsing.integer(record.rawBytes(col.screened)) {
                        if v < 0 { err(col.screened, "screened \(v) is negative: it must be 0 or more") }
                        else if let e = eligible, v > e { err(col.screened, "screened \(v) is more than eligible \(e): screened must be between 0 and eligible") }
                        else { screened = v }
                    } else {
                        err(col.screened, "screened '\(shown(col.screened))' is not a whole number")
                    }
                }
                let pctGiven = col.pct >= 0 && !record.isEmpty(col.pct)
                let screenedGiven = col.screened >= 0 && !record.isEmpty(col.screened)
                if !pctGiven && !screenedGiven {
                    err(col.pct >= 0 ? col.pct : col.screened, "no uptake: give uptake_pct or screened")
                }
                // Programme (a bad value is a warning: the figures still load).
                var programme: ScreeningProgramme?
                if col.programme >= 0, !record.isEmpty(col.programme) {
                    let text = String(decoding: record.bytes(col.programme), as: UTF8.self).lowercased()
                    if let p = ScreeningProgramme(rawValue: text) { programme = p } else if !bad {
                        diags.append(Diagnostic(file: file, line: line, column: col.programme + 1, severity: .warning,
                            message: "programme '\(shown(col.programme))' is not breast, cervical or bowel: no benchmark applies"))
                    }
                }
                if bad { rejected += 1; return }
                guard let period, let eligible else { rejected += 1; return }
                // Both given: they must agree within the rounding of uptake_pct.
                var uptake: Double?
                if let pct {
                    uptake = pct.value
                    if let s = screened {
                        if eligible > 0 {
                            let computed = Double(s) / Double(eligible) * 100
                            var tolerance = 0.5
                            for _ in 0..<pct.decimals { tolerance /= 10 }
                            if abs(computed - pct.value) > tolerance + 1e-9 {
                                diags.append(Diagnostic(file: file, line: line, column: col.pct + 1, severity: .warning,
                                    message: "uptake_pct \(shown(col.pct)) disagrees with screened/eligible \(s)/\(eligible) = \(NumberFormat.fixed(computed, 2))% beyond rounding; uptake_pct is used"))
                            }
                        }
                    }
                } else if let s = screened, eligible > 0 {
                    uptake = Double(s) / Double(eligible) * 100
                }
                // Series.
                let key = UInt64(UInt32(bitPattern: partnerID)) << 32 | UInt64(UInt32(bitPattern: proxyID))
                var index: Int32
                if key == lastKey { index = lastIndex } else if let found = seriesIndex[key] { index = found } else {
                    index = Int32(builders.count)
                    var sourceID: Int32 = -1
                    if col.source >= 0, !record.isEmpty(col.source) { sourceID = intern(col.source, into: &sources) }
                    builders.append(SeriesBuilder(partner: partnerID, proxy: proxyID, programme: nil, programmeLine: 0, source: sourceID, observations: []))
                    seriesIndex[key] = index
                }
                lastKey = key
                lastIndex = index
                if let programme {
                    if let existing = builders[Int(index)].programme {
                        if existing != programme {
                            diags.append(Diagnostic(file: file, line: line, column: col.programme + 1, severity: .warning,
                                message: "programme '\(programme.rawValue)' differs from '\(existing.rawValue)' given on line \(builders[Int(index)].programmeLine) for this series; '\(existing.rawValue)' is kept"))
                        }
                    } else {
                        builders[Int(index)].programme = programme
                        builders[Int(index)].programmeLine = line
                    }
                }
                builders[Int(index)].observations.append(UptakeObservation(period: period, eligible: eligible, screened: screened, uptakePct: uptake, line: line))
                if knownPartners != nil {
                    if let seen = partnerRows[partnerID] { partnerRows[partnerID] = (seen.line, seen.count + 1) } else { partnerRows[partnerID] = (line, 1) }
                }
            }
        }
        // Duplicates: the later row (by line) is rejected, naming both lines.
        for b in builders.indices {
            var obs = builders[b].observations
            var sorted = true
            for i in obs.indices.dropFirst() where obs[i - 1].period >= obs[i].period { sorted = false; break }
            if sorted { continue }
            obs.sort { ($0.period, $0.line) < ($1.period, $1.line) }
            var kept: [UptakeObservation] = []
            kept.reserveCapacity(obs.count)
            for o in obs {
                if let last = kept.last, last.period == o.period {
                    let partner = nameString(builders[b].partner) ?? ""
                    let proxy = nameString(builders[b].proxy) ?? ""
                    diags.append(Diagnostic(file: file, line: o.line, severity: .error,
                        message: "duplicate of line \(last.line): partner '\(TerminalSafe.quote(partner))', proxy population '\(TerminalSafe.quote(proxy))', period \(o.period) is given twice; this later row is rejected"))
                    rejected += 1
                    if knownPartners != nil, let seen = partnerRows[builders[b].partner] {
                        partnerRows[builders[b].partner] = (seen.line, seen.count - 1)
                    }
                } else {
                    kept.append(o)
                }
            }
            builders[b].observations = kept
        }
        // Partners missing from partners.csv: one warning per partner, on its first row.
        if let knownPartners {
            for (id, seen) in partnerRows where seen.count > 0 {
                guard let name = nameString(id), !knownPartners.contains(name) else { continue }
                diags.append(Diagnostic(file: file, line: seen.line, severity: .warning,
                    message: "partner '\(TerminalSafe.quote(name))' is not in partners.csv (\(seen.count) row\(seen.count == 1 ? "" : "s") from here on; they still load)"))
            }
        }
        result.series = builders.map { b in
            UptakeSeries(partner: nameString(b.partner) ?? "", proxyPopulation: nameString(b.proxy) ?? "",
                         programme: b.programme, observations: b.observations,
                         source: b.source >= 0 ? sourceString(b.source) : nil)
        }
        if !sawHeader {
            diags.append(Diagnostic(file: file, line: nil, severity: .warning, message: "file is empty: no header and no rows"))
        } else if header == nil, read > 0 {
            diags.append(Diagnostic(file: file, line: nil, severity: .error,
                message: "\(read) row\(read == 1 ? "" : "s") not loaded because the header lacks required columns"))
        }
        result.diagnostics = diags
        result.summary = FileSummary(file: file, read: read, accepted: read - rejected, rejected: rejected)
        return result
    }
}
