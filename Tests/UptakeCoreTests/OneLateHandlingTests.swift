import Testing
@testable import UptakeCore

/// The loader handles each record of uptake.csv one record late, so that it can start loading the table slots of the
/// next row's series before it needs them (`UptakeFileLoader.State.accept`). That must change nothing: the series,
/// rows, lines, diagnostics (in their order) and counts are those of handling each record as the reader hands it over.
@Suite struct OneLateHandlingTests {
    /// Rows of every kind the row handler takes a different path for, in a file over the two-thread threshold.
    static func mixedFile() -> [UInt8] {
        var text = "partner,proxy_population,period,eligible,uptake_pct,programme,source\n"
        func month(_ m: Int) -> String { "2023-\(m < 10 ? "0" : "")\(m)" }
        // Grouped by series: a new series every eight rows, some names quoted, some with doubled quotes.
        for s in 0..<9000 {
            let proxy = s % 3 == 0 ? "\"Ward \(s), north\"" : s % 7 == 0 ? "\"Ward \"\"\(s)\"\"\"" : "Ward \(s)"
            for m in 1...8 { text += "P\(s % 40),\(proxy),\(month(m)),\(100 + s % 900),\(20 + (s + m) % 60).5,breast,synthetic\n" }
            if s == 2000 { text += "P2,Ward 2,2023-01,100\n" }                                 // too few fields
            if s == 2500 { text += ",Ward 9,2023-01,100,50,breast,x\n\n\n" }                   // empty partner, blank lines
            if s == 3000 { text += "P3,\"\(String(repeating: "long name ", count: 3000))\",2023-01,100,50,breast,x\n" }
            if s == 3500 { text += "P4,Ward \u{FFFD}\u{1B}[2J,2023-01,100,50,bowel,x\n" }       // escape sequence in a name
            if s == 4000 { text += "P0,Ward 4000,2023-01,100,50,breast,x\n" }                  // a duplicate of a row above
        }
        // A quote that never closes (no quote follows it in the file): the record is rejected and reading resumes.
        text += "P1,\"never closed,2023-01,100,50,breast,x\n"
        // Then by period: the same series in the same order each period (the predicted path).
        for m in 1...6 {
            for s in 0..<3000 { text += "Q\(s % 40),Area \(s),\(month(m)),\(200 + s % 700),\(30 + (s + m) % 50).5,cervical,synthetic\n" }
        }
        // A new series on every row, then the same series in reverse and in a scattered order: each row is found by
        // its names' hash (neither the previous row's series nor the predicted one).
        for s in 0..<2000 { text += "R\(s % 40),Place \(s),2023-01,100,40.5,bowel,synthetic\n" }
        for s in (0..<2000).reversed() { text += "R\(s % 40),Place \(s),2023-02,100,41.5,bowel,synthetic\n" }
        for k in 0..<2000 { let s = k * 7 % 2000; text += "R\(s % 40),Place \(s),2023-03,100,42.5,bowel,synthetic\n" }
        var bytes = Array(text.utf8)
        bytes.append(contentsOf: [0x50, 0x39, 0x2C, 0xFF, 0xFE, 0x2C] + Array("2023-02,100,50,breast,x\n".utf8))   // invalid UTF-8
        return bytes
    }

    /// The reference: each record handled in the reader's callback, as it comes.
    static func handledAtOnce(_ bytes: [UInt8], knownPartners: PartnerNames? = nil) -> UptakeFileLoader.Result {
        var state = UptakeFileLoader.State()
        bytes.withUnsafeBufferPointer { buf in
            _ = CSVReader.read(buf, onError: { state.syntaxError($0) }) { record in state.handle(record, base: buf) }
        }
        return UptakeFileLoader.Parsed(state).finish(knownPartners: knownPartners)
    }

    /// The same series in the same order, or the first that differs (not all of them: a failure stays readable).
    static func expectSame(_ a: [UptakeSeries], _ b: [UptakeSeries], _ what: String) {
        #expect(a.count == b.count, "\(what): series count")
        let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] }
        #expect(first == nil, "\(what): series \(first ?? 0) is \(first.map { String(describing: a[$0]) } ?? "") against \(first.map { String(describing: b[$0]) } ?? "")")
    }

    @Test func rowsHandledOneLateLoadAsRowsHandledAtOnce() throws {
        // Early look-ups from the first series on (a file this small never outgrows the caches); other tests that run
        // meanwhile may take them too, which changes none of their results.
        let threshold = UptakeFileLoader.State.prefetchFrom.exchange(0, ordering: .relaxed)
        defer { UptakeFileLoader.State.prefetchFrom.store(threshold, ordering: .relaxed) }
        let bytes = Self.mixedFile()
        #expect(bytes.count > UptakeFileLoader.parallelThreshold)
        let reference = Self.handledAtOnce(bytes)
        #expect(reference.series.count == 14_002)   // 9,000 grouped, 3,000 by period, 2,000 scattered, the long name, the escape
        #expect(reference.diagnostics.contains { $0.message.hasPrefix("unterminated quote") })
        #expect(reference.diagnostics.contains { $0.message.hasPrefix("wrong column count") })
        #expect(reference.diagnostics.contains { $0.message.hasPrefix("duplicate of line") })
        #expect(reference.diagnostics.contains { $0.message.hasPrefix("invalid UTF-8 in proxy_population") })
        #expect(reference.series.contains { $0.proxyPopulation.hasPrefix("long name long name") })
        for parallel in [false, true] {
            let late = UptakeFileLoader.load(bytes: bytes, knownPartners: nil, allowParallel: parallel)
            Self.expectSame(late.series, reference.series, "parallel \(parallel)")
            #expect(late.diagnostics == reference.diagnostics, "parallel \(parallel): diagnostics in order")
            #expect(late.summary == reference.summary, "parallel \(parallel): counts")
            // And with the bytes given back to the kernel behind the read (the last two records are kept).
            var consumed = bytes
            let released = UptakeFileLoader.parse(consuming: &consumed, allowParallel: parallel).finish(knownPartners: nil)
            Self.expectSame(released.series, reference.series, "released, parallel \(parallel)")
            #expect(released.diagnostics == reference.diagnostics, "released, parallel \(parallel): diagnostics")
        }
        // Read in windows from a file, as `uptake report` reads a directory, on two threads and on one.
        let withPartners = Self.handledAtOnce(bytes, knownPartners: WindowedLoadTests.knownPartners)
        #expect(withPartners.diagnostics.contains { $0.message.contains("is not in partners.csv") })
        try WindowedLoadTests.withDataset(bytes) { directory in
            for (window, parallel) in [(UptakeFileLoader.windowBytes, true), (4096, true), (1000, false)] {
                let windowed = try WindowedLoadTests.windowed(directory, window: window, allowParallel: parallel)
                Self.expectSame(windowed.series, withPartners.series, "windows of \(window), parallel \(parallel)")
                #expect(windowed.diagnostics == withPartners.diagnostics, "windows of \(window), parallel \(parallel): diagnostics")
                #expect(windowed.summary == withPartners.summary, "windows of \(window), parallel \(parallel): counts")
            }
        }
    }

    /// The reader's records stay as they were through the next record's callback, whatever the number of fields (a
    /// store that grows for a long record must not move the previous record's ranges), and the last record after the
    /// read when the caller owns the stores.
    @Test func aRecordStaysValidThroughTheNextCallback() {
        var text = ""
        var expected: [[String]] = []
        for k in 0..<200 {
            let fields = (0..<(k % 9 == 0 ? 40 + k : 1 + k % 5)).map { "f\(k).\($0)" }
            expected.append(fields)
            text += fields.enumerated().map { $0.offset % 2 == 0 ? $0.element : "\"\($0.element)\"" }.joined(separator: ",") + "\n"
        }
        let bytes = Array(text.utf8)
        let stores = CSVReader.FieldStores()
        var previous: (record: CSVRecord, index: Int)?
        var checked = 0
        func fields(_ record: CSVRecord) -> [String] { (0..<record.count).map { record.string($0) ?? "?" } }
        bytes.withUnsafeBufferPointer { buf in
            var index = 0
            _ = CSVReader.read(buf, from: 0, to: nil, firstLine: 1, progress: nil, final: true, atFileStart: true, fieldStores: stores,
                               onError: { _ in Issue.record("no syntax error expected") }) { record in
                if let previous {
                    #expect(fields(previous.record) == expected[previous.index], "record \(previous.index) during the next callback")
                    checked += 1
                }
                #expect(fields(record) == expected[index])
                previous = (record, index)
                index += 1
            }
            if let previous {
                #expect(previous.index == 199)
                #expect(fields(previous.record) == expected[199], "the last record after the read")
            }
        }
        #expect(checked == 199)
    }
}
