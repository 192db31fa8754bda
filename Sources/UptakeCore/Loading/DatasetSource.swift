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
}

extension DatasetSource {
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
        try Self.readFile(path + "/" + relativePath)
    }

    /// Reads a whole file with POSIX calls (one allocation, no Foundation copy).
    public static func readFile(_ full: String) throws -> [UInt8]? {
        let fd = open(full, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw DatasetSourceError(reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw DatasetSourceError(reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw DatasetSourceError(reason: "is a directory") }
        var capacity = max(Int(st.st_size), 0) + 1
        var bytes = [UInt8](repeating: 0, count: capacity)
        var used = 0
        while true {
            if used == capacity {
                capacity *= 2
                bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + used, capacity - used)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw DatasetSourceError(reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            used += n
        }
        bytes.removeSubrange(used...)
        return bytes
    }

    /// Maps the file into memory read-only (no zero-filling, no copy; pages faulted in up front); small or unmappable files are read.
    public func withContents<T>(_ relativePath: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        let full = path + "/" + relativePath
        let fd = open(full, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw DatasetSourceError(reason: String(cString: strerror(errno)))
        }
        var st = stat()
        let size = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        if size >= 1 << 20, let map = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), map != MAP_FAILED {
            close(fd)
            defer { munmap(map, size) }
            return try body(UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size))
        }
        close(fd)
        guard let bytes = try Self.readFile(full) else { return nil }
        return try bytes.withUnsafeBufferPointer(body)
    }

    public func list(_ directory: String) -> [String] {
        guard let dir = opendir(path + "/" + directory) else { return [] }
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

    public func read(_ relativePath: String) throws -> [UInt8]? { files[relativePath] }

    public func list(_ directory: String) -> [String] {
        let prefix = directory + "/"
        return files.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
    }
}
