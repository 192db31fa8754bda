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
        // Several pieces: the first half in pieces of csvPieceRows rows, then the second half.
        #expect(pieces.list.count == (5_000 + Report.csvPieceRows - 1) / Report.csvPieceRows + 1)
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
}
