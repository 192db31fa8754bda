/// Loads one case study: `key: value` header lines, a `---` line, then Markdown.
enum CaseStudyLoader {
    static let knownKeys = ["title", "place", "partner", "partners", "tags", "source"]

    static func load(file: String, bytes: [UInt8], diagnostics: inout [Diagnostic]) -> CaseStudy? {
        var content = bytes
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content.removeFirst(3) }
        guard let text = String(validating: content, as: UTF8.self) else {
            diagnostics.append(Diagnostic(file: file, line: nil, severity: .error, message: "not valid UTF-8: the case study is not loaded"))
            return nil
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let separator = lines.firstIndex(where: { $0.trimmingSpaces == "---" }) else {
            diagnostics.append(Diagnostic(file: file, line: 1, severity: .error,
                message: "no header: a case study starts with 'title: …' lines and a line '---' before the text"))
            return nil
        }
        var fields: [String: String] = [:]
        for (i, line) in lines[..<separator].enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                diagnostics.append(Diagnostic(file: file, line: i + 1, severity: .warning,
                    message: "header line '\(TerminalSafe.quote(trimmed))' is not 'key: value'; ignored"))
                continue
            }
            let key = trimmed[..<colon].trimmingSpaces.lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingSpaces
            if !knownKeys.contains(key) {
                diagnostics.append(Diagnostic(file: file, line: i + 1, severity: .warning,
                    message: "unknown header key '\(TerminalSafe.quote(key))' is ignored (known: title, place, partner, tags, source)"))
                continue
            }
            fields[key == "partners" ? "partner" : key] = value
        }
        guard let title = fields["title"], !title.isEmpty else {
            diagnostics.append(Diagnostic(file: file, line: 1, severity: .error, message: "no 'title:' in the header: the case study is not loaded"))
            return nil
        }
        func list(_ key: String, separators: Set<Character>) -> [String] {
            (fields[key] ?? "").split(whereSeparator: { separators.contains($0) }).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        }
        var body = lines[(separator + 1)...].joined(separator: "\n")
        while body.hasPrefix("\n") { body.removeFirst() }
        while body.hasSuffix("\n") { body.removeLast() }
        return CaseStudy(file: file.hasPrefix("case-studies/") ? String(file.dropFirst("case-studies/".count)) : file,
                         title: title, place: fields["place"].flatMap { $0.isEmpty ? nil : $0 },
                         partners: list("partner", separators: [";"]), tags: list("tags", separators: [",", ";"]),
                         source: fields["source"].flatMap { $0.isEmpty ? nil : $0 }, body: body)
    }
}
