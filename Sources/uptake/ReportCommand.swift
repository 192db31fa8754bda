import ArgumentParser
import UptakeCore
import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}
extension ReportTable: ExpressibleByArgument {}

/// `uptake report`: the uptake table with every calculated column, the indicators and the diagnostics.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the uptake table, inequality indicators and data checks.",
        discussion: """
            text and markdown make data safe for a terminal, and are drawn in ASCII unless the locale \
            is UTF-8 (as the dashboard is); csv and json keep the data exactly (on a terminal, control \
            characters in the data are shown as symbols instead). Problems go to standard error, the \
            report to standard output.

            \(ExitStatus.helpText)
            """)

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("Output format: text, markdown, csv, json, svg (a chart) or html (one self-contained page).", valueName: "FORMAT"))
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Only this table: \(ReportTable.names).", valueName: "NAME"))
    var table: ReportTable?

    @Flag(name: .long, help: "Exit with status 1 when any row was rejected (the report is still printed).")
    var strict = false

    @Flag(name: .long, help: "Write text and markdown in ASCII whatever the locale.")
    var ascii = false

    @Flag(name: .long, help: "Write text and markdown in UTF-8 whatever the locale.")
    var utf8 = false

    func validate() throws {
        if ascii && utf8 { throw ValidationError("--ascii and --utf8 cannot be used together.") }
    }

    func run() throws {
        let source = try dataOptions.resolveSource()
        PhaseMarks.mark("arguments parsed")
        // One run, then exit: what the load frees is kept for the report's summaries and rows.
        LargeBlocks.reuseFreedMemory()
        let dataset = DatasetLoader.load(from: source)
        PhaseMarks.mark("other files loaded")
        if dataset.fileSummaries.allSatisfy({ !$0.present }) {
            writeStandardError("uptake: error: no data files in \(TerminalText.sanitize(dataset.origin)) "
                               + "(no uptake.csv, partners.csv or dataset.toml): is it the data directory? Try --data sample-data")
            Glibc.exit(ExitStatus.failure)
        }
        if table == nil, format == .csv {
            // Summarised and written a block of series at a time: a million rows never hold every summary.
            Report.writeCSV(dataset: dataset) { writeStandardOutput(bytes: $0) }
            finish(dataset)
        }
        if table == nil, format == .json {
            // The same: the headline counted from each series' two ends, the summaries made as their blocks are written.
            Report.writeJSON(dataset: dataset) { writeStandardOutput(bytes: $0) }
            finish(dataset)
        }
        if table == nil, format == .text || format == .markdown {
            // Each series summarised as its row of the uptake table is made, not every series first.
            Report.writeText(dataset: dataset, markdown: format == .markdown, ascii: asciiOutput) { writeStandardOutput(bytes: $0) }
            finish(dataset)
        }
        let report = Report(dataset: dataset)
        if let table {
            writeSelectedTable(report, table)
        } else {
            writeStandardOutput(report.render(format, ascii: asciiOutput))
        }
        finish(dataset)
    }

    /// Ends the process with the report's exit status (and its reason on standard error).
    func finish(_ dataset: Dataset) -> Never {
        let status = ReportCommand.exitStatus(for: dataset, strict: strict)
        if let problem = status.problem { writeStandardError("uptake: error: " + TerminalText.sanitize(problem)) }
        // The process ends here: skip freeing a million records one by one on the way out.
        Glibc.exit(status.code)
    }

    /// `--table NAME`: that one table in the chosen format (kept apart from the whole-report path on purpose).
    func writeSelectedTable(_ report: Report, _ table: ReportTable) {
        writeStandardOutput(bytes: report.renderTable(table, format: format))
    }

    /// ASCII stand-ins unless `--utf8`, or the locale is UTF-8 and `--ascii` was not given: the dashboard's rule.
    var asciiOutput: Bool {
        if utf8 { return false }
        if ascii { return true }
        return ReportCommand.localeGlyphs() == .ascii
    }

    /// The glyph set the environment's locale asks for (`LC_ALL`, then `LC_CTYPE`, then `LANG`).
    static func localeGlyphs() -> Glyphs {
        var env: [String: String] = [:]
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let v = getenv(name) { env[name] = String(cString: v) }
        }
        return Glyphs.forEnvironment(env)
    }

    /// The exit status of a report on `dataset`, and the one-line reason when it is not 0.
    static func exitStatus(for dataset: Dataset, strict: Bool) -> (code: Int32, problem: String?) {
        let required = ["partners.csv", "uptake.csv"]
        let missing = dataset.fileSummaries.filter { !$0.present && required.contains($0.file) }.map(\.file)
        if !missing.isEmpty {
            return (ExitStatus.failure, "\(missing.joined(separator: " and ")) missing or unreadable in \(dataset.origin): the report is incomplete")
        }
        let rejected = dataset.fileSummaries.reduce(0) { $0 + $1.rejected }
        if strict && rejected > 0 {
            return (ExitStatus.failure, "\(NumberFormat.count(rejected, "row")) rejected (--strict); run `uptake check` for the reasons")
        }
        return (ExitStatus.success, nil)
    }
}
