import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UptakeUI

extension CursesTerminal {
    /// Reads what standard input has (it polled readable) and decodes it; sets ``inputClosed`` at end of file.
    ///
    /// Input does not go through curses: see ``InputDecoder`` for why.
    public func readInput() -> [TerminalEvent] {
        guard !isShutDown, !inputClosed else { return [] }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = read(STDIN_FILENO, &bytes, bytes.count)
        if n == 0 { inputClosed = true; return decoder.flush() }
        if n < 0 {
            if errno != EINTR && errno != EAGAIN { inputClosed = true }
            return []
        }
        return decoder.feed(bytes[0..<n])
    }

    /// True while an escape sequence waits for the rest of its bytes.
    public var hasPartialInput: Bool { decoder.hasPartial }

    /// The escape delay passed: a pending lone Esc becomes the Esc key.
    public func flushInput() -> [TerminalEvent] { decoder.flush() }

    /// After SIGWINCH: tells curses the new size, repaints everything next frame, and reports the size.
    public func resized() -> TerminalEvent? {
        var rows: Int32 = 0, cols: Int32 = 0
        guard uptake_window_size(STDOUT_FILENO, &rows, &cols) == 0 || uptake_window_size(STDIN_FILENO, &rows, &cols) == 0 else { return nil }
        resizeterm(rows, cols)
        needsFullRedraw = true
        return .resize(width: Int(cols), height: Int(rows))
    }
}
