import Testing
import UptakeUI
@testable import UptakeTerminal

@Suite struct FrameDiffTests {
    /// A buffer from rows of one-column characters, where "健" takes a lead cell and a continuation.
    func buffer(_ rows: [String]) -> Buffer {
        let width = rows[0].count + rows[0].filter { $0 == "健" }.count
        var result = Buffer(width: width, height: rows.count)
        for (y, row) in rows.enumerated() {
            var x = 0
            for character in row {
                if character == "健" {
                    result.cells[y * width + x] = makeCell("健", width: 2)
                    result.cells[y * width + x + 1] = makeCell("", width: 0)
                    x += 2
                } else {
                    result.cells[y * width + x] = makeCell(String(character), width: 1)
                    x += 1
                }
            }
        }
        return result
    }

    @Test func firstFrameDrawsEverythingButContinuations() {
        let frame = buffer(["ab健", "cdef"])
        #expect(FrameDiff.cellsToDraw(previous: nil, current: frame) == [0, 1, 2, 4, 5, 6, 7])
    }

    @Test func identicalFrameDrawsNothing() {
        let frame = buffer(["abc", "def"])
        #expect(FrameDiff.cellsToDraw(previous: frame, current: frame).isEmpty)
    }

    @Test func onlyChangedCells() {
        var frame = buffer(["abc", "def"])
        let before = frame
        frame.cells[4] = makeCell("X", width: 1)
        frame.cells[0].style = Style(attributes: .bold)
        #expect(FrameDiff.cellsToDraw(previous: before, current: frame) == [0, 4])
    }

    @Test func wideCellReplacingNarrowCells() {
        let before = buffer(["abcd"])
        let after = buffer(["a健d"])
        // Cell 2 became a continuation: its lead (1) is drawn, the continuation is not.
        #expect(FrameDiff.cellsToDraw(previous: before, current: after) == [1])
    }

    @Test func narrowCellsReplacingWideCell() {
        let before = buffer(["a健d"])
        let after = buffer(["axyd"])
        #expect(FrameDiff.cellsToDraw(previous: before, current: after) == [1, 2])
    }

    @Test func sizeChangeDrawsEverything() {
        let before = buffer(["ab", "cd"])
        let after = buffer(["abc"])
        #expect(FrameDiff.cellsToDraw(previous: before, current: after) == [0, 1, 2])
    }
}
