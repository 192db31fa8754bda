import Dispatch

/// Maps `0..<count` on up to two threads (this machine's cores), in order.
///
/// Small inputs run on the calling thread: the hand-off costs more than it saves.
func parallelMap<T: Sendable>(count: Int, minimumForThreads: Int = 4096, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count >= minimumForThreads else { return (0..<count).map(transform) }
    let chunks = 2
    let boxes = (0..<chunks).map { _ in ResultBox<[T]>([]) }
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lower = count * c / chunks, upper = count * (c + 1) / chunks
        boxes[c].value = (lower..<upper).map(transform)
    }
    return boxes.flatMap(\.value)
}

/// A slot one thread fills and the caller reads after the threads join (`concurrentPerform` orders the accesses).
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
