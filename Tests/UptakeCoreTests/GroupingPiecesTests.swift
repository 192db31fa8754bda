import Testing
@testable import UptakeCore

/// The grouping's pieces (`UptakeFileLoader.State.pieceStart`): the two threads take them as each finishes one, so
/// together they must cover every series once, in order, each piece starting where a block of rows starts.
@Suite struct GroupingPiecesTests {
    @Test(arguments: [4096, 4097, 6000, 12_500, 125_000, 131_071, 1_250_000])
    func piecesCoverEverySeriesOnceOnBlockBoundaries(count n: Int) {
        let pieces = UptakeFileLoader.State.pieceCount(n, perPiece: UptakeFileLoader.State.seriesPerPiece)
        #expect(pieces >= 2 && pieces <= 64)
        let starts = (0...pieces).map { UptakeFileLoader.State.pieceStart($0, of: pieces, count: n) }
        #expect(starts.first == 0 && starts.last == n)
        for c in 0..<pieces {
            #expect(starts[c] < starts[c + 1], "piece \(c) of \(pieces) is empty at \(n) series")
            #expect(starts[c] % UptakeFileLoader.State.seriesPerBlock == 0)
        }
    }
}
