import Testing
@testable import UptakeCore

/// The loader holds a row, a series and a series' builder per row or series of uptake.csv: ten million rows and
/// 1.25 million series at the benchmark's largest size. Their sizes are what the page-fault counts in
/// docs/PERFORMANCE.md ("Series held in fewer bytes") were measured with; a field added or reordered changes them.
@Suite struct CompactLayoutTests {
    @Test func rowsSeriesAndBuildersKeepTheirSizes() {
        #expect(MemoryLayout<UptakeObservation>.stride == 24)
        #expect(MemoryLayout<UptakeObservations>.stride == 16)
        #expect(MemoryLayout<UptakeSeries>.stride == 72)
        #expect(MemoryLayout<UptakeFileLoader.SeriesBuilder>.stride == 40)
    }

    /// The source, held as a string and a flag: nil, an empty source and a named one stay apart, in the property, in
    /// equality and in a set.
    @Test func sourceKeepsNilApartFromEmpty() {
        let none = UptakeSeries(partner: "P", proxyPopulation: "W", programme: nil, observations: [], source: nil)
        var empty = none, named = none
        empty.source = ""
        named.source = "NHS Digital"
        #expect(none.source == nil && empty.source == "" && named.source == "NHS Digital")
        #expect(none != empty && empty != named && none != named)
        #expect(Set([none, empty, named, none]).count == 3)
        named.source = nil
        #expect(named == none && named.source == nil)
        let made = UptakeSeries(partner: "P", proxyPopulation: "W", programme: nil, observations: [], source: "")
        #expect(made == empty && made.source == "")
    }

    /// The 32-bit fields behind the public properties give back what was stored, nil stays nil, and a count past
    /// 2^31 − 1 is kept as 2^31 − 1 rather than trapping or wrapping.
    @Test func compactFieldsRoundTrip() {
        var s = UptakeSeries(partner: "P", proxyPopulation: "Ward", programme: .bowel, observations: [], uptakeDecimals: nil)
        #expect(s.uptakeDecimals == nil)
        #expect(s.programme == .bowel)
        for d in [0, 1, 2, 14, 300] {
            s.uptakeDecimals = d
            #expect(s.uptakeDecimals == d)
        }
        s.uptakeDecimals = Int.max
        #expect(s.uptakeDecimals == Int(Int32.max))
        s.uptakeDecimals = nil
        #expect(s.uptakeDecimals == nil)
        #expect(s.programme == .bowel)

        var b = UptakeFileLoader.SeriesBuilder(partner: 3, proxy: 4, programme: nil, programmeLine: 0, source: -1, observations: nil)
        #expect(b.uptakeDecimals == -1 && b.programmeLine == 0)
        b.programmeLine = 2_000_000_000
        b.uptakeDecimals = 31
        #expect(b.programmeLine == 2_000_000_000 && b.uptakeDecimals == 31)
        b.programmeLine = Int.max
        #expect(b.programmeLine == Int(Int32.max))

        let rows = UptakeObservations((1...5).map {
            UptakeObservation(period: Period(year: 2023, month: $0)!, eligible: 100 * $0, screened: nil, uptakePct: 50, line: $0 + 1)
        })
        #expect(rows.count == 5)
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6])
        #expect(Array(rows.dropFirst(2)).map(\.eligible) == [300, 400, 500])
    }
}
