import ArgumentParser
import Foundation
import UptakeCore
import UptakeInsights
import UptakeUI

/// `uptake insights`: record, code, find, import, export and count community insights.
struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "The insight bank: record, code, find, import, export and count community insights.",
        discussion: """
            The bank is an SQLite file: --db PATH, else [insights] db in the config file \
            ($XDG_CONFIG_HOME/uptake/config.toml or --config; a relative path is taken from the file's directory), \
            else insights.sqlite in the data directory (or, with the built-in sample data, \
            $XDG_DATA_HOME/uptake/insights.sqlite). The data directory is --data, else UPTAKE_DATA, else the config \
            file's data, as for the dashboard. Several people and a kiosk may use it \
            at once. Codes come from the themes of the dataset's principles frameworks plus the team's own.

            \(ExitStatus.helpText)
            """,
        subcommands: [Add.self, List.self, Search.self, Show.self, Code.self, Uncode.self, Import.self, Export.self, Stats.self,
                      Codes.self, Methods.self])
}

/// `--db` and `--data`, shared by every `insights` command.
struct InsightStoreOptions: ParsableArguments {
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("The insight bank file.", discussion: "Default: [insights] db in the config file, else insights.sqlite in the data directory.", valueName: "PATH"),
            completion: .file())
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default $XDG_CONFIG_HOME/uptake/config.toml).", valueName: "PATH"),
            completion: .file())
    var config: String?

    /// The dataset (for the code frame and the partner names) and the opened store.
    func open() throws -> (dataset: Dataset, store: InsightStore) {
        // --data, then UPTAKE_DATA, then the config file's data; --db, then the config file's [insights] db.
        let (settings, _) = try ConfigCommand.effective(flags: SettingFlags(data: dataOptions.data, db: db), configPath: config)
        let source = try DataOptions.resolveSource(settings.data.value, from: settings.data.source)
        let dataset = DatasetLoader.load(from: source)
        let path = storePath(settings, source)
        do {
            return (dataset, try InsightStore(path: path, codeFrame: InsightCode.frame(from: dataset)))
        } catch {
            throw UsageFailure(message: "cannot open the insight bank \(TerminalText.sanitize(path)): \(TerminalText.sanitize(String(describing: error)))")
        }
    }

    private func storePath(_ settings: EffectiveSettings, _ source: any DatasetSource) -> String {
        let path = DashboardInsights.path(settings, for: source)
        // The built-in sample data's bank lives under $XDG_DATA_HOME/uptake, which may not exist yet.
        if settings.insightsDB.value == nil, !(source is DirectorySource) {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        return path
    }
}

/// The filters `list`, `search`, `export` and `stats` share.
struct InsightFilterOptions: ParsableArguments {
    @Option(help: "Only insights with this code.") var code: String?
    @Option(help: "Only insights from this partner.") var partner: String?
    @Option(help: "Only insights gathered at this place.") var place: String?
    @Option(help: "Only insights gathered this way (see insights methods).") var method: String?
    @Option(help: ArgumentHelp("Gathered on or after this day.", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("Gathered on or before this day.", valueName: "YYYY-MM-DD")) var to: String?
    @Flag(help: "Include insights flagged personal or sensitive.") var includeSensitive = false

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, !Insight.isDate(value) {
                throw UsageFailure(message: "\(name): '\(TerminalText.sanitize(value))' is not a date (YYYY-MM-DD)")
            }
        }
    }

    func query(text: String? = nil, limit: Int? = nil) -> InsightQuery {
        InsightQuery(text: text, code: code, partner: partner, place: place, method: method, from: from, to: to,
                     includeSensitive: includeSensitive, limit: limit)
    }
}

/// `--format text|csv|json`.
enum InsightFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json
}

/// Runs a store operation, turning the store's refusals into one-line usage errors.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as InsightStoreError {
        throw UsageFailure(message: e.description)
    }
}

/// Prints insights in a format (text is sanitised for the terminal; CSV and JSON keep data exactly).
func printInsights(_ insights: [Insight], format: InsightFormat) {
    switch format {
    case .csv: writeStandardOutput(InsightCSV.write(insights))
    case .json: writeStandardOutput(InsightCSV.json(insights))
    case .text:
        var out = ""
        for i in insights {
            var head = "#\(i.id ?? 0)  \(i.gathered.isEmpty ? Insight.noDate : i.gathered)  \(i.method)"
            if let p = i.partner { head += "  partner: \(p)" }
            if let p = i.place { head += "  place: \(p)" }
            if i.sensitive { head += "  [sensitive]" }
            out += TerminalText.sanitize(head) + "\n"
            out += "  " + TerminalText.sanitize(i.text) + "\n"
            if !i.codes.isEmpty { out += "  codes: " + TerminalText.sanitize(i.codes.joined(separator: "; ")) + "\n" }
            if let s = i.source { out += "  source: " + TerminalText.sanitize(s) + "\n" }
        }
        if insights.isEmpty { writeStandardError("uptake: no insights match") }
        writeStandardOutput(out)
    }
}

/// The partner named as `partners.csv` spells it, with a warning on standard error when it is not there.
func canonicalPartner(_ name: String?, in dataset: Dataset) -> String? {
    guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
    if let known = dataset.partners.first(where: { $0.name.lowercased() == name.lowercased() }) { return known.name }
    writeStandardError("uptake: warning: partner '\(TerminalText.sanitize(name))' is not in partners.csv: kept as written")
    return name
}

extension InsightsCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an insight (from flags, or in an editor on a template when run in a terminal without --text).")
        @OptionGroup var store: InsightStoreOptions
        @Option(help: "What was said or seen.") var text: String?
        @Option(help: ArgumentHelp("The day it was gathered (default: today).", valueName: "YYYY-MM-DD")) var gathered: String?
        @Option(help: "How it was gathered (see insights methods).") var method: String = "other"
        @Option(help: "Where.") var place: String?
        @Option(help: "The partner it came through (a name from partners.csv).") var partner: String?
        @Option(help: "Who recorded it (default: $USER).") var recordedBy: String?
        @Option(help: "The document it came from.") var source: String?
        @Option(name: .customLong("code"), help: "A code (repeat for several).") var codes: [String] = []
        @Flag(help: "Personal or sensitive: never shown on a shared screen, left out of exports by default.") var sensitive = false

        func run() throws {
            let (dataset, bank) = try store.open()
            var insight = Insight(text: text ?? "", gathered: gathered ?? Self.today(), method: method, place: place,
                                  partner: canonicalPartner(partner, in: dataset),
                                  recordedBy: recordedBy ?? ProcessInfo.processInfo.environment["USER"], source: source,
                                  sensitive: sensitive, codes: codes)
            if text == nil {
                guard isatty(0) == 1, isatty(1) == 1 else {
                    throw UsageFailure(message: "--text is required when not in a terminal")
                }
                insight = try InsightTemplate.edit(insight)
                insight.partner = canonicalPartner(insight.partner, in: dataset)
            }
            let id = try storeCall { try bank.add(insight) }
            writeStandardOutput("\(id)\n")
        }

        static func today() -> String {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.locale = Locale(identifier: "en_US_POSIX")
            return f.string(from: Date())
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List insights, newest first, with filters.")
        @OptionGroup var store: InsightStoreOptions
        @OptionGroup var filters: InsightFilterOptions
        @Option(help: "At most this many.") var limit: Int?
        @Option(help: "text, csv or json.") var format: InsightFormat = .text

        func run() throws {
            let (_, bank) = try store.open()
            printInsights(try bank.insights(matching: filters.query(limit: limit)), format: format)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search (every word, as a prefix, in text, place, partner or source).")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "The words to find.") var words: [String]
        @OptionGroup var filters: InsightFilterOptions
        @Option(help: "At most this many.") var limit: Int?
        @Option(help: "text, csv or json.") var format: InsightFormat = .text

        func run() throws {
            let (_, bank) = try store.open()
            printInsights(try bank.insights(matching: filters.query(text: words.joined(separator: " "), limit: limit)), format: format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one insight in full.")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "The insight's id.") var id: Int64
        @Option(help: "text, csv or json.") var format: InsightFormat = .text

        func run() throws {
            let (_, bank) = try store.open()
            guard let insight = try bank.insight(id: id) else { throw UsageFailure(message: InsightStoreError.noSuchInsight(id).description) }
            printInsights([insight], format: format)
        }
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "code", abstract: "Add codes to an insight.")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "The insight's id.") var id: Int64
        @Argument(help: "The codes.") var codes: [String]
        func run() throws {
            let (_, bank) = try store.open()
            try storeCall { try bank.code(id, with: codes) }
        }
    }

    struct Uncode: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "uncode", abstract: "Remove codes from an insight.")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "The insight's id.") var id: Int64
        @Argument(help: "The codes.") var codes: [String]
        func run() throws {
            let (_, bank) = try store.open()
            try storeCall { try bank.uncode(id, removing: codes) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import insights from a CSV file (layout: docs/data-format.md).",
            discussion: "Every row is imported or named in a diagnostic FILE:LINE:COLUMN. Rows are added in one transaction; with --strict nothing is added when any row is rejected.")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"])) var file: String
        @Flag(help: "Add nothing when any row is rejected.") var strict = false

        func run() throws {
            let (dataset, bank) = try store.open()
            guard let data = FileManager.default.contents(atPath: file) else {
                throw UsageFailure(message: "cannot read \(TerminalText.sanitize(file))")
            }
            let vocabulary = InsightCSV.Vocabulary(methods: try bank.methods(), codes: try bank.codes().map(\.name),
                                                   partners: dataset.partners.map(\.name))
            let (rows, diagnostics) = InsightCSV.parse([UInt8](data), file: file, vocabulary: vocabulary)
            for d in diagnostics { writeStandardError(TerminalText.sanitize(d.formatted)) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            if strict && errors > 0 {
                writeStandardError("uptake: imported 0 insights (--strict: \(errors) rows rejected)")
                throw ExitCode(ExitStatus.failure)
            }
            try storeCall { _ = try bank.add(rows.map(\.insight)) }
            writeStandardError("uptake: imported \(rows.count) insights; \(errors) rows rejected")
            if errors > 0 { throw ExitCode(ExitStatus.failure) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Export insights as CSV (the import layout) or JSON; sensitive ones only with --include-sensitive.")
        @OptionGroup var store: InsightStoreOptions
        @OptionGroup var filters: InsightFilterOptions
        @Option(help: "csv or json.") var format: InsightFormat = .csv

        func run() throws {
            let (_, bank) = try store.open()
            let insights = try bank.insights(matching: filters.query())
            printInsights(insights, format: format == .text ? .csv : format)
            if !filters.includeSensitive {
                var all = filters.query()
                all.includeSensitive = true
                let left = try bank.count(matching: all) - insights.count
                if left > 0 { writeStandardError("uptake: \(left) sensitive insights left out (--include-sensitive to export them)") }
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of insights by code x partner and code x month.")
        @OptionGroup var store: InsightStoreOptions
        @Flag(help: "Count insights flagged sensitive too.") var includeSensitive = false
        @Option(help: "text, csv or json.") var format: InsightFormat = .text

        func run() throws {
            let (_, bank) = try store.open()
            let byPartner = try bank.matrixByPartner(includeSensitive: includeSensitive)
            let byMonth = try bank.matrixByMonth(includeSensitive: includeSensitive)
            switch format {
            case .text:
                writeStandardOutput(Self.table("code x partner", byPartner) + "\n" + Self.table("code x month", byMonth))
            case .csv:
                var w = CSVWriter()
                w.row(["dimension", "code", "column", "count"])
                for (name, m) in [("partner", byPartner), ("month", byMonth)] {
                    for (r, code) in m.codes.enumerated() {
                        for (c, column) in m.columns.enumerated() where m.counts[r][c] > 0 { w.row([name, code, column, String(m.counts[r][c])]) }
                    }
                }
                writeStandardOutput(w.text)
            case .json:
                var w = JSONWriter()
                w.beginObject()
                for (name, m) in [("by_partner", byPartner), ("by_month", byMonth)] {
                    w.beginArray(name)
                    for (r, code) in m.codes.enumerated() {
                        for (c, column) in m.columns.enumerated() where m.counts[r][c] > 0 {
                            w.beginObject()
                            w.string("code", code)
                            w.string("column", column)
                            w.integer("count", m.counts[r][c])
                            w.endObject()
                        }
                    }
                    w.endArray()
                }
                w.endObject()
                writeStandardOutput(w.text + "\n")
            }
        }

        static func table(_ title: String, _ m: InsightMatrix) -> String {
            var out = title + "\n"
            if m.codes.isEmpty { return out + "  (no coded insights)\n" }
            let codeWidth = min(40, m.codes.map { TerminalText.width(TerminalText.sanitize($0)) }.max() ?? 4)
            var header = TerminalText.pad("", toWidth: codeWidth, alignment: .left)
            for c in m.columns { header += "  " + TerminalText.sanitize(c) }
            out += header + "\n"
            for (r, code) in m.codes.enumerated() {
                var line = TerminalText.pad(TerminalText.truncate(TerminalText.sanitize(code), toWidth: codeWidth), toWidth: codeWidth, alignment: .left)
                for (c, column) in m.columns.enumerated() {
                    let w = max(1, TerminalText.width(TerminalText.sanitize(column)))
                    line += "  " + TerminalText.pad(String(m.counts[r][c]), toWidth: w, alignment: .right)
                }
                out += line + "\n"
            }
            return out
        }
    }

    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codes",
            abstract: "The code frame: list (default), add NAME [--description], rename OLD NEW, merge FROM INTO.")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "list, add, rename or merge, and their names.") var words: [String] = []
        @Option(help: "What a new code means.") var description: String = ""

        func run() throws {
            let (_, bank) = try store.open()
            switch (words.first ?? "list", words.count) {
            case ("list", 1), ("list", 0):
                var out = ""
                for c in try bank.codes() {
                    out += TerminalText.sanitize("\(c.name)  (\(c.origin), \(c.count) insights)  \(c.description)") + "\n"
                }
                writeStandardOutput(out)
            case ("add", 2): try storeCall { try bank.addCode(words[1], description: description) }
            case ("rename", 3): try storeCall { try bank.renameCode(words[1], to: words[2]) }
            case ("merge", 3): try storeCall { try bank.mergeCode(words[1], into: words[2]) }
            default:
                throw UsageFailure(message: "insights codes: expected list, add NAME, rename OLD NEW or merge FROM INTO")
            }
        }
    }

    struct Methods: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "methods", abstract: "The ways of gathering insight: list (default) or add NAME.")
        @OptionGroup var store: InsightStoreOptions
        @Argument(help: "list, or add NAME.") var words: [String] = []

        func run() throws {
            let (_, bank) = try store.open()
            switch (words.first ?? "list", words.count) {
            case ("list", _) where words.count <= 1:
                writeStandardOutput(try bank.methods().map { TerminalText.sanitize($0) + "\n" }.joined())
            case ("add", 2): try storeCall { try bank.addMethod(words[1]) }
            default: throw UsageFailure(message: "insights methods: expected list or add NAME")
            }
        }
    }
}
