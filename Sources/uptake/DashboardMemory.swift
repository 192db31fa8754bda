import UptakeCore
import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard's remembered pane and theme on disk (``RememberedView`` is the format).
struct DashboardMemory {
    /// `$XDG_STATE_HOME/uptake/state.toml`, else `~/.local/state/uptake/state.toml`.
    var path: String
    /// What was read (empty when there is no file yet).
    var view: RememberedView

    /// Reads the state file; nil when neither XDG_STATE_HOME nor HOME names a place for it.
    /// A damaged file is a warning on standard error and counts as empty.
    static func read(environment: [String: String] = ProcessInfoEnvironment.current) -> DashboardMemory? {
        guard let path = RememberedView.defaultPath(environment: environment) else { return nil }
        var memory = DashboardMemory(path: path, view: RememberedView())
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT { writeStandardError("uptake: \(TerminalText.sanitize(path)): warning: cannot read (\(String(cString: strerror(errno)))); the last pane and theme are not restored") }
            return memory
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 64 * 1024 {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[0..<n]
        }
        guard bytes.count <= 64 * 1024, let text = String(validating: bytes, as: UTF8.self) else {
            writeStandardError("uptake: \(TerminalText.sanitize(path)): warning: not a state file uptake wrote (too big or not UTF-8); the last pane and theme are not restored")
            return memory
        }
        let (view, warning) = RememberedView.parse(text, file: TerminalText.sanitize(path))
        if let warning { writeStandardError("uptake: " + warning) }
        memory.view = view
        return memory
    }

    /// Writes `view` whole (a temporary file renamed into place, so a crash never leaves half a file);
    /// nil on success, else why not.
    func save(_ view: RememberedView) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return "not an absolute path" }
        let directory = String(path[..<slash])
        // 0700: the XDG base directory rule for state.
        if let problem = Directories.make(directory, mode: 0o700) { return problem }
        let temporary = path + ".tmp-\(getpid())"
        if let problem = DashboardLoop.writeFile(temporary, Array(view.serialized.utf8)) {
            unlink(temporary)
            return problem
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }
}
