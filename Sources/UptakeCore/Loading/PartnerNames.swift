/// The partner names of `partners.csv`, each with the line of its accepted row (0 while it has none): found
/// there with one lookup per row, then asked by `uptake.csv` and `surveys.csv` which names are known.
///
/// A ``NameTable``: ASCII names by their bytes, from the first name that is not by the `String` (canonical
/// equivalence, as a `Set<String>` of the names would find them).
struct PartnerNames: ExpressibleByArrayLiteral, Sendable {
    /// Each name's line: its accepted row's, -1 when inserted without one, 0 while it has none.
    private var lines: NameTable<Int>

    /// Room for `capacity` names before a table grows.
    init(capacity: Int = 1024) {
        lines = NameTable(capacity: capacity, empty: 0)
    }

    /// Known names without a row (for tests).
    init(arrayLiteral elements: String...) {
        self.init()
        for name in elements { insert(name) }
    }

    /// The line of `name`'s accepted row, or 0 when it has none; then `line` (0 for a rejected row) becomes it.
    mutating func claim(_ name: String, line: Int) -> Int {
        lines.withValue(of: name) { entry in
            let earlier = entry
            if earlier == 0 { entry = line }
            return earlier
        }
    }

    /// Makes `name` known without a row of its own (a comparator, the area as a whole), marked by line -1.
    mutating func insert(_ name: String) {
        lines.withValue(of: name) { entry in if entry == 0 { entry = -1 } }
    }

    /// The line of `name`'s accepted row; -1 when it was inserted without one; 0 when it is not known.
    mutating func line(of name: String) -> Int { lines.value(of: name) ?? 0 }

    /// ``line(of:)`` of an ASCII name given by its bytes and their ``ByteInterner/hash(_:)``, without a `String`; nil
    /// once some name looked up or added was not ASCII (the names are then held by their strings: ask ``line(of:)``).
    /// `next` (0 at first, then left as it is given back) makes names asked in partners.csv's order cheaper to find:
    /// each is first compared with the name after the last one found (``NameTable/value(ofASCII:hash:next:)``).
    func line(ofASCII bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, next: inout Int) -> Int? {
        lines.value(ofASCII: bytes, hash: hash, next: &next).map { $0 ?? 0 }
    }

    /// True when `name` has an accepted row or was inserted. Mutating only to go over to `String`s when `name`
    /// is the first that is not ASCII.
    mutating func contains(_ name: String) -> Bool {
        (lines.value(of: name) ?? 0) != 0
    }
}
