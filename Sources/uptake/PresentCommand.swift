import ArgumentParser
import UptakeCore
import UptakeTerminal
import UptakeUI

/// `uptake present`: the meeting spotlight, one series at a time in big figures, then the indicators and a summary.
///
/// The dashboard opened on its spotlight pane, in the high-contrast theme unless
/// `--theme` says otherwise; Esc returns to the dashboard. Outside a terminal it
/// prints each series' sentence, the indicators and the headline instead.
struct PresentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Walk a meeting through every series and indicator in big figures.",
        discussion: "Keys: → / Space / PgDn next, ← / Backspace / PgUp previous, g / G first / last, e export the slide, Esc the dashboard, q quit.")

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("A theme name or file (default: high-contrast, for projectors).", valueName: "NAME|PATH"))
    var theme: String = "high-contrast"

    @Flag(name: .long, help: "Draw borders, glyphs and the block font in ASCII.")
    var ascii = false

    @Flag(name: .long, help: "Let y copy the slide's sentence to the clipboard (OSC 52; off by default).")
    var clipboard = false

    func run() throws {
        let source = try dataOptions.resolveSource()
        let chosenTheme: Theme
        do {
            if theme.contains("/") || theme.hasSuffix(".toml") { chosenTheme = try Theme.load(path: theme) }
            else { chosenTheme = try Theme.named(theme, in: DirectorySource.checkDirectory("themes") == nil ? "themes" : nil) }
        } catch {
            throw UsageFailure(message: "\(error)", prefixed: false)
        }
        let check = MainActor.assumeIsolated { CursesTerminal.checkEnvironment() }
        switch check {
        case .ok:
            break
        case .notATerminal, .dumbOrUnset:
            writeStandardOutput(PresentCommand.transcript(DatasetLoader.load(from: source)))
            writeStandardError("(\(check.message ?? "Not a terminal"): printed the spotlight's sentences. Run `uptake present` in a terminal for the big figures.)")
            return
        case .unknownTerm(let term):
            throw UsageFailure(message: "unknown terminal type '\(TerminalText.sanitize(term))' (TERM): set TERM to one your system knows, such as xterm-256color")
        }
        let status = try MainActor.assumeIsolated {
            // A projected screen: the bank is read without sensitive insights, never created nor changed.
            try DashboardLoop.run(source: source, theme: chosenTheme, ascii: ascii, present: true, clipboard: clipboard,
                                  bank: DashboardBank(path: DashboardInsights.defaultPath(for: source), access: .readOnly))
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The spotlight as text: each series' sentence (the model's), each indicator, then the headline.
    static func transcript(_ dataset: Dataset) -> String {
        let table = UptakeTable(dataset: dataset)
        var out = ""
        for (i, s) in table.rows.enumerated() {
            out += "\(i + 1). \(s.series.partner), \(s.series.proxyPopulation): \(s.statement(labels: dataset.metadata))\n"
        }
        for ind in dataset.indicators {
            out += "- \(ind.title)" + (ind.source.map { " (source: \($0))" } ?? "") + (ind.caveats.map { " Caveat: \($0)" } ?? "") + "\n"
        }
        out += table.headline + "\n"
        return TerminalText.sanitizeMultiline(out)
    }
}
