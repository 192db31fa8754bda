#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documented bounds on what `uptake` reads (see docs/DECISIONS.md, "Hostile input: limits").
///
/// Beyond a bound a file is refused with an error that names the bound; nothing is
/// truncated silently and nothing traps.
public enum FileLimits {
    /// The largest `uptake.csv`: 2 GiB − 1 bytes, since field offsets are 32-bit (``CSVFieldRange``).
    public static let maximumCSVBytes = Int(Int32.max)
    /// The largest other file (the small CSV files, `dataset.toml`, case studies, theme files): 64 MiB.
    public static let maximumTextFileBytes = 64 << 20

    /// The limit for a file of a dataset, by its path relative to the dataset root.
    public static func limit(for relativePath: String) -> Int {
        relativePath == "uptake.csv" ? maximumCSVBytes : maximumTextFileBytes
    }

    /// `2 GiB − 1`, `64 MiB`: a limit in words.
    public static func describe(_ bytes: Int) -> String {
        if bytes == maximumCSVBytes { return "2 GiB − 1" }
        if bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }

    /// What a file is in words when it is not a regular file (`a FIFO (named pipe)`), else nil.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}

/// Checks on the raw bytes of a text file before it is parsed: encodings that are not
/// UTF-8, NUL bytes, and line ends.
public enum TextBytes {
    /// The hint every "not UTF-8" diagnostic carries once per file.
    public static let utf8Hint = "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)"

    /// `UTF-16 little-endian` when `bytes` start with a UTF-16 (or UTF-32) byte-order mark, else nil.
    public static func foreignEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 little-endian" }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 big-endian" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 little-endian" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 big-endian" }
        return nil
    }

    /// The line and column (1-based) of the first NUL byte, or nil when there is none.
    public static func firstNUL(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        guard let i = bytes.firstIndex(of: 0) else { return nil }
        var line = 1, lineStart = 0
        for j in 0..<i where bytes[j] == 10 || (bytes[j] == 13 && (j + 1 >= bytes.count || bytes[j + 1] != 10)) {
            line += 1
            lineStart = j + 1
        }
        return (line, i - lineStart + 1)
    }

    /// True when the first line end of `bytes` is a lone CR (an old Mac export).
    public static func usesCROnly(_ bytes: [UInt8]) -> Bool {
        guard let i = bytes.firstIndex(where: { $0 == 10 || $0 == 13 }) else { return false }
        return bytes[i] == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10)
    }

    /// Turns every lone CR into LF in place (same length, so offsets and line numbers hold);
    /// CR LF pairs are left for the readers, which handle them.
    public static func convertLoneCRs(_ bytes: inout [UInt8]) {
        let n = bytes.count
        bytes.withUnsafeMutableBufferPointer { b in
            for i in 0..<n where b[i] == 13 && (i + 1 == n || b[i + 1] != 10) { b[i] = 10 }
        }
    }

    /// `bytes` with CR LF and lone CR made LF (for line-oriented files: case studies, TOML).
    public static func normalisedLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(13) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13 {
                out.append(10)
                i += i + 1 < bytes.count && bytes[i + 1] == 10 ? 2 : 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}
