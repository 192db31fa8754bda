import UptakeCore
#if canImport(Glibc)
import Glibc
#endif
import UptakeUI

/// Issue 8's export benchmark: the figures of a dataset with 1,000 series (20,000 rows) exported
/// in every form (the SVG chart, the HTML page, each table as CSV, JSON and Markdown, and `e` on the
/// Uptake pane) in under a second altogether. See docs/PERFORMANCE.md, "Exports".
func runExportBenchmarks(dataDirectory: String?, runs: Int) {
    let dataset: Dataset
    if let dir = dataDirectory {
        dataset = DatasetLoader.load(from: DirectorySource(path: dir))
    } else {
        let dir = "/tmp/uptake-bench-exports-\(getpid())"
        var generator = SyntheticDataset(rows: 20_000)
        generator.byPeriod = false
        do { try generator.write(to: dir) } catch { print("error: \(error)"); exit(1) }
        dataset = DatasetLoader.load(from: DirectorySource(path: dir))
    }
    let report = Report(dataset: dataset)
    print("series: \(report.table.rows.count)")
    var bytes = 0
    let svg = measure(runs: runs) { bytes = SVGChart(table: report.table, metadata: dataset.metadata).svg().utf8.count }
    report_("report --format svg", svg, "\(bytes) bytes")
    let html = measure(runs: runs) { bytes = HTMLReport(report: report).page().utf8.count }
    report_("report --format html", html, "\(bytes) bytes")
    let tables = measure(runs: runs) {
        bytes = 0
        for t in ReportTable.allCases {
            for f in [ReportFormat.csv, .json, .markdown] { bytes += report.renderTable(t, format: f).count }
        }
    }
    report_("every --table in csv, json and markdown", tables, "\(bytes) bytes")
    var state = AppState(dataset: dataset, width: 200, height: 60)
    update(&state, .selectPane(1))
    let pane = measure(runs: runs) {
        bytes = 0
        for e in update(&state, .exportPane(stamp: "bench")) {
            if case .writeFile(_, let b) = e { bytes += b.count }
        }
    }
    report_("e on the Uptake pane (CSV + Markdown)", pane, "\(bytes) bytes")
    let total = svg.median + html.median + tables.median + pane.median
    print("all exports together: median \(NumberFormat.fixed(total, 1)) ms (target under 1000 ms for 1,000 series)")
}

private func report_(_ name: String, _ t: (min: Double, median: Double), _ size: String) {
    print("\(name): min \(NumberFormat.fixed(t.min, 1)) ms, median \(NumberFormat.fixed(t.median, 1)) ms, \(size)")
}
