import Dispatch
import Synchronization

/// Maps `0..<count` on up to two threads (this machine's cores), in order.
///
/// Small inputs run on the calling thread: the hand-off costs more than it saves.
///
/// The map is made in sixteen pieces the two threads take as they come, each written in place in the result's room
/// (no half made in an array of its own and copied: a copy retains every reference each element holds, and the
/// halves then release them all). Not two fixed halves: when a third thread shares the cores (the loader's
/// partners.csv thread), a half held back by it left the other core idle until it was done. With `alongside`, that
/// work runs once on one of the threads first, and that thread joins in when it is done.
func parallelMap<T: Sendable>(count: Int, minimumForThreads: Int = 4096, alongside: (@Sendable () -> Void)? = nil,
                              _ transform: @Sendable (Int) -> T) -> [T] {
    guard count >= minimumForThreads else {
        alongside?()
        return (0..<count).map(transform)
    }
    return [T](unsafeUninitializedCapacity: count) { room, initialized in
        let target = DisjointBuffer(buffer: room)
        inPieces(count: count, alongside: alongside) { range in
            for i in range { (target.buffer.baseAddress! + i).initialize(to: transform(i)) }
        }
        initialized = count
    }
}

/// Runs `body` over `0..<count` in `pieces` ranges that two threads take as they come (each range once; the ranges
/// in no particular order), with `alongside` run first on one of them; on the calling thread alone below
/// `minimumForThreads`. For passes whose indices are independent (``parallelMap(count:minimumForThreads:alongside:_:)``,
/// a pass over millions of rows).
func inPieces(count: Int, minimumForThreads: Int = 0, pieces: Int = 16, alongside: (@Sendable () -> Void)? = nil,
              _ body: @Sendable (Range<Int>) -> Void) {
    guard count >= minimumForThreads else {
        alongside?()
        body(0..<count)
        return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 2) { t in
        if t == 0 { alongside?() }
        while true {
            let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard k < pieces else { break }
            body(count * k / pieces..<count * (k + 1) / pieces)
        }
    }
}

/// A buffer shared by threads that each write or read disjoint parts of it (``inPieces(count:minimumForThreads:pieces:alongside:_:)``,
/// ``parallelMap(count:minimumForThreads:alongside:_:)``'s room, the grouping's row order).
struct DisjointBuffer<Element>: @unchecked Sendable { let buffer: UnsafeMutableBufferPointer<Element> }

/// A buffer the threads that share it only read (valid while its owner holds it): a file's bytes parsed in two halves,
/// the names' strings read by the grouping.
struct ReadOnlyBuffer<Element>: @unchecked Sendable { let buffer: UnsafeBufferPointer<Element> }


/// A slot one thread fills and the caller reads after the threads join (`concurrentPerform` orders the accesses).
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Frees `value` on a background thread: what a load leaves behind (a million rows' lookups, builders and
/// tables) is given back while the caller goes on, on the core its serial steps leave idle, instead of before it
/// can. Only a value nothing else goes on using belongs here (its last reference is the one given here).
func releaseInBackground<T>(_ value: consuming T) {
    let box = ReleaseBox(value)
    DispatchQueue.global().async { box.drop() }
}

/// `value`, taken out of its place with `empty` left there: for ``releaseInBackground(_:)``, so the thread that frees it
/// holds the last reference (a value freed and then replaced might be freed here, if the other thread dropped it first).
func taken<T>(_ value: inout T, leaving empty: T) -> T {
    var taken = empty
    swap(&taken, &value)
    return taken
}

/// The one reference to a value freed by ``releaseInBackground(_:)``, dropped on the thread that runs ``drop()``.
private final class ReleaseBox<T>: @unchecked Sendable {
    private var value: T?
    init(_ value: consuming T) { self.value = value }
    func drop() { value = nil }
}

/// Makes `0..<count` in blocks of `blockSize` on up to two threads and hands each block's bytes
/// to `sink` in order, holding at most three blocks at a time.
///
/// Blocks go in pairs: one thread writes the block held over from the last pair, then makes the
/// pair's first block and writes it, while the other makes the pair's second block, held over to
/// the next pair. So output is written while the next block is being made, and a report of any
/// size is never held whole. `sink` is called on one thread at a time, in block order. Below
/// `minimumForThreads`, everything runs on the calling thread.
///
/// With `piecesPerBlock` above 1, the items are made instead in pieces of `blockSize / piecesPerBlock`,
/// which the two threads take in order as they come, at most two blocks' worth made or waiting at a
/// time; each piece is written as soon as those before it are, while the next are made, and neither
/// thread waits for the other except when that room is full.
func streamInOrder(count: Int, blockSize: Int, minimumForThreads: Int = 8192, piecesPerBlock: Int = 1,
                   make: @Sendable (Range<Int>) -> [UInt8], sink: @Sendable ([UInt8]) -> Void) {
    if piecesPerBlock > 1, count >= minimumForThreads {
        return streamInPieces(count: count, pieceSize: max(blockSize / piecesPerBlock, 1), window: 2 * piecesPerBlock,
                              make: make, sink: sink)
    }
    let size = max(blockSize, 1)
    let blocks = (count + size - 1) / size
    @Sendable func range(_ b: Int) -> Range<Int> { b * size..<min((b + 1) * size, count) }
    guard count >= minimumForThreads, blocks >= 2 else {
        for b in 0..<blocks { sink(make(range(b))) }
        return
    }
    let held = ResultBox<[UInt8]?>(nil)
    var b = 0
    while b < blocks {
        let first = b, second = b + 1
        let previous = held.value
        held.value = nil
        DispatchQueue.concurrentPerform(iterations: second < blocks ? 2 : 1) { i in
            if i == 0 {
                if let previous { sink(previous) }
                sink(make(range(first)))
            } else {
                held.value = make(range(second))
            }
        }
        b += 2
    }
    if let last = held.value { sink(last) }
}

/// ``streamInOrder(count:blockSize:minimumForThreads:piecesPerBlock:make:sink:)``'s pieces: `0..<count` in pieces of
/// `pieceSize`, which the two threads take in order from a shared count as they come, at most `window` of them made or
/// waiting to be written at a time. A piece is written as soon as every piece before it has been: by the thread that
/// finished it, or by the one already writing (``PieceStream``). Nothing waits for the slower thread at a round's end:
/// rounds with a barrier (both threads joined every 512 series) left a core idle for 7% of the JSON report's writing.
private func streamInPieces(count: Int, pieceSize: Int, window: Int,
                            make: @Sendable (Range<Int>) -> [UInt8], sink: @Sendable ([UInt8]) -> Void) {
    let pieces = (count + pieceSize - 1) / pieceSize
    let stream = PieceStream(window: window)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
        while true {
            // Room first, then the piece: every piece taken holds room, so the piece the writer waits for is always
            // being made (never waiting for room behind later pieces), and the pieces made or waiting are consecutive.
            stream.room.wait()
            let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard k < pieces else {
                stream.room.signal()
                break
            }
            stream.finished(k, make(k * pieceSize..<min((k + 1) * pieceSize, count)), sink)
        }
    }
}

/// The pieces made and not yet written, and who writes them (``streamInPieces(count:pieceSize:window:make:sink:)``).
private final class PieceStream: Sendable {
    private struct State: ~Copyable {
        /// Piece `k` waits in slot `k % window` (the pieces held are consecutive, at most `window`).
        var slots: [[UInt8]?]
        /// How many pieces have been written.
        var written = 0
        /// Whether a thread is writing (the other then leaves what it finishes for it).
        var writing = false
    }

    private let state: Mutex<State>
    /// One for each piece that may be made before those ahead of it are written.
    let room: DispatchSemaphore
    private let window: Int

    init(window: Int) {
        self.window = window
        state = Mutex(State(slots: Array(repeating: nil, count: window)))
        room = DispatchSemaphore(value: window)
    }

    /// Holds piece `k`'s `bytes`, then writes every piece ready in order unless another thread is writing.
    func finished(_ k: Int, _ bytes: [UInt8], _ sink: ([UInt8]) -> Void) {
        var ready: [UInt8]? = state.withLock { s in
            s.slots[k % window] = bytes
            guard !s.writing else { return nil }
            return take(&s)
        }
        while let piece = ready {
            sink(piece)
            room.signal()
            ready = state.withLock { s in
                s.written += 1
                return take(&s)
            }
        }
    }

    /// The next piece to write, marking this thread the writer; nil (and no writer) when it is not made yet.
    private func take(_ s: inout State) -> [UInt8]? {
        let i = s.written % window
        guard let piece = s.slots[i] else {
            s.writing = false
            return nil
        }
        s.slots[i] = nil
        s.writing = true
        return piece
    }
}
