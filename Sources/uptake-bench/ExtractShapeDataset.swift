import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// A synthetic dataset in the shape of real extracts (issue 11), written as it is generated.
///
/// 125,000 series of 8 monthly periods and 25,000 partners at 1,000,000 rows
/// (5 series a partner; the counts scale with `rows`); a third of the partner
/// names and a third of the proxy-population names are quoted (they hold a
/// comma). Each series' figures come from its own SplitMix64 stream seeded by
/// its number, so both row orders hold exactly the same rows and nothing needs
/// to be kept in memory: 10,000,000 rows are written in a few seconds in 1 MB
/// pieces. The figures are random and labelled synthetic in dataset.toml.
struct ExtractShapeDataset {
    var rows: Int
    var periods = 8
    var seriesPerPartner = 5
    /// Every `quoteEvery`-th name is quoted (0: none).
    var quoteEvery = 3
    /// Rows ordered by period (every series for one month, then the next) instead of grouped by series.
    var byPeriod = false

    var seriesCount: Int { max(1, (rows + periods - 1) / periods) }
    var partnerCount: Int { max(1, (seriesCount + seriesPerPartner - 1) / seriesPerPartner) }

    private static let programmes: [[UInt8]] = ["breast", "cervical", "bowel", ""].map { Array($0.utf8) }

    /// Appends partner `p`'s name as a CSV field.
    func partnerField(_ p: Int, into out: inout [UInt8]) {
        if quoteEvery > 0, p % quoteEvery == 0 {
            out.append(contentsOf: "\"Partner ".utf8); appendInt(p, &out); out.append(contentsOf: ", CIC\"".utf8)
        } else {
            out.append(contentsOf: "Partner ".utf8); appendInt(p, &out)
        }
    }

    /// Appends series `s`'s proxy-population name as a CSV field.
    func proxyField(_ s: Int, into out: inout [UInt8]) {
        if quoteEvery > 0, s % quoteEvery == 1 {
            out.append(contentsOf: "\"Proxy population ".utf8); appendInt(s, &out); out.append(contentsOf: ", ward\"".utf8)
        } else {
            out.append(contentsOf: "Proxy population ".utf8); appendInt(s, &out)
        }
    }

    /// Series `s`'s eligible population and screened count at each period (a random walk from its own seed).
    func figures(_ s: Int) -> [(eligible: Int, screened: Int)] {
        var state = UInt64(truncatingIfNeeded: s) &* 0x9E37_79B9_7F4A_7C15 ^ 20_261_129
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var eligible = 200 + next() % 5000
        var permille = 300 + next() % 500
        var out: [(Int, Int)] = []
        out.reserveCapacity(periods)
        for _ in 0..<periods {
            out.append((eligible, (permille * eligible + 500) / 1000))
            eligible = max(1, eligible + next() % 41 - 20)
            permille = min(1000, max(0, permille + next() % 41 - 20))
        }
        return out
    }

    /// Appends one row: series `s` at period index `p`.
    func row(_ s: Int, _ p: Int, _ f: (eligible: Int, screened: Int), into out: inout [UInt8]) {
        partnerField(s / seriesPerPartner, into: &out)
        out.append(44)
        proxyField(s, into: &out)
        out.append(44)
        let year = 2023 + p / 12, month = p % 12 + 1
        appendInt(year, &out); out.append(45); out.append(UInt8(48 + month / 10)); out.append(UInt8(48 + month % 10))
        out.append(44)
        appendInt(f.eligible, &out)
        out.append(44)
        // The uptake as published: the screened count over eligible, rounded to 0.1.
        let tenths = (f.screened * 1000 * 2 + f.eligible) / (f.eligible * 2)
        appendInt(tenths / 10, &out); out.append(46); out.append(UInt8(48 + tenths % 10))
        out.append(44)
        out.append(contentsOf: Self.programmes[s % Self.programmes.count])
        out.append(contentsOf: ",synthetic\n".utf8)
    }

    func write(to directory: String) throws {
        try makeDirectories(directory)
        let file = try Output(directory + "/uptake.csv")
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        out.append(contentsOf: "partner,proxy_population,period,eligible,uptake_pct,programme,source\n".utf8)
        let series = seriesCount
        func rowsOf(_ s: Int) -> Int { min(periods, rows - s * periods) }
        if byPeriod {
            for p in 0..<periods {
                for s in 0..<series where p < rowsOf(s) {
                    row(s, p, figures(s)[p], into: &out)
                    if out.count >= 1 << 20 { try file.write(&out) }
                }
            }
        } else {
            for s in 0..<series {
                let f = figures(s)
                for p in 0..<rowsOf(s) { row(s, p, f[p], into: &out) }
                if out.count >= 1 << 20 { try file.write(&out) }
            }
        }
        try file.write(&out)
        try file.close()

        let partners = try Output(directory + "/partners.csv")
        out.append(contentsOf: "partner,area,funding_gbp,residents_reached,reported_change_pct,summary\n".utf8)
        for p in 0..<partnerCount {
            partnerField(p, into: &out)
            out.append(contentsOf: ",Synthetic area ".utf8); appendInt(p % 20, &out)
            out.append(44); appendInt(19000 + p * 7919 % 21000, &out)
            out.append(44); appendInt(50 + p * 104_729 % 900, &out)
            out.append(44); appendInt(p * 31 % 20, &out); out.append(46); appendInt(p % 10, &out)
            out.append(contentsOf: ",Synthetic partner for benchmarks\n".utf8)
            if out.count >= 1 << 20 { try partners.write(&out) }
        }
        try partners.write(&out)
        try partners.close()

        let toml = """
        title = "Synthetic benchmark dataset in the shape of real extracts (\(rows) uptake rows)"
        note = "Random figures generated by uptake-bench generate --shape extract for speed tests. Not data."

        """ + syntheticBenchmarkThresholds
        let meta = try Output(directory + "/dataset.toml")
        out.append(contentsOf: toml.utf8)
        try meta.write(&out)
        try meta.close()
    }

    /// A file written with `write(2)`; each `write` empties the buffer it is given.
    private final class Output {
        let fd: Int32
        let path: String
        init(_ path: String) throws {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd < 0 { throw BenchError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
        }
        func write(_ bytes: inout [UInt8]) throws {
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
                if n <= 0 { throw BenchError(message: "cannot write \(path)") }
                done += n
            }
            bytes.removeAll(keepingCapacity: true)
        }
        func close() throws {
            if Glibc.close(fd) != 0 { throw BenchError(message: "cannot write \(path)") }
        }
    }
}

/// Appends the decimal digits of `value` (0 or more).
private func appendInt(_ value: Int, _ out: inout [UInt8]) {
    if value >= 10 { appendInt(value / 10, &out) }
    out.append(UInt8(48 + value % 10))
}
