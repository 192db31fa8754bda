import Testing
import Synchronization
@testable import UptakeCore

/// What the merge of a split file's halves looks names and series up with (`State.matchSeries`, `State.takeNames`).
@Suite struct MergeLookupTests {
    @Test func aHashFilterNeverMissesAndRarelyClaims() {
        var rng = SplitMix64(seed: 0xF11_7E25)
        let present = (0..<50_000).map { _ in UInt64.random(in: .min ... .max, using: &rng) }
        let filter = HashFilter(present, count: present.count)
        // No false negatives: every hash put in is "perhaps present".
        #expect(present.allSatisfy { filter.mayContain($0) })
        // Absent hashes: about 1 - e^(-1/16), 6%, say "perhaps"; most are told apart.
        let absent = (0..<50_000).map { _ in UInt64.random(in: .min ... .max, using: &rng) }
        let claimed = absent.filter { filter.mayContain($0) }.count
        #expect(claimed > 1_000 && claimed < 4_500, "\(claimed) of 50,000 absent hashes said perhaps")
        // Hashes that differ only in their low bits (where the tables place entries) are spread too.
        let low = (0..<50_000).map { UInt64($0) }
        let lowFilter = HashFilter(low, count: low.count)
        #expect(low.allSatisfy { lowFilter.mayContain($0) })
        #expect((1_000_000..<1_050_000).filter { lowFilter.mayContain(UInt64($0)) }.count < 4_500)
        // An empty filter says absent to everything.
        let empty = HashFilter([UInt64](), count: 0)
        #expect(!empty.mayContain(42) && !empty.mayContain(0))
    }

    @Test func namesAppendedUnindexedKeepTheirBytesStringsAndHashes() {
        var mine = ByteInterner(capacity: 4)
        var theirs = ByteInterner(capacity: 4)
        func intern(_ s: String, into i: inout ByteInterner) -> Int32 {
            Array(s.utf8).withUnsafeBufferPointer { i.intern($0) }
        }
        #expect(intern("Ward 1", into: &mine) == 0)
        #expect(intern("P0", into: &mine) == 1)
        for name in ["Café", "Ward 2", "", "P0"] { _ = intern(name, into: &theirs) }
        // Their "Ward 2", "Café" and "" (not "P0", which is here already), in that order, get ids 2, 3 and 4.
        mine.appendUnindexed(from: theirs, ids: [1, 0, 2])
        #expect(!mine.isIndexed)
        #expect(mine.count == 5)
        #expect((0..<5).map { mine.string(at: $0) } == ["Ward 1", "P0", "Ward 2", "Café", ""])
        #expect(Array(mine.bytes(3)) == Array("Café".utf8))
        #expect(mine.hash(of: 2) == theirs.hash(of: 1) && mine.hash(of: 3) == theirs.hash(of: 0))
        #expect(mine.isValidUTF8(at: 3) && mine.equal(2, Array("Ward 2".utf8).withUnsafeBufferPointer { $0 }))
    }
}

/// Partners missing from partners.csv are found on one thread while the other makes the series
/// (`parallelMap(alongside:)`): the warnings must be those of one pass, in order of each partner's first row.
@Suite struct MissingPartnersAlongsideTests {
    @Test func parallelMapRunsTheWorkAlongsideOnceAndMapsInOrder() {
        for count in [10, 10_000, 100_003] {
            let calls = Atomic<Int>(0)
            let mapped = parallelMap(count: count, alongside: { calls.add(1, ordering: .relaxed) }) { $0 * 3 + 1 }
            #expect(mapped == (0..<count).map { $0 * 3 + 1 })
            #expect(calls.load(ordering: .relaxed) == 1)
        }
    }

    @Test func inPiecesVisitsEveryIndexOnceAndRunsTheWorkAlongsideOnce() {
        for (count, minimum) in [(0, 0), (7, 100), (10_000, 0), (100_003, 1 << 16)] {
            let calls = Atomic<Int>(0)
            var visits = [Int32](repeating: 0, count: count)
            visits.withUnsafeMutableBufferPointer { buffer in
                let shared = DisjointBuffer(buffer: buffer)
                inPieces(count: count, minimumForThreads: minimum, alongside: { calls.add(1, ordering: .relaxed) }) { range in
                    for i in range { shared.buffer[i] += 1 }
                }
            }
            #expect(visits.allSatisfy { $0 == 1 }, "count \(count)")
            #expect(calls.load(ordering: .relaxed) == 1)
        }
    }

    @Test func aLargeFilesMissingPartnersAreWarnedOnceEachOnTheirFirstRow() {
        let bytes = ParallelLoadTests.bigFile()
        var known = PartnerNames()
        for k in 0..<25 { known.insert("P\(k)") }
        let result = UptakeFileLoader.load(bytes: bytes, knownPartners: known, rejectedPartners: ["P30": 7])
        let warnings = result.diagnostics.filter { $0.message.hasPrefix("partner '") }
        // The reference: each partner's accepted rows and its first accepted row, from the loaded series.
        var first: [String: (line: Int, rows: Int)] = [:]
        for s in result.series {
            let line = s.observations.map(\.line).min()!
            first[s.partner] = (min(first[s.partner]?.line ?? .max, line), (first[s.partner]?.rows ?? 0) + s.observations.count)
        }
        let expected = first.filter { !(0..<25).map { "P\($0)" }.contains($0.key) }.sorted { $0.value.line < $1.value.line }
        #expect(result.series.count == 9000 && expected.count == 25)
        #expect(warnings.map(\.line) == expected.map(\.value.line))
        #expect(zip(warnings, expected).allSatisfy { w, e in
            w.message.hasPrefix("partner '\(e.key)' ") && w.message.contains("(\(e.value.rows) rows from here on; they still load)")
        })
        #expect(warnings.first { $0.message.hasPrefix("partner 'P30'") }?.message.contains("its row at partners.csv:7 was rejected") == true)
        #expect(warnings.filter { $0.message.contains("is not in partners.csv") }.count == 24)
    }
}

/// The grouping's one pass over a series' rows (``UptakeFileLoader/State/scanRun(_:)``): its order, whether it holds
/// a month and a day (only then is it checked for a day beside its month), and its first line.
@Suite struct SeriesRunScanTests {
    private func scan(_ rows: [(String, Int)]) -> (sorted: Bool, monthsAndDays: Bool, firstLine: Int) {
        let observations = rows.map { UptakeObservation(period: Period($0.0)!, eligible: 100, screened: nil, uptakePct: 50, line: $0.1) }
        return observations.withUnsafeBufferPointer { UptakeFileLoader.State.scanRun($0) }
    }

    @Test func ordersMonthsDaysAndTheFirstLine() {
        let mixed = scan([("2024-01", 5), ("2024-02-15", 3), ("2024-03", 9)])
        #expect(mixed.sorted && mixed.monthsAndDays && mixed.firstLine == 3)
        let months = scan([("2024-01", 7), ("2024-02", 8)])
        #expect(months.sorted && !months.monthsAndDays && months.firstLine == 7)
        let days = scan([("2024-01-01", 4), ("2024-01-02", 2)])
        #expect(days.sorted && !days.monthsAndDays && days.firstLine == 2)
        // Out of order, or a period twice (a duplicate to reject): not in order, so sorted and checked.
        #expect(!scan([("2024-02", 2), ("2024-01", 3)]).sorted)
        #expect(!scan([("2024-01", 2), ("2024-01", 3)]).sorted)
        let none = scan([])
        #expect(none.sorted && !none.monthsAndDays && none.firstLine == .max)
    }
}
