import UptakeCore
import UptakeUI

/// Frame, sort and filter timings of the dashboard model on a dataset (the 1,000,000-row synthetic one for the targets).
func runUIBenchmarks(dataDirectory: String?, runs: Int) {
    let source: any DatasetSource = dataDirectory.map { DirectorySource(path: $0) } ?? EmbeddedSampleData.source
    let dataset = DatasetLoader.load(from: source)
    var buildState = AppState(dataset: dataset, width: 200, height: 60)
    report("app state (index, sorts, search keys)", measure(runs: max(1, runs / 2)) {
        buildState = AppState(dataset: dataset, width: 200, height: 60)
    }, target: "once per load")
    var state = buildState
    _ = update(&state, .selectPane(1))
    var frame = render(state)
    report("uptake pane frame at 200x60", measure(runs: runs * 20) { frame = render(state) }, target: "<= 2 ms")
    _ = update(&state, .pane(.move(25_000)))
    report("uptake pane frame at 200x60, mid-table", measure(runs: runs * 20) { frame = render(state) }, target: "<= 2 ms")
    for column in UptakeColumn.allCases {
        var s = state
        report("sort by \(column.title)", measure(runs: runs) { _ = update(&s, .pane(.sortBy(column.rawValue))) }, target: "<= 300 ms")
    }
    var typing = state
    _ = update(&typing, .pane(.beginFilter))
    var keystrokes: [Double] = []
    let clock = ContinuousClock()
    for c in "partner 12" {
        let d = clock.measure { _ = update(&typing, .pane(.filterInput(String(c)))) }
        keystrokes.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
    }
    let d = clock.measure { _ = update(&typing, .pane(.filterBackspace)) }
    keystrokes.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
    print("filter keystrokes 'partner 12' then backspace: max \(NumberFormat.fixed(keystrokes.max() ?? 0, 2)) ms, each: \(keystrokes.map { NumberFormat.fixed($0, 2) }.joined(separator: " ")) (target <= 50 ms)")
    _ = frame
}
