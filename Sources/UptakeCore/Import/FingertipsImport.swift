import Dispatch
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

    /// A file to write: its name and its bytes, which may be made block by block as they are written.
    public struct OutputFile: Sendable {
        /// The file's name in the dataset directory.
        public var name: String
        private let produce: @Sendable (@Sendable ([UInt8]) -> Void) -> Void
        /// Creates a file of the given bytes.
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.produce = { sink in sink(bytes) }
        }
        /// Creates a file whose bytes `produce` hands, in order, to the sink it is given.
        init(name: String, produce: @escaping @Sendable (@Sendable ([UInt8]) -> Void) -> Void) {
            self.name = name
            self.produce = produce
        }
        /// Hands the file's bytes to `sink` in order, one block at a time and one call at a time (from either of two
        /// threads). A large file (`uptake.csv`) is made in blocks on two threads while the blocks before are
        /// written, so it is never held whole.
        public func write(to sink: @Sendable ([UInt8]) -> Void) {
            withoutActuallyEscaping(sink) { produce($0) }
        }
        /// The whole file.
        public var bytes: [UInt8] {
            let all = ResultBox<[UInt8]>([])
            write { all.value.append(contentsOf: $0) }
            return all.value
        }
    }

    /// The files to write, by name, in the order they should be written.
    public var files: [OutputFile] = []
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
    /// The parent-area series declared as `[[comparators]]` (before England's), sorted by proxy population: each is
    /// the comparator of the series listed in `children` (its child areas' series of the same indicator, sex and age).
    public var parentComparators: [(proxyPopulation: String, label: String, children: [String])] = []
    /// Programmes with England rows but no England comparator, because the files hold several variants (age bands
    /// or sexes) of the programme and the comparator contract matches by programme only.
    public var programmesWithoutEnglandComparator: [ScreeningProgramme] = []

    /// The input and mapping files' names, the mapping's rows and the period labels, for dataset.toml (``dated(_:)``).
    var about = About()

    /// Files whose second half was read on a second thread and merged (the rest were read on one thread), for the tests.
    var halvesMerged = 0

    /// The partner of the England and parent-area series, declared as `[[comparators]]` in dataset.toml.
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

    /// One imported row, in 32 bytes (a million rows are held until `uptake.csv` is written): the counts fit 32 bits
    /// (the row loop accepts at most ``UptakeObservation/maximumCount``, `Int32.max`), a line number too (a file is at most
    /// 2 GiB − 1 bytes), and the decimals are kept up to 255 (at most 8 are ever written).
    fileprivate struct Observation {
        var period: Period
        private var storedLine: UInt32
        private var storedEligible: Int32
        /// -1: no Count.
        private var storedScreened: Int32
        var value: Double
        private var storedFile: UInt32
        private var storedDecimals: UInt8

        init(period: Period, eligible: Int, screened: Int?, value: Double, decimals: Int, file: Int, line: Int) {
            self.period = period
            self.value = value
            storedEligible = Int32(clamping: eligible)
            storedScreened = screened.map { Int32(clamping: $0) } ?? -1
            storedDecimals = UInt8(clamping: decimals)
            storedFile = UInt32(clamping: file)
            storedLine = UInt32(clamping: line)
        }

        var eligible: Int { Int(storedEligible) }
        var screened: Int? { storedScreened < 0 ? nil : Int(storedScreened) }
        var decimals: Int { Int(storedDecimals) }
        var file: Int { Int(storedFile) }
        var line: Int { Int(storedLine) }
    }

    private struct DeprivationRow {
        var series: SeriesKey
        var period: Period
        var quantile: Int
        var of: Int
        var observation: Observation
    }

    /// A deprivation row's identity for the duplicate check.
    private struct DeprivationKey: Hashable {
        var series: SeriesKey, period: Period, of: Int, quantile: Int
    }

    /// Files of at least this many bytes are read in two halves on two threads (``ReadState/merge(_:)``).
    static let parallelBytes = 4 << 20

    /// Everything the row loop keeps between rows, as one value: the second half of a large file is read into a
    /// fresh one on a second thread and merged in file order (``merge(_:)``).
    private struct ReadState {
        var strings = ByteInterner(capacity: 4096)
        var stringCache: [Int32: String] = [:]
        var indicatorDecision: [Int: ScreeningProgramme?] = [:]
        var indicatorNames: [Int: String] = [:]
        var indicators: [UsedIndicator] = []
        /// Problems found while reading rows (header errors, indicator and period warnings), in the order found.
        var diagnostics: [Diagnostic] = []
        // Per interned id (ids are dense from 0): the period a Time period label is (.none: not yet parsed; .some(nil): not
        // understood), and whether an Area Code has been seen. Arrays, not dictionaries: two lookups on every row.
        var periodCache: [Period??] = []
        /// Time period ids in the order they were first parsed.
        var periodOrder: [Int32] = []
        var areaSeen: [Bool] = []
        /// Per area id: the area whose row came next after this area's last row (-1: none yet). A file ordered by period
        /// lists its areas in the same order in every period, so the next row's Area Code is checked against this guess
        /// (a comparison of bytes in id order) before it is hashed and looked up.
        var areaAfter: [Int32] = []
        var lastArea: Int32 = -1
        var periodLabels: [Period: String] = [:]
        var categoryCache: [Int64: (Int, Int)?] = [:]
        // Series by area: the first series of each area id, and the next series of the same area for each series;
        // a row finds its series by comparing the keys of its area's few series, without hashing the key.
        var firstSeriesOfArea: [Int32] = []
        var nextSeriesOfArea: [Int32] = []
        var seriesOrder: [SeriesKey] = []
        var observations: [[Observation]] = []
        /// Per series: the rows a merged second half brought (``merge(_:)``), kept as that half's own array instead of
        /// copied onto the end of `observations` (a series' rows are `observations` then `laterObservations`).
        var laterObservations: [[Observation]] = []
        var lastKey: SeriesKey?
        var lastIndex = 0
        var deprivation: [DeprivationRow] = []
        var deprivationSeen: [DeprivationKey: (Int, Int)] = [:]
        var areaNames: [Int32: Int32] = [:]
        var parentCodes: Set<Int32> = []
        var englandCodes: Set<Int32> = []
        // Per area id: the first Parent Code its rows give (-1: none); any other parents, in the order first seen.
        var parentOfArea: [Int32] = []
        var otherParents: [Int32: [Int32]] = [:]
        var skipped: [(file: Int, line: Int, reason: String)] = []
        // The file being read.
        var fileIndex = 0
        var fileNames: [String] = []
        var count = FileCount(file: "")
        var columns = Columns()
        var headerCount = 0
        var sawHeader = false
        var headerOK = false
        // The previous row's bytes and id for each interned column: most rows repeat them.
        var lastField = [(UnsafePointer<UInt8>?, Int, Int32)](repeating: (nil, -1, -1), count: 64)
        /// A second half read ahead: set when a row meets state the first half may have decided differently
        /// (an indicator not known by id, whose decision and name are first-seen); the merge then refuses it.
        var speculative = false
        var refused = false

        mutating func text(_ id: Int32) -> String {
            if let s = stringCache[id] { return s }
            let s = String(decoding: strings.bytes(id), as: UTF8.self)
            stringCache[id] = s
            return s
        }

        /// Starts a file: its header is read by the next record.
        mutating func startFile(_ index: Int, name: String) {
            fileIndex = index
            count = FileCount(file: name)
            columns = Columns()
            headerCount = 0
            sawHeader = false
            headerOK = false
            lastField = [(UnsafePointer<UInt8>?, Int, Int32)](repeating: (nil, -1, -1), count: 64)
            lastKey = nil
        }

        /// A fresh state for the second half of the current file, after its header.
        func secondHalf() -> ReadState {
            var s = ReadState()
            s.fileIndex = fileIndex
            s.fileNames = fileNames
            s.count = FileCount(file: count.file)
            s.columns = columns
            s.headerCount = headerCount
            s.sawHeader = sawHeader
            s.headerOK = headerOK
            s.speculative = true
            return s
        }

        mutating func syntaxError(_ e: CSVSyntaxError) {
            count.read += 1
            count.skipped += 1
            skipped.append((fileIndex, e.line, "unterminated quote: the record is not read"))
        }

        mutating func handle(_ record: CSVRecord) {
            if refused { return }
            let name = fileNames[fileIndex]
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
                    diagnostics.append(Diagnostic(file: name, line: record.line, severity: .error,
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
                let indicatorName = columns.indicatorName >= 0 ? (record.string(columns.indicatorName) ?? "") : ""
                indicatorNames[id] = indicatorName
                var decided = FingertipsIndicator.known[id]
                // The decision and the name the messages quote are the first seen in the whole file: not for a read-ahead.
                if decided == nil, speculative {
                    refused = true
                    return
                }
                if decided == nil, let p = FingertipsIndicator.programme(fromName: indicatorName) {
                    decided = p
                    diagnostics.append(Diagnostic(file: name, line: record.line, severity: .warning,
                        message: "indicator \(id) '\(TerminalSafe.quote(indicatorName))' is not one of the known screening coverage indicators; imported as \(p.rawValue) screening because its name says so"))
                }
                indicatorDecision[id] = decided
                guard let p = decided else { return skip("indicator \(id) '\(TerminalSafe.quote(indicatorName))' is not a cancer screening coverage indicator") }
                indicators.append(UsedIndicator(id: id, name: indicatorName, programme: p))
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
                    diagnostics.append(Diagnostic(file: name, line: record.line, severity: .warning,
                        message: "Time period '\(TerminalSafe.quote(label))' starts in the same month as '\(TerminalSafe.quote(other))'; its rows are not imported"))
                    p = nil
                }
                periodCache[Int(periodID)] = .some(p)
                periodOrder.append(periodID)
                guard let q = p else { return skip("Time period '\(TerminalSafe.quote(label))' is not understood") }
                periodLabels[q] = label
                period = q
            }
            var area: Int32 = -1
            if lastArea >= 0, Int(lastArea) < areaAfter.count, !record.hasEscapes(columns.areaCode) {
                let guess = areaAfter[Int(lastArea)]
                if guess >= 0, strings.equal(Int(guess), field(columns.areaCode)) { area = guess }
            }
            if area < 0 { area = intern(columns.areaCode) }
            if lastArea >= 0, Int(lastArea) < areaAfter.count { areaAfter[Int(lastArea)] = area }
            lastArea = area
            guard strings.bytes(area).count > 0 else { return skip("no Area Code") }
            if Int(area) >= areaSeen.count { growAreaArrays() }
            if !areaSeen[Int(area)] {
                areaSeen[Int(area)] = true
                areaNames[area] = intern(columns.areaName)
            }
            if columns.parentCode >= 0, field(columns.parentCode).count > 0 {
                let before = lastField[columns.parentCode].2
                let parent = intern(columns.parentCode)
                if parent != before { parentCodes.insert(parent) }
                addParent(parent, of: area)
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
                let dupKey = DeprivationKey(series: key, period: period, of: of, quantile: quantile)
                if let (f, l) = deprivationSeen[dupKey] {
                    return skip("duplicate of \(fileNames[f]):\(l) (same area, indicator, period and quantile)")
                }
                deprivationSeen[dupKey] = (fileIndex, record.line)
                deprivation.append(DeprivationRow(series: key, period: period, quantile: quantile, of: of, observation: observation))
                count.imported += 1
                return
            }
            let index: Int
            if let lastKey, lastKey == key { index = lastIndex } else { index = seriesIndex(key, adding: true) }
            lastKey = key
            lastIndex = index
            if let earlier = observations[index].first(where: { $0.period == period })
                ?? laterObservations[index].first(where: { $0.period == period }) {
                return skip("duplicate of \(fileNames[earlier.file]):\(earlier.line) (same area, indicator, sex, age and period)")
            }
            observations[index].append(observation)
            count.imported += 1
        }

        /// Sizes the per-id arrays to the interner.
        mutating func growAreaArrays() {
            areaSeen.append(contentsOf: repeatElement(false, count: strings.count - areaSeen.count))
            firstSeriesOfArea.append(contentsOf: repeatElement(-1, count: strings.count - firstSeriesOfArea.count))
            parentOfArea.append(contentsOf: repeatElement(-1, count: strings.count - parentOfArea.count))
            areaAfter.append(contentsOf: repeatElement(-1, count: strings.count - areaAfter.count))
        }

        mutating func addParent(_ parent: Int32, of area: Int32) {
            let first = parentOfArea[Int(area)]
            if first < 0 { parentOfArea[Int(area)] = parent } else if first != parent, otherParents[area]?.contains(parent) != true {
                otherParents[area, default: []].append(parent)
            }
        }

        /// The series of `key` (its area's arrays sized), added when new if `adding`; -1 when absent and not added.
        mutating func seriesIndex(_ key: SeriesKey, adding: Bool) -> Int {
            var found = Int(firstSeriesOfArea[Int(key.area)])
            while found >= 0, seriesOrder[found] != key { found = Int(nextSeriesOfArea[found]) }
            if found >= 0 || !adding { return found }
            let index = seriesOrder.count
            seriesOrder.append(key)
            observations.append([])
            laterObservations.append([])
            nextSeriesOfArea.append(firstSeriesOfArea[Int(key.area)])
            firstSeriesOfArea[Int(key.area)] = Int32(truncatingIfNeeded: index)
            return index
        }

        /// Adds `b`, the read-ahead second half of the current file, as if its rows had been read after this state's:
        /// false (and this state unchanged) when that cannot be done exactly, and the half must be read again here.
        ///
        /// Refused when the half met something whose outcome depends on rows before it: an indicator not known by
        /// id (its decision and quoted name are the first seen), a Time period label warned about or deciding
        /// differently after the first half's labels, or a row duplicating one of the first half. Otherwise its
        /// strings are re-interned, and its series, observations, periods, areas and skipped rows appended in order.
        mutating func merge(_ b: ReadState) -> Bool {
            guard !b.refused, b.diagnostics.isEmpty else { return false }
            // Checks first, without changing anything: ids of b's strings already here (-1: new).
            var known = [Int32](repeating: -1, count: b.strings.count)
            for i in 0..<b.strings.count {
                known[i] = b.strings.bytes(Int32(truncatingIfNeeded: i)).withUnsafeBufferPointer { strings.find($0) }
            }
            func here(_ id: Int32) -> Int32 { id < 0 ? -1 : known[Int(id)] }
            var labels = periodLabels
            for p in b.periodOrder {
                guard case .some(let decided) = b.periodCache[Int(p)] else { return false }
                let a = here(p)
                if a >= 0, Int(a) < periodCache.count, case .some(let mine) = periodCache[Int(a)] {
                    if mine != decided { return false }
                    continue
                }
                if let q = decided {
                    if let other = labels[q] { if other != String(decoding: b.strings.bytes(p), as: UTF8.self) { return false } }
                    else { labels[q] = String(decoding: b.strings.bytes(p), as: UTF8.self) }
                }
            }
            for (j, k) in b.seriesOrder.enumerated() {
                let area = here(k.area), sex = here(k.sex), age = here(k.age)
                guard area >= 0, (sex >= 0) == (k.sex >= 0), (age >= 0) == (k.age >= 0), Int(area) < firstSeriesOfArea.count else { continue }
                var found = Int(firstSeriesOfArea[Int(area)])
                let mine = SeriesKey(area: area, indicator: k.indicator, sex: sex, age: age)
                while found >= 0, seriesOrder[found] != mine { found = Int(nextSeriesOfArea[found]) }
                guard found >= 0 else { continue }
                func clash(_ rows: [Observation]) -> Bool {
                    rows.contains { o in
                        observations[found].contains { $0.period == o.period } || laterObservations[found].contains { $0.period == o.period }
                    }
                }
                if clash(b.observations[j]) || clash(b.laterObservations[j]) { return false }
            }
            for d in b.deprivation {
                let k = d.series
                let area = here(k.area), sex = here(k.sex), age = here(k.age)
                guard area >= 0, (sex >= 0) == (k.sex >= 0), (age >= 0) == (k.age >= 0) else { continue }
                let mine = DeprivationKey(series: SeriesKey(area: area, indicator: k.indicator, sex: sex, age: age), period: d.period, of: d.of, quantile: d.quantile)
                if deprivationSeen[mine] != nil { return false }
            }
            // Then the merge, in the order the rows would have been read.
            var map = [Int32](repeating: -1, count: b.strings.count)
            for i in 0..<b.strings.count {
                map[i] = b.strings.bytes(Int32(truncatingIfNeeded: i)).withUnsafeBufferPointer { strings.intern($0) }
            }
            func id(_ x: Int32) -> Int32 { x < 0 ? -1 : map[Int(x)] }
            if strings.count > areaSeen.count { growAreaArrays() }
            if strings.count > periodCache.count { periodCache.append(contentsOf: repeatElement(.none, count: strings.count - periodCache.count)) }
            for i in b.indicators where indicatorDecision[i.id] == nil {
                indicatorDecision[i.id] = i.programme
                indicatorNames[i.id] = b.indicatorNames[i.id]
                indicators.append(i)
            }
            for (i, decided) in b.indicatorDecision where indicatorDecision[i] == nil {
                indicatorDecision[i] = decided
                indicatorNames[i] = b.indicatorNames[i]
            }
            for p in b.periodOrder {
                let a = Int(id(p))
                guard case .none = periodCache[a], case .some(let decided) = b.periodCache[Int(p)] else { continue }
                periodCache[a] = .some(decided)
                periodOrder.append(Int32(truncatingIfNeeded: a))
                if let q = decided { periodLabels[q] = text(Int32(truncatingIfNeeded: a)) }
            }
            for (area, name) in b.areaNames {
                let a = Int(id(area))
                if !areaSeen[a] {
                    areaSeen[a] = true
                    areaNames[Int32(truncatingIfNeeded: a)] = id(name)
                }
            }
            for p in b.parentCodes { parentCodes.insert(id(p)) }
            for e in b.englandCodes { englandCodes.insert(id(e)) }
            for (area, first) in b.parentOfArea.enumerated() where first >= 0 {
                let a = id(Int32(truncatingIfNeeded: area))
                addParent(id(first), of: a)
                for p in b.otherParents[Int32(truncatingIfNeeded: area)] ?? [] { addParent(id(p), of: a) }
            }
            for (j, k) in b.seriesOrder.enumerated() {
                let index = seriesIndex(SeriesKey(area: id(k.area), indicator: k.indicator, sex: id(k.sex), age: id(k.age)), adding: true)
                // The half's arrays are shared, not copied, where they can be.
                let rows = b.laterObservations[j].isEmpty ? b.observations[j] : b.observations[j] + b.laterObservations[j]
                if observations[index].isEmpty { observations[index] = rows }
                else if laterObservations[index].isEmpty { laterObservations[index] = rows }
                else { laterObservations[index].append(contentsOf: rows) }
            }
            for var d in b.deprivation {
                d.series = SeriesKey(area: id(d.series.area), indicator: d.series.indicator, sex: id(d.series.sex), age: id(d.series.age))
                deprivationSeen[DeprivationKey(series: d.series, period: d.period, of: d.of, quantile: d.quantile)] = (d.observation.file, d.observation.line)
                deprivation.append(d)
            }
            skipped.append(contentsOf: b.skipped)
            count.read += b.count.read
            count.imported += b.count.imported
            count.skipped += b.count.skipped
            lastKey = nil
            return true
        }
    }

    /// The line number after the bytes `range` of `buf`, starting from `line`: one per line feed (as ``CSVReader`` counts).
    private static func lineAfter(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, from line: Int) -> Int {
        line + CSVReader.count(10, in: buf, range)
    }

    private final class StateBox: @unchecked Sendable {
        var state: ReadState
        init(_ state: ReadState) { self.state = state }
    }


    /// Imports `inputs`; `mapping` is an optional `partner, area_code` CSV; `importDate` is written into dataset.toml.
    public static func run(inputs: [Input], mapping: Input? = nil, importDate: String) -> FingertipsImport {
        run(inputs: inputs, mapping: mapping, importDate: importDate, parallelBytes: parallelBytes)
    }

    /// As ``run(inputs:mapping:importDate:)``; files of at least `parallelBytes` bytes are read in two halves on two threads,
    /// and `uptake.csv` is made in blocks of about `rowsPerBlock` rows, on two threads from `rowsForThreads` rows.
    static func run(inputs: [Input], mapping: Input? = nil, importDate: String, parallelBytes: Int,
                    rowsPerBlock: Int = 65_536, rowsForThreads: Int = 20_000) -> FingertipsImport {
        var result = FingertipsImport()
        var state = ReadState()
        state.fileNames = inputs.map(\.name)
        for (fileIndex, input) in inputs.enumerated() {
            state.startFile(fileIndex, name: input.name)
            input.bytes.withUnsafeBufferPointer { buf in
                if buf.count >= parallelBytes, let plan = UptakeFileLoader.SplitPlan(buf) {
                    CSVReader.read(buf, from: 0, to: plan.headerEnd, onError: { state.syntaxError($0) }) { state.handle($0) }
                    if state.headerOK {
                        // The second half is read ahead into a fresh state on the other thread, counting its lines from
                        // where the first half will end; it is merged only if that gives exactly the sequential result.
                        let boxes = [StateBox(state), StateBox(state.secondHalf())]
                        state = ReadState()
                        let lines = [ResultBox(0), ResultBox(0)]
                        let shared = ReadOnlyBuffer(buffer: buf)
                        DispatchQueue.concurrentPerform(iterations: 2) { i in
                            let buf = shared.buffer
                            var s = boxes[i].state
                            boxes[i].state = ReadState()
                            if i == 0 {
                                lines[0].value = CSVReader.read(buf, from: plan.headerEnd, to: plan.split, firstLine: plan.headerLine + 1,
                                                                onError: { s.syntaxError($0) }) { s.handle($0) }
                            } else {
                                let first = lineAfter(buf, plan.headerEnd..<plan.split, from: plan.headerLine + 1)
                                lines[1].value = first
                                CSVReader.read(buf, from: plan.split, to: buf.count, firstLine: first,
                                               onError: { s.syntaxError($0) }) { s.handle($0) }
                            }
                            boxes[i].state = s
                        }
                        state = boxes[0].state
                        if lines[0].value == lines[1].value, state.merge(boxes[1].state) { result.halvesMerged += 1 } else {
                            CSVReader.read(buf, from: plan.split, to: buf.count, firstLine: lines[0].value,
                                           onError: { state.syntaxError($0) }) { state.handle($0) }
                        }
                        return
                    }
                    CSVReader.read(buf, from: plan.headerEnd, to: buf.count, firstLine: plan.headerLine + 1,
                                   onError: { state.syntaxError($0) }) { state.handle($0) }
                    return
                }
                CSVReader.read(buf, onError: { state.syntaxError($0) }) { state.handle($0) }
            }
            if !state.sawHeader {
                state.diagnostics.append(Diagnostic(file: input.name, line: nil, severity: .error, message: "file is empty: no header and no rows"))
            }
            result.counts.append(state.count)
        }
        result.diagnostics = state.diagnostics
        result.indicators = state.indicators
        for s in state.skipped {
            result.diagnostics.append(Diagnostic(file: inputs[s.file].name, line: s.line, severity: .warning, message: "row not imported: " + s.reason))
        }
        let strings = state.strings
        // Each interned string's String, built once, in an array by id (ids are dense from 0).
        var stringCache = [String?](repeating: nil, count: strings.count)
        for (id, s) in state.stringCache where Int(id) < stringCache.count { stringCache[Int(id)] = s }
        func text(_ id: Int32) -> String {
            guard id >= 0, Int(id) < stringCache.count else { return "" }
            if let s = stringCache[Int(id)] { return s }
            let s = strings.bytes(id).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
            stringCache[Int(id)] = s
            return s
        }
        let indicatorDecision = state.indicatorDecision
        let periodLabels = state.periodLabels
        let seriesOrder = state.seriesOrder
        let observations = state.observations, laterObservations = state.laterObservations
        let deprivation = state.deprivation
        let areaNames = state.areaNames
        let parentCodes = state.parentCodes, englandCodes = state.englandCodes
        let parentOfArea = state.parentOfArea, otherParents = state.otherParents
        state = ReadState()

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
            var index: Int
        }
        var outSeries: [OutSeries] = []
        outSeries.reserveCapacity(seriesOrder.count)
        // An area's label and partners are worked out once, for its first series: an area has a series per indicator.
        var areaOut: [Int32: (label: String, partners: [String])] = [:]
        let severalVariants = Set(variants.filter { $0.value.count > 1 }.keys)
        for (index, k) in seriesOrder.enumerated() {
            guard let p = indicatorDecision[k.indicator] ?? nil else { continue }
            let area: (label: String, partners: [String])
            if let known = areaOut[k.area] { area = known } else {
                let partners: [String]
                if !partnersOf.isEmpty, let mapped = partnersOf[text(k.area)] { partners = mapped }
                else if englandCodes.contains(k.area) || parentCodes.contains(k.area) { partners = [comparatorPartner] }
                else { partners = [unassignedPartner] }
                area = (areaLabel(k.area), partners)
                areaOut[k.area] = area
            }
            var proxy = area.label + ", " + p.rawValue
            if severalVariants.contains(p), let v = variantLabel(k, p) { proxy += " " + v }
            for partner in area.partners { outSeries.append(OutSeries(partner: partner, proxy: proxy, programme: p, indicator: k.indicator, key: k, index: index)) }
        }
        outSeries.sort { ($0.partner, $0.proxy) < ($1.partner, $1.proxy) }
        // Parent areas (a practice's PCN or sub-ICB): the series of an area that is another area's Parent Code, other than
        // England and other than an area the mapping assigns to a partner, is the comparator of its child areas' series of
        // the same indicator, sex and age. A child with several parents (files downloaded with different parent types) is
        // listed under the first parent its rows name that has such a series.
        var parentSeriesProxy: [SeriesKey: String] = [:]
        var parentAreaOfProxy: [String: Int32] = [:]
        for s in outSeries where s.partner == comparatorPartner && parentCodes.contains(s.key.area) && !englandCodes.contains(s.key.area) {
            parentSeriesProxy[s.key] = s.proxy
            parentAreaOfProxy[s.proxy] = s.key.area
        }
        if !parentSeriesProxy.isEmpty {
            var children: [String: [String]] = [:]
            var listed = Set<String>()
            for s in outSeries where Int(s.key.area) < parentOfArea.count && parentOfArea[Int(s.key.area)] >= 0 && !listed.contains(s.proxy) {
                let parents = [parentOfArea[Int(s.key.area)]] + (otherParents[s.key.area] ?? [])
                for parent in parents where parent != s.key.area {
                    guard let proxy = parentSeriesProxy[SeriesKey(area: parent, indicator: s.key.indicator, sex: s.key.sex, age: s.key.age)] else { continue }
                    children[proxy, default: []].append(s.proxy)
                    listed.insert(s.proxy)
                    break
                }
            }
            for (proxy, list) in children.sorted(by: { $0.key < $1.key }) {
                result.parentComparators.append((proxy, areaLabel(parentAreaOfProxy[proxy] ?? -1), list.sorted()))
            }
        }
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
        // uptake.csv, made in blocks of series on two threads and handed out in order (``OutputFile/write(to:)``).
        let totalRows = outSeries.reduce(0) { $0 + observations[$1.index].count + laterObservations[$1.index].count }
        let rowsOf = observations, laterRowsOf = laterObservations, ordered = outSeries
        let makeBlock: @Sendable (Range<Int>) -> [UInt8] = { blockRange in
            let range = blockRange.clamped(to: ordered.indices)
            // Each series' text fields are escaped once: those before the numbers (partner, proxy population) and those
            // after (programme, source, the line end).
            var heads: [[UInt8]] = [], tails: [[UInt8]] = []
            heads.reserveCapacity(range.count)
            tails.reserveCapacity(range.count)
            var header = CSVWriter()
            if range.lowerBound == 0 { header.row(["partner", "proxy_population", "period", "eligible", "screened", "uptake_pct", "programme", "source"]) }
            var room = header.bytes.count
            for s in ordered[range] {
                var head = CSVWriter()
                head.field(s.partner)
                head.field(s.proxy)
                head.fields([])
                var tail = CSVWriter()
                tail.field(s.programme.rawValue)
                tail.field("Fingertips indicator \(s.indicator)")
                tail.endRow()
                heads.append(head.bytes)
                tails.append([UInt8(ascii: ",")] + tail.bytes)
                room += (rowsOf[s.index].count + laterRowsOf[s.index].count) * (head.bytes.count + tail.bytes.count + Self.rowNumbersRoom)
            }
            // The rows are stored through a pointer into the block's own memory (room made row by row, never regrown for
            // these rows; room reserved but not written costs no memory).
            var outgrown: [UInt8]?
            let block = [UInt8](unsafeUninitializedCapacity: room) { memory, initialized in
                var out = ByteBuffer(writingInto: memory)
                out.append(header.bytes)
                var fraction: [UInt8] = []
                for (n, s) in ordered[range].enumerated() {
                    // A series' rows in period order (a file lists them in any order; a period appears once per series):
                    // the first half's rows then the merged half's, as they are when each is in order and the second
                    // follows the first, else joined and sorted.
                    let first = rowsOf[s.index], later = laterRowsOf[s.index]
                    if first.isSortedByPeriod, later.isSortedByPeriod,
                       first.isEmpty || later.isEmpty || first[first.count - 1].period < later[0].period {
                        Self.writeRows(first, head: heads[n], tail: tails[n], fraction: &fraction, to: &out)
                        Self.writeRows(later, head: heads[n], tail: tails[n], fraction: &fraction, to: &out)
                    } else {
                        Self.writeRows((first + later).sorted(by: { $0.period < $1.period }), head: heads[n], tail: tails[n],
                                       fraction: &fraction, to: &out)
                    }
                }
                if out.isInLentMemory { initialized = out.count } else {
                    outgrown = out.drain()
                    initialized = 0
                }
            }
            return outgrown ?? block
        }
        let seriesPerBlock = Self.seriesPerBlock(rows: totalRows, series: ordered.count, rowsPerBlock: rowsPerBlock)
        let uptakeFile = OutputFile(name: "uptake.csv") { sink in
            // Block 0 always exists (it holds the header), so a file with no series is still written.
            streamInOrder(count: max(ordered.count, 1), blockSize: seriesPerBlock,
                          minimumForThreads: totalRows >= rowsForThreads ? 2 : .max, make: makeBlock, sink: sink)
        }
        result.observationCount = totalRows
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
                summary = "England and parent areas from the Fingertips files. A parent area's series is the comparator of its child areas' series and England's of the other series of their programme (dataset.toml [[comparators]])."
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

        result.about = About(inputNames: inputs.map(\.name), mappingName: mapping?.name, mappingRows: mappingRows, periodLabels: periodLabels)
        let toml = datasetTOML(result, importDate: importDate)
        result.files = [OutputFile(name: "dataset.toml", bytes: Array(toml.utf8)), OutputFile(name: "partners.csv", bytes: partners.bytes),
                        uptakeFile, OutputFile(name: "uptake_by_deprivation.csv", bytes: dep.bytes),
                        OutputFile(name: "import-log.csv", bytes: log.bytes)]
        return result
    }

    /// Writes `rows` as rows of `uptake.csv` into `out`: each its series' `head` (partner and proxy population, escaped,
    /// and a comma), its period, eligible, screened and percentage, then the series' `tail` (the fields after, and
    /// the line end). `fraction` is scratch room for a percentage.
    private static func writeRows(_ rows: [Observation], head: [UInt8], tail: [UInt8], fraction: inout [UInt8], to out: inout ByteBuffer) {
        head.withUnsafeBufferPointer { head in
            tail.withUnsafeBufferPointer { tail in
                for o in rows {
                    fraction.removeAll(keepingCapacity: true)
                    if o.screened == nil { ByteFormat.appendFixed(o.value, min(o.decimals, 8), to: &fraction) }
                    out.reserve(head.count + tail.count + fraction.count + rowNumbersRoom)
                    out.unchecked(head)
                    out.unchecked { ByteFormat.writePeriod(o.period, to: $0) }
                    out.unchecked(UInt8(ascii: ","))
                    out.unchecked { ByteFormat.writeInteger(o.eligible, to: $0) }
                    out.unchecked(UInt8(ascii: ","))
                    if let screened = o.screened { out.unchecked { ByteFormat.writeInteger(screened, to: $0) } }
                    out.unchecked(UInt8(ascii: ","))
                    fraction.withUnsafeBufferPointer { out.unchecked($0) }
                    out.unchecked(tail)
                }
            }
        }
    }

    /// Room for a row's numbers and separators in `uptake.csv`: a period (10 bytes), two whole numbers (20 each) and the
    /// four commas between the series' fields; the percentage, when written, is added to it.
    static let rowNumbersRoom = 64

    /// Series per block of `uptake.csv` (``OutputFile/write(to:)``) for about `rowsPerBlock` rows (65,536 rows: a few
    /// megabytes) per block.
    static func seriesPerBlock(rows: Int, series: Int, rowsPerBlock: Int) -> Int {
        guard rows > 0, series > 0 else { return 1 }
        // series × rowsPerBlock / rows, rounded up, in whole numbers: the product is taken in 128 bits, and with
        // rowsPerBlock clamped to at most `rows` the quotient is at most `series`, so it fits and nothing converts.
        let perBlockRows = min(max(rowsPerBlock, 1), rows)
        let (quotient, remainder) = rows.dividingFullWidth(series.multipliedFullWidth(by: perBlockRows))
        return max(1, min(series, quotient + (remainder > 0 ? 1 : 0)))
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

    /// What dataset.toml says of the import besides the result's counts, comparators and indicators.
    struct About: Sendable {
        var inputNames: [String] = []
        var mappingName: String?
        var mappingRows = 0
        var periodLabels: [Period: String] = [:]
    }

    /// The same import dated `importDate`. The date is written only in dataset.toml, so only that file is made again:
    /// the command re-dates an import that changed nothing but the date without reading the files twice.
    public func dated(_ importDate: String) -> FingertipsImport {
        var result = self
        let toml = OutputFile(name: "dataset.toml", bytes: Array(Self.datasetTOML(self, importDate: importDate).utf8))
        result.files = files.map { $0.name == toml.name ? toml : $0 }
        return result
    }

    static func datasetTOML(_ result: FingertipsImport, importDate: String) -> String {
        func q(_ s: String) -> String { TOMLText.quoted(s) }
        let inputNames = result.about.inputNames, mappingRows = result.about.mappingRows, periodLabels = result.about.periodLabels
        let files = inputNames.joined(separator: ", ")
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
        note += " England and parent-area rows are series of the partner '\(comparatorPartner)'. A parent area's series (an area named in another row's Parent Code, other than England) is the comparator of its child areas' series of the same indicator, sex and age; England's are the comparators of the other series of their programme, so an area is compared with its parent where the files have one and with England otherwise."
        if !result.programmesWithoutEnglandComparator.isEmpty {
            note += " No England comparator for \(result.programmesWithoutEnglandComparator.map(\.rawValue).joined(separator: ", ")): the files hold several age bands or sexes of it."
        }
        note += " \(result.parentComparators.count) parent-area series \(result.parentComparators.count == 1 ? "is a comparator" : "are comparators"); a parent area that the mapping assigns to a partner is that partner's series, not a comparator."
        if let mappingName = result.about.mappingName { note += " Partners from \(mappingName) (\(mappingRows) rows); areas it does not name are under '\(unassignedPartner)'." }
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
        for c in result.parentComparators {
            t += "[[comparators]]\npartner = \(q(comparatorPartner))\nproxy_population = \(q(c.proxyPopulation))\nlabel = \(q(c.label))\n"
            t += "for_proxy_populations = [\n" + c.children.map { "  " + q($0) + ",\n" }.joined() + "]\n\n"
        }
        for c in result.englandComparators {
            t += "[[comparators]]\npartner = \(q(comparatorPartner))\nproxy_population = \(q(c.proxyPopulation))\nlabel = \(q("England"))\n\n"
        }
        for name in inputNames {
            t += "[[sources]]\nid = \(q(name))\ntitle = \(q("OHID Fingertips data download " + name))\n"
            t += "note = \(q("Indicators: " + (indicators.isEmpty ? "none" : indicators)))\n\n"
        }
        return t
    }
}

private extension Array where Element == FingertipsImport.Observation {
    /// Whether the rows are in ascending period order already (no two share a period).
    var isSortedByPeriod: Bool {
        var i = 1
        while i < count {
            if !(self[i - 1].period < self[i].period) { return false }
            i += 1
        }
        return true
    }
}
