import UptakeCore

/// `uptake-bench inequality`: SII and RII with simulated intervals for many deprivation groups (issue 10's target:
/// 10,000 draws for 1,000 groups in under 1 s). The groups are synthetic deciles (fixed seed), never data.
func runInequalityBenchmarks(groups count: Int, repetitions: Int, runs: Int) {
    var rng = SimulationRandom(seed: 10)
    var groups: [DeprivationGroup] = []
    for g in 0..<count {
        var quantiles: [DeprivationQuantile] = []
        for q in 1...10 {
            let eligible = 2000 + Int(rng.next() % 8000)
            let pct = 50 + 2.5 * Double(q) + Double(rng.next() % 100) / 20
            quantiles.append(DeprivationQuantile(quantile: q, eligible: eligible, screened: nil, uptakePct: pct, line: g * 10 + q + 1))
        }
        groups.append(DeprivationGroup(area: "Synthetic area \(g)", programme: .breast, period: Period("2025-03")!, quantileCount: 10,
                                       quantiles: quantiles, line: g * 10 + 2))
    }
    var table = InequalityTable(groups: groups, repetitions: repetitions)
    report("SII/RII, \(count) decile groups × \(repetitions) draws", measure(runs: runs) {
        table = InequalityTable(groups: groups, repetitions: repetitions)
    }, target: "1 s")
    print("groups with intervals: \(table.rows.filter { $0.interval != nil }.count)")
}
