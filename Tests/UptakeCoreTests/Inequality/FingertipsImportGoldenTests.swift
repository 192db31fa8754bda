import Foundation
import Testing
import UptakeTestSupport
@testable import UptakeCore

/// The import's output bytes, pinned: a change that makes the import faster must not change one byte of what it writes.
/// ALL FIGURES ARE SYNTHETIC (invented for the tests).
@Suite("Fingertips import output bytes (golden, synthetic files)")
struct FingertipsImportGoldenTests {
    /// `Tests/UptakeCoreTests/Golden` (the target's one excluded folder), not a folder beside this file.
    static let goldenDirectory = Golden.directory(beside: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    /// A larger synthetic file in which consecutive rows belong to different series (as in a download sorted by
    /// period), areas have several indicators, practices have parents, England has a decile breakdown, and the
    /// rows the importer must name are scattered through it (suppressed, no denominator, duplicates, quoted names).
    static var mixedFile: String {
        let h = FingertipsImportTests.header
        var s = h
        let indicators = [(22001, "Cancer screening coverage: breast cancer", "Female", "53-70 yrs"),
                          (91720, "Cancer screening coverage: bowel cancer", "Persons", "60-74 yrs"),
                          (93560, "Cancer screening coverage: cervical cancer (aged 25 to 49 years old)", "Female", "25-49 yrs")]
        var state: UInt64 = 12345
        func next(_ n: UInt64) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % n)
        }
        for year in ["2021/22", "2022/23", "2023/24"] {
            for (id, name, sex, age) in indicators {
                s += FingertipsImportTests.row(id, name: name, parent: "", code: "E92000001", area: "England", type: "England", sex: sex, age: age,
                                               period: year, value: "", count: "\(60_000 + next(9000))", denominator: "100000")
                for (d, c) in FingertipsImportTests.deciles.enumerated() where year == "2023/24" {
                    let den = 20_000 + 1000 * d
                    s += FingertipsImportTests.row(id, name: name, parent: "", code: "E92000001", area: "England", type: "England", sex: sex, age: age,
                                                   categoryType: "GP deprivation deciles in England (IMD2019)", category: c, period: year,
                                                   value: "", count: "\(den * (50 + 2 * d) / 100)", denominator: "\(den)")
                }
                for p in 0..<120 {
                    let den = 500 + next(4000)
                    let area = p % 17 == 0 ? "\"PRACTICE \(p), \"\"THE\"\" SURGERY\"" : "SYNTHETIC PRACTICE \(p)"
                    let count = p % 23 == 5 ? "" : "\(den * (40 + next(40)) / 100)"
                    let value = p % 29 == 3 ? "" : "\(40 + next(40)).\(next(10))"
                    s += FingertipsImportTests.row(id, name: name, parent: "U\(p / 8)", code: "P\(p)", area: area, type: "GPs", sex: sex, age: age,
                                                   period: year, value: value, count: count, denominator: p % 31 == 7 ? "" : "\(den)",
                                                   note: p % 29 == 3 && count.isEmpty ? "Suppressed" : "")
                    if p % 37 == 2 {
                        s += FingertipsImportTests.row(id, name: name, parent: "U\(p / 8)", code: "P\(p)", area: area, type: "GPs", sex: sex, age: age,
                                                       period: year, value: "50.0", count: "5", denominator: "10")
                    }
                }
                for u in 0..<15 {
                    s += FingertipsImportTests.row(id, name: name, parent: "E92000001", code: "U\(u)", area: "Synthetic PCN \(u)", type: "PCNs",
                                                   sex: sex, age: age, period: year, value: "", count: "\(3000 + next(1000))", denominator: "5000")
                }
            }
        }
        return s
    }

    /// Each output file's name, size and FNV-1a hash, then the small test file's outputs in full.
    static func summary(_ r: FingertipsImport) -> String {
        r.files.map { f in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in f.bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return "\(f.name): \(f.bytes.count) bytes, fnv1a64 \(String(h, radix: 16))"
        }.joined(separator: "\n") + "\n"
    }

    @Test("a mixed 1,000-row file imports to the same bytes as recorded")
    func mixed() {
        let mapping = "partner,area_code\nSynthetic partner A,P3\nSynthetic partner A,P4\nSynthetic partner B,P4\nSynthetic partner B,U2\n"
        let r = FingertipsImport.run(inputs: [.init(name: "mixed.csv", bytes: Array(Self.mixedFile.utf8))],
                                     mapping: .init(name: "map.csv", bytes: Array(mapping.utf8)), importDate: "2026-11-29")
        #expect(r.counts.first.map { $0.read > 1000 && $0.skipped > 10 } == true)
        Golden.check(Self.summary(r), name: "fingertips-mixed.txt", in: Self.goldenDirectory)
    }

    /// Everything an import gives, for comparing two runs: the files' bytes, the diagnostics and the counts.
    static func everything(_ r: FingertipsImport) -> String {
        r.files.map { "== \($0.name)\n" + String(decoding: $0.bytes, as: UTF8.self) }.joined()
            + r.diagnostics.map(\.formatted).joined(separator: "\n")
            + r.counts.map { "\n\($0.file) \($0.read) \($0.imported) \($0.skipped)" }.joined()
    }

    /// The file read in two halves on two threads (any size) and on one thread.
    static func bothWays(_ text: String, mapping: String? = nil) -> (halves: FingertipsImport, one: FingertipsImport) {
        let input = FingertipsImport.Input(name: "mixed.csv", bytes: Array(text.utf8))
        let map = mapping.map { FingertipsImport.Input(name: "map.csv", bytes: Array($0.utf8)) }
        return (FingertipsImport.run(inputs: [input], mapping: map, importDate: "2026-11-29", parallelBytes: 0),
                FingertipsImport.run(inputs: [input], mapping: map, importDate: "2026-11-29", parallelBytes: .max))
    }

    @Test("read in two halves and merged, the mixed file gives the same bytes, diagnostics and counts as on one thread")
    func halvesMerged() {
        let (halves, one) = Self.bothWays(Self.mixedFile, mapping: "partner,area_code\nSynthetic partner A,P3\nSynthetic partner B,U2\n")
        #expect(halves.halvesMerged == 1)
        #expect(one.halvesMerged == 0)
        #expect(Self.everything(halves) == Self.everything(one))
    }

    @Test("two files, each read in halves: the same as on one thread, and the second file's halves merge after the first file's")
    func twoFilesInHalves() {
        let inputs: [FingertipsImport.Input] = [.init(name: "small.csv", bytes: Array(FingertipsImportTests.file.utf8)),
                                                .init(name: "mixed.csv", bytes: Array(Self.mixedFile.utf8))]
        let halves = FingertipsImport.run(inputs: inputs, importDate: "2026-11-29", parallelBytes: 0)
        let one = FingertipsImport.run(inputs: inputs, importDate: "2026-11-29", parallelBytes: .max)
        // small.csv has an indicator not known by id (90366) in its second half: read again on one thread; mixed.csv merges.
        #expect(halves.halvesMerged == 1)
        #expect(Self.everything(halves) == Self.everything(one))
    }

    @Test("a second half that depends on the first (unknown indicator, duplicate across the halves) is read again, with the same result")
    func halvesReadAgain() {
        let h = FingertipsImportTests.header
        let first = Self.mixedFile.dropFirst(h.count).prefix { $0 != "\n" }
        // A row repeating the first data row (same area, indicator, sex, age and period), at the end: a duplicate across the halves.
        let duplicate = Self.mixedFile + first + "\n"
        // An indicator not known by id, named as breast screening, first in the first half and again at the end under another name.
        let unknown = FingertipsImportTests.row(99999, name: "Breast cancer screening coverage (synthetic)", parent: "U1", code: "P9", area: "SYNTHETIC PRACTICE 9",
                                                period: "2021/22", value: "", count: "50", denominator: "100")
        let unknown2 = FingertipsImportTests.row(99999, name: "Another name", parent: "U1", code: "P9", area: "SYNTHETIC PRACTICE 9",
                                                 period: "2023/24", value: "", count: "60", denominator: "100")
        let withUnknown = h + unknown + Self.mixedFile.dropFirst(h.count) + unknown2
        for text in [duplicate, withUnknown] {
            let (halves, one) = Self.bothWays(text)
            #expect(halves.halvesMerged == 0)
            #expect(Self.everything(halves) == Self.everything(one))
        }
        // The duplicate is named with the first row's line.
        #expect(Self.bothWays(duplicate).halves.diagnostics.contains { $0.message.contains("duplicate of mixed.csv:2 ") })
    }

    @Test("uptake.csv made in many small blocks on two threads is the same as in one block, and comes in order")
    func blocks() {
        let input = FingertipsImport.Input(name: "mixed.csv", bytes: Array(Self.mixedFile.utf8))
        let map = FingertipsImport.Input(name: "map.csv", bytes: Array("partner,area_code\nSynthetic partner A,P3\n".utf8))
        let one = FingertipsImport.run(inputs: [input], mapping: map, importDate: "2026-11-29", parallelBytes: .max,
                                       rowsPerBlock: .max, rowsForThreads: .max)
        let small = FingertipsImport.run(inputs: [input], mapping: map, importDate: "2026-11-29", parallelBytes: 0,
                                         rowsPerBlock: 7, rowsForThreads: 0)
        #expect(Self.everything(small) == Self.everything(one))
        let uptake = small.files.first { $0.name == "uptake.csv" }
        final class Blocks: @unchecked Sendable { var list: [[UInt8]] = [] }
        let blocks = Blocks()
        uptake?.write { blocks.list.append($0) }
        // Every block but the first starts a row (a partner's name), and together they are the file.
        #expect(blocks.list.count > 10)
        #expect(blocks.list.flatMap { $0 } == one.files.first { $0.name == "uptake.csv" }?.bytes)
        #expect(blocks.list.dropFirst().allSatisfy { $0.first != UInt8(ascii: ",") && $0.last == UInt8(ascii: "\n") })
        // With no rows at all, the file is still its header.
        let empty = FingertipsImport.run(inputs: [.init(name: "empty.csv", bytes: Array(FingertipsImportTests.header.utf8))],
                                         importDate: "2026-11-29", parallelBytes: 0, rowsPerBlock: 1, rowsForThreads: 0)
        #expect(String(decoding: empty.files.first { $0.name == "uptake.csv" }?.bytes ?? [], as: UTF8.self)
                == "partner,proxy_population,period,eligible,screened,uptake_pct,programme,source\n")
    }

    @Test("series per block: the rows a block should hold, rounded up to whole series, within 1 and the series count")
    func seriesPerBlock() {
        #expect(FingertipsImport.seriesPerBlock(rows: 1_000_000, series: 100_000, rowsPerBlock: 65_536) == 6_554)
        #expect(FingertipsImport.seriesPerBlock(rows: 10, series: 3, rowsPerBlock: 4) == 2)
        #expect(FingertipsImport.seriesPerBlock(rows: 10, series: 10, rowsPerBlock: 1) == 1)
        #expect(FingertipsImport.seriesPerBlock(rows: 10, series: 3, rowsPerBlock: .max) == 3)
        #expect(FingertipsImport.seriesPerBlock(rows: 0, series: 3, rowsPerBlock: 4) == 1)
        #expect(FingertipsImport.seriesPerBlock(rows: 5, series: 3, rowsPerBlock: -7) == 1)
        // Products beyond 64 bits neither trap nor wrap.
        #expect(FingertipsImport.seriesPerBlock(rows: .max, series: .max, rowsPerBlock: .max) == .max)
        #expect(FingertipsImport.seriesPerBlock(rows: .max, series: .max - 1, rowsPerBlock: 1 << 40) == 1 << 40)
    }

    @Test("a later file repeating a row from a merged second half is named a duplicate of that row, as on one thread")
    func duplicateOfMergedHalf() {
        let h = FingertipsImportTests.header
        let lines = Self.mixedFile.split(separator: "\n", omittingEmptySubsequences: false)
        // The last data row (in the second half) repeated in a second file.
        let last = lines.last { !$0.isEmpty }.map(String.init) ?? ""
        let lastLine = lines.lastIndex { !$0.isEmpty }.map { $0 + 1 } ?? 0
        let inputs: [FingertipsImport.Input] = [.init(name: "mixed.csv", bytes: Array(Self.mixedFile.utf8)),
                                                .init(name: "again.csv", bytes: Array((h + last + "\n").utf8))]
        let halves = FingertipsImport.run(inputs: inputs, importDate: "2026-11-29", parallelBytes: 0)
        let one = FingertipsImport.run(inputs: inputs, importDate: "2026-11-29", parallelBytes: .max)
        #expect(halves.halvesMerged == 1)
        #expect(Self.everything(halves) == Self.everything(one))
        #expect(halves.diagnostics.contains { $0.file == "again.csv" && $0.message.contains("duplicate of mixed.csv:\(lastLine) ") })
    }

    @Test("the small test file imports to the same bytes as recorded")
    func small() {
        let r = FingertipsImport.run(inputs: [.init(name: "synthetic.csv", bytes: Array(FingertipsImportTests.file.utf8))], importDate: "2026-11-29")
        let text = r.files.map { "== \($0.name)\n" + String(decoding: $0.bytes, as: UTF8.self) }.joined()
        Golden.check(text, name: "fingertips-small.txt", in: Self.goldenDirectory)
    }
}
