/// A set of 64-bit hashes as one bit each (a Bloom filter with one probe): "certainly absent" or "perhaps present".
///
/// The merge of a split file's halves looks each of the second half's series and names up in the first half's tables,
/// and in a file grouped by series nearly all of them are absent. At ten million rows those tables are tens of
/// megabytes, so each miss was a random read from memory; the filter, 16 bits an entry (2.5 MB for 1.25 million), stays
/// in the cache and answers most misses without touching the table (about 6% of absent hashes still say "perhaps").
struct HashFilter: Sendable {
    private var words: [UInt64]
    private let shift: UInt64

    /// A filter of `hashes`, sized for `count` of them.
    init(_ hashes: some Sequence<UInt64>, count: Int) {
        var bits = 1 << 10
        while bits < count * 16 { bits <<= 1 }
        words = [UInt64](repeating: 0, count: bits / 64)
        shift = UInt64(64 - bits.trailingZeroBitCount)
        for h in hashes {
            let b = bit(h)
            words[b >> 6] |= 1 << UInt64(b & 63)
        }
    }

    /// The filter's bit for `h`: its bits mixed again (the tables place entries by the low bits), the top ones taken.
    @inline(__always)
    private func bit(_ h: UInt64) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// False when `h` is certainly not among the hashes; true when it may be.
    @inline(__always)
    func mayContain(_ h: UInt64) -> Bool {
        let b = bit(h)
        return words[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
