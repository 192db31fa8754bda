#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The terminal settings from before curses started, and the reset bytes: allocated once by
/// ``CrashSignals/install()`` (never freed), published as addresses the handler loads atomically.
private let savedTermiosAddress = Atomic<UInt>(0)
private let resetBytesAddress = Atomic<UInt>(0)
private let resetBytesCount = Atomic<Int>(0)

/// A crash (SIGILL, SIGTRAP, SIGBUS, SIGSEGV, SIGFPE, SIGABRT) restores the terminal before the process dies.
///
/// Swift traps (a failed precondition, an overflow) arrive as SIGILL or SIGTRAP. Without this
/// handler the process would die in the alternate screen with echo off and the mouse still
/// reporting. The handler does only async-signal-safe work: one `write` of fixed reset
/// sequences (mouse reporting off, attributes off, cursor on, leave the alternate screen),
/// `tcsetattr` back to the settings saved before `newterm`, then the default action is put back
/// and the signal re-raised, so the exit status and any core dump are those of the crash.
/// `endwin` is not called: it is not async-signal-safe and the crash may be inside curses.
enum CrashSignals {
    /// The signals a crash arrives as.
    static let handled: [Int32] = [SIGILL, SIGTRAP, SIGBUS, SIGSEGV, SIGFPE, SIGABRT]

    /// What the handler writes: xterm mouse modes off, SGR reset, cursor visible, cursor keys and
    /// keypad back to normal mode, alternate screen off, a line end.
    static let resetSequence: [UInt8] = Array(
        "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l\r\n".utf8)

    /// Saves the current terminal settings of standard input and installs the handlers; call before `newterm`.
    static func install() {
        if resetBytesAddress.load(ordering: .acquiring) == 0 {
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: resetSequence.count)
            bytes.initialize(from: resetSequence, count: resetSequence.count)
            resetBytesCount.store(resetSequence.count, ordering: .relaxed)
            resetBytesAddress.store(UInt(bitPattern: bytes), ordering: .releasing)
        }
        var current = termios()
        if tcgetattr(STDIN_FILENO, &current) == 0 {
            var address = savedTermiosAddress.load(ordering: .acquiring)
            if address == 0 {
                let saved = UnsafeMutablePointer<termios>.allocate(capacity: 1)
                saved.initialize(to: current)
                address = UInt(bitPattern: saved)
                savedTermiosAddress.store(address, ordering: .releasing)
            } else {
                UnsafeMutablePointer<termios>(bitPattern: address)?.pointee = current
            }
        }
        for signalNumber in handled {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { CrashSignals.handle($0) }
            #else
            action.__sigaction_u.__sa_handler = { CrashSignals.handle($0) }
            #endif
            sigemptyset(&action.sa_mask)
            // Once only: a fault inside the handler itself takes the default action.
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(signalNumber, &action, nil)
        }
    }

    /// Puts the default actions back (after the terminal was restored normally).
    static func restoreDefaults() {
        for signalNumber in handled { signal(signalNumber, SIG_DFL) }
    }

    /// The handler: async-signal-safe calls only.
    static func handle(_ signalNumber: Int32) {
        if let bytes = UnsafeRawPointer(bitPattern: resetBytesAddress.load(ordering: .relaxed)) {
            var written = 0
            let count = resetBytesCount.load(ordering: .relaxed)
            while written < count {
                let n = write(STDOUT_FILENO, bytes + written, count - written)
                if n <= 0 { break }
                written += n
            }
        }
        if let saved = UnsafePointer<termios>(bitPattern: savedTermiosAddress.load(ordering: .relaxed)) {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, saved)
        }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }
}
