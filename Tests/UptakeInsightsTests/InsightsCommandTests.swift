import Foundation
import Testing
import UptakeCore
@testable import UptakeInsights

/// `uptake insights` run as a user would: the real binary, its output and exit status.
@Suite struct InsightsCommandTests {
    struct Run { var status: Int32; var out: String; var err: String }

    func uptake(_ arguments: [String]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ConcurrentProcessTests.binary)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test func theSampleInsightsImportCleanlyAndSensitiveOnesStayOutOfExports() throws {
        let db = temporaryStorePath()
        let imported = try uptake(["insights", "import", "--data", "sample-data", "--db", db, "sample-data/insights.csv"])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.err.contains("imported 7 insights; 0 rows rejected"))
        let store = try InsightStore(path: db)
        let all = try store.insights(matching: InsightQuery(includeSensitive: true))
        #expect(all.count == 7)
        #expect(all.allSatisfy { $0.source?.hasPrefix("seed 00") == true && !$0.codes.isEmpty })
        // Si's story is personal: flagged, so only an explicit export carries it.
        let csv = try uptake(["insights", "export", "--data", "sample-data", "--db", db])
        #expect(csv.status == 0)
        #expect(!csv.out.contains("Si's story"))
        #expect(csv.out.contains("9in10 were more likely"))
        #expect(csv.err.contains("1 sensitive insights left out"))
        let everything = try uptake(["insights", "export", "--data", "sample-data", "--db", db, "--include-sensitive", "--format", "json"])
        #expect(everything.out.contains("Si's story"))
        let found = try uptake(["insights", "search", "--data", "sample-data", "--db", db, "placement", "--format", "csv"])
        #expect(found.out.split(separator: "\n").count == 2)  // header and the students' placements
        let stats = try uptake(["insights", "stats", "--data", "sample-data", "--db", db, "--format", "csv"])
        #expect(stats.out.contains("partner,Trusted voices are key,Mosaic,1"))
        #expect(stats.out.contains("month,Trusted voices are key,(no date),4"))
    }

    @Test func importNamesEveryRejectedRowWithItsFileAndLine() throws {
        let db = temporaryStorePath()
        let dir = (db as NSString).deletingLastPathComponent
        let file = dir + "/bad.csv"
        try "text,gathered,method\nfine,2024-01-02,survey\nbad,2024-99-01,survey\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try uptake(["insights", "import", "--data", "sample-data", "--db", db, file])
        #expect(r.status == 1)
        #expect(r.err.contains("\(file):3:2: error: '2024-99-01' is not a date (YYYY-MM-DD): the row is skipped"))
        #expect(r.err.contains("imported 1 insights; 1 rows rejected"))
        let strict = try uptake(["insights", "import", "--data", "sample-data", "--db", db, "--strict", file])
        #expect(strict.status == 1)
        #expect(try InsightStore(path: db).count() == 1)
    }

    @Test func addCodeAndUncodeFromTheCommandLine() throws {
        let db = temporaryStorePath()
        let added = try uptake(["insights", "add", "--data", "sample-data", "--db", db, "--text", "Leaflet\u{1B}[31m in Arabic", "--gathered", "2024-03-01",
                                "--method", "event", "--partner", "forward", "--code", "Trusted voices are key"])
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out == "1\n")
        let unknown = try uptake(["insights", "add", "--data", "sample-data", "--db", db, "--text", "x", "--partner", "Nobody Known"])
        #expect(unknown.err.contains("warning: partner 'Nobody Known' is not in partners.csv"))
        #expect(try uptake(["insights", "code", "--data", "sample-data", "--db", db, "1", "one size doesn't fit all"]).status == 0)
        #expect(try uptake(["insights", "uncode", "--data", "sample-data", "--db", db, "1", "Trusted voices are key"]).status == 0)
        let bad = try uptake(["insights", "code", "--data", "sample-data", "--db", db, "1", "No such code"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("'No such code' is not a code of the code frame"))
        let shown = try uptake(["insights", "show", "--data", "sample-data", "--db", db, "1"])
        #expect(shown.out.contains("partner: FORWARD"))
        #expect(shown.out.contains("codes: One size doesn't fit all"))
        #expect(!shown.out.contains("\u{1B}"))  // the escape is stored, but never printed to a terminal as text
        #expect(try InsightStore(path: db).insight(id: 1)?.text == "Leaflet\u{1B}[31m in Arabic")
    }

    @Test func theConfigFileNamesTheBankAndDbOverridesIt() throws {
        let dir = (temporaryStorePath() as NSString).deletingLastPathComponent
        let config = dir + "/config.toml"
        try "[insights]\ndb = \"bank/team.sqlite\"\nsize = 3\n".write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/bank", withIntermediateDirectories: true)
        let added = try uptake(["insights", "add", "--config", config, "--data", "sample-data", "--text", "from the config's bank", "--gathered", "2024-03-01"])
        #expect(added.status == 0, "\(added.err)")
        #expect(added.err.contains("\(config):3: warning: unknown key 'insights.size' ignored (known: db)"))
        // Relative to the config file's directory, not the current one.
        #expect(try InsightStore(path: dir + "/bank/team.sqlite").count() == 1)
        let other = dir + "/other.sqlite"
        #expect(try uptake(["insights", "add", "--config", config, "--data", "sample-data", "--db", other, "--text", "elsewhere"]).status == 0)
        #expect(try InsightStore(path: other).insights(matching: InsightQuery()).map(\.text) == ["elsewhere"])
        let listed = try uptake(["insights", "list", "--config", config, "--data", "sample-data"])
        #expect(listed.out.contains("from the config's bank") && !listed.out.contains("elsewhere"))
        let shown = try uptake(["config", "--show", "--config", config])
        #expect(shown.out.contains("insights.db       = \"\(dir)/bank/team.sqlite\"    # \(config):2"))
        try "[insights]\ndb = 7\n".write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try uptake(["insights", "list", "--config", config, "--data", "sample-data"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("\(config):2: error: key 'insights.db': must be the insight bank's file path in quotes"))
    }
}
