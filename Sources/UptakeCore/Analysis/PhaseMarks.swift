#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where a command's wall time goes, for `scripts/phases.py` (docs/PERFORMANCE.md): with `UPTAKE_PHASES` set in the
/// environment, each ``mark(_:)`` writes a line `uptake-phase MS NAME` to standard error, MS being `CLOCK_MONOTONIC`
/// in milliseconds (the clock the script reads when it starts the process). Without it a mark reads one flag.
/// A measuring aid, not a display: the dashboard's loading screen reads ``LoadProgress``.
public enum PhaseMarks {
    /// Whether marks are written (`UPTAKE_PHASES` set when the process started).
    public static let enabled = getenv("UPTAKE_PHASES") != nil

    /// Notes that phase `name` has just ended.
    @inline(__always)
    public static func mark(_ name: StaticString) {
        guard enabled else { return }
        write(name)
    }

    /// Held from reading the clock to writing the line: marks from two threads (partners.csv's, the parse's halves)
    /// reach standard error in the order of their times.
    private static let order = Mutex(())

    @inline(never)
    private static func write(_ name: StaticString) {
        order.withLock { _ in
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let ms = Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
            var line = Array("uptake-phase \(ms) ".utf8)
            line.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            line.append(10)
            line.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
        }
    }
}
