import Foundation
import Testing

/// Golden files for every test target: compare an output with a committed file, or re-record it on purpose.
///
/// Re-record with `UPTAKE_RECORD=1 swift test --filter NAME`; a recording run fails
/// on purpose ("recorded …"), so a recording is never mistaken for a pass. Read every
/// recorded file by eye before committing it.
public enum Golden {
    /// True when the environment asks to re-record (`UPTAKE_RECORD=1`).
    public static var recording: Bool { ProcessInfo.processInfo.environment["UPTAKE_RECORD"] == "1" }

    /// The `Golden` folder beside the test file at `filePath` (pass `#filePath`).
    public static func directory(beside filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Checks `text` against `directory/name`: records it when recording, else fails with the first differing lines.
    public static func check(_ text: String, name: String, in directory: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded \(name) (UPTAKE_RECORD=1): inspect it, commit it, run again without UPTAKE_RECORD", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(url.path); record it with UPTAKE_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != text else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff = "golden \(name) differs (re-record with UPTAKE_RECORD=1 if intended):\n"
        var shown = 0
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : nil) != (i < a.count ? a[i] : nil) {
            diff += "line \(i + 1):\n- \(i < e.count ? String(e[i]) : "<none>")\n+ \(i < a.count ? String(a[i]) : "<none>")\n"
            shown += 1
            if shown == 12 { diff += "…\n"; break }
        }
        Issue.record(Comment(rawValue: diff), sourceLocation: sourceLocation)
    }
}
