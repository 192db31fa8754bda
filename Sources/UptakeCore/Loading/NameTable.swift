/// A value for each name, found with one lookup.
///
/// While every name is ASCII they are found by their bytes (two ASCII names are equal exactly when their bytes
/// are), with ``ByteInterner``'s cheap hash and no rehash as the table grows; from the first name that is not,
/// by the `String` itself, whose equality is Unicode's canonical equivalence (`K` and the Kelvin sign are one
/// name), as a `[String: Value]` would find them. Used for the 25,000 partner names of a million-row dataset,
/// where `String`'s seeded hash was most of the lookups' cost.
struct NameTable<Value> {
    private var names: ByteInterner
    private var values: [Value] = []
    /// Every name by its `String`, once a name is not ASCII.
    private var byName: [String: Value]?
    /// A new name's value.
    private let empty: Value

    /// Room for `capacity` names before a table grows; a name not yet seen holds `empty`.
    init(capacity: Int = 1024, empty: Value) {
        names = ByteInterner(capacity: capacity)
        values.reserveCapacity(capacity)
        self.empty = empty
    }

    /// The value held for `name`, or nil for a name never given one. Mutating only to go over to `String`s when
    /// `name` is the first that is not ASCII.
    mutating func value(of name: String) -> Value? {
        if byName == nil, let id = Self.asciiBytes(name, { Int(names.find($0)) }) {
            return id >= 0 ? values[id] : nil
        }
        switchToStrings()
        return byName![name]
    }

    /// ``value(of:)`` of an ASCII name given by its bytes and their ``ByteInterner/hash(_:)`` (the hash every interner
    /// makes), without a `String`: `.some(nil)` for a name never given one; nil once the names are held by their
    /// strings (some name was not ASCII), when only ``value(of:)`` can find it.
    ///
    /// `next` is the id tried first, by comparing the name with it in place (no probe of the table); it becomes the id after
    /// the name's when the name is held. A caller asking names in the order they were added finds each without a probe.
    func value(ofASCII bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, next: inout Int) -> Value?? {
        guard byName == nil else { return nil }
        // The names are distinct: the one at `next` with these bytes is the one the table would find.
        var id = next >= 0 && next < names.count && names.equal(next, bytes) ? next : -1
        if id < 0 { id = Int(names.find(bytes, hash: hash)) }
        if id >= 0 { next = id + 1 }
        return .some(id >= 0 ? values[id] : nil)
    }

    /// Calls `body` with the value held for `name` (`empty` when the name is new, which adds it).
    mutating func withValue<R>(of name: String, _ body: (inout Value) -> R) -> R {
        if byName == nil, let id = Self.asciiBytes(name, { Int(names.intern($0)) }) {
            if id == values.count { values.append(empty) }
            return body(&values[id])
        }
        switchToStrings()
        let empty = empty
        return body(&byName![name, default: empty])
    }

    private mutating func switchToStrings() {
        guard byName == nil else { return }
        byName = Dictionary(uniqueKeysWithValues: values.indices.map { (String(decoding: names.bytes(at: $0), as: UTF8.self), values[$0]) })
        names = ByteInterner(capacity: 16)
        values = []
    }

    /// `body` over `name`'s UTF-8 bytes when they are all ASCII (in place for a native string), else nil.
    private static func asciiBytes<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        name.withUTF8Bytes { ByteScan.isASCII($0) ? body($0) : nil }
    }
}

extension NameTable: Sendable where Value: Sendable {}
