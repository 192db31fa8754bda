/// Values appended one at a time in a hot loop, in memory of its own: the CSV reader's field ranges of a record,
/// and the loader's observations and their series, one of each for every accepted row of `uptake.csv`.
///
/// An `Array`'s append asks the runtime whether its buffer is shared on every call (it is a value type that may
/// have been copied); here an append is a capacity check and a store. A class, so the loader's state moves between
/// threads without copying its rows; written by one thread during the read, then only read (the grouping reads the
/// loader's from two threads at once).
final class RowStore<Element>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    /// An empty store with room for `capacity` values (room reserved, not touched: a page costs memory once written).
    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Empties the store, keeping its room (the reader's field ranges, emptied for each record).
    @inline(__always)
    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Makes room for `n` values in all, so appending that many moves nothing.
    func reserve(_ n: Int) {
        if n > capacity { grow(to: n) }
    }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow(to: 2 * capacity) }
        (base + count).initialize(to: value)
        count += 1
    }

    @inline(never)
    private func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Value `i` (`0..<count`).
    @inline(__always)
    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "row \(i) of \(count)")
        return base[i]
    }

    /// The values, to read or change in place (valid while the store lives and nothing is appended).
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }
}
