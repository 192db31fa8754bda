import GRDB
import UptakeCore

extension InsightStore {
    /// The dashboard's view of the bank for `query`: the matching insights (at most `query.limit`, default 500),
    /// their total, the code x partner counts and the pick lists; errors are carried, not thrown.
    public func snapshot(for query: InsightQuery) -> InsightSnapshot {
        var limited = query
        if limited.limit == nil { limited.limit = 500 }
        do {
            let (rows, total) = try page(matching: limited)
            return InsightSnapshot(query: query, insights: rows, total: total,
                                   matrix: try matrixByPartner(includeSensitive: query.includeSensitive),
                                   codes: try codes(), methods: try methods())
        } catch {
            return InsightSnapshot(query: query, error: String(describing: error))
        }
    }

    /// Applies a change asked for from the dashboard; returns the insight's id.
    @discardableResult
    public func apply(_ change: InsightChange) throws -> Int64 {
        switch change {
        case .add(let insight): return try add(insight)
        case .code(let id, let codes): try code(id, with: codes); return id
        case .uncode(let id, let codes): try uncode(id, removing: codes); return id
        case .setCodes(let id, let codes): try setCodes(id, codes); return id
        }
    }

    /// Gives an insight exactly `codes` (in one transaction).
    public func setCodes(_ id: Int64, _ codes: [String]) throws {
        try pool.write { db in
            try Self.requireInsight(id, db)
            try db.execute(sql: "DELETE FROM insightCode WHERE insightId = ?", arguments: [id])
            for code in codes { try Self.attach(code, to: id, db) }
            try Self.touch(id, db)
        }
    }
}
