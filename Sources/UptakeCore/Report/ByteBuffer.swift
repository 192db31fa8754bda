/// A growable byte buffer written through a pointer, for the JSON report's series (``JSONSeriesWriter``) and the
/// report's sentences (``ByteSentence``).
///
/// `Array.append` checks the array's uniqueness and capacity on every call; here room is made
/// once for a run of writes of known size (``reserve(_:)``) and the bytes are stored straight
/// after it. It starts in memory lent to it (an array's uninitialised room, so the bytes need no
/// copy into an array) and moves to memory of its own if it outgrows that. Not copyable, so its
/// own memory has exactly one owner and is freed once.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var owned: Bool
    /// How many bytes have been written.
    private(set) var count = 0

    /// An empty buffer writing into `lent` until it needs more room (the memory must outlive the buffer).
    init(writingInto lent: UnsafeMutableBufferPointer<UInt8>) {
        if let start = lent.baseAddress, lent.count > 0 {
            base = start
            capacity = lent.count
            owned = false
        } else {
            capacity = 256
            base = .allocate(capacity: capacity)
            owned = true
        }
    }

    deinit { if owned { base.deallocate() } }

    /// True while the bytes are still in the memory lent to ``init(writingInto:)``.
    var isInLentMemory: Bool { !owned }

    /// Makes room for `n` more bytes: the unchecked writes below may then store that many.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if n > capacity - count { grow(count + n) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, 2 * capacity)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        if owned { base.deallocate() }
        owned = true
        base = grown
        capacity = newCapacity
    }

    /// Stores one byte, in room made by ``reserve(_:)``.
    @inline(__always)
    mutating func unchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Stores `bytes`, in room made by ``reserve(_:)``.
    @inline(__always)
    mutating func unchecked(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        let n = bytes.count
        let to = base + count
        if n >= 8 && n <= 160 {
            // The short runs (a member's separator, indent and key; a number's literal; a period's opening, about
            // 110 bytes; the interval note) a word at a time, the last word overlapping the one before, instead of
            // a call to memmove each.
            let source = UnsafeRawPointer(from), target = UnsafeMutableRawPointer(to)
            var i = 0
            while i < n - 8 {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i += 8
            }
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else {
            to.initialize(from: from, count: n)
        }
        count += n
    }

    /// Stores what `body` writes at the end (at most the room made by ``reserve(_:)``; it returns how many bytes).
    @inline(__always)
    mutating func unchecked(_ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        count += body(base + count)
    }

    /// Appends `bytes`, making room for them.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        unchecked(bytes)
    }

    /// Appends `bytes`, making room for them.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Empties the buffer, keeping its room.
    mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes written so far (valid only during the call).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, as an array; the buffer is emptied and keeps its room.
    mutating func drain() -> [UInt8] {
        defer { count = 0 }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }
}
