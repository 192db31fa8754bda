import Testing
@testable import UptakeCore

/// What the merge of a split file's halves looks names and series up with (`State.matchSeries`, `State.takeNames`).
@Suite struct MergeLookupTests {
    @Test func aHashFilterNeverMissesAndRarelyClaims() {
        var rng = SplitMix64(seed: 0xF11_7E25)
        let present = (0..<50_000).map { _ in UInt64.random(in: .min ... .max, using: &rng) }
        let filter = HashFilter(present, count: present.count)
        // No false negatives: every hash put in is "perhaps present".
        #expect(present.allSatisfy { filter.mayContain($0) })
        // Absent hashes: about 1 - e^(-1/16), 6%, say "perhaps"; most are told apart.
        let absent = (0..<50_000).map { _ in UInt64.random(in: .min ... .max, using: &rng) }
        let claimed = absent.filter { filter.mayContain($0) }.count
        #expect(claimed > 1_000 && claimed < 4_500, "\(claimed) of 50,000 absent hashes said perhaps")
        // Hashes that differ only in their low bits (where the tables place entries) are spread too.
        let low = (0..<50_000).map { UInt64($0) }
        let lowFilter = HashFilter(low, count: low.count)
        #expect(low.allSatisfy { lowFilter.mayContain($0) })
        #expect((1_000_000..<1_050_000).filter { lowFilter.mayContain(UInt64($0)) }.count < 4_500)
        // An empty filter says absent to everything.
        let empty = HashFilter([UInt64](), count: 0)
        #expect(!empty.mayContain(42) && !empty.mayContain(0))
    }

    @Test func namesAppendedUnindexedKeepTheirBytesStringsAndHashes() {
        var mine = ByteInterner(capacity: 4)
        var theirs = ByteInterner(capacity: 4)
        func intern(_ s: String, into i: inout ByteInterner) -> Int32 {
            Array(s.utf8).withUnsafeBufferPointer { i.intern($0) }
        }
        #expect(intern("Ward 1", into: &mine) == 0)
        #expect(intern("P0", into: &mine) == 1)
        for name in ["Café", "Ward 2", "", "P0"] { _ = intern(name, into: &theirs) }
        // Their "Ward 2", "Café" and "" (not "P0", which is here already), in that order, get ids 2, 3 and 4.
        mine.appendUnindexed(from: theirs, ids: [1, 0, 2])
        #expect(!mine.isIndexed)
        #expect(mine.count == 5)
        #expect((0..<5).map { mine.string(at: $0) } == ["Ward 1", "P0", "Ward 2", "Café", ""])
        #expect(Array(mine.bytes(3)) == Array("Café".utf8))
        #expect(mine.hash(of: 2) == theirs.hash(of: 1) && mine.hash(of: 3) == theirs.hash(of: 0))
        #expect(mine.isValidUTF8(at: 3) && mine.equal(2, Array("Ward 2".utf8).withUnsafeBufferPointer { $0 }))
    }
}
