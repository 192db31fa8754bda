/// Whether the process can start a full-screen terminal interface, and if not, why.
///
/// Checked before curses starts, so the app can print a plain message and exit
/// (or fall back to a non-interactive mode) instead of drawing escape codes into
/// a pipe, spinning on a closed stdin, or letting curses exit the process.
public enum TerminalCheck: Hashable, Sendable {
    /// Stdin and stdout are terminals and `TERM` names a known terminal.
    case ok
    /// Stdin or stdout is not a terminal (a pipe, a file, `/dev/null`, CI).
    case notATerminal
    /// `TERM` is unset, empty or `dumb`: nothing useful can be drawn.
    case dumbOrUnset
    /// `TERM` names a terminal that terminfo does not know.
    case unknownTerm(String)

    /// A one-line explanation for the user, or nil for ``ok``.
    public var message: String? {
        switch self {
        case .ok: nil
        case .notATerminal: "stdin and stdout must both be a terminal for the interactive interface"
        case .dumbOrUnset: "TERM is unset or 'dumb'; set TERM to your terminal type, e.g. xterm-256color"
        case .unknownTerm(let term): "the terminal type '\(term)' is not in the terminfo database"
        }
    }

    /// Decides the check from its inputs; pure, so it can be tested without a terminal.
    ///
    /// - Parameters:
    ///   - term: the value of `TERM`, or nil when unset.
    ///   - stdinIsTerminal: `isatty(0)`.
    ///   - stdoutIsTerminal: `isatty(1)`.
    ///   - isKnownTerm: looks a terminal name up in terminfo; only called for a
    ///     non-empty name other than `dumb`.
    public static func evaluate(
        term: String?, stdinIsTerminal: Bool, stdoutIsTerminal: Bool, isKnownTerm: (String) -> Bool
    ) -> TerminalCheck {
        guard stdinIsTerminal, stdoutIsTerminal else { return .notATerminal }
        guard let term, !term.isEmpty, term != "dumb" else { return .dumbOrUnset }
        return isKnownTerm(term) ? .ok : .unknownTerm(term)
    }
}
