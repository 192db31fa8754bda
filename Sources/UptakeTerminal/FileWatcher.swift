#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices when the files of a data directory change: inotify on Linux, else a comparison of
/// names, sizes and modification times every ``pollInterval`` seconds.
///
/// It only says *that* something changed; the app then waits for the files to
/// settle and loads the directory again (see `AppState.reloadSettleSeconds`).
public final class FileWatcher {
    /// The directory watched (and its `case-studies/` folder when present).
    public let directory: String
    /// The inotify descriptor to poll, or nil when polling modification times instead.
    public private(set) var descriptor: Int32?
    /// How often the fallback compares modification times.
    public static let pollInterval = 2.0

    private var snapshot: [String: (Int, Int, Int)] = [:]

    /// Watches `directory`; with `useInotify: false` (or where inotify is unavailable) it polls.
    public init(directory: String, useInotify: Bool = true) {
        self.directory = directory
        #if os(Linux)
        if useInotify {
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if fd >= 0 {
                let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
                var ok = inotify_add_watch(fd, directory, mask) >= 0
                let sub = directory + "/case-studies"
                if FileWatcher.isDirectory(sub) { ok = ok && inotify_add_watch(fd, sub, mask) >= 0 }
                if ok { descriptor = fd } else { close(fd) }
            }
        }
        #endif
        if descriptor == nil { snapshot = takeSnapshot() }
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// After the descriptor polled readable: reads the pending events; true when any concerns the data.
    public func consumeEvents() -> Bool {
        guard let descriptor else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var changed = false
        while true {
            let n = read(descriptor, &buffer, buffer.count)
            if n <= 0 { break }
            changed = true
        }
        return changed
    }

    /// For the polling fallback: true when a file was added, removed, resized or touched since the last call.
    public func pollForChanges() -> Bool {
        guard descriptor == nil else { return false }
        let now = takeSnapshot()
        defer { snapshot = now }
        guard now.count == snapshot.count else { return true }
        for (name, v) in now { guard let old = snapshot[name], old == v else { return true } }
        return false
    }

    private func takeSnapshot() -> [String: (Int, Int, Int)] {
        var out: [String: (Int, Int, Int)] = [:]
        for dir in [directory, directory + "/case-studies"] {
            guard let d = opendir(dir) else { continue }
            defer { closedir(d) }
            var count = 0
            while let entry = readdir(d), count < 10_000 {
                count += 1
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != ".." else { continue }
                var st = stat()
                guard stat(dir + "/" + name, &st) == 0 else { continue }
                out[dir + "/" + name] = (Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec))
            }
        }
        return out
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
