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
    let pieces = 16
    let next = Atomic<Int>(0)
    return [T](unsafeUninitializedCapacity: count) { room, initialized in
        let target = SendableRoom(base: room.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: 2) { t in
            if t == 0 { alongside?() }
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < pieces else { break }
                for i in count * k / pieces..<count * (k + 1) / pieces { (target.base + i).initialize(to: transform(i)) }
            }
        }
        initialized = count
    }
}

/// The result's room, shared by the two threads that fill disjoint pieces of it.
private struct SendableRoom<T>: @unchecked Sendable { let base: UnsafeMutablePointer<T> }

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
/// With `piecesPerBlock` above 1, each pair of blocks is made instead as that many pieces a block
/// (ranges of `blockSize / piecesPerBlock`, not aligned to blocks), which the two threads take as
/// they come: neither waits at the pair's end for the other's block to be finished. The pair's
/// pieces are written while the next pair is made.
func streamInOrder(count: Int, blockSize: Int, minimumForThreads: Int = 8192, piecesPerBlock: Int = 1,
                   make: @Sendable (Range<Int>) -> [UInt8], sink: @Sendable ([UInt8]) -> Void) {
    if piecesPerBlock > 1, count >= minimumForThreads {
        return streamInPieces(count: count, roundSize: 2 * max(blockSize, 1), pieceSize: max(blockSize / piecesPerBlock, 1),
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

/// ``streamInOrder(count:blockSize:minimumForThreads:piecesPerBlock:make:sink:)``'s pieces: `0..<count` in rounds of
/// `roundSize`, each made in pieces of `pieceSize` taken by the two threads from a shared count, and written (by the
/// first thread, before it takes pieces) while the next round is made.
private func streamInPieces(count: Int, roundSize: Int, pieceSize: Int,
                            make: @Sendable (Range<Int>) -> [UInt8], sink: @Sendable ([UInt8]) -> Void) {
    var held: [[UInt8]] = []
    var start = 0
    while start < count {
        let end = min(start + roundSize, count), from = start
        let pieces = (end - from + pieceSize - 1) / pieceSize
        let made = (0..<pieces).map { _ in ResultBox<[UInt8]>([]) }
        let next = Atomic<Int>(0)
        let previous = held
        held = []
        DispatchQueue.concurrentPerform(iterations: 2) { t in
            if t == 0 { for piece in previous { sink(piece) } }
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < pieces else { break }
                made[k].value = make(from + k * pieceSize..<min(from + (k + 1) * pieceSize, end))
            }
        }
        held = made.map(\.value)
        start = end
    }
    for piece in held { sink(piece) }
}
