import ArgumentParser
import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}

/// The table `uptake report --format csv` writes.
enum ReportTable: String, CaseIterable, ExpressibleByArgument {
    case uptake, inequality
}

/// `uptake report`: the uptake table with every calculated column, the indicators and the diagnostics.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the uptake table, inequality indicators and data checks.",
        discussion: "text and markdown make data safe for a terminal; csv and json keep it exactly.")

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "Output format: text, markdown, csv or json.")
    var format: ReportFormat = .text

    /// Which table `--format csv` writes: the uptake table, or SII and RII by deprivation.
    @Option(name: .long, help: "With --format csv: uptake (default) or inequality (SII and RII by deprivation).")
    var table: ReportTable = .uptake

    func validate() throws {
        if table != .uptake && format != .csv {
            throw ValidationError("--table applies to --format csv; text, markdown and json include every table")
        }
    }

    func run() throws {
        let dataset = DatasetLoader.load(from: try dataOptions.resolveSource())
        let report = Report(dataset: dataset)
        if format == .csv {
            writeStandardOutput(bytes: table == .inequality ? report.inequalityCSVBytes() : report.csvBytes())
        } else if format == .json {
            report.writeJSON { writeStandardOutput(bytes: $0) }
        } else {
            writeStandardOutput(report.render(format))
        }
        // The process ends here: skip freeing a million records one by one on the way out.
        Glibc.exit(0)
    }
}
