import UptakeCore
import UptakeInsights
import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

/// `uptake-bench insights --db PATH [--count N] [--runs N]`: the insight bank at scale (docs/PERFORMANCE.md).
///
/// Fills an empty bank with `count` synthetic insights (deterministic: the same words, partners, codes and
/// dates every time; about 1 in 20 flagged sensitive), then times a full-text search, the code x partner
/// matrix, the snapshot the dashboard loads with the data, and opening the Insights pane on it.
func runInsightBenchmarks(db: String, count: Int, runs: Int) {
    let frame = (1...24).map { InsightCode(name: "Code \($0)", description: "synthetic", origin: "team") }
    let store: InsightStore
    do { store = try InsightStore(path: db, codeFrame: frame) } catch {
        print("error: \(error)")
        exit(1)
    }
    let have = (try? store.count()) ?? 0
    if have < count {
        var rng = SplitMix(seed: 13)
        let words = (0..<400).map { "word\($0)" } + ["placement", "screening", "leaflet", "trusted", "fear", "language"]
        let partners = (0..<1000).map { "Partner \($0)" }
        var batch: [Insight] = []
        let clock = ContinuousClock()
        let took = clock.measure {
            for n in have..<count {
                var text: [String] = []
                for _ in 0..<20 {
                    // The last six words are rare (about 1 in 400 draws), the others common.
                    text.append(words[Int(rng.next() % UInt64(words.count))])
                }
                let month = 1 + Int(rng.next() % 36)
                let day = 1 + Int(rng.next() % 28)
                let date = "\(2022 + (month - 1) / 12)-\(pad2((month - 1) % 12 + 1))-\(pad2(day))"
                let codes = Set((0..<(1 + Int(rng.next() % 3))).map { _ in frame[Int(rng.next() % UInt64(frame.count))].name })
                batch.append(Insight(text: text.joined(separator: " ") + " (synthetic \(n))", gathered: date,
                                     method: Insight.standardMethods[Int(rng.next() % 6)], place: "Place \(rng.next() % 50)",
                                     partner: rng.next() % 10 == 0 ? nil : partners[Int(rng.next() % 1000)],
                                     sensitive: rng.next() % 20 == 0, codes: codes.sorted()))
                if batch.count == 10_000 {
                    _ = try? store.add(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = try? store.add(batch) }
        }
        print("generated \(count - have) insights in \(NumberFormat.fixed(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18, 1)) s")
    }
    print("insights: \((try? store.count()) ?? 0), file: \(db)")
    var found = 0
    var total = 0
    report("search 'placement' (500 newest + total)", measure(runs: runs) {
        let q = InsightQuery(text: "placement", includeSensitive: true, limit: 500)
        let page = try? store.page(matching: q)
        found = page?.insights.count ?? 0
        total = page?.total ?? 0
    }, target: "50 ms")
    report("search 'trusted fear' (two words)", measure(runs: runs) {
        _ = try? store.insights(matching: InsightQuery(text: "trusted fear", includeSensitive: true, limit: 500))
    }, target: "50 ms")
    var cells = 0
    report("matrix code x partner", measure(runs: runs) {
        cells = (try? store.matrixByPartner())?.counts.count ?? 0
    }, target: "100 ms")
    var snapshot = InsightSnapshot()
    report("snapshot loaded with the data (500 newest, total, matrix, codes)", measure(runs: runs) {
        snapshot = store.snapshot(for: InsightsPane.defaultQuery)
    }, target: "off the main thread")
    let dataset = DatasetLoader.load(from: EmbeddedSampleData.source)
    let base = AppState(data: LoadedData(dataset: dataset, loadedAt: "bench", insights: snapshot), width: 160, height: 50)
    let pane = base.paneIndex(id: "insights")!
    report("open the Insights pane (select + first frame)", measure(runs: runs) {
        var s = base
        update(&s, .selectPane(pane))
        _ = render(s)
    }, target: "100 ms")
    report("matrix view (m + frame)", measure(runs: runs) {
        var s = base
        update(&s, .selectPane(pane))
        update(&s, .pane(.letter("m")))
        _ = render(s)
    }, target: "100 ms")
    print("search rows: \(found) of \(total), matrix codes: \(cells), snapshot rows: \(snapshot.insights.count) of \(snapshot.total)")
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
