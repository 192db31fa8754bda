import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `uptake.csv` read from disk in windows (issue 11): each thread reads its part of the file a window at a time into
/// one small buffer of its own and parses it while it is in the cache, instead of the whole file being read into
/// memory first. The file's bytes are never all held (a million-row file needed 75 MB for them, zeroed by the
/// kernel page by page, then given back behind the parse), and the parse starts as soon as the first window is in.
///
/// The records, lines, errors and series are exactly those of reading the whole file (``parse(consuming:allowParallel:progress:whenACoreIsFree:)``):
/// a window is parsed up to its last whole record (``CSVReader/read(_:from:to:firstLine:progress:releasingBehind:final:atFileStart:onError:onRecord:)``)
/// and the rest kept for the next. The second thread starts at the first line end after the middle; the first thread
/// reads up to there and finds whether a record ends exactly there (the split is outside any quoted field). When
/// not, the first thread reads on to the end of the file and the second thread's work is dropped: the same result
/// as one thread, from the parse itself rather than from a count of quotes.
extension UptakeFileLoader {
    /// The bytes each thread reads at a time: a window and the parse's working set stay within a core's 1 MB L2 cache.
    static let windowBytes = 256 << 10

    /// What reading `uptake.csv` in windows came to.
    enum WindowedOutcome {
        /// Parsed (or cancelled: the ``Parsed`` says so).
        case parsed(Parsed)
        /// Opened, but not read to the end: why, as "cannot read the file: …" ends.
        case failed(String)
    }

    /// A file that changed while it was read in windows (read again, as a whole read is).
    private struct Changed: Error { let why: String }

    /// Reads and parses `uptake.csv` of `directory` in windows, or nil when it is better read whole (then nothing was
    /// reported to `progress`): a file that is missing or cannot be opened (the whole read reports it), smaller than
    /// ``parallelThreshold``, in a foreign encoding, or with lone CR line ends (the whole read converts them).
    ///
    /// A file that changes while it is read is read again, twice at most, then refused as the whole read refuses it.
    static func parseInWindows(of directory: DirectorySource, windowBytes: Int = windowBytes, allowParallel: Bool = true,
                               progress: LoadProgress?, whenACoreIsFree: () -> Void = {}) -> WindowedOutcome? {
        var lastChange = ""
        for _ in 0..<3 {
            guard let file = try? directory.open(Self.file, limit: DirectorySource.maximumUptakeFileSize),
                  file.size >= parallelThreshold else { return nil }
            do {
                guard let parsed = try parseInWindows(file, windowBytes: windowBytes, allowParallel: allowParallel, progress: progress,
                                                      whenACoreIsFree: whenACoreIsFree) else { return nil }
                if let why = file.change() { throw Changed(why: why) }
                return .parsed(parsed)
            } catch let e as Changed {
                lastChange = e.why
                progress?.restartCount()
            } catch let e as DatasetSourceError {
                return .failed(e.reason)
            } catch {
                return .failed("\(error)")
            }
        }
        return .failed("the file changed while it was being read (\(lastChange)); is something rewriting it? Try again once it is written")
    }

    /// ``parseInWindows(of:windowBytes:allowParallel:progress:whenACoreIsFree:)`` of an open file, once; nil when it is
    /// better read whole.
    static func parseInWindows(_ file: OpenedFile, windowBytes: Int = windowBytes, allowParallel: Bool = true,
                               progress: LoadProgress?, whenACoreIsFree: () -> Void = {}) throws -> Parsed? {
        let size = file.size
        // The file's first 64 KB decide the encoding and line ends, hold the header, and sample the line length
        // (the first thread reads them again in its first window: 64 KB read twice, not the header's window).
        var head = [UInt8](repeating: 0, count: min(size, 64 << 10))
        let got = try head.withUnsafeMutableBufferPointer { try file.read(into: $0.baseAddress!, count: $0.count, at: 0) }
        guard got == head.count else { throw Changed(why: "it was \(size) bytes but only \(got) could be read") }
        guard TextBytes.foreignEncoding(head) == nil, !TextBytes.usesCROnly(head),
              head.contains(where: { $0 == 10 }) else { return nil }
        progress?.setTotalBytes(size)
        PhaseMarks.mark("files read")
        // Header, and where the second thread starts: the first line end after the middle.
        let header: SplitPlan? = head.withUnsafeBufferPointer { SplitPlan(header: $0) }
        var split: Int?
        if allowParallel, let header {
            var middle = [UInt8](repeating: 0, count: min(64 << 10, size - size / 2))
            let read = try middle.withUnsafeMutableBufferPointer { try file.read(into: $0.baseAddress!, count: $0.count, at: size / 2) }
            if let lf = middle[..<read].firstIndex(of: 10), size / 2 + lf + 1 < size, size / 2 + lf + 1 > header.headerEnd {
                split = size / 2 + lf + 1
            }
        }
        /// Room for the rows of `bytes` of the file, at the head's line length.
        func rows(in bytes: Int) -> Int { head.withUnsafeBufferPointer { estimatedRows($0, from: 0, to: $0.count, bytes: bytes) } }
        guard let header, let split else {
            // One thread, from the file's first byte.
            whenACoreIsFree()
            var state = State()
            state.reserve(rows(in: size))
            _ = try readWindows(file, from: 0, to: size, firstLine: 1, atFileStart: true, windowBytes: windowBytes,
                                state: &state, progress: progress)
            PhaseMarks.mark("parsed on one thread")
            if let progress, progress.isCancelled { return Parsed(cancelledBy: progress) }
            return Parsed(state)
        }
        var headerState = State()
        _ = head.withUnsafeBufferPointer { buf in
            CSVReader.read(buf, from: 0, to: header.headerEnd, progress: progress, onError: { headerState.syntaxError($0) }) { record in
                headerState.handle(record, base: buf)
            }
        }
        var second = headerState.forAnotherPart()
        second.diags = []
        let boxes = [StateBox(headerState), StateBox(second)]
        let results = [ResultBox<Swift.Result<(line: Int, held: Bool), Error>>(.success((1, true))),
                       ResultBox<Swift.Result<(line: Int, held: Bool), Error>>(.success((1, true)))]
        let reserved = [rows(in: split - header.headerEnd), rows(in: size - split)]
        let shared = SharedFile(file: file)
        withoutActuallyEscaping(whenACoreIsFree) { whenACoreIsFree in
            let firstDone = FirstDone(whenACoreIsFree)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                var state = boxes[i].state
                boxes[i].state = State()
                let (from, to) = i == 0 ? (header.headerEnd, split) : (split, size)
                state.reserve(reserved[i], merged: i == 0 ? reserved[0] + reserved[1] : nil)
                results[i].value = Swift.Result {
                    try readWindows(shared.file, from: from, to: to, firstLine: i == 0 ? header.headerLine + 1 : 1, atFileStart: false,
                                    windowBytes: windowBytes, orOnTo: i == 0 ? size : nil, state: &state, progress: progress)
                }
                PhaseMarks.mark(i == 0 ? "first half parsed" : "second half parsed")
                boxes[i].state = state
                firstDone.finished()
            }
        }
        let first = try results[0].value.get()
        if let progress, progress.isCancelled { return Parsed(cancelledBy: progress) }
        var state = State()
        swap(&state, &boxes[0].state)
        guard first.held else {
            // The split fell inside a record: the first thread read the whole file; the second's rows are dropped.
            PhaseMarks.mark("halves merged")
            let parsed = Parsed(state)
            parsed.secondPartDropped = true
            return parsed
        }
        _ = try results[1].value.get()
        var later = State()
        swap(&later, &boxes[1].state)
        later.shiftLines(by: first.line - 1)
        state.absorb(&later)
        PhaseMarks.mark("halves merged")
        return Parsed(state)
    }

    private struct SharedFile: @unchecked Sendable { let file: OpenedFile }

    /// Calls `whenACoreIsFree` when the first of the two halves is parsed, on that half's thread: the halves rarely end
    /// together (at ten million rows the first often ends some 25 ms after the second), and partners.csv, started there,
    /// takes the core that would idle. The caller waits for both halves before it reads anything `whenACoreIsFree`
    /// changed, and only the first half to end calls it, so nothing it touches is shared by two threads at once.
    final class FirstDone: @unchecked Sendable {
        private let count = Atomic<Int>(0)
        private let action: () -> Void

        init(_ action: @escaping () -> Void) { self.action = action }

        func finished() {
            if count.add(1, ordering: .acquiringAndReleasing).oldValue == 0 { action() }
        }
    }

    /// Reads `file[from..<to]` a window at a time into `state`, the first line numbered `firstLine`; returns the number
    /// of the line after the last record and whether a record ended exactly at `to`. When one did not (a quoted field
    /// runs on past `to`) and `orOnTo` is given, reading goes on to `orOnTo` (the file's end) and `held` is false.
    /// A window too small for one record grows (doubling, so a long record is read again only a few times).
    private static func readWindows(_ file: OpenedFile, from: Int, to: Int, firstLine: Int, atFileStart: Bool, windowBytes: Int,
                                    orOnTo extended: Int? = nil, state: inout State, progress: LoadProgress?) throws -> (line: Int, held: Bool) {
        var capacity = max(windowBytes, 64)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var kept = 0, next = from, end = to, line = firstLine, fileStart = atFileStart, held = true
        while true {
            if kept == capacity {
                // One record fills the window: a bigger one, the kept bytes moved over.
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: kept)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let want = min(capacity - kept, end - next)
            let got = try file.read(into: buffer + kept, count: want, at: next)
            guard got == want else { throw Changed(why: "it was \(file.size) bytes but only \(next + got) could be read") }
            next += got
            kept += got
            let atEnd = next == end
            let final = atEnd && end == file.size
            let window = UnsafeBufferPointer(start: UnsafePointer(buffer), count: kept)
            let stores = state.fieldStores
            let (after, stoppedAt) = CSVReader.read(window, from: 0, to: kept, firstLine: line, progress: progress, final: final,
                                                    atFileStart: fileStart, fieldStores: stores,
                                                    onError: { state.flushPending(base: window); state.syntaxError($0) }) { record in
                state.accept(record, base: window)
            }
            state.flushPending(base: window)
            if let progress, progress.isCancelled { return (after, held) }
            line = after
            if stoppedAt > 0 { fileStart = false }
            kept -= stoppedAt
            if kept > 0, stoppedAt > 0 { (buffer).update(from: buffer + stoppedAt, count: kept) }
            // The previous row's names were offsets into this window: the next row finds its series by its names.
            state.forgetPreviousRow()
            guard atEnd else { continue }
            if kept == 0 || final { return (line, held) }
            // The part ends inside a record (a quoted field runs past it): read on to the end of the file.
            guard let extended else { return (line, false) }
            held = false
            end = extended
        }
    }
}
