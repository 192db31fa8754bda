import UptakeCore

/// `uptake-bench formats --data DIR [--runs N]`: each report format written from an already-loaded
/// dataset (issue 11's target: JSON, text and Markdown at most 1.5x the CSV report).
///
/// Loading is timed once and left out; "summaries" is `Report(dataset:)` (the uptake table's
/// per-series intervals, changes and trends, shared by every format); each format is then its
/// own work, written to a sink that counts bytes (as `uptake report` writes to standard output).
/// Then each format as `uptake report` runs it from the dataset (`Report.writeCSV(dataset:)`,
/// `writeJSON(dataset:)`, `writeText(dataset:)`: the summaries made as the rows are written, included).
func runFormatBenchmarks(dataDirectory: String, runs: Int) {
    let clock = ContinuousClock()
    var dataset = DatasetLoader.load(from: DirectorySource(path: dataDirectory))
    let load = clock.measure { dataset = DatasetLoader.load(from: DirectorySource(path: dataDirectory)) }
    print("load (once): \(NumberFormat.fixed(Double(load.components.seconds) * 1000 + Double(load.components.attoseconds) / 1e15, 0)) ms")
    var built = Report(dataset: dataset)
    report("summaries (Report(dataset:))", measure(runs: runs) { built = Report(dataset: dataset) }, target: "shared by every format")
    let r = built, loaded = dataset

    /// Bytes written by the last run.
    final class Count: @unchecked Sendable { var bytes = 0 }
    let formats: [(String, (@escaping @Sendable ([UInt8]) -> Void) -> Void)] = [
        ("csv", { r.writeCSV($0) }),
        ("json", { r.writeJSON($0) }),
        ("text --utf8", { r.writeText(markdown: false, ascii: false, $0) }),
        ("text --ascii", { r.writeText(markdown: false, ascii: true, $0) }),
        ("markdown --utf8", { r.writeText(markdown: true, ascii: false, $0) }),
        ("markdown --ascii", { r.writeText(markdown: true, ascii: true, $0) }),
        ("csv, as uptake report runs it", { Report.writeCSV(dataset: loaded, $0) }),
        ("json, as uptake report runs it", { Report.writeJSON(dataset: loaded, $0) }),
        ("text --utf8, as uptake report runs it", { Report.writeText(dataset: loaded, markdown: false, ascii: false, $0) }),
        ("markdown --utf8, as uptake report runs it", { Report.writeText(dataset: loaded, markdown: true, ascii: false, $0) }),
    ]
    var csvMedian = 0.0
    for (name, write) in formats {
        let count = Count()
        let t = measure(runs: runs) {
            count.bytes = 0
            write { count.bytes += $0.count }
        }
        // Each group's ratios are to its own CSV row (the first of each group).
        if name.hasPrefix("csv") { csvMedian = t.median }
        let ratio = csvMedian > 0 ? " = \(NumberFormat.fixed(t.median / csvMedian, 2))x csv" : ""
        print("\(name): min \(NumberFormat.fixed(t.min, 1)) ms, median \(NumberFormat.fixed(t.median, 1)) ms\(ratio) (\(NumberFormat.grouped(count.bytes)) bytes)")
    }
}
