/// The output of `uptake check`: diagnostics, then per-file counts, then a verdict.
public struct CheckSummary: Sendable {
    /// The text, safe for a terminal.
    public let text: String

    /// Builds the summary of `dataset`.
    public init(dataset: Dataset) {
        var out = ""
        for d in dataset.diagnostics { out += TerminalText.sanitize(d.formatted) + "\n" }
        if !dataset.diagnostics.isEmpty { out += "\n" }
        out += "Dataset: \(TerminalText.sanitize(dataset.origin))\n"
        let width = dataset.fileSummaries.map { TerminalText.width($0.file) }.max() ?? 0
        for s in dataset.fileSummaries {
            let name = TerminalText.pad(s.file, toWidth: width, alignment: .left)
            out += s.present
                ? "  \(name)  \(NumberFormat.grouped(s.read)) read, \(NumberFormat.grouped(s.accepted)) accepted, \(NumberFormat.grouped(s.rejected)) rejected\n"
                : "  \(name)  absent\n"
        }
        let e = dataset.errorCount
        out += "\n" + dataset.diagnosticCountsText
        out += e == 0 ? ": the dataset is valid.\n" : ": rejected rows are named above; every other row loaded.\n"
        // The same choke point as the text report: nothing unsafe leaves, whatever a line forgot.
        text = TerminalText.sanitizeDocument(out)
    }
}
