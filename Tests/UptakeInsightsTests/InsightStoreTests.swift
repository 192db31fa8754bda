import Foundation
import GRDB
import Testing
import UptakeCore
@testable import UptakeInsights

/// The directory all of this test process's stores live in, removed when the process exits (the suite makes
/// about thirty stores a run; left behind, they piled up in /tmp by the thousand).
let temporaryStoreRoot: String = {
    let root = NSTemporaryDirectory() + "uptake-insights-tests-\(getpid())"
    try? FileManager.default.removeItem(atPath: root)
    try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: temporaryStoreRoot) }
    return root
}()

/// A fresh store file in its own directory under ``temporaryStoreRoot``.
func temporaryStorePath(_ name: String = "insights.sqlite") -> String {
    let dir = temporaryStoreRoot + "/" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}

let testFrame = [InsightCode(name: "Trusted voices are key", description: "Theme", origin: "framework"),
                 InsightCode(name: "One size doesn't fit all", description: "Theme", origin: "framework"),
                 InsightCode(name: "Work placements", description: "Team code")]

@Suite struct InsightStoreTests {
    @Test func migratesAnEmptyFileToWALWithForeignKeys() throws {
        let store = try InsightStore(path: temporaryStorePath())
        #expect(try store.appliedMigrations() == InsightMigrations.identifiers.sorted())
        #expect(try store.journalMode() == "wal")
        #expect(try store.methods() == Insight.standardMethods)
        let fk = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(fk == 1)
    }

    @Test func migratesAVersionOneFileAndIndexesItsRows() throws {
        let path = temporaryStorePath()
        do {
            let v1 = try InsightStore(path: path, codeFrame: testFrame, upTo: "v1-tables")
            #expect(try v1.appliedMigrations() == ["v1-tables"])
            try v1.add(Insight(text: "Students want NHS work placements", gathered: "2023-04-20", method: "drop-in session",
                               codes: ["Work placements"]))
        }
        let store = try InsightStore(path: path)
        #expect(try store.appliedMigrations() == InsightMigrations.identifiers.sorted())
        let found = try store.insights(matching: InsightQuery(text: "placement"))
        #expect(found.map(\.text) == ["Students want NHS work placements"])
        #expect(found.first?.codes == ["Work placements"])
    }

    @Test func addsListsAndSearchesWithFilters() throws {
        let store = try InsightStore(path: temporaryStorePath(), codeFrame: testFrame)
        let a = try store.add(Insight(text: "Hard to find NHS work placements", gathered: "2023-04-20", method: "drop-in session",
                                      place: "Wolverhampton", partner: "Healthwatch Wolverhampton", codes: ["Work placements"]))
        try store.add(Insight(text: "An Arabic speaker made it easier to talk", gathered: "2024-07-01", method: "conversation",
                              partner: "FORWARD", codes: ["Trusted voices are key"]))
        try store.add(Insight(text: "Private: named person's fears", gathered: "2024-07-02", method: "conversation",
                              partner: "FORWARD", sensitive: true, codes: ["Trusted voices are key"]))
        #expect(try store.count() == 3)
        #expect(try store.insights(matching: InsightQuery()).map(\.gathered) == ["2024-07-01", "2023-04-20"])
        #expect(try store.insights(matching: InsightQuery(includeSensitive: true)).count == 3)
        #expect(try store.insights(matching: InsightQuery(text: "arab")).map(\.partner) == ["FORWARD"])
        #expect(try store.insights(matching: InsightQuery(text: "wolverhampton")).map(\.id) == [a])  // place is indexed
        #expect(try store.insights(matching: InsightQuery(code: "trusted VOICES are key", includeSensitive: true)).count == 2)
        #expect(try store.insights(matching: InsightQuery(partner: "forward")).count == 1)
        #expect(try store.insights(matching: InsightQuery(method: "conversation", from: "2024-01-01", to: "2024-07-01")).count == 1)
        // FTS5 syntax typed by a user is searched for, never interpreted (no error).
        #expect(try store.insights(matching: InsightQuery(text: "\"NEAR( OR *")).isEmpty)
        #expect(try store.insights(matching: InsightQuery(limit: 1)).count == 1)
        let page = try store.page(matching: InsightQuery(code: "Trusted voices are key", includeSensitive: true, limit: 1))
        #expect(page.insights.count == 1)
        #expect(page.total == 2)
        #expect(try store.page(matching: InsightQuery(text: "nothingmatches")).total == 0)
    }

    @Test func refusesBadInsightsWithoutWritingAnything() throws {
        let store = try InsightStore(path: temporaryStorePath(), codeFrame: testFrame)
        #expect(throws: InsightStoreError.invalidDate("2024-02-30")) {
            try store.add(Insight(text: "x", gathered: "2024-02-30", method: "survey"))
        }
        #expect(throws: InsightStoreError.unknownMethod("séance")) {
            try store.add(Insight(text: "x", gathered: "2024-02-03", method: "séance"))
        }
        #expect(throws: InsightStoreError.unknownCode("nope")) {
            try store.add([Insight(text: "ok", gathered: "2024-02-03", method: "survey"),
                           Insight(text: "x", gathered: "2024-02-03", method: "survey", codes: ["nope"])])
        }
        #expect(try store.count() == 0)  // the batch is one transaction
    }

    @Test func codesUncodesRenamesAndMergesWithoutLosingInsights() throws {
        let store = try InsightStore(path: temporaryStorePath(), codeFrame: testFrame)
        let id = try store.add(Insight(text: "t", gathered: "2024-01-01", method: "survey"))
        try store.code(id, with: ["Work placements", "one size doesn't fit all"])
        #expect(try store.insight(id: id)?.codes == ["One size doesn't fit all", "Work placements"])
        try store.uncode(id, removing: ["work placements"])
        #expect(throws: InsightStoreError.notCoded(id, "Work placements")) { try store.uncode(id, removing: ["Work placements"]) }
        try store.addCode("Placements", description: "NHS work placements")
        #expect(throws: InsightStoreError.codeExists("placements")) { try store.addCode("placements", description: "") }
        try store.code(id, with: ["Placements"])
        try store.renameCode("Placements", to: "NHS placements")
        #expect(try store.insight(id: id)?.codes == ["NHS placements", "One size doesn't fit all"])
        try store.mergeCode("NHS placements", into: "One size doesn't fit all")
        #expect(try store.insight(id: id)?.codes == ["One size doesn't fit all"])
        #expect(try store.codes().map(\.name).contains("NHS placements") == false)
        #expect(throws: InsightStoreError.noSuchInsight(99)) { try store.code(99, with: ["Work placements"]) }
    }

    @Test func countsByCodeAndPartnerAndMonthLeavingSensitiveOut() throws {
        let store = try InsightStore(path: temporaryStorePath(), codeFrame: testFrame)
        try store.add(Insight(text: "a", gathered: "2024-01-05", method: "survey", partner: "Mosaic", codes: ["Trusted voices are key"]))
        try store.add(Insight(text: "b", gathered: "2024-01-09", method: "survey", partner: "Mosaic", codes: ["Trusted voices are key", "Work placements"]))
        try store.add(Insight(text: "c", gathered: "2024-02-01", method: "survey", codes: ["Work placements"]))
        try store.add(Insight(text: "d", gathered: "2024-02-01", method: "survey", partner: "FAWA", sensitive: true, codes: ["Work placements"]))
        let m = try store.matrixByPartner()
        #expect(m.count(code: "Trusted voices are key", column: "Mosaic") == 2)
        #expect(m.count(code: "Work placements", column: "Mosaic") == 1)
        #expect(m.count(code: "Work placements", column: InsightMatrix.noPartner) == 1)
        #expect(!m.columns.contains("FAWA"))
        #expect(try store.matrixByPartner(includeSensitive: true).count(code: "Work placements", column: "FAWA") == 1)
        let months = try store.matrixByMonth()
        #expect(months.count(code: "Work placements", column: "2024-02") == 1)
        #expect(months.count(code: "Trusted voices are key", column: "2024-01") == 2)
        // Drill-down: the insights behind a cell.
        #expect(try store.insights(matching: InsightQuery(code: "Work placements", partner: InsightMatrix.noPartner)).map(\.text) == ["c"])
    }

    @Test func anInsightWithoutADateIsCountedUnderNoDate() throws {
        let store = try InsightStore(path: temporaryStorePath(), codeFrame: testFrame)
        try store.add(Insight(text: "from a document", gathered: "", method: "survey", codes: ["Work placements"]))
        try store.add(Insight(text: "dated", gathered: "2024-01-02", method: "survey", codes: ["Work placements"]))
        #expect(try store.matrixByMonth().count(code: "Work placements", column: Insight.noDate) == 1)
        #expect(try store.insights(matching: InsightQuery(to: "2030-01-01")).map(\.text) == ["dated"])
        #expect(try store.insights(matching: InsightQuery()).map(\.text) == ["dated", "from a document"])
    }

    /// The counts straight from the links, to check the trigger-kept tables against.
    func joinedCounts(_ store: InsightStore, includeSensitive: Bool) throws -> InsightMatrix {
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.name AS code, coalesce(i.partner, '(no partner)') AS col, count(*) AS n
                FROM insightCode ic JOIN insight i ON i.id = ic.insightId JOIN code c ON c.id = ic.codeId
                \(includeSensitive ? "" : "WHERE i.sensitive = 0") GROUP BY 1, 2
                """)
        }
        return InsightMatrix(cells: rows.map { (code: $0["code"], column: $0["col"], count: $0["n"]) })
    }

    @Test func countsKeptByTriggersMatchTheLinksThroughEveryChange() throws {
        let path = temporaryStorePath()
        do {
            // A v2 file with data: v3 fills the counts from it.
            let v2 = try InsightStore(path: path, codeFrame: testFrame, upTo: "v2-fulltext")
            try v2.add(Insight(text: "old", gathered: "2023-01-01", method: "survey", partner: "Mosaic", codes: ["Work placements"]))
        }
        let store = try InsightStore(path: path, codeFrame: testFrame)
        #expect(try store.matrixByPartner().count(code: "Work placements", column: "Mosaic") == 1)
        let a = try store.add(Insight(text: "a", gathered: "2024-01-01", method: "survey", partner: "Mosaic",
                                      codes: ["Work placements", "Trusted voices are key"]))
        let b = try store.add(Insight(text: "b", gathered: "2024-02-01", method: "survey", codes: ["Trusted voices are key"]))
        try store.setSensitive(b, true)
        try store.code(b, with: ["Work placements"])
        try store.uncode(a, removing: ["Trusted voices are key"])
        try store.addCode("Extra", description: "")
        try store.setCodes(a, ["Extra", "Work placements"])
        try store.mergeCode("Extra", into: "Trusted voices are key")
        try store.renameCode("Trusted voices are key", to: "Trusted voices")
        for sensitive in [false, true] {
            #expect(try store.matrixByPartner(includeSensitive: sensitive) == joinedCounts(store, includeSensitive: sensitive))
        }
        #expect(try store.matrixByMonth(includeSensitive: true).count(code: "Work placements", column: "2024-02") == 1)
        #expect(try store.matrixByMonth().count(code: "Work placements", column: "2024-02") == 0)
    }

    /// A search's page (one pass: the sorted ids give the total and the page) agrees with the plain query's
    /// first rows and count, through ties of date, empty dates, the sensitive flag and other filters.
    @Test func aSearchPageAgreesWithThePlainQueryAndItsCount() throws {
        let path = temporaryStorePath()
        do {
            // A v3 file with data: v4 adds the sort-key index over it.
            let v3 = try InsightStore(path: path, codeFrame: testFrame, upTo: "v3-counts")
            try v3.add(Insight(text: "placement from a v3 file", gathered: "2022-06-01", method: "survey", codes: ["Work placements"]))
        }
        let store = try InsightStore(path: path, codeFrame: testFrame)
        #expect(try store.appliedMigrations() == InsightMigrations.identifiers.sorted())
        let indexed = try store.pool.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE name = 'insight_key'") }
        #expect(indexed == true)
        var batch: [Insight] = []
        for n in 0..<1_300 {
            // Every third mentions placements; dates repeat (ties sort by id) and some are missing.
            let text = (n % 3 == 0 ? "wanted a work placement " : "talked about screening ") + "number \(n)"
            let gathered = n % 11 == 0 ? "" : "2024-0\(n % 9 + 1)-\(10 + n % 17)"
            batch.append(Insight(text: text, gathered: gathered, method: "survey", partner: n % 4 == 0 ? "Mosaic" : "FAWA",
                                 sensitive: n % 7 == 0, codes: n % 2 == 0 ? ["Work placements"] : []))
        }
        try store.add(batch)
        let queries = [InsightQuery(text: "placement", includeSensitive: true, limit: 100),
                       InsightQuery(text: "placement", includeSensitive: false, limit: 100),
                       InsightQuery(text: "PLACE", partner: "mosaic", limit: 50),
                       InsightQuery(text: "placement", code: "Work placements", from: "2024-03-01", limit: 20),
                       InsightQuery(text: "placement", includeSensitive: true, limit: 5_000),
                       InsightQuery(text: "nothing-matches-this", limit: 10)]
        for q in queries {
            var all = q
            all.limit = nil
            let expected = try store.insights(matching: all)
            let page = try store.page(matching: q)
            #expect(page.total == expected.count)
            #expect(page.total == (try store.count(matching: q)))
            #expect(page.insights == Array(expected.prefix(q.limit!)))
        }
        #expect(try store.page(matching: queries[0]).total == 435)  // 1 from the v3 file + 434 of the 1,300
        #expect(try store.page(matching: queries[1]).insights.allSatisfy { !$0.sensitive })
    }

    /// The kiosk and `present` open a bank read-only: never created, never migrated, never written.
    @Test func aReadOnlyOpeningNeverCreatesMigratesOrWrites() throws {
        let missing = temporaryStorePath()
        #expect(throws: InsightStoreError.noBank(missing)) { try InsightStore(readingOnly: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let old = temporaryStorePath()
        do {
            let v2 = try InsightStore(path: old, codeFrame: testFrame, upTo: "v2-fulltext")
            try v2.add(Insight(text: "kept", gathered: "2024-01-01", method: "survey", codes: ["Work placements"]))
        }
        #expect(throws: InsightStoreError.olderBank(old)) { try InsightStore(readingOnly: old) }
        // A v3 bank lacks only v4's index: a kiosk reads it as it is (and writes nothing, so it stays v3).
        let v3path = temporaryStorePath()
        do {
            let v3 = try InsightStore(path: v3path, codeFrame: testFrame, upTo: "v3-counts")
            try v3.add(Insight(text: "kept placement", gathered: "2024-01-01", method: "survey", codes: ["Work placements"]))
        }
        let v3reader = try InsightStore(readingOnly: v3path)
        #expect(try v3reader.page(matching: InsightQuery(text: "placement", limit: 10)).total == 1)
        #expect(try v3reader.appliedMigrations() == ["v1-tables", "v2-fulltext", "v3-counts"])
        let path = temporaryStorePath()
        try InsightStore(path: path, codeFrame: testFrame).add(Insight(text: "a placement", gathered: "2024-01-01", method: "survey"))
        let reader = try InsightStore(readingOnly: path)
        #expect(try reader.page(matching: InsightQuery(text: "placement", limit: 10)).total == 1)
        #expect(throws: (any Error).self) { try reader.add(Insight(text: "no", gathered: "2024-01-01", method: "survey")) }
        #expect(try InsightStore(path: path).count() == 1)
    }
}
