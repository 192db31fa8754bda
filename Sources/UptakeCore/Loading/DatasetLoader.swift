/// Loads a whole dataset from a ``DatasetSource``: every file, every diagnostic.
///
/// A bad row never stops the load; a missing optional file is simply empty; a
/// missing required file is an error and the rest still loads.
public enum DatasetLoader {
    /// Loads everything from `source`.
    public static func load(from source: any DatasetSource) -> Dataset {
        var diagnostics: [Diagnostic] = []
        var summaries: [FileSummary] = []
        var dataset = Dataset(origin: source.origin)

        func read(_ name: String, required: Bool) -> [UInt8]? {
            do {
                if let bytes = try source.read(name) { return bytes }
                if required {
                    diagnostics.append(Diagnostic(file: name, line: nil, severity: .error, message: "required file is missing"))
                }
                summaries.append(FileSummary(file: name, present: false))
            } catch let e as DatasetSourceError {
                diagnostics.append(Diagnostic(file: name, line: nil, severity: .error, message: "cannot read the file: \(e.reason)"))
                summaries.append(FileSummary(file: name, present: false))
            } catch {
                diagnostics.append(Diagnostic(file: name, line: nil, severity: .error, message: "cannot read the file: \(error)"))
                summaries.append(FileSummary(file: name, present: false))
            }
            return nil
        }

        if let bytes = read(MetadataLoader.file, required: false) {
            dataset.metadata = MetadataLoader.load(bytes: bytes, diagnostics: &diagnostics)
            summaries.append(FileSummary(file: MetadataLoader.file, read: 1, accepted: 1))
        } else {
            diagnostics.append(Diagnostic(file: MetadataLoader.file, line: nil, severity: .warning,
                                          message: "no dataset.toml: no title, period labels or benchmark thresholds"))
        }
        var knownPartners: Set<String>?
        var rejectedPartners: [String: Int] = [:]
        if let bytes = read("partners.csv", required: true) {
            let (partners, summary, rejected) = TableLoaders.partners(bytes: bytes, diagnostics: &diagnostics)
            dataset.partners = partners
            knownPartners = Set(partners.map(\.name))
            rejectedPartners = rejected
            summaries.append(summary)
        }
        // A comparator series (the area as a whole) need not be a partner in partners.csv.
        if knownPartners != nil { for c in dataset.metadata.comparators { knownPartners?.insert(c.partner) } }
        // uptake.csv is the big one: read it in place (memory-mapped where possible).
        do {
            if let result = try source.withContents(UptakeFileLoader.file, { UptakeFileLoader.load(buffer: $0, knownPartners: knownPartners, rejectedPartners: rejectedPartners) }) {
                dataset.series = result.series
                diagnostics.append(contentsOf: result.diagnostics)
                summaries.append(result.summary)
            } else {
                diagnostics.append(Diagnostic(file: UptakeFileLoader.file, line: nil, severity: .error, message: "required file is missing"))
                summaries.append(FileSummary(file: UptakeFileLoader.file, present: false))
            }
        } catch {
            diagnostics.append(Diagnostic(file: UptakeFileLoader.file, line: nil, severity: .error,
                                          message: "cannot read the file: \((error as? DatasetSourceError)?.reason ?? "\(error)")"))
            summaries.append(FileSummary(file: UptakeFileLoader.file, present: false))
        }
        ComparatorValidation.check(dataset.metadata.comparators, series: dataset.series, diagnostics: &diagnostics)
        // Optional, and listed among the files only when present (most datasets have no deprivation split).
        do {
            if let bytes = try source.read(DeprivationLoader.file) {
                let (groups, summary) = DeprivationLoader.load(bytes: bytes, diagnostics: &diagnostics)
                dataset.deprivationGroups = groups
                summaries.append(summary)
            }
        } catch {
            diagnostics.append(Diagnostic(file: DeprivationLoader.file, line: nil, severity: .error,
                                          message: "cannot read the file: \((error as? DatasetSourceError)?.reason ?? "\(error)")"))
            summaries.append(FileSummary(file: DeprivationLoader.file, present: false))
        }
        if let bytes = read("indicators.csv", required: false) {
            let (items, summary) = TableLoaders.indicators(bytes: bytes, diagnostics: &diagnostics)
            dataset.indicators = items
            summaries.append(summary)
        }
        if let bytes = read("surveys.csv", required: false) {
            let (items, summary) = TableLoaders.surveys(bytes: bytes, diagnostics: &diagnostics)
            dataset.surveys = items
            summaries.append(summary)
            if let knownPartners {
                for s in items where !knownPartners.contains(s.partner) {
                    diagnostics.append(Diagnostic(file: "surveys.csv", line: s.line, severity: .warning,
                        message: "partner '\(TerminalSafe.quote(s.partner))' is not in partners.csv; the result still loads"))
                }
            }
        }
        if let bytes = read("principles.csv", required: false) {
            let (items, summary) = TableLoaders.principles(bytes: bytes, diagnostics: &diagnostics)
            dataset.principles = items
            summaries.append(summary)
        }
        var caseSummary = FileSummary(file: "case-studies/")
        for name in source.list("case-studies") where name.hasSuffix(".md") {
            let path = "case-studies/" + name
            caseSummary.read += 1
            do {
                guard let bytes = try source.read(path) else {
                    diagnostics.append(Diagnostic(file: path, line: nil, severity: .error, message: "listed but cannot be opened (a broken link?)"))
                    caseSummary.rejected += 1
                    continue
                }
                if let study = CaseStudyLoader.load(file: path, bytes: bytes, diagnostics: &diagnostics) {
                    dataset.caseStudies.append(study)
                    caseSummary.accepted += 1
                } else {
                    caseSummary.rejected += 1
                }
            } catch {
                diagnostics.append(Diagnostic(file: path, line: nil, severity: .error, message: "cannot read the file: \((error as? DatasetSourceError)?.reason ?? "\(error)")"))
                caseSummary.rejected += 1
            }
        }
        caseSummary.present = caseSummary.read > 0
        summaries.append(caseSummary)

        let order = ["dataset.toml", "partners.csv", "uptake.csv", DeprivationLoader.file, "indicators.csv", "surveys.csv", "principles.csv"]
        func rank(_ file: String) -> Int { order.firstIndex(of: file) ?? order.count }
        dataset.diagnostics = diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if rank(x.file) != rank(y.file) { return rank(x.file) < rank(y.file) }
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
        dataset.fileSummaries = summaries.sorted { rank($0.file) < rank($1.file) }
        return dataset
    }
}
