/// Loads a whole dataset from a ``DatasetSource``: every file, every diagnostic.
///
/// A bad row never stops the load; a missing optional file is simply empty; a
/// missing required file is an error and the rest still loads.
public enum DatasetLoader {
    /// The message of the error a cancelled load ends with.
    public static let cancelledMessage = "load cancelled: the dataset was not read to the end, so nothing after this point is shown"

    /// What a load keeps.
    public enum Scope: Sendable {
        /// Everything: the series and every record, for the reports and the dashboard.
        case everything
        /// Every diagnostic and file summary (what `uptake check` prints), from the same checks of the same rows, without
        /// the series: ``Dataset/series`` is left empty, and the names' strings are made only for the diagnostics that
        /// quote them. The other files' records still load.
        case diagnostics
    }

    /// Loads everything from `source` (or, with `scope` ``Scope/diagnostics``, what a check needs), reporting to
    /// `progress` (when given) as it goes.
    ///
    /// With a `progress`, each file's name is set as it is read, and `uptake.csv`'s
    /// bytes and rows as they are parsed. When `progress` is cancelled the load stops
    /// at its next check (within about a thousand rows of `uptake.csv`, or before the
    /// next file) and returns what it has, with a "load cancelled" error.
    public static func load(from source: any DatasetSource, progress: LoadProgress? = nil, scope: Scope = .everything) -> Dataset {
        var diagnostics: [Diagnostic] = []
        var summaries: [FileSummary] = []
        var dataset = Dataset(origin: source.origin)
        var currentFile = ""

        /// Refuses UTF-16/UTF-32 files (named as such) and turns lone-CR line ends into LF.
        func checked(_ name: String, _ bytes: [UInt8], lineEnds: Bool) -> [UInt8]? {
            let (ok, refusal) = Self.checked(name, bytes, lineEnds: lineEnds)
            if let refusal { diagnostics.append(refusal) }
            return ok
        }

        func read(_ name: String, required: Bool) -> [UInt8]? {
            currentFile = name
            progress?.startFile(name)
            let file = Self.read(name, from: source, required: required)
            diagnostics.append(contentsOf: file.diagnostics)
            if let summary = file.summary { summaries.append(summary) }
            return file.bytes
        }

        /// Adds the UTF-8 hints and puts diagnostics and summaries in file order.
        func finish() -> Dataset {
            // A file that is not UTF-8: its first such diagnostic says how to fix it.
            var hinted = Set<String>()
            for i in diagnostics.indices where diagnostics[i].message.contains("UTF-8") && !diagnostics[i].message.contains(TextBytes.utf8Hint) {
                guard hinted.insert(diagnostics[i].file).inserted else { continue }
                diagnostics[i].message += "; \(TextBytes.utf8Hint)"
            }

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

        /// True (after adding the error) when the load was cancelled.
        func stopped() -> Bool {
            guard let progress, progress.isCancelled else { return false }
            if !diagnostics.contains(where: { $0.message == cancelledMessage }) {
                diagnostics.append(Diagnostic(file: currentFile.isEmpty ? UptakeFileLoader.file : currentFile, line: nil,
                                              severity: .error, message: cancelledMessage))
            }
            return true
        }

        if stopped() { return finish() }
        if let bytes = read(MetadataLoader.file, required: false) {
            dataset.metadata = MetadataLoader.load(bytes: bytes, diagnostics: &diagnostics)
            summaries.append(FileSummary(file: MetadataLoader.file, read: 1, accepted: 1))
        } else if !diagnostics.contains(where: { $0.file == MetadataLoader.file }) {
            // Absent (a file that exists but was refused already has its error).
            diagnostics.append(Diagnostic(file: MetadataLoader.file, line: nil, severity: .warning,
                                          message: "no dataset.toml: no title, period labels or benchmark thresholds"))
        }
        var knownPartners: PartnerNames?
        var rejectedPartners: [String: Int] = [:]
        // partners.csv is parsed on another thread while uptake.csv is parsed or merged: only the end of
        // uptake.csv's load (the partner check) needs it. It starts when uptake.csv's parse leaves a core
        // idle (after a large file's two halves, when this thread merges them alone: started with the read,
        // it took a core from the two halves), else when it is needed. Its diagnostics are its own file's,
        // so they sort into the same place whenever they are added.
        // The file is read on that thread too (20 MB at ten million rows): nothing of it is serial before the parse.
        var partnersStarted = false
        var partnersJob: Background<PartnersLoad>?
        func startPartners() {
            guard !partnersStarted else { return }
            partnersStarted = true
            partnersJob = Background { [source] in PartnersLoad(source: source) }
        }
        /// Waits for partners.csv and takes its results (once).
        func joinPartners() {
            startPartners()
            guard let job = partnersJob else { return }
            partnersJob = nil
            let loaded = job.wait()
            PhaseMarks.mark("partners.csv joined")
            diagnostics.append(contentsOf: loaded.diagnostics)
            summaries.append(loaded.summary)
            // Absent, unreadable or refused: no partners (its summary and error say why).
            guard let names = loaded.names else { return }
            dataset.partners = loaded.partners
            knownPartners = names
            rejectedPartners = loaded.rejected
            // A comparator series (the area as a whole) need not be a partner in partners.csv.
            for c in dataset.metadata.comparators { knownPartners?.insert(c.partner) }
        }
        if stopped() { joinPartners(); return finish() }
        // uptake.csv is the big one. From a directory, a large file is read in windows by two threads, each parsing a
        // window while it is in the cache (`UptakeFileLoader+Windows`): its bytes are never all held. Otherwise (the
        // embedded data, a small file, one the windows do not take) it is read into a private buffer (never memory-mapped,
        // so a file truncated while it is read is an error, not SIGBUS) and parsed in place; a large buffer's pages are
        // given back behind the parse, and it is freed before the rows are grouped into series.
        var parsed: UptakeFileLoader.Parsed?
        var inWindows: UptakeFileLoader.WindowedOutcome?
        if let directory = source as? DirectorySource {
            currentFile = UptakeFileLoader.file
            progress?.startFile(UptakeFileLoader.file)
            inWindows = UptakeFileLoader.parseInWindows(of: directory, progress: progress, whenACoreIsFree: startPartners)
        }
        switch inWindows {
        case .parsed(let p)?:
            parsed = p
        case .failed(let reason)?:
            diagnostics.append(Diagnostic(file: UptakeFileLoader.file, line: nil, severity: .error, message: "cannot read the file: \(reason)"))
            summaries.append(FileSummary(file: UptakeFileLoader.file, present: false))
        case nil:
            if var bytes = read(UptakeFileLoader.file, required: true) {
                PhaseMarks.mark("files read")
                progress?.setTotalBytes(bytes.count)
                parsed = UptakeFileLoader.parse(consuming: &bytes, progress: progress, whenACoreIsFree: startPartners)
                bytes = []
            }
        }
        if let parsed {
            // partners.csv is joined where the partner check needs it, after the rows are grouped: the grouping runs
            // while the other thread finishes it.
            // A check makes the series only when the comparators' check below reads their names.
            let makingSeries = scope == .everything || !dataset.metadata.comparators.isEmpty
            let result = parsed.finish(makingSeries: makingSeries) {
                joinPartners()
                return (knownPartners, rejectedPartners)
            }
            dataset.series = result.series
            if let lines = result.partnerLines, let ids = result.partnerOfSeries,
               let records = Self.recordIndexes(lines: lines, partners: dataset.partners) {
                dataset.seriesPartners = SeriesPartners(ofSeries: ids, record: records)
            }
            if progress?.isCancelled == true { joinPartners(); currentFile = UptakeFileLoader.file; _ = stopped(); return finish() }
            diagnostics.append(contentsOf: result.diagnostics)
            summaries.append(result.summary)
        }
        joinPartners()
        if stopped() { return finish() }
        ComparatorValidation.check(dataset.metadata.comparators, series: dataset.series, diagnostics: &diagnostics)
        if scope == .diagnostics { dataset.series = [] }
        // Optional, and listed among the files only when present (most datasets have no deprivation split).
        currentFile = DeprivationLoader.file
        progress?.startFile(DeprivationLoader.file)
        do {
            if let raw = try source.read(DeprivationLoader.file) {
                if let bytes = checked(DeprivationLoader.file, raw, lineEnds: true) {
                    let (groups, summary) = DeprivationLoader.load(bytes: bytes, diagnostics: &diagnostics)
                    dataset.deprivationGroups = groups
                    summaries.append(summary)
                } else {
                    summaries.append(FileSummary(file: DeprivationLoader.file, present: true))
                }
            }
        } catch {
            diagnostics.append(Diagnostic(file: DeprivationLoader.file, line: nil, severity: .error,
                                          message: "cannot read the file: \((error as? DatasetSourceError)?.reason ?? "\(error)")"))
            summaries.append(FileSummary(file: DeprivationLoader.file, present: false))
        }
        if stopped() { return finish() }
        if let bytes = read("indicators.csv", required: false) {
            let (items, summary) = TableLoaders.indicators(bytes: bytes, diagnostics: &diagnostics)
            dataset.indicators = items
            summaries.append(summary)
        }
        if let bytes = read("surveys.csv", required: false) {
            let (items, summary) = TableLoaders.surveys(bytes: bytes, diagnostics: &diagnostics)
            dataset.surveys = items
            summaries.append(summary)
            if var knownPartners {
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
        var caseSummary = FileSummary(file: "case-studies/", present: false)
        var caseFiles: [String] = []
        do {
            caseFiles = try source.listing("case-studies")
        } catch {
            diagnostics.append(Diagnostic(file: "case-studies/", line: nil, severity: .error,
                message: "cannot read the directory: \((error as? DatasetSourceError)?.reason ?? "\(error)"); no case study is loaded"))
            caseSummary.present = true
        }
        for name in caseFiles where name.hasSuffix(".md") {
            let path = "case-studies/" + name
            currentFile = path
            progress?.startFile(path)
            if stopped() { break }
            caseSummary.read += 1
            do {
                guard let raw = try source.read(path) else {
                    diagnostics.append(Diagnostic(file: path, line: nil, severity: .error, message: "listed but cannot be opened (a broken link?)"))
                    caseSummary.rejected += 1
                    continue
                }
                guard let bytes = checked(path, raw, lineEnds: false) else {
                    caseSummary.rejected += 1
                    continue
                }
                if let study = CaseStudyLoader.load(file: path, bytes: TextBytes.normalisedLineEnds(bytes), diagnostics: &diagnostics) {
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
        caseSummary.present = caseSummary.present || caseSummary.read > 0
        summaries.append(caseSummary)

        return finish()
    }
}

extension DatasetLoader {
    /// For each partner id's line in partners.csv (``UptakeFileLoader/Result/partnerLines``), the index of the record
    /// read from that line in `partners` (in file order, so in line order), or -1 (no row, or a name known without one);
    /// nil when there are more records than 32-bit indexes hold (the plan then finds records by name).
    static func recordIndexes(lines: [Int], partners: [PartnerRecord]) -> [Int32]? {
        guard let count = Int32(exactly: partners.count) else { return nil }
        // Each record's index by its line, in one pass over the records: no search per partner.
        let last = partners.last?.line ?? 0
        var indexOfLine = [Int32](repeating: -1, count: last + 1)
        for k in 0..<count {
            let line = partners[Int(k)].line
            if line > 0 && line <= last { indexOfLine[line] = k }
        }
        return lines.map { $0 > 0 && $0 <= last ? indexOfLine[$0] : -1 }
    }
}

/// partners.csv read and loaded, on a background thread.
struct PartnersLoad: Sendable {
    var partners: [PartnerRecord] = []
    /// The accepted partners' names (nil: the file was not loaded).
    var names: PartnerNames?
    /// The file's summary: the load's, or the read's when it gave no bytes (absent, unreadable or refused).
    var summary: FileSummary
    var rejected: [String: Int] = [:]
    /// The read's and the load's diagnostics.
    var diagnostics: [Diagnostic] = []

    init(source: any DatasetSource) {
        let file = DatasetLoader.read("partners.csv", from: source, required: true)
        diagnostics = file.diagnostics
        if let bytes = file.bytes {
            let (records, summary, rejected, names) = TableLoaders.partners(bytes: bytes, diagnostics: &diagnostics)
            (self.partners, self.summary, self.rejected, self.names) = (records, summary, rejected, names)
        } else {
            // A read without bytes always sums itself up (absent: not present; refused: present, nothing read).
            summary = file.summary ?? FileSummary(file: "partners.csv", present: false)
        }
        PhaseMarks.mark("partners.csv loaded (its own thread)")
    }
}

extension DatasetLoader {
    /// `name` read from `source` and checked (``checked(_:_:lineEnds:)``): its bytes (nil: absent, unreadable or
    /// refused), the read's diagnostics, and its file summary when it gave no bytes (the caller sums up a loaded file).
    static func read(_ name: String, from source: any DatasetSource, required: Bool)
        -> (bytes: [UInt8]?, diagnostics: [Diagnostic], summary: FileSummary?) {
        do {
            if let bytes = try source.read(name) {
                let (ok, refusal) = checked(name, bytes, lineEnds: true)
                if let ok { return (ok, [], nil) }
                return (nil, refusal.map { [$0] } ?? [], FileSummary(file: name, present: true))
            }
            let missing = required ? [Diagnostic(file: name, line: nil, severity: .error, message: "required file is missing")] : []
            return (nil, missing, FileSummary(file: name, present: false))
        } catch let e as DatasetSourceError {
            return (nil, [Diagnostic(file: name, line: nil, severity: .error, message: "cannot read the file: \(e.reason)")],
                    FileSummary(file: name, present: false))
        } catch {
            return (nil, [Diagnostic(file: name, line: nil, severity: .error, message: "cannot read the file: \(error)")],
                    FileSummary(file: name, present: false))
        }
    }

    /// `bytes` of file `name` as the loader takes them: refused (nil, with the error) when UTF-16 or UTF-32 (named as
    /// such by their byte-order mark), lone-CR line ends turned into LF when `lineEnds`.
    static func checked(_ name: String, _ bytes: [UInt8], lineEnds: Bool) -> (bytes: [UInt8]?, refusal: Diagnostic?) {
        if let encoding = TextBytes.foreignEncoding(bytes) {
            return (nil, Diagnostic(file: name, line: nil, severity: .error,
                message: "the file is \(encoding) (it starts with that byte-order mark); uptake reads UTF-8 only, so nothing is loaded from it: \(TextBytes.utf8Hint)"))
        }
        var bytes = bytes
        if lineEnds, TextBytes.usesCROnly(bytes) { TextBytes.convertLoneCRs(&bytes) }
        return (bytes, nil)
    }
}

/// A value computed on a global queue while the caller goes on; ``wait()`` blocks until it is ready.
final class Background<T: Sendable>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The value, once the work has finished (the semaphore orders the write before this read).
    func wait() -> T {
        done.wait()
        return value!
    }
}

import Dispatch
