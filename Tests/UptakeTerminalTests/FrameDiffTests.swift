import Testing
import UptakeUI
@testable import UptakeTerminal

@Suite struct FrameDiffTests {
    /// Row-major cells from rows of one-column characters, where "健" takes a lead cell and a continuation.
    func cells(_ rows: [String]) -> (cells: [Cell], width: Int) {
        var result: [Cell] = []
        for row in rows {
            for character in row {
                if character == "健" {
                    result += [makeCell("健", width: 2), makeCell("", width: 0)]
                } else {
                    result.append(makeCell(String(character), width: 1))
                }
            }
        }
        return (result, result.count / rows.count)
    }

    func diff(_ before: [String]?, _ after: [String]) -> [Int] {
        let new = cells(after)
        return FrameDiff.cellsToDraw(previous: before.map { cells($0).cells }, current: new.cells, width: new.width)
    }

    @Test func firstFrameDrawsEverythingButContinuations() {
        #expect(diff(nil, ["ab健", "cdef"]) == [0, 1, 2, 4, 5, 6, 7])
    }

    @Test func identicalFrameDrawsNothing() {
        #expect(diff(["abc", "def"], ["abc", "def"]).isEmpty)
    }

    @Test func onlyChangedCells() {
        let before = cells(["abc", "def"])
        var after = before.cells
        after[4] = makeCell("X", width: 1)
        after[0].style = Style(attributes: .bold)
        #expect(FrameDiff.cellsToDraw(previous: before.cells, current: after, width: 3) == [0, 4])
    }

    @Test func wideCellReplacingNarrowCells() {
        // Cell 2 became a continuation: its lead (1) is drawn, the continuation is not.
        #expect(diff(["abcd"], ["a健d"]) == [1])
    }

    @Test func narrowCellsReplacingWideCell() {
        #expect(diff(["a健d"], ["axyd"]) == [1, 2])
    }

    @Test func changedContinuationRedrawsItsLead() {
        let before = cells(["a健d"])
        var after = before.cells
        after[2].style = Style(attributes: .underline)
        #expect(FrameDiff.cellsToDraw(previous: before.cells, current: after, width: 4) == [1])
    }

    @Test func sizeChangeDrawsEverything() {
        #expect(diff(["ab", "cd"], ["abc"]) == [0, 1, 2])
    }
}
