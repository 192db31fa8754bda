import ArgumentParser
import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// `uptake` / `uptake dashboard`: the interactive dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the interactive dashboard (the default).")

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let dataset = DatasetLoader.load(from: try dataOptions.resolveSource())
        writeStandardOutput(Report(dataset: dataset).render(.text))
        writeStandardOutput("\n(Not a terminal: printed the text report. Run `uptake` in a terminal to open the dashboard.)\n")
    }
}
