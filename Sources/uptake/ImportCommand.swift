import ArgumentParser
import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// `uptake import`: bring published public data into a dataset directory.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import published data into a dataset directory.",
        subcommands: [ImportFingertipsCommand.self])
}

/// `uptake import fingertips FILE... --out DIR [--mapping FILE]`: OHID Fingertips screening coverage into an uptake dataset.
struct ImportFingertipsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingertips",
        abstract: "Import OHID Fingertips CSV downloads of cancer screening coverage (breast, cervical, bowel).",
        discussion: """
            Writes dataset.toml, partners.csv, uptake.csv, uptake_by_deprivation.csv and import-log.csv into DIR. \
            Every row is imported or named in import-log.csv (file, line, why). Re-running with the same files writes the same \
            dataset (dataset.toml keeps its import date when nothing else changed). Exit status: 0 imported, 1 nothing imported \
            or a file could not be read or written, 2 bad usage.
            """)

    @Argument(help: ArgumentHelp("Fingertips CSV files (the website's download, or the API's / fingertipsR's CSV).", valueName: "FILE"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The dataset directory to write (created when missing).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("A CSV with columns partner, area_code assigning areas to VCS partners.", valueName: "FILE"))
    var mapping: String?

    /// For tests and reproducible output: the import date to write (YYYY-MM-DD), instead of today.
    @Option(name: .long, help: .hidden)
    var date: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one Fingertips CSV file") }
        if let date, Period(date)?.day == nil { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    func run() throws {
        /// A Fingertips download may be as large as `uptake.csv` (2 GiB − 1: the CSV reader's offsets are 32-bit);
        /// the mapping file is an ordinary small file (64 MiB).
        func readInput(_ path: String, limit: Int) throws -> FingertipsImport.Input {
            do {
                guard let bytes = try DirectorySource.readFile(path, limit: limit) else {
                    throw UsageFailure.file("cannot read '\(path)': no such file")
                }
                return FingertipsImport.Input(name: path, bytes: bytes)
            } catch let e as DatasetSourceError {
                throw UsageFailure.file("cannot read '\(path)': \(e.reason)")
            }
        }
        let inputs = try files.map { try readInput($0, limit: FileLimits.maximumCSVBytes) }
        let mappingInput = try mapping.map { try readInput($0, limit: FileLimits.maximumTextFileBytes) }
        if mkdir(out, 0o755) != 0 && errno != EEXIST {
            throw UsageFailure.file("cannot create '\(out)': \(String(cString: strerror(errno)))")
        }
        if let problem = DirectorySource.checkDirectory(out) { throw UsageFailure(message: TerminalText.sanitize(problem)) }
        let existing = try? DirectorySource.readFile(out + "/dataset.toml")
        let existingText = existing.map { String(decoding: $0, as: UTF8.self) }
        if let existingText, !existingText.hasPrefix(FingertipsImport.marker) {
            throw UsageFailure(message: TerminalText.sanitize("'\(out)/dataset.toml' was not written by uptake import: choose another --out directory"))
        }
        // Keep the earlier import date when the import would otherwise write the same dataset: re-running changes nothing.
        let today = date ?? Self.today()
        var result = FingertipsImport.run(inputs: inputs, mapping: mappingInput, importDate: existingText.flatMap(FingertipsImport.importDate(inDatasetTOML:)) ?? today)
        if let existingText, let toml = result.files.first(where: { $0.name == "dataset.toml" }),
           String(decoding: toml.bytes, as: UTF8.self) != existingText {
            result = result.dated(today)
        }
        // uptake.csv is made in blocks of a few megabytes, each freed once written: from here they reuse the heap's
        // memory instead of each being mapped and faulted in afresh (as a report's output blocks do).
        LargeBlocks.reuseFreedMemory()
        for file in result.files {
            try Self.write(file, to: out + "/" + file.name)
        }
        var summary = ""
        for c in result.counts {
            summary += "\(TerminalText.sanitize(c.file)): \(c.read) rows read, \(c.imported) imported, \(c.skipped) not imported\n"
        }
        for i in result.indicators {
            summary += "  indicator \(i.id) \(TerminalText.sanitize(i.name)) → \(i.programme.rawValue)\n"
        }
        summary += "wrote \(TerminalText.sanitize(out)): \(result.seriesCount) series, \(result.observationCount) uptake rows, \(result.deprivationRowCount) deprivation rows\n"
        let shown = result.diagnostics.prefix(20)
        for d in shown { summary += TerminalText.sanitize(d.formatted) + "\n" }
        if result.diagnostics.count > shown.count {
            summary += "… and \(result.diagnostics.count - shown.count) more: every one is in \(TerminalText.sanitize(out))/import-log.csv\n"
        }
        writeStandardOutput(summary)
        if result.observationCount == 0 && result.deprivationRowCount == 0 { throw ExitCode(1) }
    }

    /// Writes `file` to `path` through a temporary file and a rename, so a reader never sees half a file. The file's
    /// blocks are written as they are made (``FingertipsImport/OutputFile/write(to:)``); a failed write or close is an error.
    static func write(_ file: FingertipsImport.OutputFile, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw UsageFailure.file("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        /// The first write's errno (0: none so far); the blocks come one call at a time, so no lock is needed.
        final class Failure: @unchecked Sendable { var errno: Int32 = 0 }
        let failure = Failure()
        file.write { block in
            guard failure.errno == 0 else { return }
            block.withUnsafeBufferPointer { buf in
                var done = 0
                while done < buf.count {
                    let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                    if n < 0 { if errno == EINTR { continue }; failure.errno = errno; return }
                    if n == 0 { failure.errno = EIO; return }
                    done += n
                }
            }
        }
        if close(fd) != 0, failure.errno == 0 { failure.errno = errno }
        if failure.errno == 0, rename(temporary, path) != 0 { failure.errno = errno }
        if failure.errno != 0 {
            unlink(temporary)
            throw UsageFailure.file("cannot write '\(path)': \(String(cString: strerror(failure.errno)))")
        }
    }

    /// Today's date in UTC, YYYY-MM-DD.
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let y = Int(parts.tm_year) + 1900, m = Int(parts.tm_mon) + 1, d = Int(parts.tm_mday)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}
