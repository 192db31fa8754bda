import UptakeUI

/// Which cells of a new frame must be sent to the terminal, given the frame on screen.
///
/// Pure, so it is tested without a terminal. Continuation cells (width 0) are
/// never drawn themselves: their wide cell to the left covers them, and is
/// redrawn whenever a continuation cell changes.
enum FrameDiff {
    /// Row-major indices of the cells of `current` to draw, in order.
    ///
    /// - Parameters:
    ///   - previous: the cells on screen, or nil to draw everything (first
    ///     frame, after a resize, or when the size changed); ignored unless it
    ///     has as many cells as `current`.
    ///   - current: the new frame's row-major cells.
    ///   - width: the new frame's width in columns.
    static func cellsToDraw(previous: [Cell]?, current: [Cell], width: Int) -> [Int] {
        guard let old = previous, old.count == current.count, width > 0 else {
            return current.indices.filter { current[$0].width != 0 }
        }
        var marked = [Bool](repeating: false, count: current.count)
        for i in current.indices where current[i] != old[i] {
            marked[i] = true
            // A changed half of a wide cell: redraw the wide cell that owns it.
            if current[i].width == 0 || old[i].width == 0, i % width > 0 {
                marked[i - 1] = true
            }
        }
        return current.indices.filter { marked[$0] && current[$0].width != 0 }
    }
}
