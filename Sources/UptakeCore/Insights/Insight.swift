/// One community insight: what someone said or showed, when and how it was gathered, and how it is coded.
///
/// A plain value: the store (`UptakeInsights`) reads and writes it, the dashboard shows it.
/// Text is kept exactly as entered; everything that draws it goes through ``TerminalText``.
public struct Insight: Hashable, Sendable, Codable {
    /// The store's row id (nil before the insight is saved).
    public var id: Int64?
    /// What was said or seen, as entered.
    public var text: String
    /// The day it was gathered, `YYYY-MM-DD`, or empty when the source does not say (an insight taken from a document).
    public var gathered: String
    /// How it was gathered (one of the store's methods: `drop-in session`, `survey`, …).
    public var method: String
    /// Where it was gathered.
    public var place: String?
    /// The partner it came through (a name from `partners.csv`, when known).
    public var partner: String?
    /// Who recorded it.
    public var recordedBy: String?
    /// The document it was taken from (`seed 000: …`), when it came from one.
    public var source: String?
    /// Personal or sensitive content: never shown by the kiosk or `present`, left out of exports by default.
    public var sensitive: Bool
    /// The codes it carries, by name, sorted.
    public var codes: [String]
    /// When it was first saved (ISO 8601, UTC).
    public var createdAt: String
    /// When it was last changed (ISO 8601, UTC).
    public var updatedAt: String

    /// Creates an insight.
    public init(id: Int64? = nil, text: String, gathered: String, method: String, place: String? = nil, partner: String? = nil,
                recordedBy: String? = nil, source: String? = nil, sensitive: Bool = false, codes: [String] = [],
                createdAt: String = "", updatedAt: String = "") {
        self.id = id
        self.text = text
        self.gathered = gathered
        self.method = method
        self.place = place
        self.partner = partner
        self.recordedBy = recordedBy
        self.source = source
        self.sensitive = sensitive
        self.codes = codes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The month it was gathered, `YYYY-MM`, or `(no date)`.
    public var month: String { gathered.isEmpty ? Self.noDate : String(gathered.prefix(7)) }

    /// The label for an insight whose source gives no date.
    public static let noDate = "(no date)"

    /// The methods every new insight bank starts with; the team can add more.
    public static let standardMethods = ["drop-in session", "survey", "conversation", "event", "complaint", "other"]

    /// True when `s` is a calendar date written `YYYY-MM-DD`.
    public static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        for i in [0, 1, 2, 3, 5, 6, 8, 9] where !(b[i] >= 48 && b[i] <= 57) { return false }
        let month = Int(s.dropFirst(5).prefix(2))!, day = Int(s.suffix(2))!
        let year = Int(s.prefix(4))!
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

/// A code of the code frame: a theme an insight can be tagged with.
public struct InsightCode: Hashable, Sendable, Codable {
    /// The code's name (unique, case-insensitively).
    public var name: String
    /// What it means.
    public var description: String
    /// Where it came from: `framework` (a theme of a principles framework in the dataset) or `team`.
    public var origin: String
    /// How many insights carry it (filled in by listings).
    public var count: Int

    /// Creates a code.
    public init(name: String, description: String = "", origin: String = "team", count: Int = 0) {
        self.name = name
        self.description = description
        self.origin = origin
        self.count = count
    }

    /// The default code frame: the themes of the principles frameworks in `dataset`, described by their framework.
    public static func frame(from dataset: Dataset) -> [InsightCode] {
        var seen = Set<String>()
        var codes: [InsightCode] = []
        for item in dataset.principles {
            guard let theme = item.theme, !theme.isEmpty, seen.insert(theme.lowercased()).inserted else { continue }
            codes.append(InsightCode(name: theme, description: "Theme of \(item.framework)", origin: "framework"))
        }
        return codes
    }
}

/// What to look for in the insight bank: every field is a filter, nil means any.
public struct InsightQuery: Hashable, Sendable {
    /// Words to find in the text, place, partner or source (full-text, each word a prefix).
    public var text: String?
    /// Only insights carrying this code.
    public var code: String?
    /// Only insights from this partner.
    public var partner: String?
    /// Only insights gathered at this place.
    public var place: String?
    /// Only insights gathered this way.
    public var method: String?
    /// Gathered on or after this day (`YYYY-MM-DD`).
    public var from: String?
    /// Gathered on or before this day (`YYYY-MM-DD`).
    public var to: String?
    /// Include insights flagged sensitive.
    public var includeSensitive: Bool
    /// At most this many, newest first (nil: all).
    public var limit: Int?

    /// Creates a query.
    public init(text: String? = nil, code: String? = nil, partner: String? = nil, place: String? = nil, method: String? = nil,
                from: String? = nil, to: String? = nil, includeSensitive: Bool = false, limit: Int? = nil) {
        self.text = text
        self.code = code
        self.partner = partner
        self.place = place
        self.method = method
        self.from = from
        self.to = to
        self.includeSensitive = includeSensitive
        self.limit = limit
    }
}

/// Counts of insights by code (rows) and a second dimension (columns: partner or month).
public struct InsightMatrix: Hashable, Sendable {
    /// Row labels: codes.
    public var codes: [String]
    /// Column labels: partners (`(no partner)` for none) or months.
    public var columns: [String]
    /// `counts[row][column]`.
    public var counts: [[Int]]

    /// Creates a matrix; `counts` must be `codes.count` rows of `columns.count`.
    public init(codes: [String] = [], columns: [String] = [], counts: [[Int]] = []) {
        self.codes = codes
        self.columns = columns
        self.counts = counts
    }

    /// The label used for insights without a partner.
    public static let noPartner = "(no partner)"

    /// Builds a matrix from (code, column) pairs with their counts; rows and columns sorted by total, largest first.
    public init(cells: [(code: String, column: String, count: Int)]) {
        var rowTotals: [String: Int] = [:], columnTotals: [String: Int] = [:]
        for c in cells {
            rowTotals[c.code, default: 0] += c.count
            columnTotals[c.column, default: 0] += c.count
        }
        let order: ([String: Int]) -> [String] = { totals in
            totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        codes = order(rowTotals)
        columns = order(columnTotals)
        let rowIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        counts = Array(repeating: Array(repeating: 0, count: columns.count), count: codes.count)
        for c in cells { counts[rowIndex[c.code]!][columnIndex[c.column]!] += c.count }
    }

    /// The largest count in any cell (0 when empty).
    public var maximum: Int { counts.lazy.flatMap { $0 }.max() ?? 0 }

    /// The count for `code` and `column`, 0 when either is absent.
    public func count(code: String, column: String) -> Int {
        guard let r = codes.firstIndex(of: code), let c = columns.firstIndex(of: column) else { return 0 }
        return counts[r][c]
    }
}
