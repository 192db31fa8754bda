import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a dataset's files come from: a directory on disk, or the embedded sample data.
public protocol DatasetSource: Sendable {
    /// A description for messages (`./sample-data`, `embedded sample data`).
    var origin: String { get }
    /// The bytes of a file relative to the dataset root; nil when it does not exist.
    /// - Throws: ``DatasetSourceError`` when the file exists but cannot be read.
    func read(_ relativePath: String) throws -> [UInt8]?
    /// The names of the files in a sub-directory (sorted); empty when it does not exist.
    func list(_ directory: String) -> [String]
    /// Calls `body` with the file's bytes without copying them where the source can (a memory map);
    /// returns nil when the file does not exist.
    func withContents<T>(_ relativePath: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T?
    /// The names in a sub-directory (sorted); empty when it does not exist.
    /// - Throws: ``DatasetSourceError`` when it exists but cannot be listed (unreadable, a symlink loop, not a directory).
    func listing(_ directory: String) throws -> [String]
}

extension DatasetSource {
    /// The default: ``list(_:)``, which cannot fail.
    public func listing(_ directory: String) throws -> [String] { list(directory) }

    /// The default: read the file into an array.
    public func withContents<T>(_ relativePath: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        guard let bytes = try read(relativePath) else { return nil }
        return try bytes.withUnsafeBufferPointer(body)
    }
}

/// A file that exists but could not be read.
public struct DatasetSourceError: Error, Hashable, Sendable {
    /// Why, in words (from the operating system).
    public var reason: String
}

/// A dataset directory on disk.
public struct DirectorySource: DatasetSource {
    /// The directory path.
    public let path: String

    /// Creates a source for `path`; see ``DirectorySource/checkDirectory(_:)`` to validate it first.
    public init(path: String) { self.path = path }

    public var origin: String { path }

    /// Nil when `path` is a readable directory, else a one-line reason.
    public static func checkDirectory(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return "data directory '\(path)' does not exist" }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return "'\(path)' is not a directory" }
        guard access(path, R_OK | X_OK) == 0 else { return "data directory '\(path)' is not readable" }
        return nil
    }

    public func read(_ relativePath: String) throws -> [UInt8]? {
        try Self.readFile(path + "/" + relativePath, limit: FileLimits.limit(for: relativePath))
    }

    /// The most bytes read from `uptake.csv`: 2 GiB − 1, because the CSV reader keeps field offsets in 32 bits.
    public static let maximumUptakeFileSize = FileLimits.maximumCSVBytes

    /// The most bytes read from any other file of a dataset (and from a theme file).
    public static let maximumFileSize = FileLimits.maximumTextFileBytes

    /// Reads a whole regular file with POSIX calls into a private buffer (one allocation, no zero-filling).
    ///
    /// - Opens with `O_NONBLOCK` so a FIFO cannot block, then `fstat`s the open file:
    ///   anything but a regular file (FIFO, device such as `/dev/zero`, socket, directory) is refused.
    /// - A file larger than `limit` is refused with a message naming the limit.
    /// - The file is read into private memory (never memory-mapped), so a file truncated
    ///   while it is read cannot fault (SIGBUS); when the size or modification time differs
    ///   after the read, the read is retried twice and then refused as "changed while reading".
    ///
    /// Returns nil when the file does not exist.
    public static func readFile(_ full: String, limit: Int = maximumFileSize) throws -> [UInt8]? {
        var lastChange = ""
        for _ in 0..<3 {
            switch try readOnce(full, limit: limit) {
            case .missing: return nil
            case .bytes(let b): return b
            case .changed(let why): lastChange = why
            }
        }
        throw DatasetSourceError(reason: "the file changed while it was being read (\(lastChange)); is something rewriting it? Try again once it is written")
    }

    private enum ReadOutcome { case missing, bytes([UInt8]), changed(String) }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Opens `relativePath` for reading in pieces (``OpenedFile``), with the checks of ``readFile(_:limit:)``: only a
    /// regular file, at most `limit` bytes. Nil when it does not exist.
    func open(_ relativePath: String, limit: Int) throws -> OpenedFile? {
        try Self.openChecked(path + "/" + relativePath, limit: limit)
    }

    /// The open and the checks every read of a file makes first.
    fileprivate static func openChecked(_ full: String, limit: Int) throws -> OpenedFile? {
        let fd = Glibc.open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw DatasetSourceError(reason: errnoText())
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = errnoText()
            close(fd)
            throw DatasetSourceError(reason: reason)
        }
        if let kind = FileLimits.nonRegularKind(st.st_mode) {
            close(fd)
            throw DatasetSourceError(reason: "it is \(kind), not a regular file; only regular files are read")
        }
        guard st.st_size >= 0, Int64(st.st_size) <= Int64(limit) else {
            close(fd)
            throw DatasetSourceError(reason: "it is \(st.st_size) bytes; the largest file uptake reads here is \(limit) bytes (\(FileLimits.describe(limit)))")
        }
        return OpenedFile(fd: fd, stat: st)
    }

    private static func readOnce(_ full: String, limit: Int) throws -> ReadOutcome {
        guard let file = try openChecked(full, limit: limit) else { return .missing }
        defer { withExtendedLifetime(file) {} }   // its descriptor stays open to the end
        let (fd, st) = (file.fd, file.opened)
        let size = Int(st.st_size)
        // One byte of headroom shows a file that grew while it was read.
        let capacity = size + 1
        var outcome: ReadOutcome = .changed("")
        let bytes = try [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            count = 0
            askForHugePages(buf)
            let used = try readAll(fd, into: buf.baseAddress!, capacity: capacity, expected: size)
            var after = stat()
            let same = fstat(fd, &after) == 0 && after.st_size == st.st_size
                && after.st_mtim.tv_sec == st.st_mtim.tv_sec && after.st_mtim.tv_nsec == st.st_mtim.tv_nsec
            if used != size || !same {
                outcome = .changed(used < size ? "it was \(size) bytes but only \(used) could be read"
                                              : used > size ? "it grew past \(size) bytes" : "it was modified")
                count = 0
                return
            }
            count = used
            outcome = .bytes([])
        }
        if case .changed = outcome { return outcome }
        return .bytes(bytes)
    }

    /// Asks the kernel to back a large read buffer with huge pages (`madvise(MADV_HUGEPAGE)`, where transparent huge
    /// pages are enabled): a file of hundreds of megabytes is otherwise faulted in 4 KiB at a time, one fault per page,
    /// which cost more than the copy itself. Only advice: a kernel without them, or without a free huge page, ignores it.
    private static func askForHugePages(_ buf: UnsafeMutableBufferPointer<UInt8>) {
        let huge = 2 << 20
        guard buf.count >= 4 * huge, let base = buf.baseAddress else { return }
        let first = (Int(bitPattern: base) + huge - 1) / huge * huge
        let last = (Int(bitPattern: base) + buf.count) / huge * huge
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        #if os(Linux)
        _ = madvise(start, last - first, MADV_HUGEPAGE)
        #endif
    }

    /// Files at least this large are read by two threads at once, one per half (`pread`):
    /// the kernel's page clearing and copying, most of the cost of reading, is split over both cores.
    static let parallelReadThreshold = 8 << 20

    /// Reads up to `capacity` bytes of `fd` into `base`; returns how many were read (a short count: the file shrank).
    ///
    /// A file of `expected` bytes at least ``parallelReadThreshold`` long is read in two halves on two
    /// threads with `pread`, then one more byte is asked for to see whether it grew.
    private static func readAll(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>, capacity: Int, expected: Int) throws -> Int {
        guard expected >= parallelReadThreshold, capacity > expected else {
            return try readRange(fd, into: base, at: 0, count: capacity, positioned: false)
        }
        let half = expected / 2
        let results = [ResultBox<Result<Int, DatasetSourceError>>(.success(0)), ResultBox<Result<Int, DatasetSourceError>>(.success(0))]
        let target = SendablePointer(base: base)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let (from, count) = i == 0 ? (0, half) : (half, expected - half)
            do { results[i].value = .success(try readRange(fd, into: target.base + from, at: from, count: count, positioned: true)) }
            catch let e as DatasetSourceError { results[i].value = .failure(e) }
            catch { results[i].value = .failure(DatasetSourceError(reason: "\(error)")) }
        }
        let first = try results[0].value.get(), second = try results[1].value.get()
        // A short first half means the file shrank under the read: report what was read so the caller retries.
        guard first == half else { return first }
        guard second == expected - half else { return half + second }
        // Growth: one byte past the expected end.
        return expected + (try readRange(fd, into: base + expected, at: expected, count: capacity - expected, positioned: true))
    }

    /// Reads `count` bytes of `fd` into `dest` (with `pread` at `offset`, or with `read` from the current offset when
    /// not `positioned`), stopping early at the file's end.
    fileprivate static func readRange(_ fd: Int32, into dest: UnsafeMutablePointer<UInt8>, at offset: Int, count: Int,
                                      positioned: Bool) throws -> Int {
        var used = 0
        while used < count {
            let n = positioned ? pread(fd, dest + used, count - used, off_t(offset + used)) : Glibc.read(fd, dest + used, count - used)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }
                throw DatasetSourceError(reason: errnoText())
            }
            if n == 0 { break }
            used += n
        }
        return used
    }

    private struct SendablePointer: @unchecked Sendable { let base: UnsafeMutablePointer<UInt8> }

    public func list(_ directory: String) -> [String] {
        (try? listing(directory)) ?? []
    }

    /// The names in a sub-directory (sorted); empty when it does not exist.
    /// - Throws: ``DatasetSourceError`` when it exists but is not a directory or cannot be read.
    public func listing(_ directory: String) throws -> [String] {
        let full = path + "/" + directory
        guard let dir = opendir(full) else {
            if errno == ENOENT { return [] }
            throw DatasetSourceError(reason: Self.errnoText())
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        return names.sorted()
    }
}

/// A dataset held in memory: file path → contents (used for the embedded sample data and tests).
public struct InMemorySource: DatasetSource {
    /// Contents by relative path (`case-studies/si-story.md`).
    public let files: [String: [UInt8]]
    public let origin: String

    /// Creates a source from text files.
    public init(origin: String, files: [String: String]) {
        self.origin = origin
        self.files = files.mapValues { Array($0.utf8) }
    }

    /// Creates a source from raw bytes (for tests of encodings).
    public init(origin: String, rawFiles: [String: [UInt8]]) {
        self.origin = origin
        self.files = rawFiles
    }

    public func read(_ relativePath: String) throws -> [UInt8]? {
        guard let bytes = files[relativePath] else { return nil }
        let limit = FileLimits.limit(for: relativePath)
        if bytes.count > limit {
            throw DatasetSourceError(reason: "it is \(bytes.count) bytes; the largest file uptake reads here is \(limit) bytes (\(FileLimits.describe(limit)))")
        }
        return bytes
    }

    public func list(_ directory: String) -> [String] {
        let prefix = directory + "/"
        return files.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
    }
}

/// A regular file open for reading in pieces, as `uptake.csv` is read in windows (issue 11): its descriptor, closed
/// when this is freed, and what `fstat` said when it was opened, to tell afterwards whether it changed.
final class OpenedFile: @unchecked Sendable {
    let fd: Int32
    /// `fstat` at the open.
    let opened: stat
    /// The size at the open.
    var size: Int { Int(opened.st_size) }

    fileprivate init(fd: Int32, stat: stat) {
        self.fd = fd
        opened = stat
    }

    deinit { close(fd) }

    /// Reads `count` bytes at `offset` into `base` (`pread`, from any thread); returns how many, fewer only at the end.
    /// - Throws: ``DatasetSourceError`` with the system's reason when the read fails.
    func read(into base: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws -> Int {
        try DirectorySource.readRange(fd, into: base, at: offset, count: count, positioned: true)
    }

    /// Nil when the file is as it was opened: the same size and modification time, and nothing after its end. Else
    /// why not, in words, as ``DirectorySource/readFile(_:limit:)`` says it.
    func change() -> String? {
        var now = stat()
        guard fstat(fd, &now) == 0 else { return "it could not be checked after reading" }
        if now.st_size != opened.st_size {
            return now.st_size < opened.st_size ? "it was \(size) bytes but only \(now.st_size) could be read" : "it grew past \(size) bytes"
        }
        var byte: UInt8 = 0
        if pread(fd, &byte, 1, off_t(size)) == 1 { return "it grew past \(size) bytes" }
        if now.st_mtim.tv_sec != opened.st_mtim.tv_sec || now.st_mtim.tv_nsec != opened.st_mtim.tv_nsec { return "it was modified" }
        return nil
    }
}
