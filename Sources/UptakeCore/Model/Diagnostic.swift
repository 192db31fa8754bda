/// One problem found while loading a dataset, located by file, line and column.
///
/// Printed as `FILE:LINE[:COLUMN]: error|warning|note: message`, the shape compilers
/// use, so editors and terminals can jump to it.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        /// The row (or file) was rejected.
        case error
        /// The row loaded, but something about it deserves a look.
        case warning
        /// The row loaded and is probably fine, but a figure cannot be reproduced exactly
        /// (e.g. a published percentage no whole count of the published denominator gives).
        /// Shown by `check` and with the partner's record; not counted as an error or a warning.
        case note

        /// Most severe first: error < warning < note.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }
    }

    /// The file, relative to the dataset directory (e.g. `uptake.csv`).
    public var file: String
    /// The 1-based line, or nil for a problem with the whole file.
    public var line: Int?
    /// The 1-based column (field number in CSV), when it is known.
    public var column: Int?
    /// Error, warning or note.
    public var severity: Severity
    /// What is wrong: names the offending value (made safe for a terminal, cut at 60 characters) and the rule.
    public var message: String
    /// The offending field exactly as the file has it, when the problem is one field's value
    /// (JSON reports carry it, so data is kept exactly there too).
    public var value: String?

    /// Creates a diagnostic.
    public init(file: String, line: Int?, column: Int? = nil, severity: Severity, message: String, value: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.value = value
    }

    /// `FILE:LINE[:COLUMN]` or `FILE` alone.
    public var location: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column, line != nil { s += ":\(column)" }
        return s
    }

    /// The whole diagnostic on one line: `FILE:LINE[:COLUMN]: error|warning|note: message`.
    public var formatted: String { "\(location): \(severity.rawValue): \(message)" }
}

/// How many rows of one file were read, accepted and rejected.
public struct FileSummary: Hashable, Sendable, Codable {
    /// The file, relative to the dataset directory.
    public var file: String
    /// False when the file does not exist (optional files may be absent).
    public var present: Bool
    /// Data records read (header and blank lines excluded).
    public var read: Int
    /// Records that loaded (possibly with warnings).
    public var accepted: Int
    /// Records rejected, each named in an error diagnostic.
    public var rejected: Int

    /// Creates a summary.
    public init(file: String, present: Bool = true, read: Int = 0, accepted: Int = 0, rejected: Int = 0) {
        self.file = file
        self.present = present
        self.read = read
        self.accepted = accepted
        self.rejected = rejected
    }
}
