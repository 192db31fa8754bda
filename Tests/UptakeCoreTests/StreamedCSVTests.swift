import Testing
@testable import UptakeCore

/// `Report.writeCSV` streams the CSV report in pieces, the first half from one thread and the
/// second half whole from another: every row must arrive once, in file order, on row boundaries.
@Suite struct StreamedCSVTests {
    /// 10,000 series (above the two-thread threshold of 8,192 rows), two periods each.
    static func dataset() -> Dataset {
        var text = "partner,proxy_population,period,eligible,uptake_pct\n"
        for s in 0..<10_000 {
            let name = s % 3 == 0 ? "\"P\(s % 97), CIC\"" : "P\(s % 97)"
            text += "\(name),Ward \(s),2024-01,\(100 + s % 500),\(20 + s % 60).5\n"
            text += "\(name),Ward \(s),2024-02,\(100 + s % 500),\(21 + s % 60).5\n"
        }
        let source = InMemorySource(origin: "test", files: ["uptake.csv": text, "partners.csv": "partner,area\nP0,A\n"])
        return DatasetLoader.load(from: source)
    }

    final class Pieces: @unchecked Sendable {
        var list: [[UInt8]] = []
    }

    @Test func piecesArriveInOrderOnRowBoundaries() throws {
        let dataset = Self.dataset()
        #expect(dataset.series.count == 10_000)
        let report = Report(dataset: dataset)
        let pieces = Pieces()
        report.writeCSV { pieces.list.append($0) }
        // A piece for each 1,024 series, taken by the two threads as they come (the header in the first): 9 full and 784 left.
        #expect(pieces.list.count == 9 + 1)
        for piece in pieces.list { #expect(piece.last == 10) }   // each piece ends a row
        let joined = pieces.list.flatMap { $0 }
        #expect(joined == report.csvBytes())
        let parsed = CSVReader.parse(joined)
        #expect(parsed.errors.isEmpty)
        #expect(parsed.records.count == 10_001)
        #expect(parsed.records[0].fields == Report.csvColumns)
        for (i, s) in dataset.series.enumerated() {
            let fields = parsed.records[i + 1].fields
            guard fields[0] != s.partner || fields[1] != s.proxyPopulation else { continue }
            Issue.record("row \(i + 1) is \(fields[0]) / \(fields[1]), expected \(s.partner) / \(s.proxyPopulation)")
            break
        }
    }

    @Test func aSmallReportIsOnePieceFromTheCallingThread() {
        let report = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source))
        let pieces = Pieces()
        report.writeCSV { pieces.list.append($0) }
        #expect(pieces.list.count == 1)
        #expect(pieces.list[0] == report.csvBytes())
    }

    /// 17,000 series in three blocks (8,192, 8,192 and 616: the last on one thread), partners with reached
    /// residents and a reported change, a comparator and a benchmark: the block-streamed CSV of
    /// `uptake report --format csv` must be exactly the CSV of the whole table.
    @Test func blockStreamedCSVIsTheWholeTablesCSV() {
        var text = "partner,proxy_population,period,eligible,screened,programme\n"
        text += "Area,All,2024-01,90000,45000,breast\nArea,All,2024-02,90000,46000,breast\n"
        for s in 0..<17_000 {
            let name = s % 3 == 0 ? "\"P\(s % 5_000), CIC\"" : "P\(s % 5_000)"
            text += "\(name),Ward \(s),2024-01,\(100 + s % 500),\(20 + s % 60),breast\n"
            if s % 11 != 0 { text += "\(name),Ward \(s),2024-02,\(100 + s % 500),\(21 + s % 70),breast\n" }
        }
        var partners = "partner,area,residents_reached,reported_change_pct\n"
        for p in 0..<5_000 where p % 4 != 0 {
            let name = p % 3 == 0 ? "\"P\(p), CIC\"" : "P\(p)"
            partners += "\(name),Town,\(p % 7 == 0 ? "" : "\(50 + p)"),\(p % 2 == 0 ? "12.5" : "")\n"
        }
        let toml = """
        title = "test"
        [benchmarks.breast]
        acceptable = 70.0
        achievable = 80.0

        [[comparators]]
        partner = "Area"
        proxy_population = "All"
        """
        let dataset = DatasetLoader.load(from: InMemorySource(origin: "test", files: ["uptake.csv": text, "partners.csv": partners, "dataset.toml": toml]))
        #expect(dataset.series.count == 17_001)
        let whole = Report(dataset: dataset).csvBytes()
        let pieces = Pieces()
        Report.writeCSV(dataset: dataset) { pieces.list.append($0) }
        // A piece for each 1,024 series (the two threads take them as they come, the header in the first): 16 full and 617 left.
        #expect(pieces.list.count == 16 + 1)
        for piece in pieces.list { #expect(piece.last == 10) }
        #expect(pieces.list.flatMap { $0 } == whole)
        // The comparator and the partners' figures made it into the rows (the test covers them).
        let csv = String(decoding: whole, as: UTF8.self)
        #expect(csv.contains("(is a comparator)"))
        #expect(csv.contains(",Town") == false)   // partners' area is not a CSV column; reach is
        #expect(CSVReader.parse(whole).records.contains { $0.fields[15] != "" })   // reach_pct
    }

    @Test func blockStreamedCSVOfTheSampleData() {
        let dataset = DatasetLoader.load(from: EmbeddedSampleData.source)
        let pieces = Pieces()
        Report.writeCSV(dataset: dataset) { pieces.list.append($0) }
        #expect(pieces.list.flatMap { $0 } == Report(dataset: dataset).csvBytes())
    }
}
