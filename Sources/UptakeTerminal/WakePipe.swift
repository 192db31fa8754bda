#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe whose read end the event loop polls: writing a byte wakes a loop blocked in `poll`.
///
/// Work finished on another thread (a data load) and signal handlers write to it,
/// so the loop never has to wake up on a timer just to look.
public final class WakePipe: Sendable {
    /// The end the loop polls.
    public let readDescriptor: Int32
    /// The end that wakes it.
    public let writeDescriptor: Int32

    /// Opens a non-blocking, close-on-exec pipe; nil when the system has no descriptors left.
    public init?() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Wakes the loop (a full pipe already will, so a failed write is fine).
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    public func drain() {
        var bytes = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &bytes, bytes.count) > 0 {}
    }
}
