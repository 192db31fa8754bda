/// Where the command goes on the command line: `uptake --data D report` means `uptake report --data D`.
///
/// swift-argument-parser wants the subcommand first. Users coming from git
/// (`git -C DIR log`) put shared options first, so a command name found after
/// options is moved to the front; a word that is no command is an error naming it.
enum CommandLineOrder {
    /// The command names `uptake` knows (`help` is the parser's own).
    static let commands = ["dashboard", "present", "report", "check", "import", "insights", "kiosk", "config", "help"]

    /// Options of any command that take their value as the next argument.
    static let optionsWithValues: Set<String> = ["--data", "--theme", "--format", "--table", "--generate-completion-script", "--db", "--out",
                                                 "--mapping", "--rotate", "--panes", "--idle-return", "--config"]

    /// The arguments in the parser's order, or the word that is not a command.
    enum Outcome: Equatable {
        /// Arguments to hand to the parser.
        case arguments([String])
        /// A word where a command was expected.
        case unknownCommand(String)
    }

    /// `arguments` (without the program name) with a command named after options moved first.
    static func normalise(_ arguments: [String]) -> Outcome {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a.hasPrefix("-") {
                i += optionsWithValues.contains(a) ? 2 : 1
                continue
            }
            guard commands.contains(a) else { return .unknownCommand(a) }
            if i == 0 { return .arguments(arguments) }
            var out = arguments
            out.remove(at: i)
            out.insert(a, at: 0)
            return .arguments(out)
        }
        return .arguments(arguments)
    }

    /// The one-line error for a word that is not a command, listing the commands.
    static func unknownCommandMessage(_ word: String) -> String {
        "unknown command '\(word)'; the commands are dashboard (the default), present, report, check, import, insights, kiosk, config and help (see uptake --help)"
    }
}
