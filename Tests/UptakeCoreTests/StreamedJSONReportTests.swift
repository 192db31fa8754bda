import Foundation
import Testing
@testable import UptakeCore

/// The JSON report's series are written by `JSONSeriesWriter` in blocks on two threads (issue 11):
/// every byte must be what writing them through `JSONWriter` made (`Report.referenceJSON`), on the
/// sample data and on hostile data: quotes, backslashes, control characters, DEL, C1 controls,
/// line separators and other Unicode in every string, missing values, one-row series, series with
/// and without a trend, a comparator made and one unavailable, published changes checked.
@Suite struct StreamedJSONReportTests {
    /// The streamed report and its pieces.
    /// Every caller also checks `uptake report --format json`'s way, `Report.writeJSON(dataset:)`: the headline
    /// counted without summaries and each block's summaries made as it is written give the same bytes.
    static func streamed(_ report: Report) -> (pieces: [[UInt8]], bytes: [UInt8]) {
        let pieces = StreamedTextReportTests.Pieces()
        report.writeJSON { pieces.list.append($0) }
        let bytes = pieces.list.flatMap { $0 }
        let fromDataset = StreamedTextReportTests.Pieces()
        Report.writeJSON(dataset: report.dataset) { fromDataset.list.append($0) }
        expectSameBytes(fromDataset.list.flatMap { $0 }, bytes, "summaries made block by block from the dataset")
        return (pieces.list, bytes)
    }

    /// The headline's counts made from each series' two ends, without a summary, are the summaries' counts,
    /// comparators left out, on data with every case: no interval (eligible 0), one-row series, rises, falls.
    @Test(arguments: [true, false])
    func headlineCountsWithoutSummariesAreTheSummariesCounts(_ comparator: Bool) {
        let hostile = Self.hostileDataset(comparator: comparator)
        // 9,000 series: counted in two halves on two threads.
        for dataset in [hostile, StreamedTextReportTests.dataset(seriesCount: 9_000), DatasetLoader.load(from: EmbeddedSampleData.source)] {
            let table = UptakeTable(dataset: dataset), counts = UptakeTable.Plan(dataset: dataset).counts()
            #expect(counts == table.counts)
            #expect(counts.improved > 0)
            // Both against the rows counted one by one on this thread.
            var oneByOne = UptakeTable.Counts()
            for r in table.rows where !r.isComparator { oneByOne.add(direction: r.direction, interval: r.changeInterval) }
            #expect(table.counts == oneByOne)
        }
        // The comparison means something only if the hostile data has every case.
        let counts = UptakeTable.Plan(dataset: hostile).counts()
        #expect(counts.worse > 0 && counts.significant > 0 && counts.significant < counts.intervals)
        #expect(counts.intervals < counts.series)                                  // series without an interval
        #expect(counts.series == hostile.series.count - (comparator ? 1 : 0))       // the comparator left out
    }

    /// Fails with the first line that differs, so a drift is readable.
    static func expectSameBytes(_ got: [UInt8], _ expected: [UInt8], _ what: String) {
        #expect(got == expected, "\(what): \(got.count) bytes, expected \(expected.count)")
        guard got != expected else { return }
        let a = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if let i = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(what): first difference on line \(i + 1):\n\(a[i])\n\(b[i])")
        }
    }

    /// Names and texts that each need a different escape, and plain ones between them.
    static let hostileNames = [
        "Plain Partner", "Say \"hi\"", "back\\slash", "Tab\there", "Line\nfeed", "Carriage\rreturn", "Bell\u{07}and\u{01}",
        "Unit\u{1F}separator", "DEL\u{7F}here", "C1\u{0085}control", "C1 last\u{009F}", "Line\u{2028}separator",
        "Para\u{2029}separator", "Esc\u{1B}[2J here", "bidi \u{202E}evil", "Ünïcode 健康", "👩‍⚕️ Nurses", "Café £5 — ok",
        "\u{A0}no-break and \u{A9}", "",
    ]

    /// A dataset with every value the series writer has a path for.
    ///
    /// Series of one row, two rows and six annual rows (so a trend is tested); eligible 0 (no uptake,
    /// no interval), uptake given as a percentage at 0-2 decimals or as exact counts, screened
    /// missing; partners with one series and a published change (checked: exact, within rounding,
    /// inconsistent, undefined from a start of 0%) and partners with several; a comparator that
    /// applies, one whose dates do not match (unavailable), and series in no programme.
    static func hostileDataset(seriesCount: Int = 120, comparator: Bool = true) -> Dataset {
        var uptake = "partner,proxy_population,period,eligible,uptake_pct,screened,programme,source\n"
        var partners = "partner,residents_reached,reported_change_pct\n"
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let names = hostileNames
        let annual = ["2019-03", "2020-03", "2021-03", "2022-03", "2023-03", "2024-03"]
        var shared = Set<String>()
        for s in 0..<seriesCount {
            let own = s % 4 == 0
            let partner = own ? "Solo \(s) " + names[s % names.count] : "Shared " + names[(s / 3) % names.count]
            let proxy = names[(s + 5) % names.count] + " ward \(s)"
            let programme = ["breast", "cervical", "bowel", ""][s % 4]
            let source = s % 6 == 0 ? "" : quoted("Source \"\(s)\" " + names[(s + 2) % names.count])
            let periods: [String]
            switch s % 5 {
            case 0: periods = ["2024-03"]                       // one row: no change, no trend
            case 1: periods = ["2023-03", "2024-03"]
            case 2: periods = ["2023-01", "2023-07", "2024-02-15"]
            default: periods = annual                           // a trend is tested
            }
            for (k, period) in periods.enumerated() {
                let eligible = s % 9 == 0 && k == 0 ? 0 : 200 + (s * 37 + k * 11) % 900
                let screened = eligible * (20 + (s * 7 + k * 13) % 70) / 100
                let pct: String
                switch (s + k) % 4 {
                case 0: pct = ""                                // exact counts only
                case 1: pct = eligible == 0 ? "" : String(format: "%.0f", Double(screened) * 100 / Double(eligible))
                case 2: pct = eligible == 0 ? "" : String(format: "%.1f", Double(screened) * 100 / Double(eligible))
                default: pct = eligible == 0 ? "" : String(format: "%.2f", Double(screened) * 100 / Double(eligible))
                }
                let screenedField = pct.isEmpty || s % 3 != 0 ? String(screened) : ""
                uptake += "\(quoted(partner)),\(quoted(proxy)),\(period),\(eligible),\(pct),\(screenedField),\(programme),\(source)\n"
            }
            if own {
                let change = ["12.5", "-3.25", "0", "40"][(s / 4) % 4]
                partners += "\(quoted(partner)),\(50 + s % 400),\(change)\n"
            } else if shared.insert(partner).inserted {
                partners += "\(quoted(partner)),,\n"
            }
        }
        for (k, period) in annual.enumerated() {
            uptake += "\(quoted("Area \"all\"")),All eligible residents,\(period),100000,\(55 + k).5,,,\n"
        }
        var toml = "title = \"JSON \\\"hostile\\\" \\\\ test\\u0001\"\narea = \"Área 健康\\u2028line\"\n"
        toml += "note = \"A note with \\\"quotes\\\" and \\u001B escape\"\n"
        toml += "\n[benchmarks.breast]\nacceptable = 70.0\nachievable = 80.0\n\n[benchmarks.bowel]\nacceptable = 62.0\n"
        toml += "\n[periods]\n\"2023-03\" = \"Mar 2023 \\\"mid\\\" \\\\ \\u0085\"\n\"2024-03\" = \"Lätest — \\u2029 label\"\n"
        if comparator {
            toml += "\n[[comparators]]\npartner = \"Area \\\"all\\\"\"\nproxy_population = \"All eligible residents\"\nlabel = \"the \\\"area\\\" \\u0007 all\"\n"
        }
        let source = InMemorySource(origin: "json \"hostile\"\ttest", files: ["uptake.csv": uptake, "partners.csv": partners, "dataset.toml": toml])
        return DatasetLoader.load(from: source)
    }

    @Test func sampleDataGivesTheWriterBuiltBytes() {
        let report = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source))
        #expect(!report.table.rows.isEmpty)
        let reference = report.referenceJSON()
        Self.expectSameBytes(Self.streamed(report).bytes, reference, "sample data")
        #expect(Array(report.json().utf8) == reference)
    }

    @Test(arguments: [true, false])
    func hostileDataGivesTheWriterBuiltBytes(_ comparator: Bool) throws {
        let report = Report(dataset: Self.hostileDataset(comparator: comparator))
        #expect(report.table.rows.count == 121)
        let reference = report.referenceJSON()
        let got = Self.streamed(report).bytes
        Self.expectSameBytes(got, reference, "hostile, comparator \(comparator)")
        #expect(Array(report.json().utf8) == reference)
        #expect(try JSONSerialization.jsonObject(with: Data(got)) is [String: Any])
    }

    /// The comparison above means something only if the hostile cases are really in the report.
    @Test func theHostileReportHasEveryCase() throws {
        let report = Report(dataset: Self.hostileDataset())
        let text = String(decoding: report.referenceJSON(), as: UTF8.self)
        for escaped in ["Say \\\"hi\\\"", "back\\\\slash", "Tab\\there", "Line\\nfeed", "Carriage\\rreturn", "Bell\\u0007and\\u0001",
                        "Unit\\u001fseparator", "DEL\\u007fhere", "C1\\u0085control", "C1 last\\u009f", "Line\\u2028separator",
                        "Para\\u2029separator", "Esc\\u001b[2J", "Ünïcode 健康", "👩‍⚕️ Nurses", "Mar 2023 \\\"mid\\\" \\\\ \\u0085"] {
            #expect(text.contains(escaped), "no \(escaped)")
        }
        #expect(!text.contains("nan") && !text.contains("inf\"") && !text.contains("Infinity"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let series = try #require(object["series"] as? [[String: Any]])
        func count(_ test: ([String: Any]) -> Bool) -> Int { series.filter(test).count }
        #expect(count { ($0["periods"] as? [Any])?.count == 1 } > 0)                     // one-row series
        #expect(count { $0["change_pp"] is NSNull } > 0)                                  // undefined values are null
        #expect(count { (($0["periods"] as? [[String: Any]]) ?? []).contains { $0["uptake_pct"] is NSNull } } > 0)
        #expect(count { (($0["trend"] as? [String: Any])?["periods"] as? [Any])?.count == 5 } > 0)
        #expect(count { (($0["trend"] as? [String: Any])?["periods"] as? [Any])?.isEmpty == true } > 0)
        #expect(count { ($0["comparison"] as? [String: Any])?["did_pp"] != nil } > 0)
        #expect(count { ($0["comparison"] as? [String: Any])?["unavailable"] != nil } > 0)
        #expect(count { $0["comparison"] is NSNull } > 0)
        #expect(count { $0["reported_check"] is [String: Any] } > 0)
        #expect(count { $0["source"] is NSNull } > 0)
        #expect(count { $0["gap_to_acceptable_pp"] is NSNumber } > 0)
        #expect(count { (($0["periods"] as? [[String: Any]]) ?? []).contains { $0["exact"] as? Bool == false } } > 0)
        #expect(count { (($0["periods"] as? [[String: Any]]) ?? []).contains { $0["exact"] as? Bool == true } } > 0)
    }

    /// Above the two-thread threshold: the blocks of both threads arrive once each, in order.
    @Test func manySeriesOnTwoThreadsGiveTheWriterBuiltBytes() throws {
        let report = Report(dataset: Self.hostileDataset(seriesCount: 3_000))
        #expect(report.table.rows.count > 4 * Report.jsonBlockSeries)
        let (pieces, bytes) = Self.streamed(report)
        #expect(pieces.count > 8)
        Self.expectSameBytes(bytes, report.referenceJSON(), "3,000 hostile series")
        let plain = Report(dataset: StreamedTextReportTests.dataset(seriesCount: 9_000))
        Self.expectSameBytes(Self.streamed(plain).bytes, plain.referenceJSON(), "9,000 series")
    }

    /// Names, labels and sources far longer than a block's room is made for: the writer moves to
    /// memory of its own part-way through a block and the bytes are still the writer-built ones.
    @Test func blocksThatOutgrowTheirRoomGiveTheWriterBuiltBytes() throws {
        let long = String(repeating: "Long \"label\" é\u{01} ", count: 300)
        var uptake = "partner,proxy_population,period,eligible,uptake_pct,source\n"
        for s in 0..<600 {
            for (k, period) in ["2022-03", "2023-03", "2024-03"].enumerated() {
                uptake += "\"P\(s) \(long.replacingOccurrences(of: "\"", with: "\"\""))\",Ward \(s),\(period),\(500 + s + k),\(40 + k).5,\"\(s % 2 == 0 ? long.replacingOccurrences(of: "\"", with: "\"\"") : "")\"\n"
            }
        }
        let toml = "title = \"Long\"\n\n[periods]\n\"2023-03\" = \"\(String(repeating: "Mar 2023 \\\"mid\\\" ", count: 200))\"\n"
        let source = InMemorySource(origin: "long", files: ["uptake.csv": uptake, "partners.csv": "partner\n", "dataset.toml": toml])
        let report = Report(dataset: DatasetLoader.load(from: source))
        #expect(report.table.rows.count == 600)
        let (pieces, bytes) = Self.streamed(report)
        #expect(pieces.count > 2)
        #expect(bytes.count > 600 * 3 * 640 + 600 * 3_072)    // more than the room made for the blocks
        Self.expectSameBytes(bytes, report.referenceJSON(), "600 series with long names")
    }

    /// No series at all: the series array is empty, `[]`, as the writer made it.
    @Test func noSeriesGivesTheWriterBuiltBytes() {
        let source = InMemorySource(origin: "empty", files: ["uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n",
                                                             "partners.csv": "partner\n"])
        let report = Report(dataset: DatasetLoader.load(from: source))
        #expect(report.table.rows.isEmpty)
        let got = Self.streamed(report).bytes
        Self.expectSameBytes(got, report.referenceJSON(), "no series")
        #expect(String(decoding: got, as: UTF8.self).contains("\"series\": [],"))
    }

    /// The byte functions the series writer shares with `JSONWriter` write what the writer's
    /// number, integer, boolean and string methods always wrote (trimmed numbers, `null`, escapes).
    @Test func sharedValueFunctionsMatchTheTrimmedNumbers() {
        let values: [Double?] = [nil, 0, -0.0, 1, -1, 0.5, -0.5, 12.34567, 99.99995, -99.99995, 1e-9, -1e-9, 0.00005, -0.00005,
                                 123_456_789.123_4, 1e16, -1e20, .nan, .infinity, -.infinity, 2.5e-5, 70, 100, 33.3333333]
        for v in values {
            for d in [0, 1, 2, 4, 6] {
                var b: [UInt8] = []
                JSONWriter.appendNumber(v, decimals: d, to: &b)
                let got = String(decoding: b, as: UTF8.self)
                guard let v, v.isFinite else {
                    #expect(got == "null")
                    continue
                }
                var expected = NumberFormat.fixed(v, d)
                if expected.contains(".") {
                    while expected.hasSuffix("0") { expected.removeLast() }
                    if expected.hasSuffix(".") { expected.removeLast() }
                }
                if expected == "-0" { expected = "0" }
                #expect(got == expected, "\(v) at \(d) decimals")
                #expect(!got.contains("nan") && !got.contains("inf"))
            }
        }
        var b: [UInt8] = []
        JSONWriter.appendInteger(nil, to: &b)
        JSONWriter.appendBool(nil, to: &b)
        JSONWriter.appendQuoted(nil, to: &b)
        JSONWriter.appendBool(true, to: &b)
        JSONWriter.appendBool(false, to: &b)
        JSONWriter.appendInteger(-1712, to: &b)
        JSONWriter.appendQuoted("a\"b\\c\u{01}\u{7F}\u{85}\u{2028}é", to: &b)
        #expect(String(decoding: b, as: UTF8.self) == "nullnullnulltruefalse-1712\"a\\\"b\\\\c\\u0001\\u007f\\u0085\\u2028é\"")
    }

    /// The sixteen-bytes-at-a-time test for bytes that may need escaping says what a byte-by-byte test says,
    /// wherever in a string the byte is (in a first, later or last overlapping vector, or the short tail of none)
    /// and whatever bytes surround it.
    @Test func escapeScanMatchesTheByteRule() {
        func rule(_ bytes: [UInt8]) -> Bool {
            bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
        }
        let fillers: [UInt8] = [0x20, 0x41, 0x7E, 0x80, 0xA9, 0xC3, 0xE1, 0xE3, 0xFF, 0x21, 0x23, 0x5B, 0x5D]
        var cases = 0
        for length in 0...49 {
            for filler in fillers {
                let plain = [UInt8](repeating: filler, count: length)
                #expect(plain.withUnsafeBufferPointer { JSONWriter.mayNeedEscaping($0) } == rule(plain))
                for position in 0..<length {
                    for special: UInt8 in [0x00, 0x01, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0x80, 0xC2, 0xE2, 0x21, 0x5D, 0xC1, 0xE1] {
                        var b = plain
                        b[position] = special
                        let got = b.withUnsafeBufferPointer { JSONWriter.mayNeedEscaping($0) }
                        #expect(got == rule(b), "\(b)")
                        cases += 1
                    }
                }
            }
        }
        #expect(cases > 200_000)
    }
}
