#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directories made on disk: one `mkdir -p` for the executables (the dashboard's state directory, the benchmark's
/// generated datasets).
public enum Directories {
    /// Makes `directory` and any missing parents with `mode` (as `mkdir -p`; a relative path from the working
    /// directory); nil on success, else why not, naming the path that failed.
    public static func make(_ directory: String, mode: mode_t) -> String? {
        var built = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            built += "/" + part
            if mkdir(built, mode) != 0 && errno != EEXIST { return "cannot create \(built): \(String(cString: strerror(errno)))" }
        }
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return "\(directory) is not a directory" }
        return nil
    }
}
