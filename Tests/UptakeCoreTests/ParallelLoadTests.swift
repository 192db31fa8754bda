import Testing
@testable import UptakeCore

/// The two-thread read of a large uptake.csv must give exactly what one thread gives.
@Suite struct ParallelLoadTests {
    /// About 6 MB: above the threshold, with problems placed in both halves and a duplicate across them.
    static func bigFile() -> [UInt8] {
        var text = "partner,proxy_population,period,eligible,uptake_pct,programme\n"
        var line = 1
        for s in 0..<9000 {
            for m in 1...12 {
                line += 1
                if line == 1000 { text += "P\(s % 50),Ward \(s),2024-13,100,50,breast\n"; continue }          // bad period
                if line == 60000 { text += "P\(s % 50),Ward \(s),2023-\(m < 10 ? "0" : "")\(m),-5,50,breast\n"; continue } // negative
                text += "P\(s % 50),\"Ward \(s), north\",2023-\(m < 10 ? "0" : "")\(m),\(100 + s % 900),\(20 + (s + m) % 60).5,breast\n"
            }
        }
        // A duplicate of the very first data row, at the end of the file (the other half).
        text += "P0,\"Ward 0, north\",2023-01,100,20.5,breast\n"
        return Array(text.utf8)
    }

    @Test func halvesMatchASingleThread() throws {
        let bytes = Self.bigFile()
        #expect(bytes.count > UptakeFileLoader.parallelThreshold)
        #expect(UptakeFileLoader.SplitPlan(bytes.withUnsafeBufferPointer { $0 }) != nil)
        let one = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: false)
        let two = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: true)
        #expect(one.summary == two.summary)
        #expect(one.summary.rejected == 3)
        #expect(one.series.count == two.series.count)
        #expect(one.series == two.series)
        let d1 = one.diagnostics.map(\.formatted).sorted(), d2 = two.diagnostics.map(\.formatted).sorted()
        #expect(d1 == d2)
        #expect(d2.contains { $0.hasPrefix("uptake.csv:1000:3: error: period '2024-13'") })
        #expect(d2.contains { $0.hasPrefix("uptake.csv:60000:4: error: eligible -5") })
        #expect(d2.contains { $0.contains("duplicate of line 2") })
    }

    /// Without the duplicate at the end the file is grouped by series, and its rows are not sorted into their
    /// series (each series' rows are already together, one of them across the split): the same as one thread.
    @Test func aGroupedFileMatchesASingleThread() throws {
        var bytes = Self.bigFile()
        let lastLine = try #require(bytes.dropLast().lastIndex(of: 10))
        bytes.removeSubrange((lastLine + 1)...)
        let one = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: false)
        let two = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: true)
        #expect(one.summary == two.summary && one.summary.rejected == 2)
        #expect(one.series == two.series && two.series.count == 9000)
        #expect(one.diagnostics.map(\.formatted).sorted() == two.diagnostics.map(\.formatted).sorted())
        #expect(two.series.allSatisfy { $0.observations.count == 12 || $0.observations.count == 11 })
    }

    /// A file grouped by series keeps its rows where they were read (each block of series a view of the loader's
    /// rows): a series whose periods are out of order is sorted there, a duplicate dropped there, and the rows stay
    /// readable after the loader is gone; the same whichever way it was read (one thread, two, or the ordering pass).
    @Test func groupedRowsSortedAndDeduplicatedWhereTheyWereRead() throws {
        let text = "partner,proxy_population,period,eligible,uptake_pct\n"
            + "A,W,2024-03,100,30\nA,W,2024-01,100,10\nA,W,2024-01,100,11\nA,W,2024-02,100,20\n"
            + "B,X,2024-01,100,40\nB,X,2024-02,100,41\n"
        let grouped = UptakeFileLoader.load(bytes: Array(text.utf8), knownPartners: nil, allowParallel: false)
        let a = try #require(grouped.series.first { $0.partner == "A" })
        #expect(a.observations.map(\.period.description) == ["2024-01", "2024-02", "2024-03"])
        #expect(a.observations.map(\.line) == [3, 5, 2])
        #expect(a.observations.map(\.uptakePct) == [10, 20, 30])
        #expect(grouped.series.first { $0.partner == "B" }?.observations.map(\.line) == [6, 7])
        #expect(grouped.diagnostics.map(\.formatted).contains { $0.hasPrefix("uptake.csv:4: error: duplicate of line 3") })
        #expect(grouped.summary.rejected == 1)
        // The same rows with series B first and A's last row after it: not grouped, so sorted into new blocks.
        let reordered = "partner,proxy_population,period,eligible,uptake_pct\n"
            + "A,W,2024-03,100,30\nA,W,2024-01,100,10\nA,W,2024-01,100,11\nB,X,2024-01,100,40\nB,X,2024-02,100,41\nA,W,2024-02,100,20\n"
        let sorted = UptakeFileLoader.load(bytes: Array(reordered.utf8), knownPartners: nil, allowParallel: false)
        #expect(sorted.series.first { $0.partner == "A" }?.observations.map(\.uptakePct) == [10, 20, 30])
    }

    /// Rows that never go back to an earlier series are already grouped; any return to one, a gap or a missing
    /// series needs the sort.
    @Test func runStartsFindsGroupedRowsOnly() {
        typealias State = UptakeFileLoader.RowGrouping
        #expect(State.runStarts([0, 0, 1, 1, 1], [1, 2, 3], seriesCount: 4) == [0, 2, 6, 7, 8])
        #expect(State.runStarts([0, 1], [], seriesCount: 2) == [0, 1, 2])
        #expect(State.runStarts([0, 1, 0], [], seriesCount: 2) == nil)
        #expect(State.runStarts([0, 1], [0], seriesCount: 2) == nil)
        #expect(State.runStarts([0, 2], [], seriesCount: 3) == nil)
        #expect(State.runStarts([0, 1], [], seriesCount: 3) == nil)
        #expect(State.runStarts([], [], seriesCount: 0) == [0])
        #expect(State.runStarts([0, 1, 2], [], seriesCount: 2) == nil)
    }
}

/// A large file's pages are given back to the kernel behind the parse: the rows must be the same as a
/// plain read's, and a source that shares its bytes (the embedded sample data, tests) must keep them.
@Suite struct ReleasedPagesTests {
    @Test func releasingPagesChangesNothingAndLeavesTheSourceIntact() throws {
        let bytes = ParallelLoadTests.bigFile()
        let text = String(decoding: bytes, as: UTF8.self)
        let source = InMemorySource(origin: "test", files: ["uptake.csv": text, "partners.csv": "partner\nP0\n"])
        let plain = UptakeFileLoader.load(bytes: bytes, knownPartners: ["P0"], allowParallel: false)
        let first = DatasetLoader.load(from: source)
        let second = DatasetLoader.load(from: source)   // the source's bytes were not zeroed by the first load
        #expect(first.series == plain.series)
        #expect(second.series == plain.series)
        #expect(first.diagnostics == second.diagnostics)
        #expect(try source.read("uptake.csv") == bytes)
        // And the owned buffer really was spent: its early pages read as zeros after the parse.
        var owned = bytes
        let parsed = UptakeFileLoader.parse(consuming: &owned, allowParallel: false)
        #expect(parsed.finish(knownPartners: ["P0"]).series == plain.series)
        #expect(owned[CSVReader.releaseSlack * 4 ..< CSVReader.releaseSlack * 8].allSatisfy { $0 == 0 })
    }
}

/// Rows ordered by period (every series for one month, then the next) take the series-prediction path;
/// they must load exactly as the same rows grouped by series.
@Suite struct RowOrderTests {
    static func rows(byPeriod: Bool) -> [UInt8] {
        var lines: [[String]] = []
        for s in 0..<300 {
            lines.append((1...6).map { m in "P\(s % 7),Ward \(s),2024-0\(m),\(100 + s),\(20 + (s * m) % 70).5\n" })
        }
        // A series that appears only from the third period, and one row out of the usual order.
        lines.append((3...6).map { m in "Late,Ward X,2024-0\(m),50,10.0\n" })
        var text = "partner,proxy_population,period,eligible,uptake_pct\n"
        if byPeriod {
            for m in 0..<6 {
                for series in lines {
                    let offset = series.count == 6 ? m : m - 2
                    if offset >= 0, offset < series.count { text += series[offset] }
                }
            }
        } else {
            for series in lines { for l in series { text += l } }
        }
        return Array(text.utf8)
    }

    @Test func periodOrderLoadsLikeSeriesOrder() {
        let a = UptakeFileLoader.load(bytes: Self.rows(byPeriod: false), knownPartners: nil)
        let b = UptakeFileLoader.load(bytes: Self.rows(byPeriod: true), knownPartners: nil)
        #expect(a.summary.accepted == 300 * 6 + 4)
        #expect(b.summary == a.summary)
        #expect(a.series.count == 301)
        func key(_ s: UptakeSeries) -> String { s.partner + "|" + s.proxyPopulation }
        let byKey = Dictionary(uniqueKeysWithValues: a.series.map { (key($0), $0) })
        for s in b.series {
            let other = byKey[key(s)]
            #expect(other?.observations.map(\.period) == s.observations.map(\.period))
            #expect(other?.observations.map(\.uptakePct) == s.observations.map(\.uptakePct))
        }
    }
}

/// A name with doubled quotes is not looked up by its bytes (they are not the name's): its rows still find their
/// series by the name as read, in either row order, and apart from a name that differs only in its quotes.
@Suite struct EscapedNameTests {
    @Test func rowsWithEscapedNamesFindTheirSeries() {
        let names = [("\"Q \"\"x\"\"\"", "W"), ("\"Q x\"", "W"), ("R", "\"Ward \"\"5\"\"\""), ("R", "Ward 5")]
        for byPeriod in [false, true] {
            var text = "partner,proxy_population,period,eligible,uptake_pct\n"
            if byPeriod {
                for m in 1...4 { for (p, w) in names { text += "\(p),\(w),2024-0\(m),100,50.0\n" } }
            } else {
                for (p, w) in names { for m in 1...4 { text += "\(p),\(w),2024-0\(m),100,50.0\n" } }
            }
            let r = UptakeFileLoader.load(bytes: Array(text.utf8), knownPartners: nil)
            #expect(r.summary.accepted == 16 && r.summary.rejected == 0, "by period: \(byPeriod)")
            let found = r.series.map { "\($0.partner)|\($0.proxyPopulation)|\($0.observations.count)" }.sorted()
            #expect(found == ["Q \"x\"|W|4", "Q x|W|4", "R|Ward \"5\"|4", "R|Ward 5|4"], "by period: \(byPeriod)")
            #expect(!r.diagnostics.contains { $0.message.contains("duplicate") })
        }
    }
}

/// A file ordered by period is grouped in the memory its rows were read into, block by block, where each block's series
/// have their rows as such a file lays them (`UptakeFileLoader.State.regularRuns`); other blocks are copied into blocks
/// of their own. Either way the series are those of the same rows grouped by series.
@Suite struct InPlaceGroupingTests {
    typealias State = UptakeFileLoader.State
    typealias Run = State.Run

    /// Three series of two rows, period by period: rows 0-2 (the first period) and 3-5 (the second), in one part or
    /// split between two.
    @Test func regularRunsFindEachPeriodsRows() {
        var runs: [Run] = []
        let starts = [0, 2, 4, 6]
        #expect(State.regularRuns([0, 3, 1, 4, 2, 5], starts, 0, 3, firstCount: 6, into: &runs))
        // The two periods' rows touch: one run.
        #expect(runs == [Run(part: 0, offset: 0, length: 6)])
        #expect(State.regularRuns([0, 3, 1, 4, 2, 5], starts, 0, 3, firstCount: 4, into: &runs))
        #expect(runs == [Run(part: 0, offset: 0, length: 4), Run(part: 1, offset: 0, length: 2)])
        #expect(State.regularRuns([0, 3, 1, 4, 2, 5], starts, 0, 3, firstCount: 1, into: &runs))
        #expect(runs == [Run(part: 0, offset: 0, length: 1), Run(part: 1, offset: 0, length: 5)])
        // Rows 10-12 and 20-22: two runs of three (the other rows belong to other blocks).
        #expect(State.regularRuns([10, 20, 11, 21, 12, 22], starts, 0, 3, firstCount: 100, into: &runs))
        #expect(runs == [Run(part: 0, offset: 10, length: 3), Run(part: 0, offset: 20, length: 3)])
        // A series with another count of rows, a gap between two series' rows, rows in another order: not as laid by period.
        #expect(!State.regularRuns([0, 3, 1, 4, 2], [0, 2, 4, 5], 0, 3, firstCount: 6, into: &runs))
        #expect(!State.regularRuns([10, 20, 11, 21, 13, 22], starts, 0, 3, firstCount: 100, into: &runs))
        #expect(!State.regularRuns([0, 3, 2, 5, 1, 4], starts, 0, 3, firstCount: 6, into: &runs))
        // Two series of three rows, the periods apart: runs of two, too short for a series.
        #expect(!State.regularRuns([0, 10, 20, 1, 11, 21], [0, 3, 6], 0, 2, firstCount: 100, into: &runs))
        // One series alone: nothing to gain.
        #expect(!State.regularRuns([0, 3], [0, 2], 0, 1, firstCount: 6, into: &runs))
    }

    /// Series `s`'s row for month `m` (1: January 2023).
    static func row(_ s: Int, _ m: Int) -> String {
        let month = (m - 1) % 12 + 1
        return "P\(s % 11),\"Ward \(s), n\(s % 5)\",\(2023 + (m - 1) / 12)-\(month < 10 ? "0" : "")\(month),\(100 + s % 900),\(20 + (s + m) % 60).5\n"
    }

    /// Series go into what is left of a run, or the next run when that is too short; those that fit in none are left out.
    @Test func placeSeriesFillsEachRunThenTheNext() {
        typealias Place = State.Place
        var places: [Place] = []
        // 64 series of 12 rows in 12 runs of 64 rows: five a run (60 rows), 60 of them placed.
        let runs = (0..<12).map { Run(part: 0, offset: $0 * 1000, length: 64) }
        State.placeSeries(64, each: 12, in: runs, into: &places)
        #expect(places.count == 60)
        #expect(places.prefix(6) == [Place(part: 0, offset: 0), Place(part: 0, offset: 12), Place(part: 0, offset: 24),
                                     Place(part: 0, offset: 36), Place(part: 0, offset: 48), Place(part: 0, offset: 1000)])
        #expect(places.last == Place(part: 0, offset: 11_048))
        // A run split across the parts: the part's own offsets.
        places = []
        State.placeSeries(3, each: 2, in: [Run(part: 0, offset: 10, length: 3), Run(part: 1, offset: 0, length: 4)], into: &places)
        #expect(places == [Place(part: 0, offset: 10), Place(part: 1, offset: 0), Place(part: 1, offset: 2)])
        // Runs too short for any: none placed.
        places = []
        State.placeSeries(4, each: 8, in: [Run(part: 0, offset: 0, length: 7)], into: &places)
        #expect(places.isEmpty)
    }

    /// `series` series over the months `periods`, period by period (or series by series), in the order given;
    /// `twice`: a month written again, at the end, for every series (the second copy rejected as duplicates).
    static func file(series: Int, periods: [Int], byPeriod: Bool, twice: Int? = nil) -> [UInt8] {
        let months = periods + (twice.map { [$0] } ?? [])
        var text = "partner,proxy_population,period,eligible,uptake_pct\n"
        if byPeriod {
            for m in months { for s in 0..<series { text += row(s, m) } }
        } else {
            for s in 0..<series { for m in months { text += row(s, m) } }
        }
        return Array(text.utf8)
    }

    /// The same series with the same rows (their periods and figures; `lines`: their lines too) and the same summary;
    /// `lines` also compares the diagnostics (rows of the same file).
    static func same(_ a: UptakeFileLoader.Result, _ b: UptakeFileLoader.Result, lines: Bool) -> Bool {
        func key(_ s: UptakeSeries) -> String { s.partner + "|" + s.proxyPopulation }
        func rows(_ s: UptakeSeries) -> [String] {
            s.observations.map { "\($0.period) \($0.eligible) \($0.uptakePct ?? -1)" + (lines ? " \($0.line)" : "") }
        }
        let byKey = Dictionary(uniqueKeysWithValues: a.series.map { (key($0), rows($0)) })
        return a.series.count == b.series.count && b.series.allSatisfy { byKey[key($0)] == rows($0) }
            && a.summary == b.summary
            && (!lines || Set(a.diagnostics.map(\.formatted)) == Set(b.diagnostics.map(\.formatted)))
    }

    /// Months out of order (each series sorted where its rows lie) and a month written twice (every series' second row of
    /// it rejected there): blocks of 64 series grouped in place, the same series, rows and diagnostics as the file
    /// grouped by series. On two threads the rows of one block lie in both halves, where one of its series may be copied.
    @Test(arguments: [false, true])
    func periodOrderGroupedWhereTheRowsWereRead(twoThreads: Bool) throws {
        let n = twoThreads ? 16_000 : 640
        let months = [2, 1, 3, 4, 5, 6, 7]
        let byPeriod = Self.file(series: n, periods: months, byPeriod: true, twice: 5)
        #expect((byPeriod.count > UptakeFileLoader.parallelThreshold) == twoThreads)
        let read = UptakeFileLoader.load(bytes: byPeriod, knownPartners: nil, allowParallel: twoThreads)
        let grouped = UptakeFileLoader.load(bytes: Self.file(series: n, periods: months, byPeriod: false, twice: 5),
                                            knownPartners: nil, allowParallel: twoThreads)
        #expect(read.summary.rejected == n)
        #expect(read.diagnostics.filter { $0.message.hasPrefix("duplicate of line") }.count == n)
        let first = try #require(read.series.first)
        #expect(first.observations.map(\.period.description) == (1...7).map { "2023-0\($0)" })
        #expect(read.series.allSatisfy { $0.observations.count == 7 })
        #expect(read.series.filter { !$0.observations.isViewOfLoadedRows }.count <= (twoThreads ? 1 : 0))
        // Series 0's second row for May (the file's last block) names its first (in the file's fifth block).
        let dup = try #require(read.diagnostics.first { $0.message.hasPrefix("duplicate of line") })
        #expect(dup.line == 2 + 7 * n && dup.message.hasPrefix("duplicate of line \(2 + 4 * n):"))
        #expect(Self.same(read, grouped, lines: false))
        if twoThreads {
            #expect(Self.same(read, UptakeFileLoader.load(bytes: byPeriod, knownPartners: nil, allowParallel: false), lines: true))
        }
    }

    /// A block whose series do not all have their rows as a file ordered by period lays them (a series missing a month)
    /// is copied into a block of its own; the blocks around it are grouped in place. So are series with more rows than
    /// a run of one period's rows holds.
    @Test func otherBlocksCopied() throws {
        var text = String(decoding: Self.file(series: 192, periods: Array(1...8), byPeriod: true), as: UTF8.self)
        // Series 100 (in the second block of 64) has no row for March.
        let missing = Self.row(100, 3)
        #expect(text.contains(missing))
        text = text.replacingOccurrences(of: missing, with: "")
        let bytes = Array(text.utf8)
        let read = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: false)
        #expect(read.series.count == 192 && read.summary.rejected == 0)
        for (i, s) in read.series.enumerated() {
            #expect(s.observations.isViewOfLoadedRows == !(64..<128).contains(i), "series \(i)")
            #expect(s.observations.count == (i == 100 ? 7 : 8))
        }
        let grouped = String(decoding: Self.file(series: 192, periods: Array(1...8), byPeriod: false), as: UTF8.self)
            .replacingOccurrences(of: missing, with: "")
        #expect(Self.same(read, UptakeFileLoader.load(bytes: Array(grouped.utf8), knownPartners: nil, allowParallel: false), lines: false))
        // 130 series of 70 months: each block's rows of a month are a run of 64 (or 2), too short for a series' 70.
        let long = UptakeFileLoader.load(bytes: Self.file(series: 130, periods: Array(1...70), byPeriod: true),
                                         knownPartners: nil, allowParallel: false)
        #expect(long.series.count == 130 && long.series.allSatisfy { $0.observations.count == 70 && !$0.observations.isViewOfLoadedRows })
        #expect(Self.same(long, UptakeFileLoader.load(bytes: Self.file(series: 130, periods: Array(1...70), byPeriod: false),
                                                      knownPartners: nil, allowParallel: false), lines: false))
    }
}

/// Files mostly ordered by period, with rows dropped, repeated and swapped, periods in any order and series added late:
/// each series loads exactly as its rows say (sorted by period, the first row of a period kept), whether its block was
/// grouped in place or copied, on one thread or two. The expected series are worked out here from the rows written.
@Suite struct InPlaceGroupingPropertyTests {
    struct Row { var series: Int; var period: Int; var eligible: Int }

    /// `perMille`: how often a row is dropped, repeated, or swapped with the next (each in thousandths).
    static func check(seed: UInt64, series: Int, periods: Int, perMille: Int, twoThreads: Bool) throws {
        var rng = SplitMix64(seed: seed)
        func chance(_ perMille: Int) -> Bool { Int(rng.next() % 1000) < perMille }
        var rows: [Row] = []
        let order = (1...periods).shuffled(using: &rng)
        let late = series + Int(rng.next() % 5)   // a few series that start in a later period
        for (k, m) in order.enumerated() {
            for s in 0..<(k >= periods / 2 ? late : series) where !chance(perMille) {
                rows.append(Row(series: s, period: m, eligible: 100 + Int(rng.next() % 900)))
                if chance(perMille) { rows.append(Row(series: s, period: m, eligible: 5)) }   // given twice
            }
        }
        for i in rows.indices.dropLast() where chance(perMille) { rows.swapAt(i, i + 1) }
        var text = "partner,proxy_population,period,eligible,uptake_pct\n"
        for r in rows {
            let month = (r.period - 1) % 12 + 1
            text += "P\(r.series % 7),\"W \(r.series), x\",\(2020 + (r.period - 1) / 12)-\(month < 10 ? "0" : "")\(month),\(r.eligible),50.5\n"
        }
        let bytes = Array(text.utf8)
        #expect((bytes.count > UptakeFileLoader.parallelThreshold) == twoThreads)
        let loaded = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: twoThreads)
        // Expected: each series' rows by (period, line), the first of each period kept.
        var expected: [String: [String]] = [:]
        var rejected = 0
        var bySeries: [Int: [(period: Int, line: Int, eligible: Int)]] = [:]
        for (i, r) in rows.enumerated() { bySeries[r.series, default: []].append((r.period, i + 2, r.eligible)) }
        for (s, list) in bySeries {
            var kept: [(period: Int, line: Int, eligible: Int)] = []
            for r in list.sorted(by: { ($0.period, $0.line) < ($1.period, $1.line) }) {
                if kept.last?.period == r.period { rejected += 1 } else { kept.append(r) }
            }
            expected["W \(s), x"] = kept.map { "\($0.period) \($0.line) \($0.eligible)" }
        }
        #expect(loaded.summary.rejected == rejected, "seed \(seed)")
        #expect(loaded.series.count == expected.count, "seed \(seed)")
        for s in loaded.series {
            let got = s.observations.map { o in
                "\((o.period.key / 10000 - 2020) * 12 + (o.period.key / 100) % 100) \(o.line) \(o.eligible)"
            }
            #expect(got == expected[s.proxyPopulation], "seed \(seed), series \(s.proxyPopulation)")
        }
        // Unchanged, the blocks lie as laid by period: grouped in place (all but the late series, and those that fit in
        // no run's remainder).
        if perMille == 0 {
            #expect(loaded.series.filter(\.observations.isViewOfLoadedRows).count * 2 > loaded.series.count, "seed \(seed)")
        }
    }

    @Test(arguments: 1...18 as ClosedRange<UInt64>)
    func oneThread(seed: UInt64) throws {
        try Self.check(seed: seed, series: 64 * Int(1 + seed % 4) + Int(seed % 3), periods: 3 + Int(seed % 6),
                       perMille: [0, 1, 20][Int(seed % 3)], twoThreads: false)
    }

    @Test(arguments: [0, 1, 20])
    func twoThreads(perMille: Int) throws {
        try Self.check(seed: 99, series: 12_800, periods: 12, perMille: perMille, twoThreads: true)
    }
}
