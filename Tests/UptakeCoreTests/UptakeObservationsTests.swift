import Testing
@testable import UptakeCore

/// A series' rows as a view of one block (issue 11): indexed from 0, equal and hashed by their rows whatever
/// block they are in, and, from a two-thread load, sorted by period with duplicates rejected as one thread does.
@Suite struct UptakeObservationsTests {
    static func row(_ month: Int, line: Int) -> UptakeObservation {
        UptakeObservation(period: Period(year: 2024, month: month)!, eligible: 100 + month, screened: 40 + month, uptakePct: nil, line: line)
    }

    @Test func viewsOfOneBlockIndexFromZero() {
        let block = UptakeObservations.Rows(capacity: 5)
        for i in 0..<5 { (block.base + i).initialize(to: Self.row(i + 1, line: i + 2)) }
        let a = UptakeObservations(block, offset: 0, count: 2), b = UptakeObservations(block, offset: 2, count: 3)
        #expect(a.count == 2 && b.count == 3)
        #expect(Array(a.indices) == [0, 1] && Array(b.indices) == [0, 1, 2])
        #expect(b[0].period == Period(year: 2024, month: 3)!)
        #expect(b.last?.line == 6)
        #expect(b.map(\.period.month) == [3, 4, 5])
        // One buffer of exactly the view's rows (what Array(_:) and the standard library's fast paths read).
        #expect(b.withContiguousStorageIfAvailable { Array($0.map(\.line)) } == [4, 5, 6])
        #expect(Array(b).map(\.line) == [4, 5, 6])
        // Equal to an array's own copy of the same rows, hashed alike; not equal to other rows.
        let copy = UptakeObservations([Self.row(3, line: 4), Self.row(4, line: 5), Self.row(5, line: 6)])
        #expect(b == copy)
        #expect(b.hashValue == copy.hashValue)
        #expect(a != copy)
        #expect(UptakeObservations([]) == [])
        #expect(UptakeObservations([]).isEmpty)
    }

    /// The block is freed without deinitialising its rows: they must be plain values.
    @Test func rowsArePlainValues() {
        #expect(_isPOD(UptakeObservation.self))
    }

    /// Above the two-thread threshold, each series' rows in reverse period order, with a duplicate period in some
    /// series and series in both halves: the same series and diagnostics as one thread, every series sorted.
    @Test func twoThreadLoadSortsAndRejectsDuplicatesInPlace() throws {
        var text = "partner,proxy_population,period,eligible,screened\n"
        for s in 0..<13000 {
            for m in stride(from: 12, through: 1, by: -1) {
                text += "Partner \(s % 40),Ward \(s),2023-\(m < 10 ? "0" : "")\(m),\(200 + s % 700),\(50 + m)\n"
            }
            if s % 97 == 0 { text += "Partner \(s % 40),Ward \(s),2023-06,300,10\n" }   // a duplicate: rejected
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > UptakeFileLoader.parallelThreshold)
        let one = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: false)
        let two = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: true)
        #expect(one.series == two.series)
        #expect(one.diagnostics == two.diagnostics)
        #expect(two.summary.rejected == (0..<13000).filter { $0 % 97 == 0 }.count)
        #expect(two.series.count == 13000)
        for series in two.series {
            #expect(series.observations.count == 12)
            #expect(zip(series.observations, series.observations.dropFirst()).allSatisfy { $0.period < $1.period })
        }
        // The kept row of a duplicated period is the earlier line.
        let first = try #require(two.series.first { $0.proxyPopulation == "Ward 0" })
        #expect(first.observations.first { $0.period.month == 6 }?.screened == 56)
    }
}
