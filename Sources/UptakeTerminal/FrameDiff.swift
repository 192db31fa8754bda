import UptakeUI

/// Which cells of a new frame must be sent to the terminal, given the frame on screen.
///
/// Pure, so it is tested without a terminal. Continuation cells (width 0) are
/// never drawn themselves: their wide cell to the left covers them, and is
/// redrawn whenever a continuation cell changes.
enum FrameDiff {
    /// Row-major indices of the cells to draw, in order.
    ///
    /// Everything is drawn when there is no previous frame or its size differs.
    static func cellsToDraw(previous: Buffer?, current: Buffer) -> [Int] {
        let cells = current.cells
        guard let previous, previous.width == current.width, previous.height == current.height,
              previous.cells.count == cells.count
        else {
            return cells.indices.filter { cells[$0].width != 0 }
        }
        let old = previous.cells
        var marked = [Bool](repeating: false, count: cells.count)
        for i in cells.indices where cells[i] != old[i] {
            marked[i] = true
            // A changed half of a wide cell: redraw the wide cell that owns it.
            if (cells[i].width == 0 || old[i].width == 0), i % current.width > 0 {
                marked[i - 1] = true
            }
        }
        return cells.indices.filter { marked[$0] && cells[$0].width != 0 }
    }
}
