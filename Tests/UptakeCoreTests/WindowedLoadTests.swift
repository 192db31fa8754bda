import Foundation
import Testing
@testable import UptakeCore

/// A large uptake.csv read from disk in windows by two threads (`UptakeFileLoader+Windows`) must load exactly as the
/// same bytes read whole: the same series, rows, lines, diagnostics and counts, wherever the windows and the split fall.
@Suite struct WindowedLoadTests {
    /// A directory holding `uptake` as uptake.csv and a partners.csv naming P0-P49, removed after `body`.
    static func withDataset<T>(_ uptake: [UInt8], _ body: (DirectorySource) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("uptake-coretests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(uptake).write(to: root.appendingPathComponent("uptake.csv"))
        let partners = "partner\n" + (0..<50).map { "P\($0)\n" }.joined()
        try Data(partners.utf8).write(to: root.appendingPathComponent("partners.csv"))
        return try body(DirectorySource(path: root.path))
    }

    static let knownPartners: PartnerNames = {
        var names = PartnerNames()
        for k in 0..<50 { names.insert("P\(k)") }
        return names
    }()

    /// The file loaded whole on one thread, the reference.
    static func whole(_ bytes: [UInt8]) -> UptakeFileLoader.Result {
        UptakeFileLoader.load(bytes: bytes, knownPartners: knownPartners, allowParallel: false)
    }

    /// The file read in windows of `window` bytes (two threads unless `allowParallel` is false).
    static func windowed(_ directory: DirectorySource, window: Int, allowParallel: Bool = true,
                         splitHolds: Bool = true) throws -> UptakeFileLoader.Result {
        let outcome = UptakeFileLoader.parseInWindows(of: directory, windowBytes: window, allowParallel: allowParallel, progress: nil)
        guard case .parsed(let parsed)? = outcome else {
            Issue.record("not read in windows: \(String(describing: outcome))")
            return UptakeFileLoader.Result()
        }
        #expect(parsed.secondPartDropped == (allowParallel && !splitHolds))
        return parsed.finish(knownPartners: knownPartners)
    }

    static func expectSame(_ a: UptakeFileLoader.Result, _ b: UptakeFileLoader.Result, _ what: String) {
        #expect(a.series == b.series, "\(what): series")
        #expect(a.diagnostics == b.diagnostics, "\(what): diagnostics")
        #expect(a.summary == b.summary, "\(what): counts")
    }

    @Test func windowsOfAnySizeLoadAsTheWholeFile() throws {
        let bytes = ParallelLoadTests.bigFile()
        let reference = Self.whole(bytes)
        #expect(reference.series.count == 9000)
        #expect(reference.diagnostics.contains { $0.line == 1000 } && reference.diagnostics.contains { $0.line == 60000 })
        try Self.withDataset(bytes) { directory in
            for window in [UptakeFileLoader.windowBytes, 4096, 97] {
                Self.expectSame(try Self.windowed(directory, window: window), reference, "windows of \(window)")
            }
            Self.expectSame(try Self.windowed(directory, window: 1000, allowParallel: false), reference, "one thread")
            // And through the dataset loader, as `uptake report` reads a directory: the same as the bytes held in memory.
            let onDisk = DatasetLoader.load(from: directory)
            let inMemory = DatasetLoader.load(from: InMemorySource(origin: directory.origin, rawFiles: [
                "uptake.csv": bytes, "partners.csv": Array(("partner\n" + (0..<50).map { "P\($0)\n" }.joined()).utf8)]))
            #expect(onDisk.series == inMemory.series)
            #expect(onDisk.diagnostics == inMemory.diagnostics)
            #expect(onDisk.fileSummaries == inMemory.fileSummaries)
        }
    }

    /// A file whose middle falls inside a quoted field with line breaks: the second thread's start is not a record's,
    /// so the first thread reads on to the end and the result is still the whole file's.
    @Test func aSplitInsideAQuotedFieldStillLoadsAsTheWholeFile() throws {
        var text = "partner,proxy_population,period,eligible,uptake_pct\n"
        var lines = 0
        func rows(_ count: Int) {
            for k in 0..<count {
                text += "P\(k % 50),Ward \(k / 12),2023-\(String(format: "%02d", k % 12 + 1)),\(100 + k % 900),\(20 + k % 60).5\n"
                lines += 1
            }
        }
        rows(70_000)
        // Half a megabyte of a quoted name, a line break every 40 bytes, around the middle of the file.
        let name = (0..<13_000).map { "line \($0) of a long name\n".padding(toLength: 40, withPad: " ", startingAt: 0) }.joined()
        text += "P1,\"\(name)\",2023-01,100,50\n"
        rows(70_000)
        text += "P2,\"never closed,2023-01,100,50\n"
        rows(10)
        let bytes = Array(text.utf8)
        #expect(bytes.count > UptakeFileLoader.parallelThreshold)
        let reference = Self.whole(bytes)
        #expect(reference.diagnostics.contains { $0.message.hasPrefix("unterminated quote") })
        #expect(reference.series.contains { $0.proxyPopulation == name })
        // The middle is inside the name: the first line end after it is one of the name's.
        let middle = bytes.count / 2
        let nameStart = Array(text.utf8).firstRange(of: Array("\"line 0".utf8))!.lowerBound
        #expect(nameStart < middle && middle < nameStart + name.utf8.count)
        try Self.withDataset(bytes) { directory in
            for window in [UptakeFileLoader.windowBytes, 5000] {
                Self.expectSame(try Self.windowed(directory, window: window, splitHolds: false), reference, "windows of \(window)")
            }
        }
    }

    @Test func aFileTheWindowsDoNotTakeIsReadWhole() throws {
        // Lone CR line ends are converted on a whole read; a small file is read whole too.
        let crOnly = ParallelLoadTests.bigFile().map { $0 == 10 ? 13 : $0 }
        try Self.withDataset(crOnly) { directory in
            #expect(UptakeFileLoader.parseInWindows(of: directory, progress: nil) == nil)
            #expect(DatasetLoader.load(from: directory).series.count == 9000)
        }
        try Self.withDataset(Array("partner,proxy_population,period,eligible,uptake_pct\nP1,W,2023-01,10,50\n".utf8)) { directory in
            #expect(UptakeFileLoader.parseInWindows(of: directory, progress: nil) == nil)
        }
    }

    @Test func anOpenFileTellsWhetherItChanged() throws {
        let bytes = Array(repeating: UInt8(ascii: "x"), count: 1000)
        try Self.withDataset(bytes) { directory in
            let file = try #require(try directory.open("uptake.csv", limit: 1 << 20))
            #expect(file.size == 1000)
            #expect(file.change() == nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.path + "/uptake.csv"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([10]))
            #expect(file.change() == "it grew past 1000 bytes")
            try handle.truncate(atOffset: 10)
            try handle.close()
            #expect(file.change() == "it was 1000 bytes but only 10 could be read")
            #expect(try directory.open("absent.csv", limit: 10) == nil)
        }
    }
}
