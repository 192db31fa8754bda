import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes text to standard output in one go (large reports too), retrying on short writes.
///
/// Standard output carries only data; hints and diagnostics go to standard
/// error. A failed write ends the program (see ``outputFailed(_:)``), so a
/// report is never silently cut short.
func writeStandardOutput(_ text: String) {
    var text = text
    text.withUTF8 { writeStandardOutput(buffer: $0) }
}

/// Writes bytes to standard output.
func writeStandardOutput(bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { writeStandardOutput(buffer: $0) }
}

/// Whether standard output is a terminal, asked once.
///
/// Data written to a terminal is made safe for it whatever the format (csv and json keep the data
/// exactly, so a partner name can hold an escape sequence that would recolour, retitle or rewrite the
/// screen): controls, C1 controls, bidi controls and line separators become visible stand-ins, line
/// feeds stay (``TerminalText/sanitizeDocument(bytes:)``, the text report's own last pass). To a file
/// or a pipe the bytes are exact. Every piece written is whole scalars (strings, a report's rows or items).
let standardOutputIsTerminal = isatty(1) == 1

private func writeStandardOutput(buffer buf: UnsafeBufferPointer<UInt8>) {
    if standardOutputIsTerminal {
        let safe = TerminalText.sanitizeDocument(bytes: Array(buf))
        safe.withUnsafeBufferPointer { writeAll($0) }
    } else {
        writeAll(buf)
    }
}

private func writeAll(_ buf: UnsafeBufferPointer<UInt8>) {
    guard let base = buf.baseAddress else { return }
    var offset = 0
    while offset < buf.count {
        let n = write(1, base + offset, buf.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            outputFailed(errno)
        }
        offset += n
    }
}

/// Ends the program after standard output failed with `code` (an `errno`).
///
/// A reader that went away (`uptake report | head`, EPIPE) ends it quietly
/// with the status a SIGPIPE would give (141), as other tools do. Any other
/// failure (a full disk, a closed or read-only descriptor) is a one-line error
/// and exit status 1.
func outputFailed(_ code: Int32) -> Never {
    if code == EPIPE { exit(ExitStatus.brokenPipe) }
    writeStandardError("uptake: error: cannot write the output: \(String(cString: strerror(code)))")
    exit(ExitStatus.failure)
}

/// Writes a line to standard error.
func writeStandardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { buf in
        var offset = 0
        while offset < buf.count {
            let n = write(2, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }  // nowhere left to say it
            offset += n
        }
    }
}

/// The exit statuses every `uptake` command uses (documented in `--help` and the man page).
enum ExitStatus {
    /// Success.
    static let success: Int32 = 0
    /// Data errors (`check`; `report` with a required file missing or unreadable, or `--strict`
    /// with rejected rows), or output that could not be written.
    static let failure: Int32 = 1
    /// Bad usage or configuration: an unknown option or command, a bad `--data`, theme or `TERM`.
    static let usage: Int32 = 2
    /// Standard output was a pipe whose reader went away (128 + SIGPIPE), ended quietly.
    static let brokenPipe: Int32 = 141

    /// The exit statuses as `--help` shows them.
    static let helpText = """
        Exit status: 0 success; 1 data errors (check with errors; report when a required file is \
        missing or unreadable, or with --strict when any row was rejected) or output that could not \
        be written; 2 bad usage or configuration.
        """
}
