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
        discussion: "With no subcommand, opens the dashboard in a terminal (or prints the text report when not in one).",
        version: UptakeCore.version,
        subcommands: [DashboardCommand.self, ReportCommand.self, CheckCommand.self, ImportCommand.self],
        defaultSubcommand: DashboardCommand.self)
}

@main
enum Main {
    static func main() {
        do {
            var command = try Uptake.parseAsRoot()
            try command.run()
        } catch let failure as UsageFailure {
            let message = TerminalText.sanitize(failure.message)
            writeStandardError(failure.prefixed ? "uptake: error: \(message)" : message)
            exit(2)
        } catch {
            let code = Uptake.exitCode(for: error)
            if code == .validationFailure {
                writeStandardError(TerminalText.sanitizeMultiline(Uptake.fullMessage(for: error)))
                exit(2)
            }
            Uptake.exit(withError: error)
        }
    }
}
