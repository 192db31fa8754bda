import ArgumentParser
import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// The `uptake` command: the dashboard by default, `report` and `check` for scripts and minutes.
struct Uptake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uptake",
        abstract: "Cancer-screening uptake by VCS partner, inequality indicators, partner records, case studies and principles.",
        discussion: """
            With no command, opens the dashboard in a terminal (or prints the text report when not in one): \
            uptake [--data DIR] [--theme NAME|PATH] [--ascii]. Options may come before the command \
            (uptake --data DIR report) or after it (uptake report --data DIR).

            The data directory is --data, else $UPTAKE_DATA, else ./sample-data, else the sample data \
            built into uptake. NO_COLOR turns colour off; without a UTF-8 locale everything is drawn in ASCII.

            \(ExitStatus.helpText)
            """,
        version: UptakeCore.version,
        subcommands: [DashboardCommand.self, PresentCommand.self, ReportCommand.self, CheckCommand.self, ImportCommand.self, InsightsCommand.self,
                      KioskCommand.self, ConfigCommand.self],
        defaultSubcommand: DashboardCommand.self)

    /// The top-level help: the commands, then the dashboard's own options (it is what `uptake` alone runs).
    static func topLevelHelp() -> String {
        var help = helpMessage()
        let dashboard = helpMessage(for: DashboardCommand.self)
        if let range = dashboard.range(of: "OPTIONS:") {
            help += "\n\nDASHBOARD OPTIONS (uptake [OPTIONS] is uptake dashboard [OPTIONS]):"
            // --version and --help are the root's own, already listed above.
            let lines = dashboard[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains("--version") && !$0.contains("-h, --help") }
            help += lines.joined(separator: "\n").trimmingTrailingNewlines()
        }
        return help + "\n"
    }
}

extension StringProtocol {
    /// The text without trailing line feeds.
    func trimmingTrailingNewlines() -> String {
        var s = String(self)
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

@main
enum Main {
    static func main() {
        PhaseMarks.mark("started")
        LargeBlocks.mapEachOnItsOwn()
        let given = Array(CommandLine.arguments.dropFirst())
        let arguments: [String]
        switch CommandLineOrder.normalise(given) {
        case .arguments(let a):
            arguments = a
        case .unknownCommand(let word):
            writeStandardError("uptake: error: " + TerminalText.sanitize(CommandLineOrder.unknownCommandMessage(word)))
            exit(ExitStatus.usage)
        }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            writeStandardOutput(Uptake.topLevelHelp())
            exit(ExitStatus.success)
        }
        do {
            var command = try Uptake.parseAsRoot(arguments)
            try command.run()
        } catch let failure as UsageFailure {
            let message = TerminalText.sanitize(failure.message)
            writeStandardError(failure.prefixed ? "uptake: error: \(message)" : message)
            exit(failure.status)
        } catch {
            let code = Uptake.exitCode(for: error)
            let message = Uptake.fullMessage(for: error)
            if code == .success {
                // --help, --version, completion scripts: data on standard output, write failures reported.
                if !message.isEmpty { writeStandardOutput(message.trimmingTrailingNewlines() + "\n") }
                exit(ExitStatus.success)
            }
            if code == .validationFailure {
                writeStandardError(TerminalText.sanitizeMultiline(message))
                exit(ExitStatus.usage)
            }
            if !message.isEmpty { writeStandardError(TerminalText.sanitizeMultiline(message)) }
            exit(code.rawValue)
        }
    }
}
