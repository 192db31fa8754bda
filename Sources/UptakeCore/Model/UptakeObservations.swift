/// A series' observations, oldest first: a view of one run of rows in a block the loader shares among 64 series
/// (issue 11: 2,000 allocations for a million rows, not 125,000 arrays), or of an array's own copy. Indexed from 0
/// like an array; immutable (a series' rows are fixed once loaded).
public struct UptakeObservations: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// Rows in one allocation, written once by the loader (one thread a block) before any view reads them.
    final class Rows: @unchecked Sendable {
        let base: UnsafeMutablePointer<UptakeObservation>
        let capacity: Int
        /// The object that owns the memory `base` points into, kept alive by this block; nil when the block allocated it.
        private let owner: AnyObject?

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: Swift.max(capacity, 1))
            owner = nil
        }

        /// A block of `capacity` rows at `base`, in memory `owner` owns and keeps while this block lives (the loader's
        /// rows of a file grouped by series are already in their series' order: viewed where they were read, not copied).
        init(viewing base: UnsafeMutablePointer<UptakeObservation>, capacity: Int, owner: AnyObject) {
            self.base = base
            self.capacity = capacity
            self.owner = owner
        }

        deinit { if owner == nil { base.deallocate() } }   // `UptakeObservation` is a plain value: nothing to deinitialise

        /// Whether the block views memory another object owns (the loader's rows as read), not memory of its own.
        var isView: Bool { owner != nil }
    }

    private let rows: Rows
    // The offset and count in 32 bits each, so a view is 16 bytes, not 24 (a series, and its builder in the loader, 8
    // bytes smaller: at ten million rows 1.25 million of each; docs/DECISIONS.md, "Series held in fewer bytes").
    // A block holds at most one file's rows, and a row takes at least two of the file's bytes (below 2 GiB).
    private let start: Int32
    private let storedCount: Int32
    /// How many observations.
    public var count: Int { Int(storedCount) }
    /// Whether the rows lie where the loader read them (a view of its rows), not in a block made for them.
    var isViewOfLoadedRows: Bool { rows.isView }
    private var offset: Int { Int(start) }

    /// `count` rows of `rows` from `offset` (written by the caller before the view is read).
    init(_ rows: Rows, offset: Int, count: Int) {
        precondition(offset >= 0 && count >= 0 && offset + count <= rows.capacity && offset + count <= Int(Int32.max),
                     "a view of \(count) rows from \(offset)")
        self.rows = rows
        start = Int32(truncatingIfNeeded: offset)
        storedCount = Int32(truncatingIfNeeded: count)
    }

    /// A copy of `array`.
    public init(_ array: [UptakeObservation]) {
        let rows = Rows(capacity: array.count)
        array.withUnsafeBufferPointer { if let from = $0.baseAddress { rows.base.initialize(from: from, count: $0.count) } }
        self.init(rows, offset: 0, count: array.count)
    }

    public init(arrayLiteral elements: UptakeObservation...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> UptakeObservation {
        precondition(i >= 0 && i < count, "observation index out of range")
        return rows.base[offset + i]
    }

    /// The rows as one buffer (always available: a view's rows are contiguous), which the standard library's
    /// copies and comparisons use instead of reading element by element.
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UptakeObservation>) throws -> R) rethrows -> R? {
        try withExtendedLifetime(rows) { try body(UnsafeBufferPointer(start: rows.base + offset, count: count)) }
    }

    public static func == (a: UptakeObservations, b: UptakeObservations) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for o in self { hasher.combine(o) }
    }
}
