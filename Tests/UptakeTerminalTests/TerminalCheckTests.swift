import CNcurses
import Testing
@testable import UptakeTerminal

@Suite struct TerminalCheckTests {
    func check(_ term: String?, stdin: Bool = true, stdout: Bool = true, known: Bool = true) -> TerminalCheck {
        TerminalCheck.evaluate(term: term, stdinIsTerminal: stdin, stdoutIsTerminal: stdout) { _ in known }
    }

    @Test func dumbUnsetOrEmptyTerm() {
        #expect(check("dumb") == .dumbOrUnset)
        #expect(check(nil) == .dumbOrUnset)
        #expect(check("") == .dumbOrUnset)
    }

    @Test func notATerminalComesFirst() {
        #expect(check("xterm-256color", stdin: false) == .notATerminal)
        #expect(check("xterm-256color", stdout: false) == .notATerminal)
        #expect(check("dumb", stdin: false) == .notATerminal)
    }

    @Test func knownAndUnknownTerms() {
        #expect(check("xterm-256color") == .ok)
        #expect(check("no-such-terminal", known: false) == .unknownTerm("no-such-terminal"))
        #expect(TerminalCheck.ok.message == nil)
        #expect(TerminalCheck.unknownTerm("x").message?.contains("'x'") == true)
    }

    /// The real terminfo probe reports instead of exiting, and can be repeated.
    @MainActor @Test func realTerminfoLookup() {
        #expect(uptake_terminfo_lookup("xterm-256color") == 1)
        #expect(uptake_terminfo_lookup("no-such-terminal-uptake") != 1)
        #expect(uptake_terminfo_lookup("vt100") == 1)
    }

    /// Under `swift test` stdin or stdout is usually not a terminal; either way the check must not start curses.
    @MainActor @Test func checkEnvironmentDoesNotExit() {
        _ = CursesTerminal.checkEnvironment()
    }
}

@Suite struct LocaleChoiceTests {
    @Test func utf8IsAskedForByTheFirstSetVariable() {
        #expect(CursesTerminal.environmentAsksForUTF8(["LANG": "en_GB.UTF-8"]))
        #expect(CursesTerminal.environmentAsksForUTF8(["LC_ALL": "C.utf8", "LANG": "C"]))
        #expect(!CursesTerminal.environmentAsksForUTF8(["LANG": "C"]))
        #expect(!CursesTerminal.environmentAsksForUTF8(["LC_ALL": "POSIX", "LANG": "en_GB.UTF-8"]))
        #expect(!CursesTerminal.environmentAsksForUTF8([:]))
    }
}
