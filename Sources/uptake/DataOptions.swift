import ArgumentParser
import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// `--data DIR`, shared by every command, and how a data directory is chosen.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The dataset directory.", discussion: "Default: $UPTAKE_DATA, else ./sample-data, else the sample data built into uptake.", valueName: "DIR"),
            completion: .directory)
    var data: String?

    /// Where the dataset comes from: `--data`, else `$UPTAKE_DATA`, else `./sample-data`, else the embedded sample data.
    func resolveSource() throws -> any DatasetSource { try Self.resolveSource(data) }

    /// The source for `data` (from `--data` or the config file), else the default chain.
    static func resolveSource(_ data: String?, from origin: String = "--data") throws -> any DatasetSource {
        if let data { return try directory(data, from: origin) }
        if let env = getenv("UPTAKE_DATA").map({ String(cString: $0) }), !env.isEmpty {
            return try directory(env, from: "UPTAKE_DATA")
        }
        if DirectorySource.checkDirectory("sample-data") == nil { return DirectorySource(path: "sample-data") }
        return EmbeddedSampleData.source
    }

    private static func directory(_ path: String, from origin: String) throws -> any DatasetSource {
        if let problem = DirectorySource.checkDirectory(path) {
            throw UsageFailure(message: TerminalText.sanitize("\(problem) (from \(origin))"))
        }
        return DirectorySource(path: path)
    }
}

/// A one-line error for the user, with exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
    var message: String
    /// False when `message` is already a located diagnostic (`FILE:LINE: error: …`).
    var prefixed = true
    /// The exit status: bad usage, unless a file could not be read or written (``ExitStatus/failure``).
    var status = ExitStatus.usage
    var description: String { message }

    /// A file that could not be read or written: the message made terminal-safe, exit status 1.
    static func file(_ message: String) -> UsageFailure {
        UsageFailure(message: TerminalText.sanitize(message), status: ExitStatus.failure)
    }
}
