/// The partner names of `partners.csv`, each with the line of its accepted row (0 while it has none): found
/// there with one lookup per row, then asked by `uptake.csv` and `surveys.csv` which names are known.
///
/// While every name is ASCII they are found by their bytes (two ASCII names are equal exactly when their bytes
/// are), with ``ByteInterner``'s cheap hash and no rehash as the table grows; from the first name that is not,
/// by the `String` itself, whose equality is Unicode's canonical equivalence (`K` and the Kelvin sign are one
/// name), as a `Set<String>` of the names would find them.
struct PartnerNames: ExpressibleByArrayLiteral, Sendable {
    private var names: ByteInterner
    private var lines: [Int] = []
    /// Every name by its `String`, once a name is not ASCII.
    private var byName: [String: Int]?

    /// Room for `capacity` names before a table grows.
    init(capacity: Int = 1024) {
        names = ByteInterner(capacity: capacity)
        lines.reserveCapacity(capacity)
    }

    /// Known names without a row (for tests).
    init(arrayLiteral elements: String...) {
        self.init()
        for name in elements { insert(name) }
    }

    /// The line of `name`'s accepted row, or 0 when it has none; then `line` (0 for a rejected row) becomes it.
    mutating func claim(_ name: String, line: Int) -> Int {
        withLine(of: name) { entry in
            let earlier = entry
            if earlier == 0 { entry = line }
            return earlier
        }
    }

    /// Makes `name` known without a row of its own (a comparator, the area as a whole), marked by line -1.
    mutating func insert(_ name: String) {
        withLine(of: name) { entry in if entry == 0 { entry = -1 } }
    }

    /// True when `name` has an accepted row or was inserted. Mutating only to go over to `String`s when `name`
    /// is the first that is not ASCII.
    mutating func contains(_ name: String) -> Bool {
        if byName == nil {
            var name = name
            if let id = name.withUTF8({ ByteScan.isASCII($0) ? Int(names.find($0)) : nil }) {
                return id >= 0 && lines[id] != 0
            }
        }
        return withLine(of: name) { $0 != 0 }
    }

    /// Calls `body` with the line held for `name`, made 0 when the name is new.
    private mutating func withLine<R>(of name: String, _ body: (inout Int) -> R) -> R {
        if byName == nil {
            var name = name
            if let id = name.withUTF8({ ByteScan.isASCII($0) ? Int(names.intern($0)) : nil }) {
                if id == lines.count { lines.append(0) }
                return body(&lines[id])
            }
            byName = Dictionary(uniqueKeysWithValues: lines.indices.map { (String(decoding: names.bytes(at: $0), as: UTF8.self), lines[$0]) })
        }
        return body(&byName![name, default: 0])
    }
}
