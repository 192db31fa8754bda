import Testing
import Synchronization
@testable import UptakeCore

/// A new series' proxy population is added to the loader's names without being indexed (`State.addProxy`): series are
/// found by their names' bytes, so only partners (shared by several series) and names with escapes are looked up in
/// the names' table. What must hold: every value keeps its bytes, string and hash; indexed values are still found
/// after the table grows around unindexed ones; and a file whose proxy populations are shared between partners, used
/// with and without escapes, and met again in the other half of a split file loads every series with its own names.
@Suite struct UnindexedProxyTests {
    @Test func indexedValuesAreFoundAmongUnindexedOnesAcrossGrowth() {
        var names = ByteInterner(capacity: 4)
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        var indexed: [(String, Int32)] = []
        var unindexed: [(String, Int32)] = []
        // Interleaved, so the table grows many times with unindexed values between the indexed ones.
        for k in 0..<3000 {
            let p = "Partner \(k)"
            indexed.append((p, bytes(p).withUnsafeBufferPointer { names.intern($0) }))
            for j in 0..<3 {
                let x = "Ward \(k).\(j)"
                let id = bytes(x).withUnsafeBufferPointer { names.appendUnindexed($0, hash: ByteInterner.hash($0)) }
                unindexed.append((x, id))
            }
        }
        #expect(names.count == 12_000)
        #expect(Set((indexed + unindexed).map(\.1)).count == 12_000, "every value has its own id")
        for (s, id) in indexed {
            #expect(bytes(s).withUnsafeBufferPointer { names.find($0) } == id)
            #expect(bytes(s).withUnsafeBufferPointer { names.intern($0) } == id, "interned again: the same id")
        }
        for (s, id) in unindexed.prefix(500) {
            #expect(names.string(at: Int(id)) == s)
            #expect(Array(names.bytes(id)) == bytes(s))
            #expect(names.hash(of: id) == bytes(s).withUnsafeBufferPointer { ByteInterner.hash($0) })
            #expect(bytes(s).withUnsafeBufferPointer { names.find($0) } == -1, "not looked up")
        }
        // Interning the bytes of an unindexed value adds a value of its own, found from then on.
        let again = bytes("Ward 7.1").withUnsafeBufferPointer { names.intern($0) }
        #expect(again == 12_000 && names.string(at: 12_000) == "Ward 7.1")
        #expect(bytes("Ward 7.1").withUnsafeBufferPointer { names.find($0) } == again)
        #expect(names.count == 12_001)
    }

    /// Filler series ordered by period (so both halves of the split file meet them all), two partners to each ward;
    /// series whose names have escapes; a new series rejected for invalid UTF-8 in its proxy population; a series
    /// whose first row is rejected; then series grouped at the end, on wards the filler's partners use too.
    static let filler = 12_000, grouped = 3_000

    static func file() -> [UInt8] {
        var bytes = Array("partner,proxy_population,period,eligible,uptake_pct,programme,source\n".utf8)
        func row(_ s: String) { bytes.append(contentsOf: Array((s + "\n").utf8)) }
        for m in 1...8 {
            for s in 0..<filler { row("P\(s % 50),Ward \(s / 2),2023-0\(m),\(100 + s % 500),\(20 + (s + m) % 60).5,breast,synthetic") }
            row("\"P \"\"3\"\"\",Ward 1,2023-0\(m),100,40.5,bowel,x")      // escaped partner, a filler ward
            row("P4,\"Ward \"\"q\"\"\",2023-0\(m),100,41.5,bowel,x")       // escaped proxy population
            if m == 1 {
                bytes.append(contentsOf: Array("P5,Ward X".utf8) + [0xFF] + Array(",2023-01,100,50,breast,x\n".utf8))
                row("P6,Ward new,2023-01,-5,50,breast,x")                  // rejected: its series is not made here
            }
            if m == 2 { row("P6,Ward new,2023-02,100,50,breast,x") }
        }
        for k in 0..<grouped {
            for m in 1...8 { row("Z\(k % 7),Ward \(k),2023-0\(m),\(300 + k % 200),\(30 + (k + m) % 50).5,cervical,synthetic") }
        }
        return bytes
    }

    /// The series expected, in order of first accepted row: names and row counts.
    static func expected() -> [(partner: String, proxy: String, rows: Int)] {
        var e = (0..<filler).map { s in ("P\(s % 50)", "Ward \(s / 2)", 8) }
        e += [("P \"3\"", "Ward 1", 8), ("P4", "Ward \"q\"", 8), ("P6", "Ward new", 1)]
        e += (0..<grouped).map { k in ("Z\(k % 7)", "Ward \(k)", 8) }
        return e
    }

    static func check(_ result: UptakeFileLoader.Result, _ what: String) {
        let want = expected()
        #expect(result.series.count == want.count, "\(what): series count")
        let got = result.series.map { (partner: $0.partner, proxy: $0.proxyPopulation, rows: $0.observations.count) }
        let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(first == nil, "\(what): series \(first?.offset ?? 0) is \(first.map { "\($0.element.0)" } ?? "") against \(first.map { "\($0.element.1)" } ?? "")")
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.count == 2, "\(what): \(errors)")
        #expect(errors.contains("invalid UTF-8 in proxy_population"), "\(what)")
        #expect(errors.contains { $0.hasPrefix("eligible -5 is negative") }, "\(what)")
        #expect(result.summary.rejected == 2, "\(what)")
    }

    @Test func sharedEscapedAndRejectedProxyPopulationsLoadOnEveryPath() throws {
        let bytes = Self.file()
        #expect(bytes.count > UptakeFileLoader.parallelThreshold)
        Self.check(OneLateHandlingTests.handledAtOnce(bytes), "handled at once")
        for parallel in [false, true] {
            Self.check(UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: parallel), "parallel \(parallel)")
        }
        // With the next row's series looked up early from the first series on (as at ten million rows).
        let threshold = UptakeFileLoader.State.prefetchFrom.exchange(0, ordering: .relaxed)
        Self.check(UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: true), "early look-ups")
        UptakeFileLoader.State.prefetchFrom.store(threshold, ordering: .relaxed)
        try WindowedLoadTests.withDataset(bytes) { directory in
            for (window, parallel) in [(UptakeFileLoader.windowBytes, true), (4096, true), (1000, false)] {
                Self.check(try WindowedLoadTests.windowed(directory, window: window, allowParallel: parallel),
                           "windows of \(window), parallel \(parallel)")
            }
        }
    }
}

/// The names' table keeps each value's id with its hash's high half (``ByteInterner``): values whose hashes share that
/// half, or the whole hash, are still told apart by their bytes, before and after the table grows.
@Suite struct InternerSlotTests {
    @Test func valuesSharingAHashOrItsHighHalfAreToldApartByTheirBytes() {
        var names = ByteInterner(capacity: 4)
        let shared: UInt64 = 0x1234_5678_0000_0001, sameHigh: UInt64 = 0x1234_5678_0000_0002
        func intern(_ s: String, _ h: UInt64) -> Int32 { Array(s.utf8).withUnsafeBufferPointer { names.intern($0, hash: h) } }
        func find(_ s: String, _ h: UInt64) -> Int32 { Array(s.utf8).withUnsafeBufferPointer { names.find($0, hash: h) } }
        let a = intern("a", shared), b = intern("b", shared), c = intern("c", sameHigh)
        #expect([a, b, c] == [0, 1, 2])
        #expect(find("a", shared) == a && find("b", shared) == b && find("c", sameHigh) == c)
        #expect(find("d", shared) == -1 && find("d", sameHigh) == -1 && find("a", sameHigh) == -1)
        #expect(intern("b", shared) == b, "interned again: the same id")
        // Many more values, so the table grows several times past the three.
        var more: [(String, Int32)] = []
        for k in 0..<5000 {
            let s = "Partner \(k)"
            more.append((s, Array(s.utf8).withUnsafeBufferPointer { names.intern($0) }))
        }
        #expect(find("a", shared) == a && find("b", shared) == b && find("c", sameHigh) == c && find("d", shared) == -1)
        #expect(more.allSatisfy { s, id in Array(s.utf8).withUnsafeBufferPointer { names.find($0) } == id })
        #expect(names.count == 5003)
    }
}
