/// Checks the `[[comparators]]` of dataset.toml against the series of uptake.csv.
enum ComparatorValidation {
    /// A warning on the entry's line in dataset.toml for each comparator whose series does not exist,
    /// for each `for_partners` name with no series in uptake.csv, and for each `for_proxy_populations` name with none.
    static func check(_ comparators: [DatasetMetadata.Comparator], series: [UptakeSeries], diagnostics: inout [Diagnostic]) {
        guard !comparators.isEmpty else { return }
        var names = Set<String>()
        var partners = Set<String>()
        var proxies = Set<String>()
        for s in series {
            names.insert(s.partner + "\u{0}" + s.proxyPopulation)
            partners.insert(s.partner)
            proxies.insert(s.proxyPopulation)
        }
        for (i, c) in comparators.enumerated() {
            if !names.contains(c.partner + "\u{0}" + c.proxyPopulation) {
                diagnostics.append(Diagnostic(file: MetadataLoader.file, line: c.line, severity: .warning,
                    message: "comparators[\(i)]: no series in uptake.csv has partner '\(TerminalSafe.quote(c.partner))' and proxy population '\(TerminalSafe.quote(c.proxyPopulation))'; no comparison is made with it"))
            }
            for p in c.forPartners ?? [] where !partners.contains(p) {
                diagnostics.append(Diagnostic(file: MetadataLoader.file, line: c.line, severity: .warning,
                    message: "comparators[\(i)].for_partners: partner '\(TerminalSafe.quote(p))' has no series in uptake.csv"))
            }
            for p in c.forProxyPopulations ?? [] where !proxies.contains(p) {
                diagnostics.append(Diagnostic(file: MetadataLoader.file, line: c.line, severity: .warning,
                    message: "comparators[\(i)].for_proxy_populations: proxy population '\(TerminalSafe.quote(p))' has no series in uptake.csv"))
            }
        }
    }
}
