import ArgumentParser
import UptakeCore

/// `uptake check`: every diagnostic, and rows read, accepted and rejected per file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a dataset: list every problem and the rows read, accepted and rejected per file.",
        discussion: "Warnings are allowed in a valid dataset.\n\n\(ExitStatus.helpText)")

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let dataset = DatasetLoader.load(from: try dataOptions.resolveSource())
        writeStandardOutput(CheckSummary(dataset: dataset).text)
        if dataset.errorCount > 0 { throw ExitCode(1) }
    }
}
