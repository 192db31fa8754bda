import Synchronization

/// How far a dataset load has got, shared between the loading thread and whoever watches it.
///
/// The loader writes it (the file being read, `uptake.csv`'s bytes and rows
/// parsed so far) with one atomic store per chunk of about a thousand rows;
/// a watcher (the dashboard's loading screen) reads it at any time from any
/// thread. `cancel()` asks the load to stop: the loader checks at the same
/// points it reports, so it stops within a chunk, and the dataset it returns
/// carries a "load cancelled" error.
///
/// `totalBytes` and `bytesDone` count `uptake.csv` only: it is the file that
/// takes the time (the others are a few kilobytes), so its bytes are the
/// progress bar. `totalBytes` is 0 until `uptake.csv` has been read into
/// memory; after a load that was not cancelled, `bytesDone == totalBytes`.
public final class LoadProgress: @unchecked Sendable {
    private let total = Atomic<Int>(0)
    private let done = Atomic<Int>(0)
    private let rows = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    private let file = Mutex<String>("")

    /// Creates a progress with nothing done.
    public init() {}

    /// The size of `uptake.csv` in bytes (0 until it has been read).
    public var totalBytes: Int { total.load(ordering: .relaxed) }
    /// The bytes of `uptake.csv` parsed so far.
    public var bytesDone: Int { done.load(ordering: .relaxed) }
    /// The records of `uptake.csv` parsed so far (the header and rejected rows included).
    public var rowsDone: Int { rows.load(ordering: .relaxed) }
    /// The name of the file being read, relative to the dataset (empty before the first).
    public var fileName: String { file.withLock { $0 } }
    /// True once ``cancel()`` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Asks the load to stop as soon as it next reports (within about a thousand rows).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// The fraction of `uptake.csv` parsed, 0 to 1 (0 while its size is unknown).
    public var fraction: Double {
        let t = totalBytes
        return t > 0 ? min(1, Double(bytesDone) / Double(t)) : 0
    }

    // MARK: - Written by the loader

    func startFile(_ name: String) { file.withLock { $0 = name } }

    func setTotalBytes(_ bytes: Int) { total.store(bytes, ordering: .relaxed) }

    /// Starts the count of bytes and records again (a file read again because it changed while it was read).
    func restartCount() {
        done.store(0, ordering: .relaxed)
        rows.store(0, ordering: .relaxed)
    }

    /// Adds one chunk's bytes and records (called by each parsing thread).
    func add(bytes: Int, rows newRows: Int) {
        done.add(bytes, ordering: .relaxed)
        rows.add(newRows, ordering: .relaxed)
    }
}
