import Foundation
import GRDB
import Testing
import UptakeCore
@testable import UptakeInsights

/// Several `uptake` processes writing one insight bank at once, as two people at two terminals and a kiosk would.
@Suite struct ConcurrentProcessTests {
    /// The built `uptake` binary, beside this test bundle in the build directory.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The XCTest bundle on Linux is `…/debug/uptakePackageTests.xctest`; the binary is `…/debug/uptake`.
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("uptake").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            dir.deleteLastPathComponent()
        }
        return ".build/debug/uptake"
    }

    struct Outcome { var status: Int32; var stderr: String }

    static func launch(_ arguments: [String]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, err)
    }

    @Test func concurrentWritersInSeparateProcessesLoseNothing() throws {
        let db = temporaryStorePath()
        let dir = (db as NSString).deletingLastPathComponent
        // A CSV of 40 insights, imported by three processes at once.
        var csv = "text,gathered,method,codes\n"
        for i in 0..<40 { csv += "Imported insight \(i),2024-05-\(String(format: "%02d", i % 28 + 1)),survey,Trusted voices are key\n" }
        let csvPath = dir + "/batch.csv"
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        var running: [(Process, Pipe)] = []
        // Nobody has created the file yet: the first processes race to create and migrate it.
        for i in 0..<12 {
            running.append(try Self.launch(["insights", "add", "--data", "sample-data", "--db", db, "--text", "Added by process \(i)",
                                            "--gathered", "2024-06-01", "--method", "conversation", "--code", "Trusted voices are key"]))
            if i % 4 == 0 { running.append(try Self.launch(["insights", "import", "--data", "sample-data", "--db", db, csvPath])) }
            if i % 3 == 0 { running.append(try Self.launch(["insights", "list", "--data", "sample-data", "--db", db])) }
        }
        var outcomes: [Outcome] = []
        for (p, pipe) in running {
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            outcomes.append(Outcome(status: p.terminationStatus, stderr: text))
        }
        for o in outcomes {
            #expect(o.status == 0, "\(o.stderr)")
            #expect(!o.stderr.contains("locked"), "\(o.stderr)")
        }
        let store = try InsightStore(path: db)
        #expect(try store.count() == 12 + 3 * 40)
        for i in 0..<12 { #expect(try store.insights(matching: InsightQuery(text: "process \(i)")).contains { $0.text == "Added by process \(i)" }) }
        #expect(try store.matrixByPartner().count(code: "Trusted voices are key", column: InsightMatrix.noPartner) == 12 + 3 * 40)
        let integrity = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }
}
