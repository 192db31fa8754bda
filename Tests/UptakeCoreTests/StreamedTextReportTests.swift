import Foundation
import Testing
@testable import UptakeCore

/// The text, Markdown and JSON reports are streamed and built in bytes on two threads (issue 11):
/// every byte must be what the string-built reports made (`Report.referenceText`), for names
/// that take the fast ASCII path and for every kind that must not: wide characters, combining
/// marks, controls, bidi controls, a prepended concatenation mark, Markdown punctuation,
/// names and labels too wide for a text cell.
@Suite struct StreamedTextReportTests {
    /// Names that each leave the fast path a different way, and plain ones between them.
    static let hostileNames = [
        "Plain Partner", "Ünïcode 健康", "\u{0301}Starts with a combining mark", "Ends with a prepend mark \u{0600}",
        "Tab\there", "Esc\u{1B}[2J here", "bidi \u{202E}evil", "C1\u{0085}control",
        "A|B *bold* _x_ [l](u) <h> `c` ~s~ \\ back", String(repeating: "Long name ", count: 15),
        String(repeating: "健", count: 60), "👩‍⚕️ Nurses", "  Spaced  ", "Café", "Line\u{2028}separator", "Arabic \u{061C}mark",
        "Exactly ascii, with a comma",
        // Printable ASCII longer than a fast row's first room (4 KB): in Markdown the row's room is made larger.
        String(repeating: "Very long ASCII name ", count: 150),
    ]

    /// A dataset of `seriesCount` series over three periods (one labelled with an em dash, one with
    /// a long non-ASCII label), names drawn from ``hostileNames``, a comparator, and partners
    /// with one series and a published change (so the reported column and its check lines show).
    static func dataset(seriesCount: Int, labels: Bool = true, comparator: Bool = true) -> Dataset {
        var uptake = "partner,proxy_population,period,eligible,uptake_pct,screened,programme\n"
        var partners = "partner,residents_reached,reported_change_pct\n"
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let names = hostileNames
        for s in 0..<seriesCount {
            // Every fifth series has a partner of its own (so reach and the published change are shown).
            let own = s % 5 == 0
            let partner = own ? "Solo \(s) " + names[s % names.count] : names[(s / 3) % names.count]
            let proxy = s % 7 == 0 ? names[(s + 3) % names.count] + " \(s)" : "Ward \(s)"
            let programme = ["breast", "cervical", "bowel", ""][s % 4]
            for (k, period) in ["2022-03", "2023-03", "2024-03"].enumerated() where !(s % 11 == 0 && k == 2) {
                let eligible = s % 13 == 0 && k == 0 ? 0 : 100 + (s * 37 + k * 11) % 900
                let screened = eligible * (30 + (s + k * 7) % 50) / 100
                let pct = eligible == 0 ? "" : String(Double(screened * 1000 / max(eligible, 1)) / 10)
                uptake += "\(quoted(partner)),\(quoted(proxy)),\(period),\(eligible),\(pct),\(s % 3 == 0 ? "" : String(screened)),\(programme)\n"
            }
            if own { partners += "\(quoted(partner)),\(50 + s % 400),\(s % 2 == 0 ? "12.5" : "-3.25")\n" }
        }
        var seen = Set<String>()
        for s in 0..<seriesCount where s % 5 != 0 {
            let p = names[(s / 3) % names.count]
            if seen.insert(p).inserted { partners += "\(quoted(p)),,\n" }
        }
        uptake += "Area,All eligible residents,2022-03,100000,55.0,55000,\nArea,All eligible residents,2023-03,100000,56.0,56000,\n"
        uptake += "Area,All eligible residents,2024-03,100000,57.5,57500,\n"
        var toml = "title = \"Hostile | *report* — test\"\narea = \"Área 健康\"\nnote = \"A note with `code` and \\u001B escape\"\n"
        toml += "\n[benchmarks.breast]\nacceptable = 70.0\nachievable = 80.0\n\n[benchmarks.bowel]\nacceptable = 62.0\n"
        if labels {
            toml += "\n[periods]\n\"2022-03\" = \"Mar 2022 — baseline\"\n\"2023-03\" = \"Mar 2023 *mid*\"\n"
            toml += "\"2024-03\" = \"\(String(repeating: "Lätest ", count: 16))\"\n"
        }
        if comparator {
            toml += "\n[[comparators]]\npartner = \"Area\"\nproxy_population = \"All eligible residents\"\nlabel = \"the area — all\"\n"
        }
        let source = InMemorySource(origin: "streamed text test", files: ["uptake.csv": uptake, "partners.csv": partners, "dataset.toml": toml])
        return DatasetLoader.load(from: source)
    }

    final class Pieces: @unchecked Sendable {
        var list: [[UInt8]] = []
    }

    /// The report's streamed text, and a check that `uptake report --format text`'s way, `Report.writeText(dataset:)`
    /// (each series summarised as its row is made, the headline counted from the plan), writes the same bytes.
    static func streamed(_ report: Report, markdown: Bool, ascii: Bool) -> (pieces: [[UInt8]], text: String) {
        let pieces = Pieces()
        report.writeText(markdown: markdown, ascii: ascii) { pieces.list.append($0) }
        let fromDataset = Pieces()
        Report.writeText(dataset: report.dataset, markdown: markdown, ascii: ascii) { fromDataset.list.append($0) }
        let bytes = pieces.list.flatMap { $0 }
        #expect(fromDataset.list.flatMap { $0 } == bytes, "Report.writeText(dataset:) differs, markdown \(markdown), ascii \(ascii)")
        return (pieces.list, String(decoding: bytes, as: UTF8.self))
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func hostileNamesGiveTheStringBuiltBytes(_ markdown: Bool, _ ascii: Bool) {
        for (labels, comparator) in [(true, true), (false, false)] {
            let report = Report(dataset: Self.dataset(seriesCount: 300, labels: labels, comparator: comparator))
            #expect(report.table.rows.count == 301)
            let expected = report.referenceText(markdown: markdown, ascii: ascii)
            let got = Self.streamed(report, markdown: markdown, ascii: ascii).text
            #expect(got == expected, "markdown \(markdown), ascii \(ascii), labels \(labels)")
            #expect(report.render(markdown ? .markdown : .text, ascii: ascii) == expected)
            if got != expected {
                let a = got.split(separator: "\n", omittingEmptySubsequences: false)
                let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
                if let i = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                    Issue.record("first difference on line \(i + 1):\n\(a[i])\n\(b[i])")
                }
            }
        }
    }

    /// Above the two-thread threshold: blocks from both threads arrive once each, in order, on line ends.
    @Test(arguments: [false, true])
    func manySeriesOnTwoThreadsGiveTheStringBuiltBytes(_ markdown: Bool) {
        let report = Report(dataset: Self.dataset(seriesCount: 9_000))
        #expect(report.table.rows.count >= UptakeTextTable.minimumRowsForThreads)
        let (pieces, text) = Self.streamed(report, markdown: markdown, ascii: false)
        #expect(pieces.count > 8)
        for piece in pieces where !piece.isEmpty { #expect(piece.last == 10) }
        #expect(text == report.referenceText(markdown: markdown, ascii: false))
    }

    /// A cell of 65,535 bytes or columns or more (a name Markdown does not cut) has its size kept apart from the
    /// block's 16-bit sizes: the same bytes, on the fast path (a long ASCII name) and the general one (a wide name).
    @Test(arguments: [false, true])
    func cellsTooLongForSixteenBitsGiveTheStringBuiltBytes(_ markdown: Bool) {
        let long = String(repeating: "Long ascii name ", count: 4_500)   // 72,000 bytes
        let wide = String(repeating: "健", count: 40_000)                  // 120,000 bytes, 80,000 columns
        let uptake = "partner,proxy_population,period,eligible,uptake_pct\n\"\(long)\",Ward 1,2023-01,100,50.0\n"
            + "\"\(long)\",Ward 1,2024-01,100,55.0\n\(wide),Ward 2,2023-01,200,40.0\nShort,\(long),2023-01,300,30.0\n"
        let partners = "partner\n\"\(long)\"\n\(wide)\nShort\n"
        let report = Report(dataset: DatasetLoader.load(from: InMemorySource(origin: "long cells",
                                                                             files: ["uptake.csv": uptake, "partners.csv": partners])))
        #expect(report.table.rows.count == 3)
        let text = Self.streamed(report, markdown: markdown, ascii: false).text
        #expect(text == report.referenceText(markdown: markdown, ascii: false))
        // Markdown's table holds both names whole (text cuts its cells to 100 columns).
        if markdown {
            let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
            #expect(rows.contains { $0.contains(long) } && rows.contains { $0.contains(wide) })
        }
    }

    @Test func theReferenceReallyHasTheHostileCases() {
        // The comparison above means something only if the slow paths are taken.
        let report = Report(dataset: Self.dataset(seriesCount: 300))
        let text = report.referenceText(markdown: false, ascii: false)
        #expect(text.contains("健康"))
        #expect(text.contains("…"))                 // a cell cut to 100 columns
        #expect(text.contains("\u{241B}[2J"))       // ESC shown as its picture
        #expect(text.contains("\u{FFFD}evil"))      // a bidi control replaced
        #expect(text.contains("—"))
        let md = report.referenceText(markdown: true, ascii: false)
        #expect(md.contains("A\\|B \\*bold\\* \\_x\\_ \\[l\\](u) \\<h\\> \\`c\\` \\~s\\~ \\\\ back"))
        let ascii = report.referenceText(markdown: false, ascii: true)
        #expect(ascii.utf8.allSatisfy { $0 < 0x80 })
        #expect(ascii.contains("~"))
    }

    @Test func jsonPiecesJoinToTheWholeReport() throws {
        let report = Report(dataset: Self.dataset(seriesCount: 9_000, labels: true))
        let pieces = Pieces()
        report.writeJSON { pieces.list.append($0) }
        #expect(pieces.list.count > 8)
        let joined = pieces.list.flatMap { $0 }
        let object = try JSONSerialization.jsonObject(with: Data(joined)) as? [String: Any]
        let series = try #require(object?["series"] as? [[String: Any]])
        #expect(series.count == report.table.rows.count)
        for (i, r) in report.table.rows.enumerated() where series[i]["partner"] as? String != r.series.partner {
            Issue.record("series \(i) is \(series[i]["partner"] ?? "nil"), expected \(r.series.partner)")
            break
        }
        let periods = try #require(series[1]["periods"] as? [[String: Any]])
        #expect(periods.first?["label"] as? String == "Mar 2022 — baseline")
    }

    @Test func sanitizingBytesMatchesSanitizingTheString() {
        let samples = ["plain\n", "a\u{1B}[2J\r\n\u{2028}b", "\u{0085}\u{061C}\u{202A}\u{2066}\u{200E}\u{2029}\u{7F}\t",
                       "— – … ≥ → 健康 é \u{2030}\u{2020}\u{2069}\u{206A}", "\u{00A0}\u{00C2}\u{0600}\u{0620}", "",
                       "end with a lead \u{00E2}"]
        for s in samples {
            #expect(TerminalText.sanitizeDocument(bytes: Array(s.utf8)) == Array(TerminalText.sanitizeDocument(s).utf8), "\(s.debugDescription)")
        }
        for name in Self.hostileNames {
            #expect(TerminalText.sanitizeDocument(bytes: Array(name.utf8)) == Array(TerminalText.sanitizeDocument(name).utf8))
        }
        // Documents of up to 300 bytes made of pieces, so that safe and unsafe scalars fall at every place of the
        // sixteen- and eight-byte steps (a lead byte at a step's end, its continuation in the next).
        let pieces = ["a", "report line ", "\n", "|", "—", "–", "健", "é", "\u{1B}", "\r", "\t", "\u{7F}", "\u{85}", "\u{A0}",
                      "\u{61C}", "\u{600}", "\u{202E}", "\u{2066}", "\u{2028}", "\u{2029}", "\u{2030}", "\u{200E}", "1234567"]
        var rng = SplitMix64(seed: 20261130)
        for _ in 0..<2_000 {
            var doc = ""
            while doc.utf8.count < Int(rng.next() % 300) { doc += pieces[Int(rng.next() % UInt64(pieces.count))] }
            #expect(TerminalText.sanitizeDocument(bytes: Array(doc.utf8)) == Array(TerminalText.sanitizeDocument(doc).utf8), "\(doc.debugDescription)")
        }
    }
}

/// ``ByteFormat`` writes exactly ``NumberFormat``'s text.
@Suite struct ByteFormatTests {
    static let values: [Double] = [0, -0.0, 0.04, 0.05, -0.05, -0.04, 1.25, -1.25, 2.675, 99.95, -99.95, 1e15, 8.9e15, 9.1e15, -9.1e15, 123456.789,
                                   .nan, .infinity, -.infinity, 1e-9, -1e-9, 0.5, 1.5, -2.5, 70, 1_000_000.5]

    @Test func fixedAndSignedMatchNumberFormat() {
        // And random values either side of zero at every scale the reports write (changes, gaps, intervals).
        var rng = SplitMix64(seed: 20261201)
        var values = Self.values
        for _ in 0..<5_000 {
            let magnitude = Double(rng.next() % 1_000_000_000) / 1e9 * pow(10, Double(Int(rng.next() % 8) - 3))
            values.append(rng.next() % 2 == 0 ? magnitude : -magnitude)
        }
        for v in values {
            for d in [-1, 0, 1, 2, 4, 8, 9] {
                var fixed: [UInt8] = []
                ByteFormat.appendFixed(v, d, to: &fixed)
                #expect(String(decoding: fixed, as: UTF8.self) == NumberFormat.fixed(v, d), "fixed \(v) \(d)")
                var signed: [UInt8] = [UInt8(ascii: "x")]
                ByteFormat.appendSigned(v, d, to: &signed)
                #expect(String(decoding: signed, as: UTF8.self) == "x" + NumberFormat.signed(v, d), "signed \(v) \(d)")
            }
        }
    }

    /// The rounding of the byte writers (whole part by conversion, up by one from a half) is `round`'s exactly:
    /// on halves, on the values either side of them, near 9e15 and on random values at every scale.
    @Test func scaledRoundingIsRoundHalfAwayFromZero() {
        var values: [Double] = [0, 0.5, 1.5, 2.5, 0.49999999999999994, 0.5000000000000001, 4503599627370495.5,
                                8.999999999999999e15, 8_999_999_999_999_999.5, 9e15, 9.000000000000002e15]
        for k in 0..<2000 {
            let half = Double(k) + 0.5
            values += [half, half.nextUp, half.nextDown]
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            values.append(Double.random(in: 0..<1, using: &rng) * pow(10, Double(Int.random(in: -6...16, using: &rng))))
        }
        var wrong: [String] = []
        for v in values {
            for d in [0, 1, 2, 4, 8] {
                let scale = pow(10.0, Double(d)), expected = (v * scale).rounded(.toNearestOrAwayFromZero)
                let got = ByteFormat.scaledForFixed(v, d)
                let matches = expected < 9e15 ? got?.n == UInt64(expected) : got == nil
                if !matches { wrong.append("\(v) \(d)") }
                if let g = ByteFormat.scaledForFixed(-v, d), g.n != got?.n || g.minus != (g.n != 0) { wrong.append("-\(v) \(d)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    /// The JSON report's four-decimal numbers below 1,000 take their own writer: it writes the general writer's
    /// bytes for every fraction (with wholes of one, two and three digits), both signs and random values, and the
    /// numbers it writes for values read as the report reads them are the trimmed fixed format's.
    @Test func fourDecimalsMatchTheGeneralWriter() {
        var scaled: [UInt64] = []
        for whole: UInt64 in [0, 7, 10, 99, 100, 999] { for f: UInt64 in 0..<10_000 { scaled.append(whole * 10_000 + f) } }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<100_000 { scaled.append(UInt64.random(in: 0..<10_000_000, using: &rng)) }
        scaled.append(9_999_999)
        var wrong: [String] = []
        var fast = [UInt8](repeating: 0, count: 32), general = [UInt8](repeating: 0, count: 32)
        for n in scaled {
            for minus in n == 0 ? [false] : [false, true] {
                let a = fast.withUnsafeMutableBufferPointer { ByteFormat.writeFourDecimalsTrimmed(n, minus: minus, to: $0.baseAddress!) }
                let b = general.withUnsafeMutableBufferPointer {
                    ByteFormat.writeScaled(n, decimals: 4, minus: minus, trimmed: true, to: $0.baseAddress!)
                }
                if a != b || fast[..<a] != general[..<b] { wrong.append("\(minus ? "-" : "")\(n)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        // Through `writeNumber` (which picks the writer), against the trimmed fixed format.
        var values: [Double] = [0.00005, -0.00005, 0.00004, 999.99994, 999.99995, -999.99995, 1000, 99.99995, 12.5, 0.1, 100]
        for _ in 0..<20_000 { values.append(Double.random(in: -1_000..<1_000, using: &rng)) }
        for v in values {
            var b: [UInt8] = []
            JSONWriter.appendNumber(v, decimals: 4, to: &b)
            var expected = NumberFormat.fixed(v, 4)
            while expected.hasSuffix("0") { expected.removeLast() }
            if expected.hasSuffix(".") { expected.removeLast() }
            if expected == "-0" { expected = "0" }
            if String(decoding: b, as: UTF8.self) != expected { wrong.append("\(v)") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    /// The byte sentence (written through a pointer) and the `String` sink write the same text for every piece.
    @Test func byteSentenceMatchesTheStringSink() {
        let labels = DatasetMetadata()
        var bytes = ByteSentence()
        var text = ""
        func both(_ write: (inout ByteSentence) -> Void, _ writeText: (inout String) -> Void) {
            write(&bytes)
            writeText(&text)
        }
        for v in Self.values {
            for d in [0, 1, 2, 8] {
                both({ $0.fixed(v, d) }, { $0.fixed(v, d) })
                both({ $0.text(" ") }, { $0.text(" ") })
                both({ $0.signed(v, d) }, { $0.signed(v, d) })
                both({ $0.text("; ") }, { $0.text("; ") })
                both({ $0.word(" points against ") }, { $0.word(" points against ") })
                both({ $0.word(".") }, { $0.word(".") })
            }
        }
        for v in [0, -5, 1712, Int.max, Int.min] { both({ $0.integer(v) }, { $0.integer(v) }) }
        for p in ["2023-01", "2024-03-31", "2023-01"].compactMap({ Period($0) }) {
            both({ $0.label(p, labels) }, { $0.label(p, labels) })
        }
        #expect(bytes.withBytes { String(decoding: $0, as: UTF8.self) } == text)
        #expect(text.contains("+1.3") && text.contains("-1.3") && text.contains("+1000000.5") && text.contains("+9.1e+15"))
        bytes.removeAll()
        #expect(bytes.withBytes { $0.count } == 0)
    }

    @Test func groupedAndIntegersMatch() {
        // Both grouped writers share `ByteFormat.writeGrouped`: each is checked against commas put into `String(v)`'s digits here.
        func reference(_ v: Int) -> String {
            let digits = Array(String(v.magnitude))
            var out = v < 0 ? "-" : ""
            for (i, d) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { out += "," }
                out.append(d)
            }
            return out
        }
        #expect(reference(-1_234_567) == "-1,234,567" && reference(999) == "999")
        var values = [0, 5, -5, 999, 1000, -1000, 1712, 50_000, 999_999, 1_000_000, -12_345_678, Int.max, Int.min, Int.min + 1]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 { values.append(Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)) }
        // Every number either side of the whole-number writer's short cut for one to four digits.
        values += Array(-10...10_010)
        for v in values {
            var g: [UInt8] = []
            ByteFormat.appendGrouped(v, to: &g)
            #expect(String(decoding: g, as: UTF8.self) == reference(v), "grouped \(v)")
            #expect(NumberFormat.grouped(v) == reference(v), "grouped \(v)")
            #expect(g.count <= ByteFormat.maximumGroupedBytes)
            var i: [UInt8] = []
            ByteFormat.appendInteger(v, to: &i)
            #expect(String(decoding: i, as: UTF8.self) == String(v), "integer \(v)")
        }
    }

    @Test func markdownEscapingAndTheASCIITest() {
        var b: [UInt8] = []
        ByteFormat.appendText("a|b*c_d[e]f<g>h`i~j\\k", markdown: true, to: &b)
        #expect(String(decoding: b, as: UTF8.self) == "a\\|b\\*c\\_d\\[e\\]f\\<g\\>h\\`i\\~j\\\\k")
        #expect("a|b".markdownEscaped == "a\\|b")
        #expect(ByteFormat.isPrintableASCII("Partner 1, CIC ~"))
        #expect(!ByteFormat.isPrintableASCII("Tab\t"))
        #expect(!ByteFormat.isPrintableASCII("Del\u{7F}"))
        #expect(!ByteFormat.isPrintableASCII("Café"))
    }
}
