import Foundation
import UptakeCore

/// `uptake insights add` in a terminal without `--text`: an editor opened on a template.
///
/// The template is `key: value` lines (the fields) and the text below a `---` line;
/// lines starting with `#` are comments. `$VISUAL`, else `$EDITOR`, else `vi`.
enum InsightTemplate {
    static func render(_ i: Insight) -> String {
        """
        # Record an insight. Fill in the fields, write the text below the --- line, save and quit.
        # method: one of the store's methods (uptake insights methods); codes: separated by ;
        # An empty text cancels.
        gathered: \(i.gathered)
        method: \(i.method)
        place: \(i.place ?? "")
        partner: \(i.partner ?? "")
        recorded_by: \(i.recordedBy ?? "")
        source: \(i.source ?? "")
        codes: \(i.codes.joined(separator: "; "))
        sensitive: \(i.sensitive ? "yes" : "no")
        ---
        \(i.text)
        """
    }

    static func parse(_ text: String, into base: Insight) throws -> Insight {
        var i = base
        var body: [Substring] = []
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inBody { body.append(line); continue }
            if line.hasPrefix("#") { continue }
            if line.trimmingCharacters(in: .whitespaces) == "---" { inBody = true; continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let optional: String? = value.isEmpty ? nil : value
            switch key {
            case "gathered": i.gathered = value
            case "method": i.method = value
            case "place": i.place = optional
            case "partner": i.partner = optional
            case "recorded_by": i.recordedBy = optional
            case "source": i.source = optional
            case "codes": i.codes = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "sensitive": i.sensitive = ["yes", "true", "1", "y"].contains(value.lowercased())
            default: throw UsageFailure(message: "the template has an unknown field '\(TerminalText.sanitize(key))'")
            }
        }
        i.text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if i.text.isEmpty { throw UsageFailure(message: "the insight's text is empty: nothing recorded") }
        return i
    }

    static func edit(_ insight: Insight) throws -> Insight {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let path = NSTemporaryDirectory() + "uptake-insight-\(getpid()).txt"
        try render(insight).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw UsageFailure(message: "the editor failed: nothing recorded") }
        return try parse(try String(contentsOfFile: path, encoding: .utf8), into: insight)
    }
}
