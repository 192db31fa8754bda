import Foundation
import Testing
@testable import UptakeUI

/// Issue 14: theme files are read like data files: regular files only, and a NUL byte is an error.
@Suite struct ThemeFileHostileTests {
    @Test func nulByteIsAnErrorNamingTheLine() throws {
        let path = NSTemporaryDirectory() + "uptake-theme-\(UUID().uuidString).toml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = Array("name = \"x\"\n[colors]\n".utf8) + [0] + Array("title = \"red\"\n".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect {
            _ = try Theme.load(path: path)
        } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.line == 3 && e.message.contains("NUL")
        }
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let path = NSTemporaryDirectory() + "uptake-theme-\(UUID().uuidString).toml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(mkfifo(path, 0o644) == 0)
        #expect {
            _ = try Theme.load(path: path)
        } throws: { error in
            (error as? ThemeError)?.message.contains("FIFO") == true
        }
    }
}
