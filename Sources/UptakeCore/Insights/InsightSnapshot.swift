/// What the dashboard holds of the insight bank: one query's answer, with the counts and pick lists.
///
/// Built by the executable's insight service off the main thread and handed to
/// `update` in one piece, so the UI never touches the database.
public struct InsightSnapshot: Hashable, Sendable {
    /// The query this answers.
    public var query: InsightQuery
    /// The matching insights, newest first (at most the query's limit).
    public var insights: [Insight]
    /// How many match in all (may exceed `insights.count`).
    public var total: Int
    /// Counts by code and partner, over the whole bank (sensitive ones only when the query includes them).
    public var matrix: InsightMatrix
    /// The code frame, for the form's pick list.
    public var codes: [InsightCode]
    /// The methods, for the form's pick list.
    public var methods: [String]
    /// Why the bank could not be read, if it could not (the pane says so instead of showing rows).
    public var error: String?
    /// The bank's file, so the pane can say where it is (nil: not said).
    public var location: String?
    /// False when there is no bank yet at `location`: the dashboard creates it with the first insight saved.
    public var exists = true

    /// Creates a snapshot.
    public init(query: InsightQuery = InsightQuery(), insights: [Insight] = [], total: Int = 0, matrix: InsightMatrix = InsightMatrix(),
                codes: [InsightCode] = [], methods: [String] = Insight.standardMethods, error: String? = nil) {
        self.query = query
        self.insights = insights
        self.total = total
        self.matrix = matrix
        self.codes = codes
        self.methods = methods
        self.error = error
    }

    /// The answer for a bank that does not exist yet at `location`: nothing in it, the code frame to pick from.
    public static func noBank(at location: String, query: InsightQuery, codes: [InsightCode]) -> InsightSnapshot {
        var s = InsightSnapshot(query: query, codes: codes)
        s.location = location
        s.exists = false
        return s
    }
}

/// A change to the insight bank asked for from the dashboard.
public enum InsightChange: Hashable, Sendable {
    /// Record a new insight.
    case add(Insight)
    /// Add codes to insight `id`.
    case code(Int64, [String])
    /// Remove codes from insight `id`.
    case uncode(Int64, [String])
    /// Give insight `id` exactly these codes.
    case setCodes(Int64, [String])
}
