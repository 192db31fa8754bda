import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import UptakeCore

/// `Directories.make` (`mkdir -p`), shared by the dashboard's state directory and the benchmark's datasets.
@Suite struct DirectoriesTests {
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func makesParentsWithTheModeAndSaysWhyNot() throws {
        var template = Array("/tmp/uptake-directories-XXXXXX".utf8CString)
        let root = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        defer { _ = system("rm -rf '\(root)'") }

        // Absolute, three levels, then again (already there: no error).
        #expect(Directories.make(root + "/a/b/c", mode: 0o700) == nil)
        // The mode as asked (the process's umask, left as it is, can only take bits away: none for the owner here).
        #expect(Self.isDirectory(root + "/a/b/c") && Self.mode(root + "/a/b") == 0o700)
        #expect(Directories.make(root + "/a/b/c/", mode: 0o700) == nil)

        // Relative to the working directory (left as it is: tests run at once), up to / and down to the root.
        let cwd = try #require(getcwd(nil, 0).map { p in defer { free(p) }; return String(cString: p) })
        let up = String(repeating: "../", count: cwd.split(separator: "/").count)
        #expect(Directories.make(up + root.dropFirst() + "/x/y", mode: 0o755) == nil)
        #expect(Self.isDirectory(root + "/x/y") && Self.mode(root + "/x/y") & ~0o755 == 0 && Self.mode(root + "/x/y") & 0o700 == 0o700)

        // A file in the way: at the end, and as a parent.
        let file = root + "/file"
        #expect(creat(file, 0o644) >= 0)
        #expect(Directories.make(file, mode: 0o755) == "\(file) is not a directory")
        #expect(Directories.make(file + "/z", mode: 0o755) == "cannot create \(file)/z: Not a directory")
    }
}
