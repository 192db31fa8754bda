#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UptakeUI

/// Every event source of the real dashboard merged into one `poll`: the terminal's input, a wake-up
/// pipe (finished loads and signals write to it), and the data directory's watcher.
///
/// With nothing scheduled and no polling fallback the loop waits with no timeout at all: idle is 0% CPU.
@MainActor
public final class TerminalEventSource: EventSource {
    private let terminal: CursesTerminal
    private let wake: WakePipe
    private let watcher: FileWatcher?
    private let clock: () -> Double
    private var nextFilePoll: Double

    /// Merges `terminal`'s input, `wake` and `watcher`; signals received by the terminal's handlers also wake it.
    public init(terminal: CursesTerminal, wake: WakePipe, watcher: FileWatcher?, clock: @escaping () -> Double) {
        self.terminal = terminal
        self.wake = wake
        self.watcher = watcher
        self.clock = clock
        nextFilePoll = clock() + FileWatcher.pollInterval
        TerminationSignals.wake(descriptor: wake.writeDescriptor)
    }

    public func next(timeout: Double?) -> [RuntimeEvent] {
        var out: [RuntimeEvent] = []
        if let s = terminal.terminationSignal { return [.signal(s)] }
        var wait = timeout
        let polling = watcher != nil && watcher?.descriptor == nil
        if polling { wait = min(wait ?? .infinity, max(0, nextFilePoll - clock())) }
        // A sequence cut short (a lone Esc) is the key it was once the escape delay passes with nothing more.
        let partial = terminal.hasPartialInput
        if partial { wait = min(wait ?? .infinity, Self.escapeDelay) }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0)]
        if let fd = watcher?.descriptor { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let ms: Int32 = wait.map { Int32(($0 * 1000).rounded(.up).clamped(to: 0...86_400_000)) } ?? -1
        let ready = poll(&fds, nfds_t(fds.count), ms)
        if let s = terminal.terminationSignal { return [.signal(s)] }
        if TerminationSignals.takeResize(), let e = terminal.resized() { out.append(.terminal(e)) }
        if ready > 0 {
            if fds[0].revents != 0 { out += terminal.readInput().map { .terminal($0) } }
            if fds[1].revents != 0 { wake.drain(); out.append(.wake) }
            if fds.count > 2, fds[2].revents != 0, watcher?.consumeEvents() == true { out.append(.filesChanged) }
        } else if ready == 0, partial {
            out += terminal.flushInput().map { .terminal($0) }
        }
        if polling, clock() >= nextFilePoll {
            nextFilePoll = clock() + FileWatcher.pollInterval
            if watcher?.pollForChanges() == true { out.append(.filesChanged) }
        }
        if terminal.inputClosed { out.append(.inputClosed) }
        return out
    }

    /// How long a lone Esc waits for the rest of a sequence before it counts as the Esc key.
    static let escapeDelay = 0.03
}

extension Double {
    func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}
