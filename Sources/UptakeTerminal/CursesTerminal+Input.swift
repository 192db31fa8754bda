import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UptakeUI

extension CursesTerminal {
    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key, click, wheel turn or resize.
    ///
    /// Returns nil on timeout, when a termination signal arrived (see
    /// ``terminationRequested``) or when stdin closed (see ``inputClosed``):
    /// check ``shouldStop`` after a nil. Input the app has no use for (mouse
    /// releases, unknown keys) is skipped within the same wait.
    ///
    /// Never spins: at end-of-file curses returns an error at once, so
    /// repeated immediate errors with stdin readable (or a hang-up) mark the
    /// input closed.
    public func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        guard let window, !isShutDown, !inputClosed else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        var wait = timeoutMilliseconds
        while !terminationRequested {
            wtimeout(window, wait)
            var character: wint_t = 0
            let status = wget_wch(window, &character)
            if status == OK || status == KEY_CODE_YES {
                suspiciousErrors = 0
                if let event = event(code: Int32(bitPattern: character), isFunctionKey: status == KEY_CODE_YES) {
                    return event
                }
            } else if stdinLooksClosed() {
                inputClosed = true
                return nil
            }
            guard timeoutMilliseconds >= 0 else { continue }
            let elapsed = start.duration(to: clock.now)
            let elapsedMilliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            wait = Int32(clamping: Int64(timeoutMilliseconds) - elapsedMilliseconds)
            if wait <= 0 { return nil }
        }
        return nil
    }

    /// Turns one `wget_wch` result into an event, or nil to keep waiting.
    func event(code: Int32, isFunctionKey: Bool) -> TerminalEvent? {
        if isFunctionKey, code == KEY_RESIZE {
            needsFullRedraw = true
            let (width, height) = size
            return .resize(width: width, height: height)
        }
        if isFunctionKey, code == KEY_MOUSE {
            var mouse = MEVENT()
            guard getmouse(&mouse) == OK else { return nil }
            return Self.mouseEvent(buttonState: mouse.bstate, x: Int(mouse.x), y: Int(mouse.y)).map { .mouse($0) }
        }
        return decodeKey(code: code, isFunctionKey: isFunctionKey).map { .key($0) }
    }

    /// Decodes a curses mouse report: button 1 press or click, wheel up (button 4), wheel down (button 5).
    nonisolated static func mouseEvent(buttonState: mmask_t, x: Int, y: Int) -> MouseEvent? {
        if buttonState & uptake_BUTTON4_PRESSED() != 0 { return MouseEvent(kind: .wheelUp, x: x, y: y) }
        if buttonState & uptake_BUTTON5_PRESSED() != 0 { return MouseEvent(kind: .wheelDown, x: x, y: y) }
        if buttonState & (uptake_BUTTON1_PRESSED() | uptake_BUTTON1_CLICKED()) != 0 {
            return MouseEvent(kind: .press, x: x, y: y)
        }
        return nil
    }

    /// Called after `wget_wch` failed: true when stdin has hung up or keeps failing while readable.
    ///
    /// A timeout leaves stdin unreadable. At end-of-file stdin polls readable
    /// (or hung up) yet curses reads nothing; three such errors in a row, with
    /// nothing read between them, rule out a key that merely arrived just after
    /// the timeout.
    func stdinLooksClosed() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }  // EINTR: a signal, not a closed stdin
        let revents = Int32(descriptor.revents)
        if revents & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0 { return true }
        if revents & Int32(POLLIN) != 0 {
            suspiciousErrors += 1
            return suspiciousErrors >= 3
        }
        suspiciousErrors = 0
        return false
    }
}
