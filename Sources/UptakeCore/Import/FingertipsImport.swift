#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns OHID Fingertips CSV downloads of cancer screening coverage into an uptake dataset.
///
/// Columns are found by header name (`Indicator ID`, `Area Code`, `Time period`,
/// `Value`, `Count`, `Denominator`, …); columns after the documented ones vary
/// by profile and are ignored. Every data row is either imported or named in
/// a ``Diagnostic`` (file, line, why), and all of them are listed in
/// `import-log.csv`. The output depends only on the inputs, the mapping and
/// the import date, so re-running the import writes the same files.
public struct FingertipsImport {
    /// One input file.
    public struct Input {
        /// The name used in diagnostics and in `dataset.toml` (the path as given).
        public var name: String
        /// The file's bytes.
        public var bytes: [UInt8]
        /// Creates an input.
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// Rows read, imported and skipped in one input file.
    public struct FileCount: Hashable, Sendable {
        /// The file's name as given.
        public var file: String
        /// Data rows read.
        public var read = 0
        /// Rows that became an uptake observation or a deprivation row.
        public var imported = 0
        /// Rows named in a diagnostic and left out.
        public var skipped = 0
    }

    /// An indicator the import used.
    public struct UsedIndicator: Hashable, Sendable {
        /// Fingertips' indicator id.
        public var id: Int
        /// Its name, from the file.
        public var name: String
        /// The screening programme.
        public var programme: ScreeningProgramme
    }

    /// The files to write, by name, in the order they should be written.
    public var files: [(name: String, bytes: [UInt8])] = []
    /// Every problem and every skipped row.
    public var diagnostics: [Diagnostic] = []
    /// Per input file.
    public var counts: [FileCount] = []
    /// The indicators imported.
    public var indicators: [UsedIndicator] = []
    /// Series written to uptake.csv and rows written to uptake_by_deprivation.csv.
    public var seriesCount = 0, observationCount = 0, deprivationRowCount = 0
    /// The England series declared as `[[comparators]]`: proxy population and programme, sorted by proxy population.
    public var englandComparators: [(proxyPopulation: String, programme: ScreeningProgramme)] = []
    /// Programmes with England rows but no England comparator, because the files hold several variants (age bands
    /// or sexes) of the programme and the comparator contract matches by programme only.
    public var programmesWithoutEnglandComparator: [ScreeningProgramme] = []

    /// The partner of the England and parent-area series; England's are declared as `[[comparators]]` in dataset.toml.
    public static let comparatorPartner = "Comparators (England and parent areas)"
    /// The partner for areas the mapping does not assign.
    public static let unassignedPartner = "Unassigned areas"
    /// Files the import owns in the output directory.
    public static let outputFiles = ["dataset.toml", "partners.csv", "uptake.csv", "uptake_by_deprivation.csv", "import-log.csv"]
    /// The first line of every dataset.toml the import writes: how the command recognises its own output.
    public static let marker = "# Written by `uptake import fingertips`."

    // MARK: - Reading

    private struct Columns {
        var indicatorID = -1, indicatorName = -1, parentCode = -1, areaCode = -1, areaName = -1, areaType = -1
        var sex = -1, age = -1, categoryType = -1, category = -1, timePeriod = -1, value = -1, count = -1, denominator = -1, valueNote = -1
    }

    private struct SeriesKey: Hashable {
        var area: Int32, indicator: Int, sex: Int32, age: Int32
    }

    private struct Observation {
        var period: Period
        var eligible: Int
        var screened: Int?
        var value: Double
        var decimals: Int
        var file: Int
        var line: Int
    }

    private struct DeprivationRow {
        var series: SeriesKey
        var period: Period
        var quantile: Int
        var of: Int
        var observation: Observation
    }

    /// Imports `inputs`; `mapping` is an optional `partner, area_code` CSV; `importDate` is written into dataset.toml.
    public static func run(inputs: [Input], mapping: Input? = nil, importDate: String) -> FingertipsImport {
        var result = FingertipsImport()
        var strings = ByteInterner(capacity: 4096)
        var stringCache: [Int32: String] = [:]
        func text(_ id: Int32) -> String {
            if let s = stringCache[id] { return s }
            let s = String(decoding: strings.bytes(id), as: UTF8.self)
            stringCache[id] = s
            return s
        }
        var indicatorDecision: [Int: ScreeningProgramme?] = [:]
        var indicatorNames: [Int: String] = [:]
        // Per interned id (ids are dense from 0): the period a Time period label is (.none: not yet parsed; .some(nil): not
        // understood), and whether an Area Code has been seen. Arrays, not dictionaries: two lookups on every row.
        var periodCache: [Period??] = []
        var areaSeen: [Bool] = []
        var periodLabels: [Period: String] = [:]
        var categoryCache: [Int64: (Int, Int)?] = [:]
        // Series by key, with the observations of series i in observations[i]; rows usually repeat the previous row's series.
        var seriesIndex: [SeriesKey: Int] = [:]
        // Series by area: the first series of each area id, and the next series of the same area for each series;
        // a row finds its series by comparing the keys of its area's few series, without hashing the key.
        var firstSeriesOfArea: [Int32] = []
        var nextSeriesOfArea: [Int32] = []
        var seriesOrder: [SeriesKey] = []
        var observations: [[Observation]] = []
        var lastKey: SeriesKey?
        var lastIndex = 0
        var deprivation: [DeprivationRow] = []
        var deprivationSeen: [String: (Int, Int)] = [:]
        var areaNames: [Int32: Int32] = [:]
        var parentCodes: Set<Int32> = []
        var englandCodes: Set<Int32> = []
        var skipped: [(file: Int, line: Int, reason: String)] = []

        for (fileIndex, input) in inputs.enumerated() {
            var count = FileCount(file: input.name)
            var columns = Columns()
            var headerCount = 0
            var sawHeader = false
            var headerOK = false
            // The previous row's bytes and id for each interned column: most rows repeat them.
            var lastField = [(UnsafePointer<UInt8>?, Int, Int32)](repeating: (nil, -1, -1), count: 64)
            input.bytes.withUnsafeBufferPointer { buf in
                _ = CSVReader.read(buf, onError: { e in
                    count.read += 1
                    count.skipped += 1
                    skipped.append((fileIndex, e.line, "unterminated quote: the record is not read"))
                }) { record in
                    if !sawHeader {
                        sawHeader = true
                        headerCount = record.count
                        for i in 0..<record.count {
                            let name = CSVHeader.normalise(record.string(i) ?? "")
                            switch name {
                            case "indicator id": columns.indicatorID = i
                            case "indicator name": columns.indicatorName = i
                            case "parent code": columns.parentCode = i
                            case "area code": columns.areaCode = i
                            case "area name": columns.areaName = i
                            case "area type": columns.areaType = i
                            case "sex": columns.sex = i
                            case "age": columns.age = i
                            case "category type": columns.categoryType = i
                            case "category": columns.category = i
                            case "time period": columns.timePeriod = i
                            case "value": columns.value = i
                            case "count": columns.count = i
                            case "denominator": columns.denominator = i
                            case "value note": columns.valueNote = i
                            default: break
                            }
                        }
                        let required = [("Indicator ID", columns.indicatorID), ("Area Code", columns.areaCode), ("Area Name", columns.areaName),
                                        ("Time period", columns.timePeriod), ("Value", columns.value), ("Denominator", columns.denominator)]
                        let missing = required.filter { $0.1 < 0 }.map { "'\($0.0)'" }
                        if missing.isEmpty { headerOK = true } else {
                            result.diagnostics.append(Diagnostic(file: input.name, line: record.line, severity: .error,
                                message: "not a Fingertips data file: missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); no rows of this file are imported"))
                        }
                        return
                    }
                    count.read += 1
                    func skip(_ reason: String) {
                        count.skipped += 1
                        skipped.append((fileIndex, record.line, reason))
                    }
                    guard headerOK else { return skip("the file's header lacks required columns") }
                    guard record.count == headerCount else {
                        return skip("wrong column count: expected \(headerCount) fields as in the header, found \(record.count)")
                    }
                    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                        record.rawBytes(i)
                    }
                    func intern(_ i: Int) -> Int32 {
                        guard i >= 0 else { return -1 }
                        if record.hasEscapes(i) {
                            let b = record.bytes(i)
                            return b.withUnsafeBufferPointer { strings.intern($0) }
                        }
                        let f = field(i)
                        if i < lastField.count {
                            let (p, n, id) = lastField[i]
                            if n == f.count, let p, n == 0 || memcmp(p, f.baseAddress!, n) == 0 { return id }
                            let id2 = strings.intern(f)
                            lastField[i] = (f.baseAddress ?? UnsafePointer(bitPattern: 1), f.count, id2)
                            return id2
                        }
                        return strings.intern(f)
                    }
                    // Indicator.
                    guard let id = NumberParsing.integer(field(columns.indicatorID)) else {
                        return skip("Indicator ID '\(TerminalSafe.quote(record.string(columns.indicatorID) ?? ""))' is not a number")
                    }
                    if let decided = indicatorDecision[id] {
                        guard decided != nil else { return skip("indicator \(id) '\(TerminalSafe.quote(indicatorNames[id] ?? ""))' is not a cancer screening coverage indicator") }
                    } else {
                        let name = columns.indicatorName >= 0 ? (record.string(columns.indicatorName) ?? "") : ""
                        indicatorNames[id] = name
                        var decided = FingertipsIndicator.known[id]
                        if decided == nil, let p = FingertipsIndicator.programme(fromName: name) {
                            decided = p
                            result.diagnostics.append(Diagnostic(file: input.name, line: record.line, severity: .warning,
                                message: "indicator \(id) '\(TerminalSafe.quote(name))' is not one of the known screening coverage indicators; imported as \(p.rawValue) screening because its name says so"))
                        }
                        indicatorDecision[id] = decided
                        guard let p = decided else { return skip("indicator \(id) '\(TerminalSafe.quote(name))' is not a cancer screening coverage indicator") }
                        result.indicators.append(UsedIndicator(id: id, name: name, programme: p))
                    }
                    // Value, denominator, count.
                    // An empty Value with a Count is still imported (screened / eligible); without either, it was suppressed.
                    let valueBytes = field(columns.value)
                    let hasCount = columns.count >= 0 && field(columns.count).count > 0
                    guard valueBytes.count > 0 || hasCount else {
                        let note = columns.valueNote >= 0 ? (record.string(columns.valueNote) ?? "") : ""
                        return skip(note.isEmpty ? "no value" : "suppressed value: \(TerminalSafe.quote(note))")
                    }
                    var value = NumberParsing.Decimal(value: 0, decimals: 0)
                    if valueBytes.count > 0 {
                        guard let v = NumberParsing.decimal(valueBytes), (0...100).contains(v.value) else {
                            return skip("Value '\(TerminalSafe.quote(record.string(columns.value) ?? ""))' is not a percentage from 0 to 100")
                        }
                        value = v
                    }
                    let denominatorBytes = field(columns.denominator)
                    guard denominatorBytes.count > 0 else { return skip("no denominator") }
                    guard let eligible = NumberParsing.integer(denominatorBytes), eligible > 0, eligible <= UptakeObservation.maximumCount else {
                        return skip("Denominator '\(TerminalSafe.quote(record.string(columns.denominator) ?? ""))' is not a whole number above 0")
                    }
                    var screened: Int?
                    if columns.count >= 0, field(columns.count).count > 0 {
                        guard let c = NumberParsing.integer(field(columns.count)), c >= 0, c <= eligible else {
                            return skip("Count '\(TerminalSafe.quote(record.string(columns.count) ?? ""))' is not a whole number from 0 to the denominator \(eligible)")
                        }
                        screened = c
                    }
                    // Period.
                    let periodID = intern(columns.timePeriod)
                    let period: Period
                    if Int(periodID) >= periodCache.count { periodCache.append(contentsOf: repeatElement(.none, count: strings.count - periodCache.count)) }
                    if let cached = periodCache[Int(periodID)] {
                        guard let p = cached else { return skip("Time period '\(TerminalSafe.quote(text(periodID)))' is not understood") }
                        period = p
                    } else {
                        let label = text(periodID)
                        var p = FingertipsPeriod.period(label)
                        if let q = p, let other = periodLabels[q], other != label {
                            result.diagnostics.append(Diagnostic(file: input.name, line: record.line, severity: .warning,
                                message: "Time period '\(TerminalSafe.quote(label))' starts in the same month as '\(TerminalSafe.quote(other))'; its rows are not imported"))
                            p = nil
                        }
                        periodCache[Int(periodID)] = .some(p)
                        guard let q = p else { return skip("Time period '\(TerminalSafe.quote(label))' is not understood") }
                        periodLabels[q] = label
                        period = q
                    }
                    let area = intern(columns.areaCode)
                    guard strings.bytes(area).count > 0 else { return skip("no Area Code") }
                    if Int(area) >= areaSeen.count {
                        areaSeen.append(contentsOf: repeatElement(false, count: strings.count - areaSeen.count))
                        firstSeriesOfArea.append(contentsOf: repeatElement(-1, count: strings.count - firstSeriesOfArea.count))
                    }
                    if !areaSeen[Int(area)] {
                        areaSeen[Int(area)] = true
                        areaNames[area] = intern(columns.areaName)
                    }
                    if columns.parentCode >= 0, field(columns.parentCode).count > 0 {
                        let before = lastField[columns.parentCode].2
                        let parent = intern(columns.parentCode)
                        if parent != before { parentCodes.insert(parent) }
                    }
                    if columns.areaType >= 0 {
                        let t = field(columns.areaType)
                        if t.count == 7, memcmp(t.baseAddress!, "England", 7) == 0 { englandCodes.insert(area) }
                    }
                    let key = SeriesKey(area: area, indicator: id, sex: intern(columns.sex), age: intern(columns.age))
                    let observation = Observation(period: period, eligible: eligible, screened: screened, value: value.value,
                                                  decimals: value.decimals, file: fileIndex, line: record.line)
                    // A breakdown row: deprivation deciles or quintiles, or not imported.
                    if columns.categoryType >= 0, field(columns.categoryType).count > 0 {
                        let typeID = intern(columns.categoryType), categoryID = intern(columns.category)
                        let cacheKey = Int64(typeID) << 32 | Int64(UInt32(bitPattern: categoryID))
                        let typeText = text(typeID)
                        guard typeText.lowercased().contains("deprivation") else {
                            return skip("breakdown by '\(TerminalSafe.quote(typeText))' is not imported (only deprivation deciles and quintiles are)")
                        }
                        let q: (Int, Int)?
                        if let cached = categoryCache[cacheKey] { q = cached } else {
                            q = FingertipsDeprivation.quantile(category: categoryID >= 0 ? text(categoryID) : "", categoryType: typeText)
                            categoryCache[cacheKey] = .some(q)
                        }
                        guard let (quantile, of) = q else {
                            return skip("Category '\(TerminalSafe.quote(categoryID >= 0 ? text(categoryID) : ""))' is not recognised as a deprivation decile or quintile")
                        }
                        let dupKey = "\(area)|\(id)|\(key.sex)|\(key.age)|\(period.key)|\(of)|\(quantile)"
                        if let (f, l) = deprivationSeen[dupKey] {
                            return skip("duplicate of \(inputs[f].name):\(l) (same area, indicator, period and quantile)")
                        }
                        deprivationSeen[dupKey] = (fileIndex, record.line)
                        deprivation.append(DeprivationRow(series: key, period: period, quantile: quantile, of: of, observation: observation))
                        count.imported += 1
                        return
                    }
                    let index: Int
                    if let lastKey, lastKey == key { index = lastIndex } else {
                        var found = Int(firstSeriesOfArea[Int(area)])
                        while found >= 0, seriesOrder[found] != key { found = Int(nextSeriesOfArea[found]) }
                        if found >= 0 { index = found } else {
                            index = seriesOrder.count
                            seriesIndex[key] = index
                            seriesOrder.append(key)
                            observations.append([])
                            nextSeriesOfArea.append(firstSeriesOfArea[Int(area)])
                            firstSeriesOfArea[Int(area)] = Int32(index)
                        }
                    }
                    lastKey = key
                    lastIndex = index
                    if let earlier = observations[index].first(where: { $0.period == period }) {
                        return skip("duplicate of \(inputs[earlier.file].name):\(earlier.line) (same area, indicator, sex, age and period)")
                    }
                    observations[index].append(observation)
                    count.imported += 1
                }
            }
            if !sawHeader {
                result.diagnostics.append(Diagnostic(file: input.name, line: nil, severity: .error, message: "file is empty: no header and no rows"))
            }
            result.counts.append(count)
        }
        for s in skipped {
            result.diagnostics.append(Diagnostic(file: inputs[s.file].name, line: s.line, severity: .warning, message: "row not imported: " + s.reason))
        }

        // Mapping: partner, area_code.
        var partnersOf: [String: [String]] = [:]
        var mappingRows = 0
        if let mapping {
            var diags: [Diagnostic] = []
            let summary = CSVTable.read(file: mapping.name, bytes: mapping.bytes, emptyIsError: true, known: ["partner", "area_code"],
                                        required: ["partner", "area_code"], diagnostics: &diags) { row in
                guard let p = row.requiredText("partner"), let a = row.requiredText("area_code") else { return }
                if partnersOf[a]?.contains(p) == true {
                    row.warning(column: nil, "partner '\(TerminalSafe.quote(p))' and area '\(TerminalSafe.quote(a))' are already mapped; this row changes nothing")
                    return
                }
                partnersOf[a, default: []].append(p)
            }
            mappingRows = summary.accepted
            result.diagnostics.append(contentsOf: diags)
            let known = Set(areaNames.keys.map(text))
            for (code, partners) in partnersOf.sorted(by: { $0.key < $1.key }) where !known.contains(code) {
                result.diagnostics.append(Diagnostic(file: mapping.name, line: nil, severity: .warning,
                    message: "area code '\(TerminalSafe.quote(code))' (partner \(partners.map { "'\(TerminalSafe.quote($0))'" }.joined(separator: ", "))) has no rows in the imported files"))
            }
        }

        // Labels: a programme's variant (age band, sex) is named only when the files hold more than one for it.
        var variants: [ScreeningProgramme: Set<SeriesKeyVariant>] = [:]
        let allKeys = seriesOrder + deprivation.map(\.series)
        for k in allKeys {
            guard let p = indicatorDecision[k.indicator] ?? nil else { continue }
            variants[p, default: []].insert(SeriesKeyVariant(indicator: k.indicator, sex: k.sex, age: k.age))
        }
        func variantLabel(_ k: SeriesKey, _ p: ScreeningProgramme) -> String? {
            let vs = variants[p] ?? []
            guard vs.count > 1 else { return nil }
            var parts: [String] = []
            if Set(vs.map(\.sex)).count > 1, k.sex >= 0 { parts.append(text(k.sex)) }
            if Set(vs.map(\.age)).count > 1 || parts.isEmpty, k.age >= 0 { parts.append(text(k.age)) }
            if parts.isEmpty || parts.allSatisfy(\.isEmpty) { parts = ["indicator \(k.indicator)"] }
            return parts.joined(separator: " ")
        }
        func areaLabel(_ area: Int32) -> String {
            let name = areaNames[area].map(text) ?? ""
            return name.isEmpty ? text(area) : "\(name) (\(text(area)))"
        }

        // uptake.csv: one series per area × indicator × sex × age × partner, sorted.
        struct OutSeries {
            var partner: String
            var proxy: String
            var programme: ScreeningProgramme
            var indicator: Int
            var key: SeriesKey
        }
        var outSeries: [OutSeries] = []
        for k in seriesOrder {
            guard let p = indicatorDecision[k.indicator] ?? nil else { continue }
            var proxy = areaLabel(k.area) + ", " + p.rawValue
            if let v = variantLabel(k, p) { proxy += " " + v }
            let code = text(k.area)
            let partners: [String]
            if let mapped = partnersOf[code] { partners = mapped }
            else if englandCodes.contains(k.area) || parentCodes.contains(k.area) { partners = [comparatorPartner] }
            else { partners = [unassignedPartner] }
            for partner in partners { outSeries.append(OutSeries(partner: partner, proxy: proxy, programme: p, indicator: k.indicator, key: k)) }
        }
        outSeries.sort { ($0.partner, $0.proxy) < ($1.partner, $1.proxy) }
        // England's series become comparators for every series of the same programme (the contract matches a
        // comparator to a series by programme). Where a programme has several variants (cervical 25-49 and
        // 50-64), one England series would be set against the other variant's areas too, so none is declared.
        var englandByProgramme: [ScreeningProgramme: [String]] = [:]
        for s in outSeries where s.partner == comparatorPartner && englandCodes.contains(s.key.area) {
            englandByProgramme[s.programme, default: []].append(s.proxy)
        }
        for (p, proxies) in englandByProgramme.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if proxies.count == 1, (variants[p] ?? []).count <= 1 {
                result.englandComparators.append((proxies[0], p))
            } else {
                result.programmesWithoutEnglandComparator.append(p)
            }
        }
        result.englandComparators.sort { $0.proxyPopulation < $1.proxyPopulation }
        for i in observations.indices where observations[i].count > 1 { observations[i].sort { $0.period < $1.period } }
        var uptake = CSVWriter(capacity: 40 + 100 * observations.reduce(0) { $0 + $1.count })
        uptake.row(["partner", "proxy_population", "period", "eligible", "screened", "uptake_pct", "programme", "source"])
        for s in outSeries {
            // The series' text fields are escaped once; each row adds them as written bytes and its numbers by hand.
            var head = CSVWriter()
            head.field(s.partner)
            head.field(s.proxy)
            var tail = CSVWriter()
            tail.field(s.programme.rawValue)
            tail.field("Fingertips indicator \(s.indicator)")
            let headBytes = head.bytes, tailBytes = tail.bytes
            for o in observations[seriesIndex[s.key]!] {
                uptake.fields(headBytes)
                uptake.field(o.period)
                uptake.field(o.eligible)
                uptake.field(o.screened)
                if o.screened == nil { uptake.field(o.value, decimals: min(o.decimals, 8)) } else { uptake.field("") }
                uptake.fields(tailBytes)
                uptake.endRow()
                result.observationCount += 1
            }
        }
        let out = uptake.bytes
        result.seriesCount = outSeries.count

        // uptake_by_deprivation.csv, sorted by area, programme, subgroup, period, quantile.
        struct OutDeprivation {
            var area: String, programme: ScreeningProgramme, subgroup: String, row: DeprivationRow
        }
        var outDeprivation: [OutDeprivation] = deprivation.compactMap { d in
            guard let p = indicatorDecision[d.series.indicator] ?? nil else { return nil }
            return OutDeprivation(area: areaLabel(d.series.area), programme: p, subgroup: variantLabel(d.series, p) ?? "", row: d)
        }
        outDeprivation.sort {
            ($0.area, $0.programme.rawValue, $0.subgroup, $0.row.period.key, $0.row.of, $0.row.quantile)
                < ($1.area, $1.programme.rawValue, $1.subgroup, $1.row.period.key, $1.row.of, $1.row.quantile)
        }
        var dep = CSVWriter(capacity: 96 * (outDeprivation.count + 1))
        dep.row(["area", "programme", "subgroup", "period", "quantile", "quantiles", "eligible", "screened", "uptake_pct", "source"])
        for d in outDeprivation {
            let o = d.row.observation
            dep.field(d.area)
            dep.field(d.programme.rawValue)
            dep.field(d.subgroup)
            dep.field(d.row.period)
            dep.field(d.row.quantile)
            dep.field(d.row.of == 5 ? "quintiles" : "deciles")
            dep.field(o.eligible)
            dep.field(o.screened)
            if o.screened == nil { dep.field(o.value, decimals: min(o.decimals, 8)) } else { dep.field("") }
            dep.field("Fingertips indicator \(d.row.series.indicator) (\(inputs[o.file].name):\(o.line))")
            dep.endRow()
        }
        result.deprivationRowCount = outDeprivation.count

        // partners.csv.
        var partnerNames = Set(outSeries.map(\.partner))
        for ps in partnersOf.values { partnerNames.formUnion(ps) }
        var partners = CSVWriter()
        partners.row(["partner", "kind", "summary", "source"])
        for name in partnerNames.sorted() {
            let kind: String, summary: String
            switch name {
            case comparatorPartner:
                kind = "comparator (public data)"
                summary = "England and parent areas from the Fingertips files. England's series are the comparators of the other series of their programme (dataset.toml [[comparators]]); parent areas are series of their own."
            case unassignedPartner:
                kind = "no partner (public data)"
                summary = "Areas in the Fingertips files that the mapping file does not assign to a VCS partner."
            default:
                kind = "VCS partner"
                summary = "Assigned areas from the mapping file: " + (partnersOf.filter { $0.value.contains(name) }.keys.sorted().joined(separator: ", "))
            }
            partners.row([name, kind, summary, mapping.map { "mapping: \($0.name)" } ?? "uptake import fingertips"])
        }

        // import-log.csv: every row not imported, and every other problem.
        var log = CSVWriter()
        log.row(["file", "line", "severity", "message"])
        for d in result.diagnostics {
            log.field(d.file)
            log.field(d.line)
            log.field(d.severity.rawValue)
            log.field(d.message)
            log.endRow()
        }

        let toml = datasetTOML(inputs: inputs, mapping: mapping, mappingRows: mappingRows, result: result, periodLabels: periodLabels, importDate: importDate)
        result.files = [("dataset.toml", Array(toml.utf8)), ("partners.csv", partners.bytes), ("uptake.csv", out),
                        ("uptake_by_deprivation.csv", dep.bytes), ("import-log.csv", log.bytes)]
        return result
    }

    private struct SeriesKeyVariant: Hashable {
        var indicator: Int, sex: Int32, age: Int32
    }

    // MARK: - dataset.toml

    /// The import date written in a dataset.toml this command wrote, if any.
    public static func importDate(inDatasetTOML text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("# Import date: ") {
            return String(line.dropFirst("# Import date: ".count))
        }
        return nil
    }

    static func datasetTOML(inputs: [Input], mapping: Input?, mappingRows: Int, result: FingertipsImport, periodLabels: [Period: String], importDate: String) -> String {
        func q(_ s: String) -> String { TOMLText.quoted(s) }
        let files = inputs.map(\.name).joined(separator: ", ")
        let indicators = result.indicators.map { "\($0.id) \($0.name) (\($0.programme.rawValue))" }.joined(separator: "; ")
        let read = result.counts.reduce(0) { $0 + $1.read }, imported = result.counts.reduce(0) { $0 + $1.imported }
        let skipped = result.counts.reduce(0) { $0 + $1.skipped }
        var t = marker + "\n"
        t += "# Re-running the import rewrites dataset.toml, partners.csv, uptake.csv, uptake_by_deprivation.csv and import-log.csv.\n"
        t += "# Import date: \(importDate)\n\n"
        t += "title = \(q("OHID Fingertips: cancer screening coverage"))\n"
        t += "source = \(q("OHID Fingertips data download: " + files))\n"
        t += "description = \(q("Imported indicators: " + (indicators.isEmpty ? "none" : indicators) + "."))\n"
        t += "evaluation = \(q("Public data: each area (a GP practice, PCN, sub-ICB or local authority) is a proxy population; screened and eligible are Fingertips' Count and Denominator."))\n"
        var note = "Imported on \(importDate) by uptake import fingertips from \(files): \(read) rows read, \(imported) imported, \(skipped) not imported (each is listed in import-log.csv)."
        note += " England and parent-area rows are series of the partner '\(comparatorPartner)'; England's are the comparators of the other series of their programme."
        if !result.programmesWithoutEnglandComparator.isEmpty {
            note += " No England comparator for \(result.programmesWithoutEnglandComparator.map(\.rawValue).joined(separator: ", ")): the files hold several age bands or sexes of it."
        }
        note += " Parent areas are not comparators: a comparator applies to whole partners, not to the areas within one."
        if let mapping { note += " Partners from \(mapping.name) (\(mappingRows) rows); areas it does not name are under '\(unassignedPartner)'." }
        else { note += " No mapping file: every area is under '\(unassignedPartner)'." }
        t += "note = \(q(note))\n\n"
        if !periodLabels.isEmpty {
            t += "[periods]\n"
            for (p, label) in periodLabels.sorted(by: { $0.key < $1.key }) { t += "\(q(p.description)) = \(q(label))\n" }
            t += "\n"
        }
        let standards: [(ScreeningProgramme, BenchmarkThresholds, String)] = [
            (.breast, .breastScreeningCoverage, "NHS Breast Screening Programme coverage standard (national)"),
            (.cervical, .cervicalScreeningCoverage, "NHS Cervical Screening Programme coverage standard (national)"),
            (.bowel, .bowelScreeningCoverage, "NHS Bowel Cancer Screening Programme standards, reporting from 1 April 2025 (BCSP-S01)"),
        ]
        for (p, b, source) in standards where result.indicators.contains(where: { $0.programme == p }) {
            t += "[benchmarks.\(p.rawValue)]\nacceptable = \(NumberFormat.fixed(b.acceptable, 1))\n"
            if let a = b.achievable { t += "achievable = \(NumberFormat.fixed(a, 1))\n" }
            t += "source = \(q(source))\n\n"
        }
        for c in result.englandComparators {
            t += "[[comparators]]\npartner = \(q(comparatorPartner))\nproxy_population = \(q(c.proxyPopulation))\nlabel = \(q("England"))\n\n"
        }
        for input in inputs {
            t += "[[sources]]\nid = \(q(input.name))\ntitle = \(q("OHID Fingertips data download " + input.name))\n"
            t += "note = \(q("Indicators: " + (indicators.isEmpty ? "none" : indicators)))\n\n"
        }
        return t
    }
}
