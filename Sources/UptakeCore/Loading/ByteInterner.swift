import CByteScan
/// Gives each distinct byte string a small integer id without building a String per lookup.
///
/// `uptake.csv` repeats the same partner and proxy-population names on every
/// row; interning them by their bytes keeps the million-row load free of
/// per-row string allocation. Strings are built once per distinct value.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    /// The lookup table: 0 for an empty slot, else a value's id plus one in the low 32 bits and its hash's high 32 bits
    /// above (``slot(_:hash:)``), so a probe passes over another value's slot without reading that value's hash (a read
    /// from memory when the table is large: a third of the interning's samples at ten million rows).
    private var table: [UInt64]
    private var mask: Int
    /// How many values the table indexes: all but those added by ``appendUnindexed(_:hash:)``.
    private var indexedCount = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// The table's entry for value `id` with hash `h`.
    @inline(__always)
    private static func slot(_ id: Int, hash h: UInt64) -> UInt64 { UInt64(truncatingIfNeeded: id + 1) | (h & highHalf) }

    private static let highHalf: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The id in a table entry that is not empty.
    @inline(__always)
    private static func id(ofSlot entry: UInt64) -> Int { Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }

    /// Number of distinct strings.
    var count: Int { starts.count }

    /// The id for `bytes`, adding it when new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        intern(bytes, hash: Self.hash(bytes))
    }

    /// The same, with ``hash(_:)`` of `bytes` already made.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32 {
        assert(isIndexed, "interned after the lookup table was freed")
        var slot = Int(truncatingIfNeeded: h) & mask
        let high = h & Self.highHalf
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            if entry & Self.highHalf == high {
                let id = Self.id(ofSlot: entry)
                if equal(id, bytes) { return Self.offset(id) }
            }
            slot = (slot + 1) & mask
        }
        return add(bytes, hash: h, at: slot)
    }

    /// Appends the values `ids` of `other` (absent here, and distinct), in that order, without indexing them: the
    /// values get the next ids, and their bytes and strings can be read, but this interner can no longer look values up
    /// (``intern(_:)`` and ``find(_:)`` must not be called again; its lookup table is freed). For the merge of a split
    /// file's halves, the last step that looks names up: a million random insertions into the table were most of it.
    mutating func appendUnindexed(from other: ByteInterner, ids: [Int32]) {
        table = []
        mask = -1
        var bytes = 0
        for id in ids { bytes += Int(other.lengths[Int(id)]) }
        arena.reserveCapacity(arena.count + bytes)
        starts.reserveCapacity(starts.count + ids.count)
        lengths.reserveCapacity(lengths.count + ids.count)
        hashes.reserveCapacity(hashes.count + ids.count)
        other.arena.withUnsafeBufferPointer { theirs in
            for id in ids.lazy.map({ Int($0) }) {
                let s = Int(other.starts[id]), len = Int(other.lengths[id])
                starts.append(Self.offset(arena.count))
                lengths.append(other.lengths[id])
                hashes.append(other.hashes[id])
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: theirs[s..<(s + len)]))
            }
        }
    }

    /// Adds `bytes` as a new value without indexing it: it gets the next id, and its bytes, hash and string can be read,
    /// but ``intern(_:)`` and ``find(_:)`` do not find it (interning the same bytes later adds another id). For a value
    /// the caller will never look up by its bytes: a new series' proxy population, found again through its series
    /// (``UptakeFileLoader/SeriesLookup``), not through the names. The table stays as small as the values looked up
    /// (at ten million rows 250,000 partners, not 1.5 million names). `hash` is ``hash(_:)`` of `bytes`.
    mutating func appendUnindexed(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32 {
        let id = Self.offset(starts.count)
        starts.append(Self.offset(arena.count))
        lengths.append(Self.offset(bytes.count))
        hashes.append(h)
        arena.append(contentsOf: bytes)
        return id
    }

    /// An id, or an offset or length in the arena, as stored (32 bits). The arena holds distinct values of one file, which the
    /// readers take only up to 2 GiB − 1 (`CSVReader.maximumInputSize`), so it never passes `Int32.max`; clamped, not
    /// trapped, should that ever change.
    @inline(__always)
    private static func offset(_ n: Int) -> Int32 { Int32(clamping: n) }

    /// False once ``appendUnindexed(from:ids:)`` has freed the lookup table.
    var isIndexed: Bool { mask >= 0 }

    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, at slot: Int) -> Int32 {
        let id = Self.offset(starts.count)
        starts.append(Self.offset(arena.count))
        lengths.append(Self.offset(bytes.count))
        hashes.append(h)
        arena.append(contentsOf: bytes)
        table[slot] = Self.slot(Int(id), hash: h)
        indexedCount += 1
        if indexedCount * 2 > table.count { grow(to: table.count * 2) }
        return id
    }

    /// Makes room for `more` new strings, so that adding them grows the table once, not at every doubling.
    mutating func reserve(_ more: Int) {
        var size = table.count
        while size < (indexedCount + more) * 2 { size <<= 1 }
        if size > table.count { grow(to: size) }
    }

    /// Room for `count` more strings of `bytes` bytes in all in the arrays that hold them (not in the table, which
    /// is filled when made and grows as strings come: ``reserve(_:)``).
    mutating func reserveStorage(count: Int, bytes: Int) {
        starts.reserveCapacity(starts.count + count)
        lengths.reserveCapacity(lengths.count + count)
        hashes.reserveCapacity(hashes.count + count)
        arena.reserveCapacity(arena.count + bytes)
    }

    /// The id of `bytes` if interned, else -1 (nothing is added).
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 { find(bytes, hash: Self.hash(bytes)) }

    /// The same, with the bytes' hash already known (every interner hashes alike: see ``hash(of:)``).
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32 {
        assert(isIndexed, "looked up after the lookup table was freed")
        var slot = Int(truncatingIfNeeded: h) & mask
        let high = h & Self.highHalf
        while true {
            let entry = table[slot]
            if entry == 0 { return -1 }
            if entry & Self.highHalf == high {
                let id = Self.id(ofSlot: entry)
                if equal(id, bytes) { return Self.offset(id) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// A filter of every value's hash (``HashFilter``), to tell most absent values without a probe of the table.
    func hashFilter() -> HashFilter { HashFilter(hashes, count: hashes.count) }

    /// The hash of id `id`'s bytes: the same function in every interner, so another interner can reuse it.
    func hash(of id: Int32) -> UInt64 { hashes[Int(id)] }

    /// The bytes of id `id`.
    func bytes(_ id: Int32) -> ArraySlice<UInt8> { bytes(at: Int(id)) }

    /// The bytes of the value at `index` (its id, as an array index: `0..<count`).
    func bytes(at index: Int) -> ArraySlice<UInt8> {
        let s = Int(starts[index])
        return arena[s..<(s + Int(lengths[index]))]
    }

    /// The string of the value at `index`, or nil when its bytes are not valid UTF-8 (``ByteScan/string(validatingUTF8:)``).
    func string(at index: Int) -> String? {
        let s = Int(starts[index]), len = Int(lengths[index])
        return arena.withUnsafeBufferPointer { ByteScan.string(validatingUTF8: UnsafeBufferPointer(rebasing: $0[s..<(s + len)])) }
    }

    /// True when the value at `index` is valid UTF-8 (ASCII checked a word at a time, without making a string).
    func isValidUTF8(at index: Int) -> Bool {
        let s = Int(starts[index]), len = Int(lengths[index])
        return arena.withUnsafeBufferPointer { a in Self.isValidUTF8(UnsafeBufferPointer(rebasing: a[s..<(s + len)])) }
    }

    /// True when `bytes` are valid UTF-8 (ASCII checked a word at a time).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteScan.isASCII(bytes) || ByteScan.string(validatingUTF8: bytes) != nil
    }

    /// True when id `id` holds exactly `bytes`.
    func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let len = Int(lengths[id])
        guard len == bytes.count else { return false }
        let s = Int(starts[id])
        return arena.withUnsafeBufferPointer { a in
            guard len > 0 else { return true }
            return ByteScan.equal(a.baseAddress! + s, bytes.baseAddress!, count: len)
        }
    }

    private mutating func grow(to size: Int) {
        let old = table
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
        func place(_ id: Int) {
            let h = hashes[id]
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Self.slot(id, hash: h)
        }
        if indexedCount == hashes.count {
            // Every value indexed: placed in id order (the hashes read in sequence).
            for id in 0..<hashes.count { place(id) }
        } else {
            // Only the values the old table held (those appended unindexed stay so).
            for entry in old where entry != 0 { place(Self.id(ofSlot: entry)) }
        }
    }

    /// The bytes folded eight at a time (the tail byte by byte, FNV-1a), then a final mix so low bits spread.
    ///
    /// Every new series interns two names of about 20 bytes: a word at a time is several times
    /// faster than a byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: bytes.count)
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0x9FB2_1C65_1E98_DF25
                h ^= h >> 29
                i += 8
            }
        }
        while i < bytes.count {
            h ^= UInt64(bytes[i])
            h &*= 0x100_0000_01b3
            i += 1
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
