#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The last termination signal received, or 0; written only by the signal handler.
private let receivedSignal = Atomic<Int32>(0)
/// A descriptor the handler writes a byte to, so a loop blocked in `poll` wakes at once (-1: none).
private let wakeDescriptor = Atomic<Int32>(-1)

/// Set by SIGWINCH until the loop reads it.
private let resizePending = Atomic<Bool>(false)

/// The SIGWINCH handler: notes the resize and wakes the loop.
private func noteResize(_ signalNumber: Int32) {
    resizePending.store(true, ordering: .relaxed)
    let fd = wakeDescriptor.load(ordering: .relaxed)
    if fd >= 0 {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }
}

/// The handler: records the signal and wakes the loop (both async-signal-safe).
private func noteTermination(_ signalNumber: Int32) {
    receivedSignal.store(signalNumber, ordering: .relaxed)
    let fd = wakeDescriptor.load(ordering: .relaxed)
    if fd >= 0 {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }
}

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
        for signalNumber in handled { handle(signalNumber, flags: 0) { noteTermination($0) } }
        // Ours rather than curses': input is read without curses, so curses would never act on its own flag.
        handle(SIGWINCH, flags: SA_RESTART) { noteResize($0) }
    }

    /// Installs `handler` for `signalNumber` with `flags` and an empty mask.
    private static func handle(_ signalNumber: Int32, flags: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        sigaction(signalNumber, &action, nil)
    }

    /// Puts the default actions back, so a signal after shutdown ends the process as usual.
    /// True once after each SIGWINCH (the dashboard reads input itself, so curses never sees the signal).
    static func takeResize() -> Bool { resizePending.exchange(false, ordering: .relaxed) }

    /// Makes the handlers also write a byte to `descriptor` (a ``WakePipe``'s write end).
    static func wake(descriptor: Int32) { wakeDescriptor.store(descriptor, ordering: .relaxed) }

    static func restoreDefaults() {
        wakeDescriptor.store(-1, ordering: .relaxed)
        signal(SIGWINCH, SIG_DFL)
        for signalNumber in handled {
            signal(signalNumber, SIG_DFL)
        }
        CrashSignals.restoreDefaults()
    }
}
