import Testing
@testable import UptakeCore

/// The CSV report's rows written through a pointer (``CSVReportRows``) are exactly ``CSVWriter``'s bytes:
/// field by field (quoting, numbers with decimals, whole numbers, periods) and row by row against the
/// writer-built row this writer replaced (`referenceRow`), on sample, hostile, long-named and
/// out-of-range data.
@Suite struct CSVReportRowsTests {
    /// The report's row as ``CSVWriter`` writes it (the report's writer before issue 11).
    static func referenceRow(_ r: SeriesSummary, into w: inout CSVWriter) {
        let s = r.start, e = r.end
        let series = r.series
        w.field(series.partner)
        w.field(series.proxyPopulation)
        w.field(series.programme?.rawValue ?? "")
        w.field(r.attributedReached)
        w.field(s?.period)
        w.field(s?.eligible)
        w.field(s?.uptakePct, decimals: 2)
        w.field(e?.period)
        w.field(e?.eligible)
        w.field(e?.uptakePct, decimals: 2)
        w.field(r.changePP, decimals: 2)
        w.field(r.changeRelPct, decimals: 2)
        w.field(r.changeInterval?.lower, decimals: 2)
        w.field(r.changeInterval?.upper, decimals: 2)
        w.field(r.isSignificant.map { $0 ? "true" : "false" } ?? "")
        w.field(r.reachPct, decimals: 2)
        w.field(r.attributedReportedChangePct, decimals: r.attributedReportedChangeDecimals ?? 2)
        w.field(r.reportedCheck?.verdict.rawValue ?? "")
        w.field(r.benchmark?.rawValue ?? "")
        w.field(s?.interval?.lower, decimals: 2)
        w.field(s?.interval?.upper, decimals: 2)
        w.field(e?.interval?.lower, decimals: 2)
        w.field(e?.interval?.upper, decimals: 2)
        w.field(series.observations.count)
        let c = r.comparison.comparison
        switch r.comparison {
        case .compared(let x): w.field(x.label)
        case .unavailable(let label, _): w.field(label)
        case .isComparator: w.field("(is a comparator)")
        case .noneGiven: w.field("")
        }
        w.field(c?.comparatorChange.difference, decimals: 2)
        w.field(c?.difference.difference, decimals: 2)
        w.field(c?.difference.lower, decimals: 2)
        w.field(c?.difference.upper, decimals: 2)
        w.field(c.map { $0.difference.excludesZero ? "true" : "false" } ?? "")
        w.field(r.trend.marker.rawValue)
        w.field(r.trend.reason.code)
        w.field(r.trend.chiSquared, decimals: 4)
        w.field(s?.figure.map { $0.isExact ? "true" : "false" } ?? "")
        w.field(e?.figure.map { $0.isExact ? "true" : "false" } ?? "")
        w.endRow()
    }

    /// The whole CSV report as ``CSVWriter`` writes it.
    static func referenceCSV(_ report: Report) -> [UInt8] {
        var w = CSVWriter()
        w.row(Report.csvColumns)
        for r in report.table.rows { referenceRow(r, into: &w) }
        return w.bytes
    }

    static func expectSameBytes(_ got: [UInt8], _ expected: [UInt8], _ what: String) {
        guard got != expected else { return }
        let at = (0..<min(got.count, expected.count)).first { got[$0] != expected[$0] } ?? min(got.count, expected.count)
        let lo = max(0, at - 80)
        Issue.record("""
            \(what): \(got.count) bytes, expected \(expected.count); first difference at byte \(at):
            got      \(String(decoding: got[lo..<min(got.count, at + 80)], as: UTF8.self).debugDescription)
            expected \(String(decoding: expected[lo..<min(expected.count, at + 80)], as: UTF8.self).debugDescription)
            """)
    }

    /// Writes with `body` into 64 bytes of `0xAA` and checks nothing past `limit` bytes was touched.
    static func written(limit: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int?) -> [UInt8]? {
        var room = [UInt8](repeating: 0xAA, count: 64)
        let n = room.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        guard let n else { return nil }
        #expect(n >= 0 && n <= limit)
        #expect(room[n...].allSatisfy { $0 == 0xAA })
        return Array(room[..<n])
    }

    // MARK: - Fields

    @Test func fixedNumbersAreAppendFixedsBytes() {
        var values = ByteFormatTests.values
        values += [-0.004, -0.005, 0.005, 0.015, -0.015, 1.005, -2.675, 0.125, -0.125, 2.5, -0.5, 0.45, -0.45,
                   1e-300, -1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
                   -.greatestFiniteMagnitude, 8_999_999_999_999_999, 9e15, -9e15, 89_999_999.994, 89_999_999.995,
                   123_456_789.123_456_78, 1e20, -1e20, 4_503_599_627_370_496.5, 12.345_678_95, -12.345_678_95]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            // A cheap reproducible generator: values across magnitudes, signs and halves.
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            let mantissa = Double(x % 1_000_000) / 8, exponent = Int(x >> 40 % 24) - 12
            var v = mantissa
            for _ in 0..<abs(exponent) { v = exponent < 0 ? v / 10 : v * 10 }
            values.append(x & 1 == 0 ? v : -v)
        }
        for v in values {
            for d in [-3, -1, 0, 1, 2, 3, 4, 8, 9, 20] {
                // NumberFormat.fixed builds its string on its own (appendFixed is now writeFixed appended).
                let expected = Array(NumberFormat.fixed(v, d).utf8)
                if let got = Self.written(limit: ByteFormat.maximumFixedBytes, { ByteFormat.writeFixed(v, d, to: $0) }) {
                    #expect(got == expected, "fixed \(v) \(d)")
                } else {
                    // Too large for whole digits: the caller writes String(value), as NumberFormat.fixed does.
                    #expect(Array(String(v).utf8) == expected, "fixed \(v) \(d) (too large)")
                }
            }
        }
        #expect(Self.written(limit: ByteFormat.maximumFixedBytes) { ByteFormat.writeFixed(-0.0, 2, to: $0) } == Array("0.00".utf8))
        #expect(Self.written(limit: ByteFormat.maximumFixedBytes) { ByteFormat.writeFixed(-0.004, 2, to: $0) } == Array("0.00".utf8))
        #expect(Self.written(limit: ByteFormat.maximumFixedBytes) { ByteFormat.writeFixed(-0.005, 2, to: $0) } == Array("-0.01".utf8))
        #expect(Self.written(limit: ByteFormat.maximumFixedBytes) { ByteFormat.writeFixed(.nan, 2, to: $0) } == [])
        #expect(Self.written(limit: ByteFormat.maximumFixedBytes) { ByteFormat.writeFixed(1e20, 2, to: $0) } == nil)
    }

    @Test func textFieldsAreCSVWritersBytes() {
        var texts = StreamedJSONReportTests.hostileNames
        texts += ["", "a", "a,b", "\"", "\"\"", "a\"b", " lead", "trail ", "\tlead", "trail\t", " ", "\t", "in side",
                  "line\nbreak", "cr\rhere", "\r\n", ",", "Partner 1, CIC", "日本, 健康", "x\u{0}y", "\u{FEFF}bom"]
        texts.append(String(repeating: "\"", count: 5_000))
        texts.append(String(repeating: "ab,\"cd ", count: 1_000))
        for t in texts {
            var w = CSVWriter()
            w.field(t)
            var t2 = t
            let got: [UInt8] = t2.withUTF8 { buf in
                [UInt8](unsafeUninitializedCapacity: 2 * buf.count + 2) { room, n in
                    n = CSVReportRows.writeText(buf, to: room.baseAddress!)
                }
            }
            #expect(got == w.bytes, "text \(t.debugDescription)")
            #expect(got.count <= CSVReportRows.textRoom(t))
        }
    }

    @Test func periodsAndWholeNumbersAreCSVWritersBytes() {
        let periods = [Period(year: 1, month: 1), Period(year: 2024, month: 12), Period(year: 9999, month: 12, day: 31),
                       Period(year: 2024, month: 2, day: 29), Period(year: 987, month: 7, day: 4)].compactMap { $0 }
        #expect(periods.count == 5)
        for p in periods {
            var w = CSVWriter()
            w.field(p)
            #expect(Self.written(limit: ByteFormat.maximumPeriodBytes) { ByteFormat.writePeriod(p, to: $0) } == w.bytes, "\(p)")
        }
        for v in [0, 1, -1, 9, 10, -10, 1712, Int.max, Int.min, Int.min + 1] {
            var w = CSVWriter()
            w.field(v)
            #expect(Self.written(limit: ByteFormat.maximumIntegerBytes) { ByteFormat.writeInteger(v, to: $0) } == w.bytes, "\(v)")
        }
    }

    // MARK: - Rows

    @Test func sampleDataRows() {
        let report = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source))
        #expect(!report.table.rows.isEmpty)
        Self.expectSameBytes(report.csvBytes(), Self.referenceCSV(report), "sample")
    }

    @Test(arguments: [true, false])
    func hostileDataRows(_ comparator: Bool) {
        let report = Report(dataset: StreamedJSONReportTests.hostileDataset(seriesCount: 3_000, comparator: comparator))
        let expected = Self.referenceCSV(report)
        Self.expectSameBytes(report.csvBytes(), expected, "hostile, comparator \(comparator)")
        let streamed = StreamedCSVTests.Pieces()
        Report.writeCSV(dataset: report.dataset) { streamed.list.append($0) }
        Self.expectSameBytes(streamed.list.flatMap { $0 }, expected, "hostile streamed, comparator \(comparator)")
        // The hostile cases are really in the rows: quoted fields with doubled quotes and line breaks.
        let csv = String(decoding: expected, as: UTF8.self)
        #expect(csv.contains("\"Say \"\"hi\"\" ward"))
        #expect(csv.contains("Line\nfeed"))
    }

    /// Names far longer than a block's room per row (the block is written on in the writer's own memory),
    /// the same partner on consecutive rows, spaces at the ends, and
    /// published changes too large for whole digits (written as `String(value)`).
    @Test func longNamesAndLargeNumbers() {
        var uptake = "partner,proxy_population,period,eligible,screened,programme\n"
        var partners = "partner,residents_reached,reported_change_pct\n"
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let long = String(repeating: "\"Long\", name ", count: 400)
        for s in 0..<300 {
            let partner: String
            switch s % 10 {
            case 0, 1, 2: partner = "\(long)\(s / 10)"                 // three rows of one long partner
            case 3: partner = "Solo \(s) \"q\""                         // one series: its figures are attributed
            case 4: partner = " Spaced \(s / 50) "
            default: partner = "P\(s / 50), CIC"
            }
            let proxy = s % 7 == 0 ? String(repeating: "ward, \"x\" ", count: 300) + "\(s)" : "Ward \(s)"
            uptake += "\(quoted(partner)),\(quoted(proxy)),2023-03,\(500 + s),\(100 + s),breast\n"
            uptake += "\(quoted(partner)),\(quoted(proxy)),2024-03,\(510 + s),\(120 + s),breast\n"
            if s % 10 == 3 {
                let change = ["123456789012345678901", "-98765432109876543210.5", "12.5", "9000000000000000"][(s / 10) % 4]
                partners += "\(quoted(partner)),\(50 + s),\(change)\n"
            }
        }
        let dataset = DatasetLoader.load(from: InMemorySource(origin: "test", files: ["uptake.csv": uptake, "partners.csv": partners]))
        let report = Report(dataset: dataset)
        #expect(report.table.rows.count == 300)
        let expected = Self.referenceCSV(report)
        Self.expectSameBytes(report.csvBytes(), expected, "long names")
        let block = CSVReportRows.block(0..<report.table.rows.count) { report.table.rows[$0] }
        Self.expectSameBytes(block, Array(expected[(expected.firstIndex(of: 10)! + 1)...]), "long names, one block")
        let streamed = StreamedCSVTests.Pieces()
        Report.writeCSV(dataset: dataset) { streamed.list.append($0) }
        Self.expectSameBytes(streamed.list.flatMap { $0 }, expected, "long names streamed")
        // The too-large published changes reached the rows (written as Swift writes the number).
        let csv = String(decoding: expected, as: UTF8.self)
        #expect(csv.contains("e+20"))
    }
}
