import CByteScan
import Synchronization

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
        /// Each series' partner id and, by id, the line of the partner's accepted row in partners.csv (-1: a name inserted
        /// without one, 0: none), when partners.csv was read and every partner name is ASCII (``SeriesPartners``).
        var partnerOfSeries: [Int32]?
        var partnerLines: [Int]?
        var diagnostics: [Diagnostic] = []
        var summary = FileSummary(file: UptakeFileLoader.file)
    }

    /// A series as the row loop builds it: its names' and source's ids, programme and decimals, and later its rows.
    /// 40 bytes: the rows' view first, then the 32-bit fields, the programme last (docs/DECISIONS.md, "Series held in
    /// fewer bytes"). Lines are below 2^31 (a file below 2 GiB), and so are decimals (a field's digits).
    struct SeriesBuilder {
        /// The series' rows, set when they are grouped (nil before: no shared empty value retained per series).
        var observations: UptakeObservations?
        var partner: Int32
        var proxy: Int32
        var source: Int32
        private var storedProgrammeLine: Int32
        private var storedDecimals: Int32
        var programme: ScreeningProgramme?

        init(partner: Int32, proxy: Int32, programme: ScreeningProgramme?, programmeLine: Int, source: Int32,
             observations: UptakeObservations?, uptakeDecimals: Int = -1) {
            self.observations = observations
            self.partner = partner
            self.proxy = proxy
            self.source = source
            storedProgrammeLine = Int32(clamping: programmeLine)
            storedDecimals = Int32(clamping: uptakeDecimals)
            self.programme = programme
        }

        /// The line that set the programme (0: none).
        var programmeLine: Int {
            get { Int(storedProgrammeLine) }
            set { storedProgrammeLine = Int32(clamping: newValue) }
        }
        /// The most decimals of the series' `uptake_pct` (-1: none given).
        var uptakeDecimals: Int {
            get { Int(storedDecimals) }
            set { storedDecimals = Int32(clamping: newValue) }
        }
    }

    /// Files smaller than this are read on one thread.
    static let parallelThreshold = 4 << 20

    /// Loads the file's bytes; `knownPartners` are the names in partners.csv (nil when that file is absent).
    ///
    /// A large file is read by two threads, one per half, split at a line end
    /// that lies outside any quoted field; the halves are merged in file order,
    /// so the result is the same as a single-threaded read.
    static func load(bytes: [UInt8], knownPartners: PartnerNames?, rejectedPartners: [String: Int] = [:], allowParallel: Bool = true,
                     progress: LoadProgress? = nil) -> Result {
        parse(bytes: bytes, allowParallel: allowParallel, progress: progress).finish(knownPartners: knownPartners, rejectedPartners: rejectedPartners)
    }

    /// The result of a load stopped by ``LoadProgress/cancel()``: no series, one error.
    static func cancelled(_ progress: LoadProgress) -> Result {
        var result = Result()
        result.diagnostics = [Diagnostic(file: file, line: nil, severity: .error, message: DatasetLoader.cancelledMessage)]
        result.summary = FileSummary(file: file, read: 0, accepted: 0, rejected: 0)
        return result
    }

    /// Loads from bytes held elsewhere (e.g. a memory map); see ``load(bytes:knownPartners:allowParallel:)``.
    static func load(buffer buf: UnsafeBufferPointer<UInt8>, knownPartners: PartnerNames?, rejectedPartners: [String: Int] = [:],
                     allowParallel: Bool = true, progress: LoadProgress? = nil) -> Result {
        parse(buffer: buf, allowParallel: allowParallel, progress: progress).finish(knownPartners: knownPartners, rejectedPartners: rejectedPartners)
    }

    /// The first stage of a load: every row read, checked and assigned to its series.
    ///
    /// It keeps nothing of the file's bytes (names are interned), so the caller can release
    /// them before ``Parsed/finish(knownPartners:rejectedPartners:)`` groups the rows into series.
    static func parse(bytes: [UInt8], allowParallel: Bool = true, progress: LoadProgress? = nil) -> Parsed {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, allowParallel: allowParallel, progress: progress) }
    }

    /// Parses `bytes` and leaves them spent: a large file's pages are given back to the kernel behind the
    /// read as it goes (they read as zeros afterwards), so the whole file is never held beside its rows.
    /// `bytes` is made unique first (a copy only if another value shares it), and must be discarded after.
    ///
    /// `whenACoreIsFree` is called once, when the parse leaves a core idle: before a parse on one thread, or once
    /// both halves of a two-thread parse are done, before this thread merges them alone (the loader starts
    /// partners.csv there).
    static func parse(consuming bytes: inout [UInt8], allowParallel: Bool = true, progress: LoadProgress? = nil,
                      whenACoreIsFree: () -> Void = {}) -> Parsed {
        let release = bytes.count >= parallelThreshold
        return bytes.withUnsafeMutableBufferPointer {
            parse(buffer: UnsafeBufferPointer($0), allowParallel: allowParallel, progress: progress, releasingBehind: release,
                  whenACoreIsFree: whenACoreIsFree)
        }
    }

    /// ``parse(bytes:allowParallel:progress:)`` over bytes held elsewhere.
    static func parse(buffer buf: UnsafeBufferPointer<UInt8>, allowParallel: Bool = true, progress: LoadProgress? = nil,
                      releasingBehind: Bool = false, whenACoreIsFree: () -> Void = {}) -> Parsed {
        if allowParallel, buf.count >= parallelThreshold, let plan = SplitPlan(buf) {
            return parseInHalves(buf, plan: plan, progress: progress, releasingBehind: releasingBehind, whenACoreIsFree: whenACoreIsFree)
        }
        whenACoreIsFree()
        var state = State()
        state.reserve(estimatedRows(buf, from: 0, to: buf.count))
        let stores = state.fieldStores
        _ = CSVReader.read(buf, from: 0, to: nil, firstLine: 1, progress: progress, releasingBehind: releasingBehind, final: true,
                           atFileStart: true, fieldStores: stores, onError: { state.flushPending(base: buf); state.syntaxError($0) }) { record in
            state.accept(record, base: buf)
        }
        state.flushPending(base: buf)
        PhaseMarks.mark("parsed on one thread")
        if let progress, progress.isCancelled { return Parsed(cancelledBy: progress) }
        return Parsed(state)
    }

    /// A parsed file waiting to be grouped into series (or a cancelled load).
    final class Parsed {
        private var state: State
        private let cancelledBy: LoadProgress?
        /// True when a file read in windows split inside a record, so one thread read it all (for tests).
        var secondPartDropped = false

        init(_ state: State) {
            self.state = state
            cancelledBy = nil
        }

        init(cancelledBy progress: LoadProgress) {
            state = State()
            cancelledBy = progress
        }

        /// Groups the rows into series, checks duplicates and partners, and gives the result (once).
        func finish(knownPartners: PartnerNames?, rejectedPartners: [String: Int] = [:]) -> Result {
            finish { (knownPartners, rejectedPartners) }
        }

        /// The same with partners.csv's names (nil: no such file) and rejected names asked for only once the rows are
        /// grouped, where the partner check first needs them: the loader reads partners.csv on another thread, and the
        /// rows are ordered, named and grouped while it finishes instead of after it.
        /// `makingSeries`: false for a load for its diagnostics only (``DatasetLoader/Scope/diagnostics``): no series, the
        /// same diagnostics and summary.
        func finish(makingSeries: Bool = true, partners: () -> (known: PartnerNames?, rejected: [String: Int])) -> Result {
            if let cancelledBy { return UptakeFileLoader.cancelled(cancelledBy) }
            var taken = State()
            swap(&taken, &state)   // a unique copy: grouping must not copy a million observations
            return taken.finish(makingSeries: makingSeries, partners: partners)
        }
    }

    /// About how many rows `buf[from..<to]` holds, from the line length of its first 256 KB (a little over, so
    /// the row arrays are allocated once; pages reserved but never written cost no memory). With `bytes`, how many
    /// rows that many bytes hold at the sample's line length (a part of a file read in windows, sampled from its head).
    static func estimatedRows(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int, bytes: Int? = nil) -> Int {
        guard to > from, let base = buf.baseAddress else { return 0 }
        let sample = min(to - from, 256 << 10)
        var lines = 0
        var at = from
        while at < from + sample, let hit = memchr(base + at, 10, from + sample - at) {
            lines += 1
            at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        guard lines > 0 else { return 16 }
        let perLine = max(sample / lines, 1)
        return (bytes ?? to - from) / perLine * 9 / 8 + 64
    }

    /// An open-addressing table from a series' name hash to its index, compared by bytes on a hit.
    ///
    /// Each slot packs the upper 32 bits of the hash with the entry number, so a probe
    /// touches one array until the hash matches; an entry carries the series and its name ids.
    struct SeriesLookup {
        struct Entry {
            var series: Int32
            var partner: Int32
            var proxy: Int32
        }
        private var slots = [UInt64](repeating: 0, count: 1024)
        private(set) var fullHashes: [UInt64] = []
        private(set) var entries: [Entry] = []

        static func hash(_ partner: UnsafeBufferPointer<UInt8>, _ proxy: UnsafeBufferPointer<UInt8>) -> UInt64 {
            mix(absorb(absorb(0x9E37_79B9_7F4A_7C15, partner) ^ 0xFF, proxy))
        }

        /// Folds `bytes` into `h` eight bytes at a time (then the tail byte by byte).
        @inline(__always)
        private static func absorb(_ h: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h = h ^ UInt64(bytes.count)
            guard let base = bytes.baseAddress else { return mix(h) }
            var i = 0
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                h = (h ^ word) &* 0x9FB2_1C65_1E98_DF25
                h ^= h >> 29
                i += 8
            }
            while i < bytes.count {
                h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3
                i += 1
            }
            return h
        }

        @inline(__always)
        private static func mix(_ x: UInt64) -> UInt64 {
            var h = x
            h ^= h >> 33
            h &*= 0xff51_afd7_ed55_8ccd
            h ^= h >> 33
            return h
        }

        /// The entry whose hash is `h` and for which `matches` is true.
        func find(_ h: UInt64, matches: (Entry) -> Bool) -> Entry? {
            let mask = slots.count - 1
            let tag = h >> 32
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let v = slots[slot]
                if v == 0 { return nil }
                if v >> 32 == tag {
                    let e = entries[Int(v & 0xFFFF_FFFF) - 1]
                    if matches(e) { return e }
                }
                slot = (slot + 1) & mask
            }
        }

        /// Starts loading the slot where ``find(_:matches:)`` of `h` looks first (a hint only).
        @inline(__always)
        func prefetch(_ h: UInt64) {
            let slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
            slots.withUnsafeBufferPointer { uptake_prefetch($0.baseAddress! + slot) }
        }

        /// Room for `count` entries in the arrays (the slot table still grows as they come).
        mutating func reserveEntries(_ count: Int) {
            fullHashes.reserveCapacity(count)
            entries.reserveCapacity(count)
        }

        /// How many slots the table has (twice its entries or more).
        var slotCount: Int { slots.count }

        mutating func insert(_ h: UInt64, _ entry: Entry) {
            if (entries.count + 1) * 2 > slots.count { grow() }
            fullHashes.append(h)
            entries.append(entry)
            place(entries.count - 1)
        }

        private mutating func place(_ e: Int) {
            let mask = slots.count - 1
            let h = fullHashes[e]
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (h >> 32) << 32 | UInt64(e + 1)
        }

        private mutating func grow() {
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            for e in entries.indices { place(e) }
        }
    }

    /// Where to cut a file in two: after its header, and at a line end near the middle outside quotes.
    struct SplitPlan {
        var headerEnd: Int
        var headerLine: Int
        var split: Int

        /// Where the header of a file starting with `head` ends (the split left at 0), or nil when it is quoted or
        /// does not end within `head`.
        init?(header head: UnsafeBufferPointer<UInt8>) {
            let n = head.count
            var pos = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0
            var line = 1
            // Skip blank lines before the header.
            while pos < n, head[pos] == 10 || (head[pos] == 13 && pos + 1 < n && head[pos + 1] == 10) {
                pos += head[pos] == 13 ? 2 : 1
                line += 1
            }
            var end = pos
            while end < n, head[end] != 10 {
                if head[end] == UInt8(ascii: "\"") { return nil }   // a quoted header: keep it simple
                end += 1
            }
            guard end < n else { return nil }
            headerEnd = end + 1
            headerLine = line
            split = 0
        }

        init?(_ buf: UnsafeBufferPointer<UInt8>) {
            guard let header = SplitPlan(header: buf) else { return nil }
            self = header
            let n = buf.count
            var mid = max(n / 2, headerEnd)
            while mid < n, buf[mid] != 10 { mid += 1 }
            guard mid + 1 < n else { return nil }
            split = mid + 1
            // With quotes anywhere, the split must not fall inside a quoted field: even quote parity before it.
            // Counted in vector-sized blocks (it is serial, before both threads start).
            if CSVReader.count(UInt8(ascii: "\""), in: buf, headerEnd..<split) % 2 != 0 { return nil }
        }
    }

    /// A value shared with the second thread; each thread touches only its own box.
    final class StateBox: @unchecked Sendable {
        var state: State
        init(_ state: State) { self.state = state }
    }

    private static func parseInHalves(_ buf: UnsafeBufferPointer<UInt8>, plan: SplitPlan, progress: LoadProgress?,
                                      releasingBehind: Bool, whenACoreIsFree: () -> Void) -> Parsed {
        var headerState = State()
        CSVReader.read(buf, from: 0, to: plan.headerEnd, progress: progress, onError: { headerState.syntaxError($0) }) { record in
            headerState.handle(record, base: buf)
        }
        var second = headerState.forAnotherPart()
        second.diags = []
        let boxes = [StateBox(headerState), StateBox(second)]
        let shared = ReadOnlyBuffer(buffer: buf)
        // Each thread works on a local copy of its state (no shared access per row). The second
        // half counts lines from 1; its line numbers are shifted once the first half's count is known.
        let nextLines = [ResultBox(0), ResultBox(0)]
        // Each part's rows estimated once, here: the first part's state also makes room for the whole file's series.
        let reserved = [estimatedRows(buf, from: plan.headerEnd, to: plan.split), estimatedRows(buf, from: plan.split, to: buf.count)]
        withoutActuallyEscaping(whenACoreIsFree) { whenACoreIsFree in
            let firstDone = FirstDone(whenACoreIsFree)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let buf = shared.buffer
                var state = boxes[i].state
                boxes[i].state = State()
                let range = i == 0 ? (plan.headerEnd, plan.split, plan.headerLine + 1) : (plan.split, buf.count, 1)
                state.reserve(reserved[i], merged: i == 0 ? reserved[0] + reserved[1] : nil)
                let stores = state.fieldStores
                nextLines[i].value = CSVReader.read(buf, from: range.0, to: range.1, firstLine: range.2, progress: progress,
                                                    releasingBehind: releasingBehind, final: true, atFileStart: range.0 == 0, fieldStores: stores,
                                                    onError: { state.flushPending(base: buf); state.syntaxError($0) }) { record in
                    state.accept(record, base: buf)
                }.line
                state.flushPending(base: buf)
                PhaseMarks.mark(i == 0 ? "first half parsed" : "second half parsed")
                boxes[i].state = state
                firstDone.finished()
            }
        }
        if let progress, progress.isCancelled { return Parsed(cancelledBy: progress) }
        var later = State()
        swap(&later, &boxes[1].state)
        later.shiftLines(by: nextLines[0].value - 1)
        var state = State()
        swap(&state, &boxes[0].state)
        state.absorb(&later)
        PhaseMarks.mark("halves merged")
        return Parsed(state)
    }

    /// Whether a file's rows are already grouped by series (see `State.groupedOrder`).
    enum RowGrouping {
        /// Where each series' rows start when `first` then `later` is non-decreasing and starts at series 0 with no
        /// series skipped (series are numbered in order of first appearance, so that is a file grouped by series,
        /// whichever half a series' rows fell in); nil otherwise.
        static func runStarts<Part: Collection<Int32>>(_ first: Part, _ later: Part, seriesCount n: Int) -> [Int]? {
            var starts = [Int](repeating: 0, count: n + 1)
            var current: Int32 = -1, at = 0
            for part in [first, later] {
                for s in part {
                    if s != current {
                        // Series are numbered from 0 by first appearance: a grouped file goes to the next one.
                        guard s == current &+ 1, Int(s) < n else { return nil }
                        current = s
                        starts[Int(s)] = at
                    }
                    at += 1
                }
            }
            // Every series has rows (a series is made by its first accepted row).
            guard Int(current) == n - 1 else { return nil }
            starts[n] = at
            return starts
        }
    }

    /// Everything the row loop keeps between rows, as one value so the loop has no captured closures.
    struct State {
        var diags: [Diagnostic] = []
        var names = ByteInterner(capacity: 4096)
        var nameStrings: [String?] = []   // nil: invalid UTF-8
        var sources = ByteInterner(capacity: 16)
        var sourceStrings: [String?] = []
        var builders: [SeriesBuilder] = []
        /// Series by the hash of their partner and proxy-population bytes: a row finds its series without interning.
        var seriesByBytes = SeriesLookup()
        /// For each series, the series that followed it last time, and each series' name ids: files
        /// ordered by period repeat the same order of series every period, so the next row's series
        /// is usually predicted with two sequential comparisons instead of a random hash probe.
        var successor: [Int32] = []
        /// Every accepted observation in file order, with its series: appended sequentially and grouped
        /// by series once at the end (a counting sort), instead of growing 50,000 arrays row by row.
        var flatObservations = RowStore<UptakeObservation>()
        var flatSeries = RowStore<Int32>()
        /// The second half's rows of a file read in two, after it is absorbed (its series mapped to this state's).
        var laterObservations = RowStore<UptakeObservation>()
        var laterSeries = RowStore<Int32>()
        var seriesNames: [(partner: Int32, proxy: Int32)] = []
        var header: CSVHeader?
        var sawHeader = false
        var fieldCount = 0
        var col = (partner: -1, proxy: -1, period: -1, eligible: -1, pct: -1, screened: -1, programme: -1, source: -1)
        var read = 0
        var rejected = 0
        // The previous accepted row's name bytes and series, so repeated rows skip interning.
        var lastPartner: (start: Int32, end: Int32) = (0, -1)
        var lastProxy: (start: Int32, end: Int32) = (0, -1)
        var lastSeries: Int32 = -1
        var lastPartnerID: Int32 = -1
        var lastProxyID: Int32 = -1
        /// The record read before the one the reader holds, handled one record late (``accept(_:base:)``): valid until
        /// the reader reads the record after the one it holds (``CSVRecord``).
        var pending: CSVRecord?
        /// The hashes ``prefetchLookups(of:after:)`` made for `pending`'s names, for its series look-up and its proxy
        /// population's interning (nil: not made).
        var pendingHashes: LookupHashes?
        /// The reader's stores of field ranges, owned here so that the last record read stays valid after the read.
        var fieldStores = CSVReader.FieldStores()
        /// The last row looked up by its names was the predicted series (a file ordered by period, past its first
        /// period): the next row's lookups are not worth starting early.
        var lastWasPredicted = false
        /// Whether the series table has outgrown what the caches hold (``prefetchFrom``): only then are the next row's
        /// look-ups started early. Below it they hit the cache anyway, and the hint's test and hashing would only add
        /// instructions (at a million rows, 3% of a load's, for no gain in time).
        var prefetching = false
        /// The series table's size (in slots of 8 bytes: 4 MB per thread) from which the next row's look-ups are
        /// started early: each core has 1 MB of L2 and the two share 32 MB of L3 with the names, rows and window.
        /// Tests lower it to run the early look-ups on small files: they change no result, only the time.
        static let prefetchFrom = Atomic<Int>(1 << 19)
        // Per-row scratch.
        var current: CSVRecord?
        var bad = false
        var line = 0

        /// Sets room for `rows` observations before the read, so the row arrays are not regrown and copied. `merged`: the
        /// rows of the whole file when this state is its first part's, which takes in the other part's series and names
        /// (``absorb(_:)``): room for its own part only was outgrown there at ten million rows grouped by series, and the
        /// names' four arrays and the series were copied to new memory in the merge.
        mutating func reserve(_ rows: Int, merged: Int? = nil) {
            flatObservations.reserve(rows)
            flatSeries.reserve(rows)
            // The series' arrays, for a quarter of the rows (a file ordered by period meets every series in its
            // first period: 125,000 of each half's 500,000 rows at 1M): regrowing them by doubling copied them
            // over and over, about 3% of a load's samples. Reserved, not touched: a page costs memory once filled.
            let series = rows / 4, kept = (merged ?? rows) / 4
            // A part this large is expected to outgrow the caches (two slots a series): look-ups started early from
            // its first row, not only once the table has grown there.
            if 2 * series >= Self.prefetchFrom.load(ordering: .relaxed) { prefetching = true }
            builders.reserveCapacity(kept)
            successor.reserveCapacity(series)
            seriesNames.reserveCapacity(series)
            seriesByBytes.reserveEntries(series)
            names.reserveStorage(count: kept, bytes: kept * 24)
        }

        mutating func syntaxError(_ err: CSVSyntaxError) {
            diags.append(Diagnostic(file: file, line: err.line, severity: .error, message: err.message))
            if sawHeader { read += 1; rejected += 1 } else {
                // The header itself is broken: no later row may stand in for it.
                sawHeader = true
                header = nil
                fieldCount = 0
            }
        }

        /// The string for an interned id, built once per distinct value (nil: invalid UTF-8).
        static func string(_ id: Int32, in interner: ByteInterner, cache: inout [String?]) -> String? {
            guard id >= 0, Int(id) < interner.count else { return nil }
            // Ids are dense from 0: the cache's next index is the next id, read by index (no conversion back to 32 bits).
            while cache.count <= Int(id) {
                cache.append(interner.string(at: cache.count))
            }
            return cache[Int(id)]
        }

        mutating func nameString(_ id: Int32) -> String? { Self.string(id, in: names, cache: &nameStrings) }

        /// Whether name `id` is valid UTF-8, checked once per name without building its string (the row loop
        /// only needs the answer; the strings are built once, for the merged names, when the series are made).
        var nameValidity: [Bool] = []

        mutating func nameIsUTF8(_ id: Int32) -> Bool {
            checkNames(before: Int(id) + 1)
            return nameValidity[Int(id)]
        }

        /// Checks the names not checked yet up to id `end` (excluded), in id order.
        private mutating func checkNames(before end: Int) {
            while nameValidity.count < end { nameValidity.append(names.isValidUTF8(at: nameValidity.count)) }
        }

        mutating func sourceString(_ id: Int32) -> String? { Self.string(id, in: sources, cache: &sourceStrings) }

        /// Adds a new series' proxy population (valid UTF-8, checked by the row) to the names without indexing it: a
        /// series is found by its names' bytes (``seriesByBytes``, compared in the names' arena), so the names' table
        /// needs only the partners, shared by several series, and names with escapes. A proxy population shared by two
        /// partners gets an id for each; nothing compares names by id. Its hash is kept for the merge of a split file's
        /// halves (``takeNames(of:unmatched:)``).
        mutating func addProxy(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            let id = names.appendUnindexed(bytes, hash: ByteInterner.hash(bytes))
            // Its validity is known: recorded, so ``nameIsUTF8(_:)`` does not check it again.
            checkNames(before: Int(id))
            nameValidity.append(true)
            return id
        }

        /// The series whose names are exactly these bytes, if one exists.
        func findSeries(_ partner: UnsafeBufferPointer<UInt8>, _ proxy: UnsafeBufferPointer<UInt8>) -> SeriesLookup.Entry? {
            findSeries(SeriesLookup.hash(partner, proxy), partner, proxy)
        }

        /// The same with the names' hash already made (``SeriesLookup/hash(_:_:)`` of these bytes). Inlined, as
        /// ``predictSeries(_:_:)`` is: called from the row loop on the state it mutates, a call copied the whole state
        /// (432 bytes) to the stack first.
        @inline(__always)
        func findSeries(_ h: UInt64, _ partner: UnsafeBufferPointer<UInt8>, _ proxy: UnsafeBufferPointer<UInt8>) -> SeriesLookup.Entry? {
            seriesByBytes.find(h) { e in names.equal(Int(e.partner), partner) && names.equal(Int(e.proxy), proxy) }
        }

        /// The series that followed the previous row's series last time, when these bytes are its names.
        @inline(__always)
        func predictSeries(_ partner: UnsafeBufferPointer<UInt8>, _ proxy: UnsafeBufferPointer<UInt8>) -> SeriesLookup.Entry? {
            guard lastSeries >= 0 else { return nil }
            let next = successor[Int(lastSeries)]
            guard next >= 0 else { return nil }
            let n = seriesNames[Int(next)]
            guard names.equal(Int(n.partner), partner), names.equal(Int(n.proxy), proxy) else { return nil }
            return SeriesLookup.Entry(series: next, partner: n.partner, proxy: n.proxy)
        }

        /// Adds series `index` to the row loop's lookups; `hash` is its names' hash when the row already made it.
        mutating func registerSeries(_ index: Int32, hash: UInt64? = nil) {
            let partner = builders[Int(index)].partner, proxy = builders[Int(index)].proxy
            while successor.count <= Int(index) {
                successor.append(-1)
                seriesNames.append((-1, -1))
            }
            seriesNames[Int(index)] = (partner, proxy)
            let h = hash ?? names.bytes(partner).withUnsafeBufferPointer { p in
                names.bytes(proxy).withUnsafeBufferPointer { x in SeriesLookup.hash(p, x) }
            }
            seriesByBytes.insert(h, SeriesLookup.Entry(series: index, partner: partner, proxy: proxy))
            if !prefetching, seriesByBytes.slotCount >= Self.prefetchFrom.load(ordering: .relaxed) { prefetching = true }
        }

        mutating func err(_ column: Int, _ message: String) {
            diags.append(Diagnostic(file: file, line: line, column: column + 1, severity: .error, message: message, value: rawValue(column)))
            bad = true
        }

        /// The current record's field `column` exactly as written (for the diagnostic's `value`).
        func rawValue(_ column: Int) -> String? {
            guard let record = current, column >= 0, column < record.count else { return nil }
            return String(decoding: record.bytes(column), as: UTF8.self)
        }

        mutating func readHeader(_ record: CSVRecord) {
            sawHeader = true
            header = CSVHeader.make(record: record, file: file, known: known, required: required, warnUnknown: true, diagnostics: &diags)
            guard let h = header else { return }
            if h.column("uptake_pct") == nil && h.column("screened") == nil {
                diags.append(Diagnostic(file: file, line: record.line, severity: .error,
                    message: "missing column: the header needs 'uptake_pct' or 'screened' (or both); no rows of this file can be loaded"))
                header = nil
                return
            }
            fieldCount = max(h.names.count, 1)
            col = (h.column("partner")!, h.column("proxy_population")!, h.column("period")!, h.column("eligible")!,
                   h.column("uptake_pct") ?? -1, h.column("screened") ?? -1, h.column("programme") ?? -1, h.column("source") ?? -1)
        }

        static func sameBytes(_ base: UnsafeBufferPointer<UInt8>, _ a: (start: Int32, end: Int32), _ r: CSVFieldRange) -> Bool {
            let len = Int(r.end - r.start)
            guard !r.hasEscapes, len == Int(a.end - a.start) else { return false }
            return ByteScan.equal(base.baseAddress! + Int(a.start), base.baseAddress! + Int(r.start), count: len)
        }

        static func intern(_ record: CSVRecord, _ i: Int, into interner: inout ByteInterner) -> Int32 {
            if record.hasEscapes(i) {
                return record.bytes(i).withUnsafeBufferPointer { interner.intern($0) }
            }
            return interner.intern(record.rawBytes(i))
        }

        static func shown(_ record: CSVRecord, _ i: Int) -> String {
            TerminalSafe.quote(String(decoding: record.bytes(i), as: UTF8.self))
        }

        /// Matches `breast`, `cervical` or `bowel` in any case without building a string: the bytes, each with its
        /// lower-case bit set, packed into one word and compared with the three words' bytes (little-endian).
        static func programme(_ b: UnsafeBufferPointer<UInt8>) -> ScreeningProgramme? {
            let n = b.count
            guard n >= 5, n <= 8 else { return nil }
            var packed: UInt64 = 0
            for i in 0..<n { packed |= UInt64(b[i] | 0x20) << UInt64(8 * i) }
            switch (n, packed) {
            case (6, 0x7473_6165_7262): return .breast           // "breast"
            case (8, 0x6C61_6369_7672_6563): return .cervical    // "cervical"
            case (5, 0x6C_6577_6F62): return .bowel              // "bowel"
            default: return nil
            }
        }

        /// `hashes`: this row's names' hashes when ``prefetchLookups(of:after:)`` made them (the same values the look-ups
        /// would make).
        mutating func handle(_ record: CSVRecord, base: UnsafeBufferPointer<UInt8>, hashes: LookupHashes? = nil) {
            if !sawHeader { readHeader(record); return }
            read += 1
            guard fieldCount > 0 else { rejected += 1; return }   // no usable header
            line = record.line
            bad = false
            current = record
            defer { current = nil }
            if record.count != fieldCount {
                diags.append(Diagnostic(file: file, line: line, severity: .error,
                    message: "wrong column count: expected \(fieldCount) fields as in the header, found \(record.count)"))
                rejected += 1
                return
            }
            // Names: the same bytes as the previous row mean the same series.
            var partnerID: Int32 = -1, proxyID: Int32 = -1
            var sameSeries = false
            let samePartner = lastSeries >= 0 && Self.sameBytes(base, lastPartner, record.ranges[col.partner])
            let sameAsLast = samePartner && Self.sameBytes(base, lastProxy, record.ranges[col.proxy])
            // A row of another series whose names have no escapes is looked up by its bytes, which are the names'
            // (not asked for the previous row's series, nearly every row of a grouped file).
            let byBytes = !sameAsLast && !record.isEmpty(col.partner) && !record.isEmpty(col.proxy)
                && !record.hasEscapes(col.partner) && !record.hasEscapes(col.proxy)
            // The names' hash, made once for the lookup and kept for registering a new series.
            var namesHash: UInt64?
            var byName: SeriesLookup.Entry?
            if byBytes {
                let (p, x) = (record.rawBytes(col.partner), record.rawBytes(col.proxy))
                byName = predictSeries(p, x)
                lastWasPredicted = byName != nil
                if byName == nil {
                    let h = hashes?.series ?? SeriesLookup.hash(p, x)
                    namesHash = h
                    byName = findSeries(h, p, x)
                }
            }
            if sameAsLast {
                sameSeries = true
                partnerID = lastPartnerID
                proxyID = lastProxyID
            } else if let found = byName {
                sameSeries = true
                if lastSeries >= 0, lastSeries != found.series { successor[Int(lastSeries)] = found.series }
                partnerID = found.partner
                proxyID = found.proxy
                lastSeries = found.series
                let pr = record.ranges[col.partner], xr = record.ranges[col.proxy]
                lastPartner = (pr.start, pr.end)
                lastProxy = (xr.start, xr.end)
                lastPartnerID = partnerID
                lastProxyID = proxyID
            } else {
                if record.isEmpty(col.partner) { err(col.partner, "partner is empty: it is required") } else if samePartner {
                    // A new proxy population of the previous row's partner (a file grouped by series lists a
                    // partner's series together): the partner's id is known and its name was checked.
                    partnerID = lastPartnerID
                } else {
                    partnerID = Self.intern(record, col.partner, into: &names)
                    if !nameIsUTF8(partnerID) { err(col.partner, "invalid UTF-8 in partner") }
                }
                if record.isEmpty(col.proxy) { err(col.proxy, "proxy_population is empty: it is required") } else if byBytes {
                    // A new series (looked up by these bytes, not found): its proxy population is added to the names
                    // once the row is accepted, below, without being looked up there. Only its UTF-8 is checked here.
                    if !ByteInterner.isValidUTF8(record.rawBytes(col.proxy)) { err(col.proxy, "invalid UTF-8 in proxy_population") }
                } else {
                    proxyID = Self.intern(record, col.proxy, into: &names)
                    if !nameIsUTF8(proxyID) { err(col.proxy, "invalid UTF-8 in proxy_population") }
                }
            }
            // Period.
            var period: Period?
            if record.isEmpty(col.period) { err(col.period, "period is empty: it is required (YYYY-MM or YYYY-MM-DD)") } else {
                period = Period.parse(record.rawBytes(col.period))
                if period == nil {
                    err(col.period, "period '\(Self.shown(record, col.period))' is not a valid date: expected YYYY-MM or YYYY-MM-DD with a month 01-12 and a day that exists")
                }
            }
            // Eligible.
            var eligible: Int?
            if record.isEmpty(col.eligible) { err(col.eligible, "eligible is empty: it is required (a whole number, 0 or more)") } else {
                if let v = NumberParsing.integer(record.rawBytes(col.eligible)) {
                    if v < 0 { err(col.eligible, "eligible \(v) is negative: it must be 0 or more") }
                    else if v > UptakeObservation.maximumCount { err(col.eligible, "eligible \(v) is too large (at most \(UptakeObservation.maximumCount))") }
                    else { eligible = v }
                } else {
                    let raw = record.rawBytes(col.eligible)
                    let digitsOnly = raw.allSatisfy { $0 >= 48 && $0 <= 57 }
                    err(col.eligible, "eligible '\(Self.shown(record, col.eligible))' is \(digitsOnly ? "too large (at most \(UptakeObservation.maximumCount))" : "not a whole number")")
                }
            }
            // Uptake.
            var pct: NumberParsing.Decimal?
            let pctGiven = col.pct >= 0 && !record.isEmpty(col.pct)
            if pctGiven {
                if let d = NumberParsing.decimal(record.rawBytes(col.pct), allowPercentSign: true) {
                    if d.value < 0 || d.value > 100 { err(col.pct, "uptake_pct \(Self.shown(record, col.pct)) is outside 0-100") } else { pct = d }
                } else {
                    err(col.pct, "uptake_pct '\(Self.shown(record, col.pct))' is not a number")
                }
            }
            var screened: Int?
            let screenedGiven = col.screened >= 0 && !record.isEmpty(col.screened)
            if screenedGiven {
                if let v = NumberParsing.integer(record.rawBytes(col.screened)) {
                    if v < 0 { err(col.screened, "screened \(v) is negative: it must be 0 or more") }
                    else if let e = eligible, v > e { err(col.screened, "screened \(v) is more than eligible \(e): screened must be between 0 and eligible") }
                    else { screened = v }
                } else {
                    err(col.screened, "screened '\(Self.shown(record, col.screened))' is not a whole number")
                }
            }
            if !pctGiven && !screenedGiven {
                err(col.pct >= 0 ? col.pct : col.screened, "no uptake: give uptake_pct or screened")
            }
            if pct != nil, eligible == 0 {
                err(col.pct, "uptake_pct \(Self.shown(record, col.pct)) is given for eligible 0: a percentage of nobody is not a figure; give the eligible population, or leave uptake_pct empty")
            }
            // Programme (a bad value is a warning: the figures still load).
            var programme: ScreeningProgramme?
            if col.programme >= 0, !record.isEmpty(col.programme) {
                programme = record.hasEscapes(col.programme) ? nil : Self.programme(record.rawBytes(col.programme))
                if programme == nil, !bad {
                    diags.append(Diagnostic(file: file, line: line, column: col.programme + 1, severity: .warning,
                        message: "programme '\(Self.shown(record, col.programme))' is not breast, cervical or bowel: no benchmark applies",
                        value: rawValue(col.programme)))
                }
            }
            guard !bad, let period, let eligible else { rejected += 1; return }
            // Counts win: with screened given the uptake is screened / eligible, exactly.
            var uptake: Double?
            var publishedDecimals: Int?
            if let s = screened, eligible > 0 {
                let computed = Double(s) / Double(eligible) * 100
                uptake = computed
                if let pct, !UptakeRowRules.agrees(pct: pct, screened: s, eligible: eligible) {
                    diags.append(Diagnostic(file: file, line: line, column: col.pct + 1, severity: .warning,
                        message: "uptake_pct \(Self.shown(record, col.pct)) disagrees with screened \(s) of eligible \(eligible) (= \(NumberFormat.fixed(computed, max(2, pct.decimals + 1)))%) beyond its rounding (±\(StatsFormat.halfUnitText(pct.decimals))); the count is exact and is used",
                        value: rawValue(col.pct)))
                }
            } else if let pct {
                uptake = pct.value
                publishedDecimals = pct.decimals
                if let why = UptakeRowRules.impossibility(pct: pct, eligible: eligible) {
                    diags.append(Diagnostic(file: file, line: line, column: col.pct + 1, severity: .note,
                        message: "uptake_pct \(Self.shown(record, col.pct)) cannot come from a whole count of eligible \(eligible) at \(pct.decimals) decimal\(pct.decimals == 1 ? "" : "s") (\(why)); published denominators are often rounded or from another date, so the row loads",
                        value: rawValue(col.pct)))
                }
            }
            // Series.
            var index: Int32
            if sameSeries { index = lastSeries } else {
                // Not found by the row's bytes: a new series. A row with escapes in a name was not looked up by its bytes
                // (they are not the name's): it is looked up by its names as interned.
                let existing = byBytes ? nil : names.bytes(partnerID).withUnsafeBufferPointer { p in
                    names.bytes(proxyID).withUnsafeBufferPointer { x in findSeries(p, x) }
                }
                if let existing { index = existing.series } else {
                    index = Int32(builders.count)
                    if byBytes { proxyID = addProxy(record.rawBytes(col.proxy)) }
                    var sourceID: Int32 = -1
                    if col.source >= 0, !record.isEmpty(col.source) {
                        sourceID = Self.intern(record, col.source, into: &sources)
                        if sourceString(sourceID) == nil {
                            diags.append(Diagnostic(file: file, line: line, column: col.source + 1, severity: .warning,
                                message: "invalid UTF-8 in source: the row loads, its source is not shown"))
                            sourceID = -1
                        }
                    }
                    builders.append(SeriesBuilder(partner: partnerID, proxy: proxyID, programme: nil, programmeLine: 0, source: sourceID, observations: nil))
                    registerSeries(index, hash: byBytes ? namesHash : nil)
                }
                let pr = record.ranges[col.partner], xr = record.ranges[col.proxy]
                lastPartner = (pr.start, pr.hasEscapes ? -1 : pr.end)
                lastProxy = (xr.start, xr.hasEscapes ? -1 : xr.end)
                if lastSeries >= 0, lastSeries != index { successor[Int(lastSeries)] = index }
                lastSeries = index
                lastPartnerID = partnerID
                lastProxyID = proxyID
            }
            let b = Int(index)
            if let programme {
                if let existing = builders[b].programme {
                    if existing != programme {
                        diags.append(Diagnostic(file: file, line: line, column: col.programme + 1, severity: .warning,
                            message: "programme '\(programme.rawValue)' differs from '\(existing.rawValue)' given on line \(builders[b].programmeLine) for this series; '\(existing.rawValue)' is kept"))
                    }
                } else {
                    builders[b].programme = programme
                    builders[b].programmeLine = line
                }
            }
            if let pct, pct.decimals > builders[b].uptakeDecimals { builders[b].uptakeDecimals = pct.decimals }
            flatObservations.append(UptakeObservation(period: period, eligible: eligible, screened: screened, uptakePct: uptake, line: line,
                                                      uptakeDecimals: publishedDecimals))
            flatSeries.append(index)
        }

        /// Takes the next record from the reader: handles the one before it, having first started loading the table slot
        /// this one's series will be looked up in when it is new (a file grouped by series meets a new
        /// series every few rows, and at ten million rows each look-up of one missed the cache: perf put 38% of the row
        /// handler's samples on that one load). The records, lines and diagnostics are exactly those of handling each record
        /// as it comes; ``flushPending(base:)`` handles the last before the reader's bytes change or an error is recorded.
        @inline(__always)
        mutating func accept(_ record: CSVRecord, base: UnsafeBufferPointer<UInt8>) {
            // Until the tables outgrow the caches, each record is handled as it comes (handing it on costs instructions).
            guard prefetching || pending != nil else {
                handle(record, base: base)
                return
            }
            if let previous = pending {
                let hashes = lastWasPredicted ? nil : prefetchLookups(of: record, after: previous)
                handle(previous, base: base, hashes: pendingHashes)
                pendingHashes = hashes
            }
            pending = record
        }

        /// Handles the record ``accept(_:base:)`` holds back, if any: at the end of each of the reader's calls (its bytes are
        /// about to change) and before a syntax error is recorded (so diagnostics stay in line order).
        mutating func flushPending(base: UnsafeBufferPointer<UInt8>) {
            guard let previous = pending else { return }
            pending = nil
            handle(previous, base: base, hashes: pendingHashes)
            pendingHashes = nil
        }

        /// A row's names' hash, made ahead for its series' look-up: ``SeriesLookup/hash(_:_:)`` of its partner's and proxy
        /// population's bytes.
        struct LookupHashes {
            var series: UInt64
        }

        /// Starts loading the slot `record`'s series is looked up in, and returns the hash that finds it, unless it seems to be of `previous`'s series (its proxy population has the same length and last
        /// eight bytes) or it would not be looked up by its bytes. A hint: nothing is changed or decided here, so a wrong
        /// guess costs only time.
        @inline(__always)
        private func prefetchLookups(of record: CSVRecord, after previous: CSVRecord) -> LookupHashes? {
            guard fieldCount > 0, record.count == fieldCount, previous.count == fieldCount else { return nil }
            let pr = record.ranges[col.partner], xr = record.ranges[col.proxy], px = previous.ranges[col.proxy]
            guard !pr.hasEscapes, !xr.hasEscapes, pr.start != pr.end, xr.start != xr.end else { return nil }
            let length = Int(xr.end - xr.start)
            if length >= 8, length == Int(px.end - px.start), let base = record.base.baseAddress {
                let mine = UnsafeRawPointer(base + Int(xr.end) - 8).loadUnaligned(as: UInt64.self)
                let theirs = UnsafeRawPointer(base + Int(px.end) - 8).loadUnaligned(as: UInt64.self)
                if mine == theirs { return nil }
            }
            let (p, x) = (record.rawBytes(col.partner), record.rawBytes(col.proxy))
            let hashes = LookupHashes(series: SeriesLookup.hash(p, x))
            seriesByBytes.prefetch(hashes.series)
            return hashes
        }

        /// A copy of this state, which has read the header and no row, to read another part of the file: the same header
        /// and lookups, and row stores of its own (the stores are objects: a plain copy would share them between threads).
        func forAnotherPart() -> State {
            precondition(flatObservations.isEmpty && flatSeries.isEmpty, "a state copied for another part after reading rows")
            var copy = self
            copy.flatObservations = RowStore()
            copy.flatSeries = RowStore()
            copy.laterObservations = RowStore()
            copy.laterSeries = RowStore()
            copy.fieldStores = CSVReader.FieldStores()
            return copy
        }

        /// Forgets where the previous row's names lie (a file read in windows moves its bytes): the next row finds its
        /// series by its names instead of by comparing them with the previous row's.
        mutating func forgetPreviousRow() {
            lastPartner = (0, -1)
            lastProxy = (0, -1)
        }

        /// Adds `offset` to every line number recorded (for the second half of a split file), in place.
        mutating func shiftLines(by offset: Int) {
            guard offset != 0 else { return }
            // On two threads: five million rows at ten million rows, read and written in place (this thread alone took
            // about 12 ms of the merge).
            let obs = DisjointBuffer(buffer: flatObservations.buffer)
            inPieces(count: obs.buffer.count, minimumForThreads: 1 << 16) { range in
                for i in range { obs.buffer[i].shiftLine(by: offset) }
            }
            for i in diags.indices { if let l = diags[i].line { diags[i].line = l + offset } }
            for b in builders.indices {
                builders[b].programmeLine += builders[b].programmeLine > 0 ? offset : 0
            }
        }

        /// Takes in what a later part of the same file produced, mapping its names into this state's ids.
        ///
        /// Its rows are not copied: they are kept as a second part, their series renumbered in place.
        /// This is the last step before ``finish``: the row loop's lookups are freed here, not kept up to
        /// date with the series taken in (nothing reads them again).
        mutating func absorb(_ other: inout State) {
            diags.append(contentsOf: other.diags)
            read += other.read
            rejected += other.rejected
            var merged = matchSeries(of: other)
            let nameIDs = takeNames(of: other, unmatched: merged)
            // `other`'s few sources (usually one) interned here once each, not once per series.
            var sourceIDs = [Int32](repeating: -1, count: other.sources.count)
            for id in sourceIDs.indices { sourceIDs[id] = other.sources.bytes(at: id).withUnsafeBufferPointer { sources.intern($0) } }
            builders.reserveCapacity(builders.count + other.builders.count)
            for (k, ob) in other.builders.enumerated() {
                if merged[k] >= 0 {
                    let b = Int(merged[k])
                    builders[b].uptakeDecimals = max(builders[b].uptakeDecimals, ob.uptakeDecimals)
                    if let p = ob.programme {
                        if let existing = builders[b].programme {
                            if existing != p {
                                diags.append(Diagnostic(file: file, line: ob.programmeLine, severity: .warning,
                                    message: "programme '\(p.rawValue)' differs from '\(existing.rawValue)' given on line \(builders[b].programmeLine) for this series; '\(existing.rawValue)' is kept"))
                            }
                        } else {
                            builders[b].programme = p
                            builders[b].programmeLine = ob.programmeLine
                        }
                    }
                } else {
                    let sourceID = ob.source >= 0 ? sourceIDs[Int(ob.source)] : -1
                    merged[k] = Int32(builders.count)
                    builders.append(SeriesBuilder(partner: nameIDs[Int(ob.partner)], proxy: nameIDs[Int(ob.proxy)], programme: ob.programme,
                                                  programmeLine: ob.programmeLine, source: sourceID, observations: nil,
                                                  uptakeDecimals: ob.uptakeDecimals))
                }
            }
            releaseRowLookups()
            swap(&laterObservations, &other.flatObservations)
            swap(&laterSeries, &other.flatSeries)
            // Each later row's series renumbered, on two threads.
            let s = DisjointBuffer(buffer: laterSeries.buffer), renumbered = merged
            inPieces(count: s.buffer.count, minimumForThreads: 1 << 16) { range in
                for i in range { s.buffer[i] = renumbered[Int(s.buffer[i])] }
            }
        }

        /// For each of `other`'s series, this state's series with the same name bytes (-1: none), found
        /// without interning: first the series after the previous match (a file ordered by period lists its
        /// series in the same order every period, so the halves' orders agree and the names are compared in
        /// sequence), else by the hash of the names. Read only, so `other`'s series are matched on two threads, in
        /// pieces.
        func matchSeries(of other: State) -> [Int32] {
            let n = other.builders.count
            // In pieces of at least 4,096 series (up to 64) the two threads take as each finishes one, each match written
            // in place: partners.csv is read on a third thread meanwhile, and a half held back by it left a core idle.
            let pieces = Self.pieceCount(n, perPiece: 4096)
            var found = [Int32](repeating: -1, count: n)
            let (names, builders, lookup) = (names, builders, seriesByBytes)
            let (theirNames, theirBuilders) = (other.names, other.builders)
            // Their series' hashes as their row loop made them (one per series, in order), not made again from the names.
            let theirHashes = other.seriesByBytes.fullHashes.count == n ? other.seriesByBytes.fullHashes : nil
            // Most of a grouped file's second-half series are absent here: the filter answers them from the cache.
            let filter = HashFilter(lookup.fullHashes, count: lookup.fullHashes.count)
            found.withUnsafeMutableBufferPointer { buf in
            let out = DisjointBuffer(buffer: buf)
            DispatchQueue.concurrentPerform(iterations: pieces) { c in
                let lower = n * c / pieces, upper = n * (c + 1) / pieces
                var previous: Int32 = -1
                for k in lower..<upper {
                    // Certainly absent (so not the series after the previous match either: its hash is in the filter),
                    // found without reading the names (-1 already). Asked only when there is no series after a previous
                    // match to compare with: the filter's bit is a read from memory at ten million rows (2.5 MB), which
                    // in a file ordered by period, where the next series nearly always matches, was 90% of this loop's
                    // samples; in a file grouped by series there is no previous match for most series.
                    let next = Int(previous) + 1
                    let predicted = previous >= 0 && next < builders.count
                    if !predicted, let theirHashes, !filter.mayContain(theirHashes[k]) { continue }
                    let ob = theirBuilders[k]
                    let match: Int32 = theirNames.bytes(ob.partner).withUnsafeBufferPointer { p in
                        theirNames.bytes(ob.proxy).withUnsafeBufferPointer { x in
                            if predicted, names.equal(Int(builders[next].partner), p), names.equal(Int(builders[next].proxy), x) {
                                return Int32(truncatingIfNeeded: next)
                            }
                            let h = theirHashes?[k] ?? SeriesLookup.hash(p, x)
                            guard filter.mayContain(h) else { return -1 }
                            return lookup.find(h) { e in names.equal(Int(e.partner), p) && names.equal(Int(e.proxy), x) }?.series ?? -1
                        }
                    }
                    out.buffer[k] = match
                    if match >= 0 { previous = match }
                }
            }
            }
            return found
        }

        /// This state's ids for the names of `other`'s series that `matched` found no series for (-1 there),
        /// indexed by `other`'s name ids (-1 for names not needed). Only those series need their names here
        /// (most of a file grouped by series: each half has its own). Whether each is here already is looked
        /// up read only on two threads with `other`'s hashes; the absent ones are then appended in order of first need
        /// without being indexed (``ByteInterner/appendUnindexed(from:ids:)``: `other`'s names are distinct, so none is
        /// added twice, and nothing looks a name up after the merge).
        mutating func takeNames(of other: State, unmatched matched: [Int32]) -> [Int32] {
            var ids = [Int32](repeating: -1, count: other.names.count)
            var wanted: [Int32] = []
            func want(_ id: Int32) {
                if ids[Int(id)] == -1 { ids[Int(id)] = -2; wanted.append(id) }
            }
            for (k, ob) in other.builders.enumerated() where matched[k] < 0 {
                want(ob.partner)
                want(ob.proxy)
            }
            let (mine, theirs, needed) = (names, other.names, wanted)
            // No filter to make when every series matched (a file ordered by period): 1.5 million names at ten million rows.
            let filter = needed.isEmpty ? HashFilter([], count: 0) : mine.hashFilter()
            let found = parallelMap(count: needed.count) { i in
                let h = theirs.hash(of: needed[i])
                guard filter.mayContain(h) else { return Int32(-1) }
                return theirs.bytes(needed[i]).withUnsafeBufferPointer { mine.find($0, hash: h) }
            }
            // The absent ones appended in order of first need, without indexing them: nothing looks a name up after the merge.
            var absent: [Int32] = []
            var next = names.count
            for (i, id) in needed.enumerated() {
                if found[i] >= 0 { ids[Int(id)] = found[i]; continue }
                // Ids stay below 2^31: every distinct name takes at least two of the file's bytes (at most 2 GiB − 1).
                ids[Int(id)] = Int32(clamping: next)
                next += 1
                absent.append(id)
            }
            names.appendUnindexed(from: theirs, ids: absent)
            return ids
        }

        /// Frees the row loop's lookups (series by name bytes and ids, predictions, name checks): once the rows
        /// are read they are not needed, and freeing them before the rows are grouped lowers the peak. Freed on another
        /// thread: at ten million rows ordered by period they are about 100 MB, whose unmapping held this thread while
        /// the other core idled.
        mutating func releaseRowLookups() {
            releaseInBackground((taken(&seriesByBytes, leaving: SeriesLookup()), taken(&successor, leaving: []),
                                 taken(&seriesNames, leaving: []), taken(&nameValidity, leaving: [])))
        }

        /// How many series' rows share one block (``UptakeObservations/Rows``).
        static let seriesPerBlock = 64

        /// Pieces of `count` series for two threads to take as each finishes one: at least `perPiece` each, at most 64, and
        /// one (no hand-off) below two pieces' worth.
        static func pieceCount(_ count: Int, perPiece: Int) -> Int {
            count >= 2 * perPiece ? Swift.min(64, count / perPiece) : 1
        }

        /// The least series in a piece of the grouping (``groupAndCheck()``).
        static let seriesPerPiece = 2048

        /// Where piece `c` of `pieces` of `count` series starts: a multiple of ``seriesPerBlock`` (`count` for the end).
        static func pieceStart(_ c: Int, of pieces: Int, count: Int) -> Int {
            c >= pieces ? count : count * c / pieces / seriesPerBlock * seriesPerBlock
        }

        /// What the checks of one piece of the series found while grouping them (their rows go straight to their builders).
        private struct GroupedChunk: Sendable {
            var duplicates: [Diagnostic] = []
            var dayAndMonth: [Diagnostic] = []
            var rejected = 0
        }

        /// The series' builders and first lines, each series' written by the one thread that groups it.
        private struct GroupedOut: @unchecked Sendable {
            let builders: UnsafeMutableBufferPointer<SeriesBuilder>
            let firstLines: UnsafeMutableBufferPointer<Int>
        }

        /// Moves the rows into their series (in file order), then checks each series for duplicate periods and for
        /// a month beside a day of that month; the series are grouped on two threads in pieces (``pieceStart(_:of:count:)``).
        /// `namingEverySeries`: every name's string made first (``buildNameStrings()``), for the series made from them;
        /// without it (a load for its diagnostics only), a diagnostic reads the names it quotes from the interner.
        mutating func groupAndCheck(namingEverySeries: Bool = true) {
            let n = builders.count
            let firstCount = flatObservations.count
            var (starts, order) = groupedOrder()
            // The rows' series numbers are done with too (80 MB at ten million rows): freed on another thread.
            releaseInBackground((taken(&flatSeries, leaving: RowStore()), taken(&laterSeries, leaving: RowStore())))
            // The row loop's lookups are done with: free them before the rows are copied into their series.
            releaseRowLookups()
            // Names for the diagnostics and the series, built once (on two threads) before the threads share them.
            if namingEverySeries { buildNameStrings() }
            PhaseMarks.mark("rows ordered, name strings made")
            let nameTable = nameStrings, interner = names
            let partners = builders.map(\.partner), proxies = builders.map(\.proxy)
            // Pieces of at least 2,048 series (up to 64), taken by the two threads as each finishes one: two halves, one a
            // thread, ended up to 80 ms apart at ten million rows (page faults and the machine's other load slow one
            // thread or the other), the other core idle meanwhile. Each piece starts at a multiple of 64 series, as blocks do.
            let pieces = Self.pieceCount(n, perPiece: Self.seriesPerPiece)
            let boxes = (0..<pieces).map { _ in ResultBox(GroupedChunk()) }
            var firstLines = [Int](repeating: .max, count: n)
            // The names' table read in place by both threads (a copy of the array in each series' names would retain
            // and release its buffer, shared by the two threads, for every series).
            nameTable.withUnsafeBufferPointer { buffer in
            withUnsafePointer(to: interner) { interner in
            let nameTable = NameStrings(table: ReadOnlyBuffer(buffer: buffer), interner: interner)
            // Held only in here, so the thread that frees the stores and the row order below drops the last reference.
            let rows = (flatObservations, laterObservations)
            let (seriesStarts, rowOrder) = (starts, order)
            // Each series' rows and first line written by its thread in place: gathered into arrays per thread and moved
            // into the builders after, they took 7-14 ms on this thread alone at ten million rows, and as long again to free.
            firstLines.withUnsafeMutableBufferPointer { lines in
            builders.withUnsafeMutableBufferPointer { made in
            let out = GroupedOut(builders: made, firstLines: lines)
            DispatchQueue.concurrentPerform(iterations: pieces) { c in
                var chunk = GroupedChunk()
                let lower = Self.pieceStart(c, of: pieces, count: n), upper = Self.pieceStart(c + 1, of: pieces, count: n)
                let (first, later) = rows
                // The rows of each 64 series (numbered from 0: the reports' pieces are multiples of 64) in one block: one
                // allocation for 64 series, not one each; not one for all, because every copy of a view retains its
                // block, and two threads summarising series of one block would contend for its reference count.
                // Scratch for a block grouped in the rows' own memory (``regularRuns(_:_:_:_:firstCount:into:)``), reused by the piece.
                let scratch = RowStore<UptakeObservation>(capacity: 1024)
                var runs: [Run] = [], places: [Place] = []
                let bases = (first.base, later.base)
                var blockLower = lower
                while blockLower < upper {
                    let blockUpper = Swift.min(upper, (blockLower / Self.seriesPerBlock + 1) * Self.seriesPerBlock)
                    let blockStart = seriesStarts[blockLower], blockEnd = seriesStarts[blockUpper]
                    // A file ordered by period: where the block's rows lie as such a file lays them (each of its series
                    // with as many rows, the series side by side in each period), they are grouped in the memory they were
                    // read into, each series in places the block's own rows left: no new pages (240 MB at ten million
                    // rows), and the rows as read are kept, not freed. The series that fit in no run are copied into a block
                    // of their own, as is every other block.
                    let inPlace = rowOrder.map { Self.regularRuns($0, seriesStarts, blockLower, blockUpper, firstCount: firstCount, into: &runs) } ?? false
                    if inPlace, let rowOrder {
                        scratch.removeAll()
                        scratch.reserve(blockEnd - blockStart)
                        for k in blockStart..<blockEnd {
                            let i = Int(rowOrder[k])
                            scratch.append(i < firstCount ? first[i] : later[i - firstCount])
                        }
                    }
                    // Where the block's series go when in place (``placeSeries(_:each:in:into:)``); the series that fit in no
                    // run, from `spilled` on, into a block of their own.
                    places.removeAll(keepingCapacity: true)
                    if inPlace { Self.placeSeries(blockUpper - blockLower, each: seriesStarts[blockLower + 1] - blockStart, in: runs, into: &places) }
                    let spilled = inPlace ? blockLower + places.count : blockUpper
                    // The block's memory: one view of each part holding its series (when in place), or a block of its own
                    // (the spilled series, or every series of a block not in place), or a view of a grouped file's rows.
                    let viewFirst = places.contains(where: { $0.part == 0 })
                        ? UptakeObservations.Rows(viewing: bases.0, capacity: first.count, owner: first) : nil
                    let viewLater = places.contains(where: { $0.part == 1 })
                        ? UptakeObservations.Rows(viewing: bases.1, capacity: later.count, owner: later) : nil
                    // A file grouped by series has each block's rows together already, in one part or the other: the block
                    // is a view of them where they were read (no copy, no new pages), unless it straddles the parts.
                    let viewed: UptakeObservations.Rows? = rowOrder != nil ? nil
                        : blockEnd <= firstCount
                            ? UptakeObservations.Rows(viewing: first.base + blockStart, capacity: blockEnd - blockStart, owner: first)
                        : blockStart >= firstCount
                            ? UptakeObservations.Rows(viewing: later.base + (blockStart - firstCount), capacity: blockEnd - blockStart, owner: later)
                        : nil
                    let ownFrom = inPlace ? seriesStarts[spilled] : blockStart
                    let own = inPlace && spilled == blockUpper ? nil : viewed ?? UptakeObservations.Rows(capacity: blockEnd - ownFrom)
                    for b in blockLower..<blockUpper {
                        let from = seriesStarts[b], count = seriesStarts[b + 1] - from
                        let place: UnsafeMutablePointer<UptakeObservation>, offset: Int, part: Int
                        if inPlace, b < spilled {
                            (part, offset) = (places[b - blockLower].part, places[b - blockLower].offset)
                            place = (part == 0 ? bases.0 : bases.1) + offset
                            place.initialize(from: scratch.base + (from - blockStart), count: count)
                        } else {
                            part = 2
                            offset = from - ownFrom
                            place = own.unsafelyUnwrapped.base + offset
                            if viewed != nil {
                                // In place already.
                            } else if inPlace {
                                place.initialize(from: scratch.base + (from - blockStart), count: count)
                            } else if let rowOrder {
                                for k in 0..<count {
                                    let i = Int(rowOrder[from + k])
                                    (place + k).initialize(to: i < firstCount ? first[i] : later[i - firstCount])
                                }
                            } else {
                                // Already grouped: the series' rows are rows from..<from + count of the two parts in turn.
                                for k in 0..<count {
                                    let i = from + k
                                    (place + k).initialize(to: i < firstCount ? first[i] : later[i - firstCount])
                                }
                            }
                        }
                        var run = UnsafeMutableBufferPointer(start: place, count: count)
                        // The series' names, read only for a diagnostic: taking them for every series retained and
                        // released two strings a series (at ten million rows a fifth of this phase's samples).
                        let names = SeriesNames(names: nameTable, partner: partners[b], proxy: proxies[b])
                        // One pass over the series' rows: whether they are in period order, whether they hold both a
                        // month and a day (only then are they checked for a day beside its month), and the first line (three
                        // passes were a tenth of this phase's samples at ten million rows).
                        let scan = Self.scanRun(UnsafeBufferPointer(run))
                        // Duplicates: the later row (by line) is rejected, naming both lines. Sorted and kept in place.
                        var kept = count
                        if !scan.sorted {
                            run.sort { ($0.period, $0.line) < ($1.period, $1.line) }
                            kept = 0
                            for i in run.indices {
                                let o = run[i]
                                if kept > 0, run[kept - 1].period == o.period {
                                    chunk.duplicates.append(Diagnostic(file: file, line: o.line, severity: .error,
                                        message: "duplicate of line \(run[kept - 1].line): partner '\(TerminalSafe.quote(names.partner))', proxy population '\(TerminalSafe.quote(names.proxy))', period \(o.period) is given twice; this later row is rejected"))
                                    chunk.rejected += 1
                                } else {
                                    run[kept] = o
                                    kept += 1
                                }
                            }
                        }
                        let obs = UptakeObservations(part == 0 ? viewFirst.unsafelyUnwrapped : part == 1 ? viewLater.unsafelyUnwrapped : own.unsafelyUnwrapped,
                                                     offset: offset, count: kept)
                        // Rejected duplicates leave the same periods, but perhaps not the same first line.
                        let firstLine = kept < count ? Self.scanRun(UnsafeBufferPointer(rebasing: run[..<kept])).firstLine : scan.firstLine
                        // Called for every series, the flag inside: a call here under `if` makes Swift 6.3's ownership
                        // verifier crash the compiler ("consuming post-dominance failure" on the block, `swift build -c release`).
                        Self.checkDaysBesideMonths(obs, names, into: &chunk.dayAndMonth, monthsAndDays: scan.monthsAndDays)
                        out.firstLines[b] = firstLine
                        out.builders[b].observations = obs
                    }
                    blockLower = blockUpper
                }
                boxes[c].value = chunk
            }
            }
            }
            }
            }
            // The rows as read, copied into their series' blocks when the file is not grouped by series (240 MB at ten
            // million rows ordered by period), freed on another thread: unmapped here, they held this thread about 25 ms
            // while the other core idled. (Grouped by series, the blocks are views of them and keep them.)
            releaseInBackground((taken(&flatObservations, leaving: RowStore()), taken(&laterObservations, leaving: RowStore())))
            // So is the row order (40 MB at ten million rows ordered by period) and where each series' rows start.
            releaseInBackground((taken(&starts, leaving: []), taken(&order, leaving: nil)))
            let chunksMade = boxes.map(\.value)
            for chunk in chunksMade {
                diags.append(contentsOf: chunk.duplicates)
                rejected += chunk.rejected
            }
            for chunk in chunksMade { diags.append(contentsOf: chunk.dayAndMonth) }
            seriesFirstLines = firstLines
        }

        /// A series' rows in one pass: whether they are in period order (each period after the one before), whether they
        /// hold both a month and a day, and their first line (Int.max for none).
        static func scanRun(_ run: UnsafeBufferPointer<UptakeObservation>) -> (sorted: Bool, monthsAndDays: Bool, firstLine: Int) {
            var sorted = true, months = false, days = false
            var firstLine = Int.max
            var previous: Period?
            for o in run {
                let period = o.period
                if let previous, previous >= period { sorted = false }
                previous = period
                if period.key % 100 == 0 { months = true } else { days = true }
                if o.line < firstLine { firstLine = o.line }
            }
            return (sorted, months && days, firstLine)
        }

        /// Rows of one part (0: the first, 1: the second) from `offset`, `length` of them.
        struct Run: Equatable {
            var part: Int
            var offset: Int
            var length: Int
        }

        /// Where one series of a block grouped in place goes: its part (0 or 1) and its first row's offset there.
        struct Place: Equatable {
            var part: Int
            var offset: Int
        }

        /// Places for up to `count` series of `each` rows, in order, each in what is left of a run (`runs`, as
        /// ``regularRuns(_:_:_:_:firstCount:into:)`` finds them) or, where that is too short, at the start of the next:
        /// appended to `places`, as many as fit (the rest fit in no run).
        static func placeSeries(_ count: Int, each: Int, in runs: [Run], into places: inout [Place]) {
            var r = 0, used = 0
            for _ in 0..<count {
                while r < runs.count, runs[r].length - used < each { r += 1; used = 0 }
                guard r < runs.count else { return }
                places.append(Place(part: runs[r].part, offset: runs[r].offset + used))
                used += each
            }
        }

        /// Whether series `lower..<upper` have their rows where a file ordered by period puts them: each series as many rows
        /// (at least one), and its `i`-th row (in file order) right after the previous series' `i`-th. Then the rows of the
        /// `i`-th places lie side by side, and `runs` is set to where they lie in the parts (the first part's `firstCount` rows,
        /// then the second's): runs that touch joined, a run across the parts split, as many runs as rows a series has or
        /// fewer. False (`runs` then means nothing) when the rows lie otherwise or no run holds one series' rows.
        static func regularRuns(_ order: [Int32], _ starts: [Int], _ lower: Int, _ upper: Int, firstCount: Int,
                                into runs: inout [Run]) -> Bool {
            let n = upper - lower, from = starts[lower]
            let each = starts[lower + 1] - from
            guard n > 1, each > 0, starts[upper] - from == n * each else { return false }
            for j in 1..<n where starts[lower + j] != from + j * each { return false }
            runs.removeAll(keepingCapacity: true)
            var longest = 0
            func add(_ a: Int, _ b: Int) {
                let run = a < firstCount ? Run(part: 0, offset: a, length: b - a) : Run(part: 1, offset: a - firstCount, length: b - a)
                if let last = runs.last, last.part == run.part, last.offset + last.length == run.offset {
                    runs[runs.count - 1].length += run.length
                } else {
                    runs.append(run)
                }
                longest = Swift.max(longest, runs[runs.count - 1].length)
            }
            for i in 0..<each {
                let p = Int(order[from + i])
                for j in 1..<n where Int(order[from + j * each + i]) != p + j { return false }
                // Rows p..<p + n in the parts' numbering, split where the second part starts.
                if p < firstCount, p + n > firstCount {
                    add(p, firstCount)
                    add(firstCount, p + n)
                } else {
                    add(p, p + n)
                }
            }
            return longest >= each
        }

        /// Where each series' rows start (`starts`, one more entry than there are series) and the rows' flat indices
        /// series by series (`order`): a counting sort. The two parts (a split file's halves) are counted and placed on
        /// two threads, into disjoint places: a series' rows from the first part come before those from the second,
        /// each part's in file order, as one pass over both would place them.
        ///
        /// A file grouped by series needs no sort: when the rows' series never go back to an earlier one, each
        /// series' rows are already together in file order, and `order` is nil (the identity).
        func groupedOrder() -> (starts: [Int], order: [Int32]?) {
            let n = builders.count, firstCount = flatSeries.count
            if let starts = RowGrouping.runStarts(UnsafeBufferPointer(flatSeries.buffer), UnsafeBufferPointer(laterSeries.buffer),
                                                  seriesCount: n) { return (starts, nil) }
            let parts = (flatSeries, laterSeries)
            let threads = laterSeries.isEmpty || firstCount + laterSeries.count < 1 << 16 ? 1 : 2
            // Counts and next places in 32 bits (a part has fewer than 2^31 rows: each takes two of the file's bytes), read
            // and written through pointers: at ten million rows, 1.25 million series, 8-byte counts and places were 50 MB
            // written and read again.
            let counts = (DisjointBuffer(buffer: UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)),
                          DisjointBuffer(buffer: UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)))
            defer { counts.0.buffer.deallocate(); counts.1.buffer.deallocate() }
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                for p in stride(from: t, to: 2, by: threads) {
                    let c = p == 0 ? counts.0.buffer : counts.1.buffer
                    c.initialize(repeating: 0)
                    for s in (p == 0 ? parts.0 : parts.1).buffer { c[Int(s)] &+= 1 }
                }
            }
            var firstStarts = [Int](repeating: 0, count: n + 1)
            for b in 0..<n { firstStarts[b + 1] = firstStarts[b] + Int(counts.0.buffer[b]) + Int(counts.1.buffer[b]) }
            let starts = firstStarts
            // Every place is written below: no zeros first.
            let order = [Int32](unsafeUninitializedCapacity: firstCount + parts.1.count) { buf, initialized in
                let out = DisjointBuffer(buffer: buf)
                starts.withUnsafeBufferPointer { startsBuffer in
                    let starts = ReadOnlyBuffer(buffer: startsBuffer)
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        for p in stride(from: t, to: 2, by: threads) {
                            // Each part's counts become its next places, in place: the first part's rows of a series from
                            // where the series starts, the second part's after them (up to where the next series starts).
                            let next = p == 0 ? counts.0.buffer : counts.1.buffer
                            if p == 0 {
                                for b in 0..<n { next[b] = Int32(truncatingIfNeeded: starts.buffer[b]) }
                            } else {
                                for b in 0..<n { next[b] = Int32(truncatingIfNeeded: starts.buffer[b + 1] - Int(next[b])) }
                            }
                            let (rows, base) = p == 0 ? (parts.0, 0) : (parts.1, firstCount)
                            for (i, s) in rows.buffer.enumerated() {
                                let at = Int(next[Int(s)])
                                out.buffer[at] = Int32(truncatingIfNeeded: base + i)
                                next[Int(s)] = Int32(truncatingIfNeeded: at + 1)
                            }
                        }
                    }
                }
                initialized = buf.count
            }
            return (starts, order)
        }

        /// Every name's string (nil: invalid UTF-8) in `nameStrings`, the two halves of the ids on two threads.
        mutating func buildNameStrings() {
            let from = nameStrings.count, to = names.count
            guard to - from >= 8192 else {
                for id in from..<to { _ = nameString(Int32(truncatingIfNeeded: id)) }
                return
            }
            let interner = names
            // Validated from the interner's bytes in place (an array per name would be one more allocation each), each
            // half made in place in one array: halves made apart and appended were copied, a retain and release per name.
            let made = parallelMap(count: to - from, minimumForThreads: 8192) { interner.string(at: from + $0) }
            if nameStrings.isEmpty { nameStrings = made } else { nameStrings.append(contentsOf: made) }
        }

        /// The first line of each series' kept rows (Int.max for none), set by ``groupAndCheck()``.
        var seriesFirstLines: [Int] = []

        /// A series' partner and proxy population names, by their ids (``NameStrings``, read in place, valid while the
        /// caller holds the table and the interner): the strings are read (and retained) only when a diagnostic quotes them.
        struct SeriesNames {
            let names: NameStrings
            let partnerID: Int32, proxyID: Int32

            init(names: NameStrings, partner: Int32, proxy: Int32) {
                self.names = names
                partnerID = partner
                proxyID = proxy
            }

            var partner: String { names[partnerID] ?? "" }
            var proxy: String { names[proxyID] ?? "" }
        }

        /// Every name id's string, read in place by the grouping's two threads (each only reads): from the table of the
        /// strings made so far, or, for an id past its end (a load for its diagnostics only makes no table), made from the
        /// interner's bytes, as the table's were (``string(_:in:cache:)``).
        struct NameStrings: @unchecked Sendable {
            let table: ReadOnlyBuffer<String?>
            let interner: UnsafePointer<ByteInterner>

            /// The string of name `id` (nil: invalid UTF-8).
            subscript(id: Int32) -> String? {
                let i = Int(id)
                return i < table.buffer.count ? table.buffer[i] : interner.pointee.string(at: i)
            }
        }

        /// A month and a day of that month in one series: two spellings of one period, or two periods a day apart.
        /// `monthsAndDays`: whether the rows hold both a month and a day (``scanRun(_:)``); a series that does not has nothing
        /// to warn about.
        static func checkDaysBesideMonths(_ observations: UptakeObservations, _ names: SeriesNames,
                                          into diags: inout [Diagnostic], monthsAndDays: Bool) {
            guard monthsAndDays else { return }
            var monthLines: [Int32: Int] = [:]
            for o in observations where o.period.key % 100 == 0 { monthLines[o.period.key] = o.line }
            var warned = Set<Int32>()
            for o in observations where o.period.key % 100 != 0 {
                let month = o.period.key - o.period.key % 100
                guard let monthLine = monthLines[month], warned.insert(month).inserted else { continue }
                diags.append(Diagnostic(file: file, line: o.line, severity: .warning,
                    message: "period \(o.period) (a day) and period \(Period(uncheckedKey: month)) (a month, line \(monthLine)) are both in the series of partner '\(TerminalSafe.quote(names.partner))', proxy population '\(TerminalSafe.quote(names.proxy))': two spellings of one period, or two periods a day apart? Both load as separate periods; write each period one way"))
            }
        }

        /// One warning per partner of `series` missing from partners.csv (`known`), on its first row, in order of those rows;
        /// `firstLines` is each series' first line, `names` every name id's string, `interner` the loader's names (the
        /// same ids: `nameCount` of them), whose bytes and hashes find an ASCII name in `known`. With them, by
        /// name id, the line of each partner's row in partners.csv (``PartnerNames/line(of:)``; 0 for an id no series
        /// names as its partner), and each series' partner id, or nil for both when some partner name is not ASCII
        /// (``SeriesPartners``).
        static func missingPartners(_ series: [SeriesBuilder], firstLines: [Int], names: NameStrings, interner: ByteInterner,
                                    known: PartnerNames, rejected: [String: Int]) -> (diagnostics: [Diagnostic], lines: [Int]?, ofSeries: [Int32]?) {
            var known = known
            let nameCount = interner.count
            var diags: [Diagnostic] = []
            // Indexed by name id (not hashed): 125,000 series of 25,000 partners at a million rows.
            var firstLine = [(line: Int, count: Int)](repeating: (.max, 0), count: nameCount)
            var isPartner = [Bool](repeating: false, count: nameCount)
            var ofSeries = [Int32](repeating: 0, count: series.count)
            // Read in place: a copy of each builder would retain and release its rows' array.
            for i in series.indices {
                let p = Int(series[i].partner)
                isPartner[p] = true
                ofSeries[i] = series[i].partner
                let rows = series[i].observations?.count ?? 0
                guard rows > 0 else { continue }
                firstLine[p] = (min(firstLine[p].line, firstLines[i]), firstLine[p].count + rows)
            }
            // Every partner's line, looked up once by its name (0: not known).
            var lines = [Int](repeating: 0, count: nameCount)
            var allASCII = true
            // The partners with rows and no line in partners.csv: only they are warned about (none, when every partner is known).
            var unknown: [Int] = []
            // Partners are often listed in partners.csv in the order uptake.csv first names them (the order of their ids
            // here): each is then found by comparing it with the name after the last one found, not by a probe of the
            // table (at ten million rows, 250,000 partners, the probes' misses were most of this function's time).
            var next = 0
            for id in isPartner.indices where isPartner[id] {
                defer { if lines[id] == 0, firstLine[id].count > 0 { unknown.append(id) } }
                // An ASCII name found by its bytes as read and the hash the row loop made of them: the bytes lie in the
                // order the names were met, read in sequence, where its string's storage is read from anywhere in memory
                // (at ten million rows, 250,000 partners: that first read was 40% of this function's samples).
                let byBytes = interner.bytes(at: id).withUnsafeBufferPointer { b -> Int? in
                    guard allASCII, ByteScan.isASCII(b) else { return nil }
                    return known.line(ofASCII: b, hash: interner.hash(of: Int32(truncatingIfNeeded: id)), next: &next)
                }
                if let line = byBytes { lines[id] = line; continue }
                guard let name = names[Int32(truncatingIfNeeded: id)] else { allASCII = false; continue }
                if allASCII, !name.utf8.allSatisfy({ $0 < 0x80 }) { allASCII = false }
                lines[id] = known.line(of: name)
            }
            // In order of their first rows. (Sorting every partner and skipping the known ones read each one's string: at
            // ten million rows, 250,000 partners, a third of this function's samples.)
            for id in unknown.sorted(by: { firstLine[$0].line < firstLine[$1].line }) {
                let seen = firstLine[id]
                guard let name = names[Int32(truncatingIfNeeded: id)] else { continue }
                let why = rejected[name].map { "has no accepted row in partners.csv (its row at partners.csv:\($0) was rejected)" }
                    ?? "is not in partners.csv"
                diags.append(Diagnostic(file: file, line: seen.line, severity: .warning,
                    message: "partner '\(TerminalSafe.quote(name))' \(why) (\(seen.count) row\(seen.count == 1 ? "" : "s") from here on; they still load)"))
            }
            return allASCII ? (diags, lines, ofSeries) : (diags, nil, nil)
        }

        /// The series a builder made, its names and source from the tables' strings (nil: invalid UTF-8, given as empty).
        /// Each part taken once, without `??` on the builder's fields: built that way, the series was copied and the first
        /// made released (four retains and four releases a series, a quarter of "series made"'s samples at ten million rows).
        static func series(of b: UnsafePointer<SeriesBuilder>, names: [String?], sources: [String?]) -> UptakeSeries {
            let partner: String, proxy: String, rows: UptakeObservations, source: String?
            if let name = names[Int(b.pointee.partner)] { partner = name } else { partner = "" }
            if let name = names[Int(b.pointee.proxy)] { proxy = name } else { proxy = "" }
            if let made = b.pointee.observations { rows = made } else { rows = [] }
            if b.pointee.source >= 0 { source = sources[Int(b.pointee.source)] } else { source = nil }
            let decimals = b.pointee.uptakeDecimals
            return UptakeSeries(partner: partner, proxyPopulation: proxy, programme: b.pointee.programme, rows: rows,
                                source: source, uptakeDecimals: decimals >= 0 ? decimals : nil)
        }

        /// The series (unless not `makingSeries`: a load for its diagnostics only, ``DatasetLoader/Scope/diagnostics``),
        /// every diagnostic and the file's summary.
        mutating func finish(makingSeries: Bool = true, partners: () -> (known: PartnerNames?, rejected: [String: Int])) -> Result {
            groupAndCheck(namingEverySeries: makingSeries)
            PhaseMarks.mark("rows grouped and checked")
            let (knownPartners, rejectedPartners) = partners()
            // The series on two threads: every name's string was built by `groupAndCheck`, the sources' are built here.
            if makingSeries { for id in 0..<sources.count { _ = sourceString(Int32(truncatingIfNeeded: id)) } }
            let (made, nameTable, sourceTable, firstLines, interner) = (builders, nameStrings, sourceStrings, seriesFirstLines, names)
            builders = []
            // Partners missing from partners.csv, found on one thread while the other starts making the series.
            let missing = ResultBox<(diagnostics: [Diagnostic], lines: [Int]?, ofSeries: [Int32]?)>(([], nil, nil))
            var result = Result()
            result.series = made.withUnsafeBufferPointer { buffer in
            nameTable.withUnsafeBufferPointer { table in
            withUnsafePointer(to: interner) { internerAt in
                // Each builder read in place: a copy of it retained and released its rows' block once more per series.
                let builders = ReadOnlyBuffer(buffer: buffer)
                let names = NameStrings(table: ReadOnlyBuffer(buffer: table), interner: internerAt)
                return parallelMap(count: makingSeries ? made.count : 0, alongside: {
                    guard let knownPartners else { return }
                    missing.value = Self.missingPartners(made, firstLines: firstLines, names: names, interner: interner,
                                                         known: knownPartners, rejected: rejectedPartners)
                }) { i in
                    Self.series(of: builders.buffer.baseAddress! + i, names: nameTable, sources: sourceTable)
                }
            }
            }
            }
            diags.append(contentsOf: missing.value.diagnostics)
            result.partnerLines = missing.value.lines
            result.partnerOfSeries = missing.value.ofSeries
            PhaseMarks.mark("series made")
            if !sawHeader {
                diags.append(Diagnostic(file: file, line: nil, severity: .error, message: "file is empty: no header and no rows (uptake.csv is required)"))
            } else if header != nil, read == 0 {
                diags.append(Diagnostic(file: file, line: nil, severity: .error,
                    message: "no data rows: the file has a header only (uptake.csv is required and needs at least one row)"))
            } else if header == nil, read > 0 {
                diags.append(Diagnostic(file: file, line: nil, severity: .error,
                    message: "\(read) row\(read == 1 ? "" : "s") not loaded because the header lacks required columns"))
            }
            result.diagnostics = diags
            result.summary = FileSummary(file: file, read: read, accepted: read - rejected, rejected: rejected)
            // What the load leaves (the builders and their views of the rows, the name interner, the strings' array)
            // freed on another thread: what follows here is serial, and freeing a million rows' leftovers took 2-3 ms.
            var spent = State()
            swap(&spent, &self)
            releaseInBackground((spent, made))
            return result
        }
    }
}

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
