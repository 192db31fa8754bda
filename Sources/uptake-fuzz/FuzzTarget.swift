// A coverage-guided fuzz target (libFuzzer) for the CSV reader and every loader.
//
// Built and run by `scripts/fuzz.sh SECONDS`, which compiles this target with
// `-sanitize=fuzzer,address -DFUZZING`; `main` then hands over to libFuzzer
// (`LLVMFuzzerRunDriver`), which calls `FuzzTarget.run` with each input. In an ordinary
// `swift build` (no FUZZING) `main` replays files given as arguments through the same
// checks, so the target always builds and a crashing input can be replayed without the fuzzer.
import UptakeCore

/// What one fuzz input exercises, chosen by its first byte; the rest of the input is the file.
enum FuzzTarget {
    static let files = ["partners.csv", "uptake.csv", "indicators.csv", "surveys.csv", "principles.csv", "dataset.toml", "case-studies/a.md"]

    /// A small valid dataset, into which one file is replaced by the fuzz input.
    static let base: [String: [UInt8]] = [
        "dataset.toml": "title = \"T\"\n[periods]\n\"2024-01\" = \"Jan\"\n[funding]\npartners = 2\nmin_gbp = 1\nmax_gbp = 2\n",
        "partners.csv": "partner,funding_gbp,residents_reached\nA,100,10\nB,200,20\n",
        "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct,screened\nA,W,2024-01,100,30,30\nA,W,2024-07,100,40,\n",
        "indicators.csv": "indicator,title,group,value,role\ni,T,G1,1,reference\ni,,G2,2,comparison\n",
        "surveys.csv": "partner,question,result_pct\nA,Q,50\n",
        "principles.csv": "framework,kind,order,text\nF,principle,1,T\n",
        "case-studies/a.md": "title: S\npartner: A\n---\nBody\n",
    ].mapValues { Array($0.utf8) }

    /// Runs one input; traps (which the fuzzer reports) when an invariant fails.
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        guard let selector = input.first else { return }
        let rest = UnsafeBufferPointer(rebasing: input[1...])
        let choice = Int(selector) % (files.count + 1)
        if choice == files.count {
            // The CSV reader alone: every field of every record is read back.
            var records = 0
            CSVReader.read(rest, onError: { _ in }) { record in
                records += 1
                for i in 0..<record.count {
                    let raw = record.rawBytes(i)
                    precondition(raw.count <= rest.count)
                    _ = record.string(i)
                    _ = record.bytes(i)
                }
            }
            return
        }
        var files = base
        files[Self.files[choice]] = Array(rest)
        let dataset = DatasetLoader.load(from: InMemorySource(origin: "fuzz", rawFiles: files))
        for s in dataset.fileSummaries where s.file.hasSuffix(".csv") {
            precondition(s.read == s.accepted + s.rejected, "\(s.file): rows unaccounted for")
            precondition(s.rejected == 0 || dataset.diagnostics.contains { $0.file == s.file && $0.severity == .error },
                         "\(s.file): a row rejected without an error")
        }
        let report = Report(dataset: dataset)
        for text in [report.render(.text), report.render(.markdown), CheckSummary(dataset: dataset).text] {
            precondition(!text.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) }, "unsafe scalar in terminal output")
        }
        _ = report.csvBytes()
        _ = report.json()
    }
}

#if canImport(Glibc)
import Glibc
#endif

#if FUZZING
/// libFuzzer's entry for a program that has its own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The callback libFuzzer's own runtime expects to find (its archive refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    FuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#endif

/// With the fuzzer (FUZZING): hands control to libFuzzer. Without it: replays each file named
/// on the command line (a corpus or a crash input) through the same checks.
@main
enum FuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        #else
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: uptake-fuzz FILE...   (replays inputs; scripts/fuzz.sh SECONDS runs the fuzzer)")
            return
        }
        for path in paths {
            guard let bytes = try? DirectorySource.readFile(path) else { print("cannot read \(path)"); exit(1) }
            bytes.withUnsafeBufferPointer { FuzzTarget.run($0) }
            print("ok \(path)")
        }
        #endif
    }
}
