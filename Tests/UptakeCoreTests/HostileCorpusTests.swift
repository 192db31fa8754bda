import Foundation
import Testing
@testable import UptakeCore

/// Issue 14's corpus: every field of every file gets every hostile value, and every output format is checked.
///
/// For each (file, field, value): the load must not crash; every data row of the file is either
/// accepted or named in an error on its line; the text and Markdown reports and `check`'s summary
/// hold no unsafe scalar (controls, C1, bidi, line separators: only line feeds); CSV and JSON are produced
/// and the JSON parses. `scripts/fuzz.sh` runs the coverage-guided counterpart (libFuzzer).
@Suite struct HostileCorpusTests {
    /// Values an attacker or a broken export would put in a field (as text; raw bytes are below).
    static let values: [String] = [
        "\u{1B}]2;pwned\u{07}", "\u{1B}[2J\u{1B}[H", "\u{1B}]52;c;ZXZpbA==\u{07}", "\u{9B}31m", "\u{9D}0;x\u{9C}",
        "a\u{202E}cba\u{2066}", "line\rover", "back\u{08}\u{08}space", "bell\u{07}", "sep\u{2028}para\u{2029}",
        "nul\u{0}byte", "del\u{7F}", "tab\there", "two\nlines", "crlf\r\nlines", "zwj at end\u{200D}", "\u{200D}",
        "👩\u{200D}💻", "健康 テスト", "e\u{301}\u{301}\u{301}", "\u{FEFF}bom", "\"", ",", "\"\"", " ", "",
        String(repeating: "w", count: 5_000), "-0", "1e309", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "10000000000000000000", "nan", "inf", "0x10", "1,2,3", "99.999999999999999999",
        "2024-01", "2024-01-01", "2024-02-30", "0000-00", "=HYPERLINK(\"x\")", "<script>", "*_`|[]",
    ]

    /// The files, each a header and one valid row, with the column names fuzzed.
    static let tables: [(file: String, columns: [String], row: [String])] = [
        ("partners.csv", ["partner", "area", "programme", "kind", "funding_gbp", "residents_reached", "reported_change_pct", "summary", "source", "extra"],
         ["A", "North", "P", "charity", "19000", "120", "12.5", "S", "src", "x"]),
        ("uptake.csv", ["partner", "proxy_population", "period", "eligible", "uptake_pct", "screened", "programme", "source"],
         ["A", "Ward", "2024-01", "100", "30", "30", "breast", "src"]),
        ("indicators.csv", ["indicator", "title", "place", "category", "group", "value", "unit", "measure", "role", "qualifier", "year", "as_stated", "source", "caveats"],
         ["i1", "T", "P", "poverty", "G", "1.5", "years", "value", "reference", "up to", "2020", "as", "src", "c"]),
        ("surveys.csv", ["partner", "question", "result_pct", "qualifier", "as_stated", "respondents", "source"],
         ["A", "Q", "50", "just over", "as", "10", "src"]),
        ("principles.csv", ["framework", "area", "kind", "theme", "order", "title", "text", "source"],
         ["F", "A", "principle", "T", "1", "Ti", "Tx", "src"]),
    ]

    /// A valid dataset, as text files; the second uptake row keeps a series with two periods.
    static func baseFiles() -> [String: String] {
        var files: [String: String] = [:]
        for t in tables { files[t.file] = t.columns.joined(separator: ",") + "\n" + t.row.joined(separator: ",") + "\n" }
        files["uptake.csv"]! += "A,Ward,2024-07,100,40,40,breast,src\n"
        files["dataset.toml"] = tomlFile { _ in nil }
        files["case-studies/a.md"] = caseStudy { _ in nil }
        return files
    }

    static let tomlKeys = ["title", "area", "programme", "source", "description", "evaluation", "note",
                           "funding.partners", "funding.min_gbp", "funding.max_gbp", "funding.total_gbp", "funding.source",
                           "periods.2024-01", "benchmarks.breast.acceptable", "benchmarks.breast.source",
                           "sources.id", "sources.title", "sources.note"]

    /// `s` as a TOML basic string, every control escaped.
    static func tomlString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\u%04X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// dataset.toml with `value(key)` (a TOML string) in place of a key's usual value where it gives one.
    static func tomlFile(_ value: (String) -> String?) -> String {
        func v(_ key: String, _ usual: String) -> String { "\(key.split(separator: ".").last!) = \(value(key) ?? usual)\n" }
        var s = ""
        for k in ["title", "area", "programme", "source", "description", "evaluation", "note"] { s += v(k, tomlString("x")) }
        s += "[funding]\n" + v("funding.partners", "16") + v("funding.min_gbp", "19000") + v("funding.max_gbp", "40000")
            + v("funding.total_gbp", "229000") + v("funding.source", tomlString("s"))
        s += "[periods]\n\"2024-01\" = \(value("periods.2024-01") ?? tomlString("Jan 2024"))\n\"2024-07\" = \(tomlString("Jul"))\n"
        s += "[benchmarks.breast]\n" + v("benchmarks.breast.acceptable", "70.0") + v("benchmarks.breast.source", tomlString("s"))
        s += "[[sources]]\n" + v("sources.id", tomlString("s1")) + v("sources.title", tomlString("t")) + v("sources.note", tomlString("n"))
        return s
    }

    static let caseKeys = ["title", "place", "partner", "tags", "source", "body"]

    static func caseStudy(_ value: (String) -> String?) -> String {
        var s = ""
        for k in caseKeys.dropLast() { s += "\(k): \(value(k) ?? "v")\n" }
        return s + "---\n" + (value("body") ?? "# Body\n\nText.") + "\n"
    }

    static func unsafeScalars(_ s: String) -> [UInt32] {
        s.unicodeScalars.filter { $0 != "\n" && TerminalText.isUnsafe($0) }.map(\.value)
    }

    /// Every output format of `d`, checked; `what` names the case in failures.
    static func checkOutputs(_ d: Dataset, _ what: String) {
        let report = Report(dataset: d)
        for format in [ReportFormat.text, .markdown] {
            let out = report.render(format)
            #expect(unsafeScalars(out).isEmpty, "\(format) of \(what) holds \(unsafeScalars(out).prefix(3))")
        }
        let check = CheckSummary(dataset: d).text
        #expect(unsafeScalars(check).isEmpty, "check of \(what)")
        _ = report.csvBytes()
        let json = report.json()
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "JSON of \(what) does not parse")
    }

    /// Every data row of every CSV file is accepted or named in an error on its line.
    static func checkRowsAccounted(_ d: Dataset, _ what: String) {
        for s in d.fileSummaries where s.file.hasSuffix(".csv") && s.present {
            #expect(s.read == s.accepted + s.rejected, "\(s.file) counts of \(what)")
            if s.rejected > 0 {
                let errorLines = Set(d.diagnostics.filter { $0.file == s.file && $0.severity == .error }.compactMap(\.line))
                #expect(!errorLines.isEmpty || d.diagnostics.contains { $0.file == s.file && $0.severity == .error },
                        "\(s.file) rejected rows with no error in \(what)")
            }
        }
    }

    @Test func baseDatasetIsClean() {
        let d = loadDataset(Self.baseFiles())
        #expect(d.errorCount == 0, "\(d.diagnostics.map(\.formatted))")
        #expect(d.series.count == 1 && d.caseStudies.count == 1 && d.indicators.count == 1)
    }

    @Test(arguments: tables.map(\.file))
    func everyCSVFieldTakesEveryValue(_ file: String) {
        let t = Self.tables.first { $0.file == file }!
        for column in t.columns.indices {
            for value in Self.values {
                var files = Self.baseFiles()
                var row = t.row
                row[column] = CSVWriter.escape(value)
                var text = t.columns.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
                if file == "uptake.csv" { text += "A,Ward,2024-07,100,40,40,breast,src\n" }
                files[file] = text
                let what = "\(file) \(t.columns[column]) = \(value.unicodeScalars.prefix(20).map(\.value))"
                let d = loadDataset(files)
                Self.checkOutputs(d, what)
                Self.checkRowsAccounted(d, what)
                let s = d.fileSummaries.first { $0.file == file }
                #expect(s?.read == (file == "uptake.csv" ? 2 : 1), "rows read in \(what)")
                if s?.rejected == 1 {
                    #expect(d.diagnostics.contains { $0.file == file && $0.line == 2 && $0.severity == .error }, "no error on line 2 for \(what)")
                }
                // A header with the hostile value as a column name (the control-character values only: headers are short-lived).
                guard Self.values.prefix(17).contains(value) else { continue }
                var headerFiles = Self.baseFiles()
                var columns = t.columns
                columns[column] = CSVWriter.escape(value)
                headerFiles[file] = columns.joined(separator: ",") + "\n" + t.row.joined(separator: ",") + "\n"
                Self.checkOutputs(loadDataset(headerFiles), "header of " + what)
            }
        }
    }

    @Test func invalidUTF8InEveryCSVFieldIsNamed() {
        for t in Self.tables {
            for column in t.columns.indices {
                var rowBytes: [[UInt8]] = t.row.map { Array($0.utf8) }
                rowBytes[column] = [0x41, 0xFF, 0xC3]   // not UTF-8
                var files = Self.baseFiles().mapValues { Array($0.utf8) }
                files[t.file] = Array((t.columns.joined(separator: ",") + "\n").utf8) + Array(rowBytes.joined(separator: [0x2C])) + [10]
                let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: files))
                let what = "invalid UTF-8 in \(t.file) \(t.columns[column])"
                Self.checkOutputs(d, what)
                Self.checkRowsAccounted(d, what)
            }
        }
    }

    @Test func everyTomlValueTakesEveryValue() {
        for key in Self.tomlKeys {
            for value in Self.values {
                var files = Self.baseFiles()
                files["dataset.toml"] = Self.tomlFile { $0 == key ? Self.tomlString(value) : nil }
                let what = "dataset.toml \(key) = \(value.unicodeScalars.prefix(20).map(\.value))"
                let d = loadDataset(files)
                Self.checkOutputs(d, what)
                #expect(d.series.count == 1, "uptake still loads with \(what)")
            }
        }
    }

    @Test func everyCaseStudyFieldTakesEveryValue() {
        for key in Self.caseKeys {
            for value in Self.values {
                var files = Self.baseFiles()
                files["case-studies/a.md"] = Self.caseStudy { $0 == key ? value : nil }
                let what = "case study \(key) = \(value.unicodeScalars.prefix(20).map(\.value))"
                let d = loadDataset(files)
                Self.checkOutputs(d, what)
                // Loaded, or named in a diagnostic.
                #expect(d.caseStudies.count == 1 || !d.diagnostics(in: "case-studies/a.md").isEmpty, "\(what)")
            }
        }
    }

    @Test func fileNamesAreSanitisedToo() {
        var files = Self.baseFiles()
        files["case-studies/\u{1B}]2;x\u{07}.md"] = "no header\n"
        let d = loadDataset(files)
        Self.checkOutputs(d, "hostile case-study file name")
    }
}
