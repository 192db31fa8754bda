import Dispatch
import Testing
@testable import UptakeCore
#if canImport(Glibc)
import Glibc
#endif

/// `streamInOrder` hands every item's bytes to the sink once, in order, on one thread at a time, whether
/// blocks are made in pairs or in pieces the two threads take as they come (`piecesPerBlock`).
@Suite struct StreamInOrderTests {
    /// The sink's pieces, and how many calls overlapped (there must be none).
    final class Recorder: @unchecked Sendable {
        var pieces: [[UInt8]] = []
        var inside = 0, overlaps = 0
    }

    /// Item `i` as two bytes, so the order of every item can be read back.
    static func bytes(_ range: Range<Int>) -> [UInt8] {
        range.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }

    @Test(arguments: [1, 4, 3])
    func everyItemOnceInOrder(_ piecesPerBlock: Int) {
        for count in [0, 1, 255, 256, 257, 511, 512, 513, 1_000, 4_097, 10_000] {
            let r = Recorder()
            streamInOrder(count: count, blockSize: 256, minimumForThreads: 2, piecesPerBlock: piecesPerBlock) { range in
                Self.bytes(range)
            } sink: { piece in
                r.inside += 1
                if r.inside > 1 { r.overlaps += 1 }
                r.pieces.append(piece)
                r.inside -= 1
            }
            #expect(r.pieces.flatMap { $0 } == Self.bytes(0..<count), "\(count) items, \(piecesPerBlock) pieces a block")
            #expect(r.overlaps == 0)
            if piecesPerBlock > 1 && count >= 2 {
                // Pieces of 256 / piecesPerBlock items, the last one shorter.
                let size = 256 / piecesPerBlock
                #expect(r.pieces.count == (count + size - 1) / size)
                #expect(r.pieces.allSatisfy { $0.count <= 2 * size })
            }
        }
    }

    /// With pieces that take different times to make and a sink that is sometimes slow, the room fills, the threads
    /// overtake each other and hand the writing over, and still every item is written once, in order, one piece at a time.
    @Test func slowSinkAndUnevenPieces() {
        let r = Recorder()
        let count = 3_000, size = 16   // 188 pieces of 16 items, at most 8 made or waiting
        streamInOrder(count: count, blockSize: 4 * size, minimumForThreads: 2, piecesPerBlock: 4) { range in
            usleep(useconds_t(range.lowerBound / size % 7 * 60))
            return Self.bytes(range)
        } sink: { piece in
            r.inside += 1
            if r.inside > 1 { r.overlaps += 1 }
            if r.pieces.count % 5 == 0 { usleep(300) }
            r.pieces.append(piece)
            r.inside -= 1
        }
        #expect(r.pieces.flatMap { $0 } == Self.bytes(0..<count))
        #expect(r.pieces.count == (count + size - 1) / size)
        #expect(r.overlaps == 0)
    }
}

/// ``releaseInBackground(_:)``: the value is freed, and on another thread than the caller's.
@Suite struct ReleaseInBackgroundTests {
    final class Tracked: @unchecked Sendable {
        let freed: DispatchSemaphore
        let onThread: ResultBox<pthread_t?>
        init(_ freed: DispatchSemaphore, _ onThread: ResultBox<pthread_t?>) { self.freed = freed; self.onThread = onThread }
        deinit {
            onThread.value = pthread_self()
            freed.signal()
        }
    }

    @Test func theValueIsFreedOnAnotherThread() {
        let freed = DispatchSemaphore(value: 0), onThread = ResultBox<pthread_t?>(nil)
        releaseInBackground([Tracked(freed, onThread), Tracked(freed, onThread)])
        #expect(freed.wait(timeout: .now() + 10) == .success)
        #expect(freed.wait(timeout: .now() + 10) == .success)
        let caller = pthread_self()
        #expect(onThread.value.map { pthread_equal($0, caller) == 0 } == true)
    }
}
