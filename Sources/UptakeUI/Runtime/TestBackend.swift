import UptakeCore

/// A backend that keeps every frame it is given, styles included, for tests to compare.
@MainActor
public final class TestBackend: TerminalBackend {
    /// The screen size frames are drawn at.
    public var size: (width: Int, height: Int)
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Buffer] = []

    /// Creates a backend of `width` x `height` cells.
    public init(width: Int, height: Int) { size = (width, height) }

    public func draw(_ buffer: Buffer) { frames.append(buffer) }

    /// The last frame's text, one string per row.
    public var lastLines: [String] { frames.last?.lines() ?? [] }

    /// The last frame's text as one string.
    public var lastText: String { lastLines.joined(separator: "\n") }
}

/// Monotonic seconds that only move when a test moves them.
public final class FakeClock {
    /// Seconds since the start.
    public var now: Double = 0
    /// Creates a clock at 0.
    public init() {}
}

/// A script of events at given times, played against a ``FakeClock``: waiting moves the clock, nothing sleeps.
///
/// When the script runs out, the next wait without a timeout reports the end of
/// input (as stdin at EOF does), so a loop that would otherwise wait forever ends.
@MainActor
public final class ScriptedEvents: EventSource {
    private let clock: FakeClock
    private var script: [(at: Double, event: RuntimeEvent)]
    /// Every timeout the loop waited with (nil: no timeout), in order: a spinning loop shows here.
    public private(set) var waits: [Double?] = []

    /// Creates a script; events are sorted by time (ties keep their order).
    public init(clock: FakeClock, _ script: [(at: Double, event: RuntimeEvent)]) {
        self.clock = clock
        self.script = script.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    public func next(timeout: Double?) -> [RuntimeEvent] {
        waits.append(timeout)
        guard waits.count < 100_000 else { return [.inputClosed] }  // a runaway loop ends the test instead of hanging it
        let deadline = timeout.map { clock.now + $0 }
        guard let first = script.first else {
            if let deadline { clock.now = deadline; return [] }
            return [.inputClosed]
        }
        if let deadline, first.at > deadline {
            clock.now = deadline
            return []
        }
        clock.now = max(clock.now, first.at)
        var out: [RuntimeEvent] = []
        while let e = script.first, e.at <= clock.now {
            out.append(e.event)
            script.removeFirst()
        }
        return out
    }
}

extension RuntimeServices {
    /// Services for tests: work runs inline (its result still arrives through the inbox, as an action), writes are kept in memory.
    public static func inline(load: @escaping @Sendable () -> Action) -> RuntimeServices {
        RuntimeServices(load: load, background: { $0() }, write: { _, _ in nil })
    }
}
