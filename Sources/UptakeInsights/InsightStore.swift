import Foundation
import GRDB
import UptakeCore

/// The insight bank: one SQLite file, shared safely by several processes at once.
///
/// It opens the file as a GRDB `DatabasePool` in WAL mode (readers never block
/// the writer, a kiosk keeps reading while two people add insights), with
/// foreign keys on, a busy timeout (a writer waits for another instead of
/// failing with "database is locked") and IMMEDIATE write transactions (the
/// write lock is taken at the start, so two writers never deadlock upgrading
/// a read lock). The schema comes from ``InsightMigrations``.
public final class InsightStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// True when the file has v4's `insight_key` index (a read-only opening of a v3 bank has not).
    let hasSortKey: Bool

    /// How long a writer waits for another process's write before giving up (seconds).
    public static let busyTimeout: TimeInterval = 15

    /// Opens (creating it when absent) and migrates the store at `path`, then adds the codes of `codeFrame` it lacks.
    public init(path: String, codeFrame: [InsightCode] = [], upTo migration: String? = nil) throws {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.label = "uptake-insights"
        // Several processes may create the file at once: setting WAL mode can meet SQLITE_BUSY
        // before the busy handler is installed, so opening is retried for a while.
        var attempt = 0
        while true {
            do {
                pool = try DatabasePool(path: path, configuration: config)
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 200 {
                attempt += 1
                usleep(25_000)
            }
        }
        // Each migration runs in its own IMMEDIATE transaction, but GRDB reads which ones are applied
        // before taking the lock: two processes opening a new file at once can both start the same
        // migration. The loser's transaction fails and rolls back whole; it then reads again, finds the
        // migration applied by the winner, and goes on. So a failure is retried while others are migrating.
        let target = migration ?? InsightMigrations.identifiers.last!
        hasSortKey = (InsightMigrations.identifiers.firstIndex(of: target) ?? 0) >= InsightMigrations.identifiers.firstIndex(of: "v4-sort-key")!
        var tries = 0
        while true {
            do {
                try InsightMigrations.migrator.migrate(pool, upTo: target)
                break
            } catch let error as DatabaseError where tries < 40 {
                tries += 1
                if error.resultCode != .SQLITE_ERROR && error.resultCode != .SQLITE_CONSTRAINT && error.resultCode != .SQLITE_BUSY { throw error }
                usleep(20_000)
            }
        }
        if !codeFrame.isEmpty { try ensureCodes(codeFrame) }
    }

    /// Opens an existing bank for reading only (the kiosk, `uptake present`): no file is created, nothing is written,
    /// no migration runs. Throws ``InsightStoreError/noBank(_:)`` when there is no file and
    /// ``InsightStoreError/olderBank(_:)`` when it lacks a migration that changes what is read (a writing command
    /// brings it up to date); one that only adds an index (v4) is not needed to read.
    public init(readingOnly path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw InsightStoreError.noBank(path) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.label = "uptake-insights-read-only"
        pool = try DatabasePool(path: path, configuration: config)
        // v4 only adds an index (speed, not meaning): a v3 bank reads correctly, so a kiosk left on an
        // older bank keeps showing insights until a writing command brings the file up to date.
        let applied = try pool.read { db in try InsightMigrations.migrator.appliedIdentifiers(db) }
        guard InsightMigrations.readableWith.isSubset(of: applied) else {
            throw InsightStoreError.olderBank(path)
        }
        hasSortKey = applied.contains("v4-sort-key")
    }

    /// The migrations applied to the file, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try InsightMigrations.migrator.appliedIdentifiers(db).sorted() }
    }

    /// The journal mode in force (`wal`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: - Insights

    /// Saves a new insight with its codes; returns its id.
    ///
    /// Throws ``InsightStoreError`` when the date, the method or a code is unknown.
    @discardableResult
    public func add(_ insight: Insight) throws -> Int64 {
        try add([insight]).first!
    }

    /// Saves several insights in one transaction (all or none); returns their ids in order.
    @discardableResult
    public func add(_ insights: [Insight]) throws -> [Int64] {
        let now = Self.timestamp()
        return try pool.write { db in
            var ids: [Int64] = []
            ids.reserveCapacity(insights.count)
            let methods = Set(try String.fetchAll(db, sql: "SELECT name FROM method"))
            let insert = try db.makeStatement(sql: """
                INSERT INTO insight (text, gathered, method, place, partner, recordedBy, source, sensitive, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for insight in insights {
                try Self.validate(insight, methods: methods)
                try insert.execute(arguments: [insight.text, insight.gathered, insight.method, insight.place.nonEmpty,
                                               insight.partner.nonEmpty, insight.recordedBy.nonEmpty, insight.source.nonEmpty,
                                               insight.sensitive, now, now])
                let id = db.lastInsertedRowID
                for code in insight.codes { try Self.attach(code, to: id, db) }
                ids.append(id)
            }
            return ids
        }
    }

    /// The insight with this id, or nil.
    public func insight(id: Int64) throws -> Insight? {
        try pool.read { db in
            try Self.fetch(db, where: "i.id = ?", arguments: [id], order: "", limit: nil).first
        }
    }

    /// The insights that match `query`, newest gathered first.
    public func insights(matching query: InsightQuery) throws -> [Insight] {
        try pool.read { db in
            let (clause, arguments) = try Self.filter(query, db)
            return try Self.fetch(db, where: clause, arguments: arguments, order: "ORDER BY i.gathered DESC, i.id DESC", limit: query.limit)
        }
    }

    /// The insights that match `query` (at most its limit, newest first) and how many match in all, read in one
    /// transaction (so the two agree while others write). The total is counted only when the page is full.
    ///
    /// A search (`query.text`) is one pass over the full-text matches: the ids of every match, sorted, through
    /// the covering index `insight_key`, give both the total and the page; only the page's rows are then read.
    public func page(matching query: InsightQuery) throws -> (insights: [Insight], total: Int) {
        if let text = query.text?.trimmed, !text.isEmpty, let limit = query.limit {
            return try searchPage(text: text, query: query, limit: limit)
        }
        return try pool.read { db in
            let (clause, arguments) = try Self.filter(query, db)
            let rows = try Self.fetch(db, where: clause, arguments: arguments, order: "ORDER BY i.gathered DESC, i.id DESC", limit: query.limit)
            guard let limit = query.limit, rows.count >= limit else { return (rows, rows.count) }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM insight i WHERE \(clause)", arguments: arguments) ?? 0
            return (rows, total)
        }
    }

    /// ``page(matching:)`` for a search: every match's id in order (one full-text lookup), then the first `limit` rows.
    private func searchPage(text: String, query: InsightQuery, limit: Int) throws -> (insights: [Insight], total: Int) {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return ([], 0) }
        var rest = query
        rest.text = nil
        return try pool.read { db in
            let (clause, arguments) = try Self.filter(rest, db)
            // The sort key comes from `insight_key` (id, gathered, sensitive): a few pages, not every matching row.
            let ids = try Int64.fetchCursor(db, sql: """
                SELECT i.id FROM insightFts f JOIN insight i \(hasSortKey ? "INDEXED BY insight_key" : "") ON i.id = f.rowid
                WHERE insightFts MATCH ? AND \(clause) ORDER BY i.gathered DESC, i.id DESC
                """, arguments: [pattern.rawPattern] + arguments)
            var first: [Int64] = []
            first.reserveCapacity(limit)
            var total = 0
            while let id = try ids.next() {
                if total < limit { first.append(id) }
                total += 1
            }
            guard !first.isEmpty else { return ([], total) }
            // Integers only, so the list is written into the statement (no limit on bound parameters to meet).
            let rows = try Self.fetch(db, where: "i.id IN (\(first.map(String.init).joined(separator: ",")))", arguments: [],
                                      order: "", limit: nil)
            let byID = Dictionary(rows.map { ($0.id ?? 0, $0) }, uniquingKeysWith: { a, _ in a })
            return (first.compactMap { byID[$0] }, total)
        }
    }

    /// How many insights match `query` (its limit ignored).
    public func count(matching query: InsightQuery = InsightQuery(includeSensitive: true)) throws -> Int {
        try pool.read { db in
            let (clause, arguments) = try Self.filter(query, db)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM insight i WHERE \(clause)", arguments: arguments) ?? 0
        }
    }

    /// Adds codes to an insight (those it has already are kept once).
    public func code(_ id: Int64, with codes: [String]) throws {
        try pool.write { db in
            try Self.requireInsight(id, db)
            for code in codes { try Self.attach(code, to: id, db) }
            try Self.touch(id, db)
        }
    }

    /// Removes codes from an insight (one it lacks is an error, so a typo is not silent).
    public func uncode(_ id: Int64, removing codes: [String]) throws {
        try pool.write { db in
            try Self.requireInsight(id, db)
            for code in codes {
                guard let codeID = try Self.codeID(code, db) else { throw InsightStoreError.unknownCode(code) }
                try db.execute(sql: "DELETE FROM insightCode WHERE insightId = ? AND codeId = ?", arguments: [id, codeID])
                if db.changesCount == 0 { throw InsightStoreError.notCoded(id, code) }
            }
            try Self.touch(id, db)
        }
    }

    /// Sets whether an insight is sensitive.
    public func setSensitive(_ id: Int64, _ sensitive: Bool) throws {
        try pool.write { db in
            try Self.requireInsight(id, db)
            try db.execute(sql: "UPDATE insight SET sensitive = ? WHERE id = ?", arguments: [sensitive, id])
            try Self.touch(id, db)
        }
    }

    // MARK: - Codes and methods

    /// The code frame, with how many insights carry each code (sensitive ones included), by name.
    public func codes() throws -> [InsightCode] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.name, c.description, c.origin, (SELECT count(*) FROM insightCode ic WHERE ic.codeId = c.id) AS n
                FROM code c ORDER BY c.name COLLATE NOCASE
                """).map { InsightCode(name: $0["name"], description: $0["description"], origin: $0["origin"], count: $0["n"]) }
        }
    }

    /// Adds the codes of `frame` the store lacks (existing codes keep their descriptions).
    public func ensureCodes(_ frame: [InsightCode]) throws {
        let existing = Set(try pool.read { db in try String.fetchAll(db, sql: "SELECT lower(name) FROM code") })
        let missing = frame.filter { !existing.contains($0.name.lowercased()) }
        guard !missing.isEmpty else { return }
        try pool.write { db in
            for code in missing {
                try db.execute(sql: "INSERT OR IGNORE INTO code (name, description, origin) VALUES (?, ?, ?)",
                               arguments: [code.name, code.description, code.origin])
            }
        }
    }

    /// Adds a team code.
    public func addCode(_ name: String, description: String) throws {
        let name = name.trimmed
        guard !name.isEmpty else { throw InsightStoreError.emptyCode }
        try pool.write { db in
            if try Self.codeID(name, db) != nil { throw InsightStoreError.codeExists(name) }
            try db.execute(sql: "INSERT INTO code (name, description, origin) VALUES (?, ?, 'team')", arguments: [name, description])
        }
    }

    /// Renames a code; its insights keep it.
    public func renameCode(_ old: String, to new: String) throws {
        let new = new.trimmed
        guard !new.isEmpty else { throw InsightStoreError.emptyCode }
        try pool.write { db in
            guard let id = try Self.codeID(old, db) else { throw InsightStoreError.unknownCode(old) }
            if let other = try Self.codeID(new, db), other != id { throw InsightStoreError.codeExists(new) }
            try db.execute(sql: "UPDATE code SET name = ? WHERE id = ?", arguments: [new, id])
        }
    }

    /// Merges code `source` into `target`: every insight coded `source` is coded `target`, and `source` goes.
    public func mergeCode(_ source: String, into target: String) throws {
        try pool.write { db in
            guard let from = try Self.codeID(source, db) else { throw InsightStoreError.unknownCode(source) }
            guard let to = try Self.codeID(target, db) else { throw InsightStoreError.unknownCode(target) }
            guard from != to else { return }
            try db.execute(sql: "INSERT OR IGNORE INTO insightCode (insightId, codeId) SELECT insightId, ? FROM insightCode WHERE codeId = ?",
                           arguments: [to, from])
            try db.execute(sql: "DELETE FROM code WHERE id = ?", arguments: [from])
        }
    }

    /// The ways of gathering insight the store knows.
    public func methods() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM method ORDER BY position, name") }
    }

    /// Adds a way of gathering insight.
    public func addMethod(_ name: String) throws {
        let name = name.trimmed
        guard !name.isEmpty else { throw InsightStoreError.unknownMethod(name) }
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO method (name, position) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM method))",
                           arguments: [name])
        }
    }

    // MARK: - Counts

    /// Insights by code and partner (`(no partner)` for none); sensitive ones only when asked.
    public func matrixByPartner(includeSensitive: Bool = false) throws -> InsightMatrix {
        try matrix(table: "codePartnerCount", column: "CASE t.partner WHEN '' THEN '\(InsightMatrix.noPartner)' ELSE t.partner END",
                   key: "t.partner", includeSensitive: includeSensitive)
    }

    /// Insights by code and month gathered (`YYYY-MM`); sensitive ones only when asked.
    public func matrixByMonth(includeSensitive: Bool = false) throws -> InsightMatrix {
        try matrix(table: "codeMonthCount", column: "CASE t.month WHEN '' THEN '\(Insight.noDate)' ELSE t.month END",
                   key: "t.month", includeSensitive: includeSensitive)
    }

    /// Reads a counts table kept by the `v3-counts` triggers (a few thousand rows, not every link).
    private func matrix(table: String, column: String, key: String, includeSensitive: Bool) throws -> InsightMatrix {
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.name AS code, \(column) AS col, sum(t.n) AS n
                FROM \(table) t JOIN code c ON c.id = t.codeId
                WHERE t.n > 0 \(includeSensitive ? "" : "AND t.sensitive = 0")
                GROUP BY t.codeId, \(key) HAVING sum(t.n) > 0
                """)
            // A cursor reuses one row and columns are read by position: the matrix can have tens of thousands of cells.
            var cells: [(code: String, column: String, count: Int)] = []
            while let row = try rows.next() { cells.append((code: row[0], column: row[1], count: row[2])) }
            return InsightMatrix(cells: cells)
        }
    }

    // MARK: - Helpers

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    static func validate(_ insight: Insight, methods: Set<String>) throws {
        if insight.text.trimmed.isEmpty { throw InsightStoreError.emptyText }
        if !insight.gathered.isEmpty && !Insight.isDate(insight.gathered) { throw InsightStoreError.invalidDate(insight.gathered) }
        if !methods.contains(insight.method) { throw InsightStoreError.unknownMethod(insight.method) }
    }

    static func codeID(_ name: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM code WHERE name = ? COLLATE NOCASE", arguments: [name.trimmed])
    }

    static func attach(_ code: String, to id: Int64, _ db: Database) throws {
        guard let codeID = try codeID(code, db) else { throw InsightStoreError.unknownCode(code) }
        try db.execute(sql: "INSERT OR IGNORE INTO insightCode (insightId, codeId) VALUES (?, ?)", arguments: [id, codeID])
    }

    static func requireInsight(_ id: Int64, _ db: Database) throws {
        if try Int.fetchOne(db, sql: "SELECT 1 FROM insight WHERE id = ?", arguments: [id]) == nil {
            throw InsightStoreError.noSuchInsight(id)
        }
    }

    static func touch(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE insight SET updatedAt = ? WHERE id = ?", arguments: [timestamp(), id])
    }

    static func filter(_ q: InsightQuery, _ db: Database) throws -> (String, StatementArguments) {
        var parts: [String] = []
        var args = StatementArguments()
        if !q.includeSensitive { parts.append("i.sensitive = 0") }
        if let text = q.text?.trimmed, !text.isEmpty {
            // Every word is a prefix to match; FTS5 syntax in the user's words is never interpreted.
            guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return ("0", []) }
            parts.append("i.id IN (SELECT rowid FROM insightFts WHERE insightFts MATCH ?)")
            args += [pattern.rawPattern]
        }
        if let code = q.code {
            parts.append("i.id IN (SELECT ic.insightId FROM insightCode ic JOIN code c ON c.id = ic.codeId WHERE c.name = ? COLLATE NOCASE)")
            args += [code.trimmed]
        }
        if let partner = q.partner {
            if partner == InsightMatrix.noPartner { parts.append("i.partner IS NULL") } else {
                parts.append("i.partner = ? COLLATE NOCASE")
                args += [partner.trimmed]
            }
        }
        if let place = q.place {
            parts.append("i.place = ? COLLATE NOCASE")
            args += [place.trimmed]
        }
        if let method = q.method {
            parts.append("i.method = ?")
            args += [method.trimmed]
        }
        if let from = q.from {
            parts.append("i.gathered >= ?")
            args += [from]
        }
        if let to = q.to {
            parts.append("i.gathered <> '' AND i.gathered <= ?")
            args += [to]
        }
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), args)
    }

    static func fetch(_ db: Database, where clause: String, arguments: StatementArguments, order: String, limit: Int?) throws -> [Insight] {
        let sql = """
            SELECT i.*, (SELECT group_concat(c.name, char(31)) FROM insightCode ic JOIN code c ON c.id = ic.codeId
                         WHERE ic.insightId = i.id) AS codes
            FROM insight i WHERE \(clause) \(order) \(limit.map { "LIMIT \($0)" } ?? "")
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let codes: String? = row["codes"]
            return Insight(id: row["id"], text: row["text"], gathered: row["gathered"], method: row["method"], place: row["place"],
                           partner: row["partner"], recordedBy: row["recordedBy"], source: row["source"], sensitive: row["sensitive"],
                           codes: (codes?.split(separator: "\u{1F}").map(String.init) ?? []).sorted { $0.lowercased() < $1.lowercased() },
                           createdAt: row["createdAt"], updatedAt: row["updatedAt"])
        }
    }
}

/// Why the store refused a change.
public enum InsightStoreError: Error, Equatable, CustomStringConvertible {
    case emptyText
    case invalidDate(String)
    case unknownMethod(String)
    case unknownCode(String)
    case emptyCode
    case codeExists(String)
    case noSuchInsight(Int64)
    case notCoded(Int64, String)
    case noBank(String)
    case olderBank(String)
    case cannotCreate(String, String)

    public var description: String {
        switch self {
        case .emptyText: return "the insight's text is empty"
        case .invalidDate(let d): return "'\(TerminalText.sanitize(d))' is not a date (YYYY-MM-DD)"
        case .unknownMethod(let m): return "'\(TerminalText.sanitize(m))' is not a known method (see uptake insights methods; add one with uptake insights methods add)"
        case .unknownCode(let c): return "'\(TerminalText.sanitize(c))' is not a code of the code frame (see uptake insights codes; add one with uptake insights codes add)"
        case .emptyCode: return "a code needs a name"
        case .codeExists(let c): return "the code '\(TerminalText.sanitize(c))' exists already"
        case .noSuchInsight(let id): return "there is no insight \(id)"
        case .notCoded(let id, let c): return "insight \(id) is not coded '\(TerminalText.sanitize(c))'"
        case .noBank(let p): return "there is no insight bank at \(TerminalText.sanitize(p))"
        case .olderBank(let p):
            return "the insight bank \(TerminalText.sanitize(p)) was made by an older uptake: run `uptake insights list` once to bring it up to date"
        case .cannotCreate(let p, let why): return "cannot create the insight bank \(TerminalText.sanitize(p)): \(TerminalText.sanitize(why))"
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Optional where Wrapped == String {
    /// nil for nil or blank text.
    var nonEmpty: String? {
        guard let s = self?.trimmed, !s.isEmpty else { return nil }
        return s
    }
}
