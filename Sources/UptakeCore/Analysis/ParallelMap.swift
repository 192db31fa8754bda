import Dispatch

/// Maps `0..<count` on up to two threads (this machine's cores), in order.
///
/// Small inputs run on the calling thread: the hand-off costs more than it saves.
func parallelMap<T: Sendable>(count: Int, minimumForThreads: Int = 4096, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count >= minimumForThreads else { return (0..<count).map(transform) }
    let chunks = 2
    // Each thread makes its half in place in the result's room: no half is made in an array of its
    // own and then copied (a copy retains every reference each element holds, and the halves then
    // release them all: for the loader's 125,000 series, half a million retains and releases).
    return [T](unsafeUninitializedCapacity: count) { room, initialized in
        let target = SendableRoom(base: room.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = count * c / chunks, upper = count * (c + 1) / chunks
            for i in lower..<upper { (target.base + i).initialize(to: transform(i)) }
        }
        initialized = count
    }
}

/// The result's room, shared by the two threads that fill disjoint halves of it.
private struct SendableRoom<T>: @unchecked Sendable { let base: UnsafeMutablePointer<T> }

/// A slot one thread fills and the caller reads after the threads join (`concurrentPerform` orders the accesses).
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Makes `0..<count` in blocks of `blockSize` on up to two threads and hands each block's bytes
/// to `sink` in order, holding at most three blocks at a time.
///
/// Blocks go in pairs: one thread writes the block held over from the last pair, then makes the
/// pair's first block and writes it, while the other makes the pair's second block, held over to
/// the next pair. So output is written while the next block is being made, and a report of any
/// size is never held whole. `sink` is called on one thread at a time, in block order. Below
/// `minimumForThreads`, everything runs on the calling thread.
func streamInOrder(count: Int, blockSize: Int, minimumForThreads: Int = 8192,
                   make: @Sendable (Range<Int>) -> [UInt8], sink: @Sendable ([UInt8]) -> Void) {
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
