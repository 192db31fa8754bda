import Testing
@testable import UptakeCore

/// The two-thread read of a large uptake.csv must give exactly what one thread gives.
@Suite struct ParallelLoadTests {
    /// About 6 MB: above the threshold, with problems placed in both halves and a duplicate across them.
    static func bigFile() -> [UInt8] {
        var text = "partner,proxy_population,period,eligible,uptake_pct,programme\n"
        var line = 1
        for s in 0..<9000 {
            for m in 1...12 {
                line += 1
                if line == 1000 { text += "P\(s % 50),Ward \(s),2024-13,100,50,breast\n"; continue }          // bad period
                if line == 60000 { text += "P\(s % 50),Ward \(s),2023-\(m < 10 ? "0" : "")\(m),-5,50,breast\n"; continue } // negative
                text += "P\(s % 50),\"Ward \(s), north\",2023-\(m < 10 ? "0" : "")\(m),\(100 + s % 900),\(20 + (s + m) % 60).5,breast\n"
            }
        }
        // A duplicate of the very first data row, at the end of the file (the other half).
        text += "P0,\"Ward 0, north\",2023-01,100,20.5,breast\n"
        return Array(text.utf8)
    }

    @Test func halvesMatchASingleThread() throws {
        let bytes = Self.bigFile()
        #expect(bytes.count > UptakeFileLoader.parallelThreshold)
        #expect(UptakeFileLoader.SplitPlan(bytes.withUnsafeBufferPointer { $0 }) != nil)
        let one = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: false)
        let two = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: true)
        #expect(one.summary == two.summary)
        #expect(one.summary.rejected == 3)
        #expect(one.series.count == two.series.count)
        #expect(one.series == two.series)
        let d1 = one.diagnostics.map(\.formatted).sorted(), d2 = two.diagnostics.map(\.formatted).sorted()
        #expect(d1 == d2)
        #expect(d2.contains { $0.hasPrefix("uptake.csv:1000:3: error: period '2024-13'") })
        #expect(d2.contains { $0.hasPrefix("uptake.csv:60000:4: error: eligible -5") })
        #expect(d2.contains { $0.contains("duplicate of line 2") })
    }
}
