import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// uptake-bench: the synthetic-data generator and in-process benchmarks (see docs/PERFORMANCE.md).
///
///     uptake-bench generate --rows 1000000 --out bench-data/1m [--by-period]
///     uptake-bench generate --shape extract --rows 1000000 --out DIR [--by-period] [--periods 8]
///         [--series-per-partner 5] [--quote-every 3]   # issue 11's shape, written as it is generated
///     uptake-bench core --data bench-data/1m          # load, validate, report phases
///     uptake-bench ui --data bench-data/1m            # frame, sort, filter timings
///     uptake-bench formats --data DIR [--runs N]      # each report format on a loaded dataset (issue 11)
///     uptake-bench inequality [--groups 1000 --repetitions 10000]   # SII/RII simulation
///     uptake-bench import [--rows 1000000]            # Fingertips import (synthetic file)
///     uptake-bench exports                            # 1,000 series: SVG, HTML, tables, `e`
///     uptake-bench insights --db bench-data/insights.sqlite [--count 100000]   # the insight bank
let args = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func usage() -> Never {
    print("usage: uptake-bench generate [--shape extract] --rows N --out DIR [--by-period] | core --data DIR [--runs N] | formats --data DIR [--runs N] | ui --data DIR [--runs N] | inequality [--groups N] [--repetitions N] | import [--rows N] | exports [--data DIR] [--runs N] | insights --db PATH [--count N] [--runs N]")
    exit(2)
}

/// Runs `body` `runs` times and returns (min, median) milliseconds.
func measure(runs: Int, _ body: () -> Void) -> (min: Double, median: Double) {
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let d = clock.measure { body() }
        times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }
    times.sort()
    return (times[0], times[times.count / 2])
}

func report(_ name: String, _ t: (min: Double, median: Double), target: String) {
    print("\(name): min \(NumberFormat.fixed(t.min, 2)) ms, median \(NumberFormat.fixed(t.median, 2)) ms (target \(target))")
}

guard let command = args.first else { usage() }
let runs = Int(option("--runs") ?? "5") ?? 5
switch command {
case "generate":
    if args.contains("--fingertips"), let rows = option("--rows").flatMap(Int.init), let out = option("--out") {
        // A synthetic Fingertips download, for timing the real command (docs/PERFORMANCE.md).
        let bytes = syntheticFingertipsFile(rows: rows)
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { print("error: cannot write \(out): \(String(cString: strerror(errno))) (--out names the file)"); exit(1) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { print("error: cannot write \(out): \(String(cString: strerror(errno)))"); exit(1) }
            written += n
        }
        guard close(fd) == 0 else { print("error: cannot write \(out): \(String(cString: strerror(errno)))"); exit(1) }
        print("wrote \(bytes.count) bytes to \(out)")
        exit(0)
    }
    guard let rows = option("--rows").flatMap(Int.init), let out = option("--out") else { usage() }
    if option("--shape") == "extract" {
        // The shape of real extracts (issue 11): 8 periods, 5 series a partner, a third of the names quoted.
        var generator = ExtractShapeDataset(rows: rows)
        generator.byPeriod = args.contains("--by-period")
        if let v = option("--periods").flatMap(Int.init), v > 0 { generator.periods = v }
        if let v = option("--series-per-partner").flatMap(Int.init), v > 0 { generator.seriesPerPartner = v }
        if let v = option("--quote-every").flatMap(Int.init), v >= 0 { generator.quoteEvery = v }
        do {
            try generator.write(to: out)
            print("wrote \(rows) uptake rows (\(generator.seriesCount) series, \(generator.partnerCount) partners) to \(out)")
        } catch {
            print("error: \(error)")
            exit(1)
        }
        exit(0)
    } else if option("--shape") != nil {
        usage()
    }
    do {
        var generator = SyntheticDataset(rows: rows)
        generator.byPeriod = args.contains("--by-period")
        try generator.write(to: out)
        print("wrote \(rows) uptake rows to \(out)")
    } catch {
        print("error: \(error)")
        exit(1)
    }
case "core":
    guard let dir = option("--data") else { usage() }
    let source = DirectorySource(path: dir)
    var dataset = DatasetLoader.load(from: source)
    report("load+validate (all files)", measure(runs: runs) { dataset = DatasetLoader.load(from: source) }, target: "part of 500 ms")
    var table = UptakeTable(dataset: dataset)
    report("summaries (intervals, changes)", measure(runs: runs) { table = UptakeTable(dataset: dataset) }, target: "part of 500 ms")
    var csv = ""
    report("report --format csv (render)", measure(runs: runs) { csv = Report(dataset: dataset).csv() }, target: "part of 500 ms")
    print("series: \(table.rows.count), csv bytes: \(csv.utf8.count), diagnostics: \(dataset.diagnostics.count)")
case "formats":
    guard let dir = option("--data") else { usage() }
    runFormatBenchmarks(dataDirectory: dir, runs: runs)
case "ui":
    runUIBenchmarks(dataDirectory: option("--data"), runs: runs)
case "inequality":
    runInequalityBenchmarks(groups: Int(option("--groups") ?? "1000") ?? 1000,
                            repetitions: Int(option("--repetitions") ?? "10000") ?? 10000, runs: runs)
case "import":
    runImportBenchmarks(rows: Int(option("--rows") ?? "1000000") ?? 1_000_000, runs: runs)
case "exports":
    runExportBenchmarks(dataDirectory: option("--data"), runs: runs)
case "insights":
    guard let db = option("--db") else { usage() }
    runInsightBenchmarks(db: db, count: Int(option("--count") ?? "100000") ?? 100_000, runs: runs)
default:
    usage()
}
