#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The last termination signal received, or 0; written only by the signal handler.
private let receivedSignal = Atomic<Int32>(0)

/// SIGINT, SIGTERM and SIGHUP turned into a flag the event loop polls.
///
/// A signal handler may do almost nothing safely, so it only stores the signal
/// number in an atomic. The app notices it after the next ``CursesTerminal/nextEvent(timeoutMilliseconds:)``
/// (a signal also interrupts the wait) and leaves through ``CursesTerminal/shutdown()``,
/// which restores the terminal. The handlers are installed before `newterm`, so
/// curses leaves SIGINT and SIGTERM to us (it installs its own only over SIG_DFL);
/// SIGWINCH and SIGTSTP stay with curses.
enum TerminationSignals {
    /// The signals that end the app.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The signal received since ``install()``, if any.
    static var received: Int32? {
        let value = receivedSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Installs the flag-setting handlers (without SA_RESTART, so a blocked read is interrupted).
    static func install() {
        // Crashes restore the terminal too (saves the terminal settings, so before newterm as well).
        CrashSignals.install()
        receivedSignal.store(0, ordering: .relaxed)
        for signalNumber in handled {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { signalNumber in
                receivedSignal.store(signalNumber, ordering: .relaxed)
            }
            #else
            action.__sigaction_u.__sa_handler = { signalNumber in
                receivedSignal.store(signalNumber, ordering: .relaxed)
            }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }

    /// Puts the default actions back, so a signal after shutdown ends the process as usual.
    static func restoreDefaults() {
        for signalNumber in handled {
            signal(signalNumber, SIG_DFL)
        }
        CrashSignals.restoreDefaults()
    }
}
