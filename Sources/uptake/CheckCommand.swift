import ArgumentParser
import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// `uptake check`: every diagnostic, and rows read, accepted and rejected per file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a dataset: list every problem and the rows read, accepted and rejected per file.",
        discussion: "Warnings are allowed in a valid dataset.\n\n\(ExitStatus.helpText)")

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let source = try dataOptions.resolveSource()
        // One run, then exit, as a report: what the load frees is kept for what it makes next.
        LargeBlocks.reuseFreedMemory()
        // Its diagnostics and summaries only: the series no check reads are not made (docs/DECISIONS.md).
        let dataset = DatasetLoader.load(from: source, scope: .diagnostics)
        writeStandardOutput(CheckSummary(dataset: dataset).text)
        // The process ends here, as the report's does: skip freeing a million records one by one on the way out
        // (standard output is written with write(2), nothing is left in a buffer).
        Glibc.exit(dataset.errorCount > 0 ? ExitStatus.failure : ExitStatus.success)
    }
}
