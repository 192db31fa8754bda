import Synchronization
import UptakeCore

/// One screen cell: what to draw there, how wide it is, and its style.
///
/// A wide grapheme (CJK, emoji) occupies its own cell with `width == 2` and
/// the cell to its right with `width == 0` (a continuation), so a row of cells
/// always maps one-to-one onto terminal columns.
///
/// The grapheme is stored as a number, not a `String`, so a cell is plain data:
/// filling, copying and comparing a 200 x 60 frame is a memory copy with no
/// reference counting. A one-scalar grapheme (nearly every cell) is its scalar
/// value; a longer cluster (a flag, a ZWJ emoji, a letter with a combining mark)
/// is interned once per process in ``GraphemeTable``.
public struct Cell: Hashable, Sendable {
    /// The scalar value, ``Cell/continuationCode`` for an empty grapheme, or an interned cluster id.
    @usableFromInline var code: UInt32
    /// Columns taken: 1 or 2, or 0 for the continuation of the wide cell to its left.
    public var width: UInt8
    /// Colours and attributes.
    public var style: Style

    /// The grapheme cluster shown in the cell; empty for a continuation cell.
    public var grapheme: String {
        get { GraphemeTable.string(for: code) }
        set { code = GraphemeTable.code(for: newValue) }
    }

    /// Creates a cell.
    public init(grapheme: String, width: UInt8, style: Style) {
        self.code = GraphemeTable.code(for: grapheme)
        self.width = width
        self.style = style
    }

    /// A cell holding one scalar (no interning, no string).
    @inline(__always)
    init(scalar: UInt32, width: UInt8, style: Style) {
        self.code = scalar
        self.width = width
        self.style = style
    }

    /// A space in `style`: what an empty or cleared cell holds.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(scalar: 0x20, width: 1, style: style)
    }

    /// The right half of a wide cell.
    static func continuation(_ style: Style) -> Cell {
        Cell(scalar: GraphemeTable.continuationCode, width: 0, style: style)
    }

    /// True for the right half of a wide cell (the backend skips it).
    public var isContinuation: Bool { width == 0 }
}

/// Grapheme clusters of more than one scalar, numbered once per process so a ``Cell`` can hold them as a number.
///
/// Only clusters that are not a single scalar come here (rare: flags, ZWJ
/// emoji, combining sequences); the table only grows, by the distinct clusters
/// ever drawn, which the data bounds.
enum GraphemeTable {
    /// The code of the empty grapheme (a continuation cell); above every scalar value.
    static let continuationCode: UInt32 = 0x11_0000
    /// Codes from here on are indexes into the table.
    static let firstClusterCode: UInt32 = 0x20_0000

    private struct Storage {
        var strings: [String] = []
        var ids: [String: UInt32] = [:]
    }
    private static let storage = Mutex(Storage())

    /// The code for `grapheme` (a single cluster, or empty).
    static func code(for grapheme: String) -> UInt32 {
        let scalars = grapheme.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next() else { return continuationCode }
        if it.next() == nil { return first.value }
        return storage.withLock { s in
            if let id = s.ids[grapheme] { return id }
            let id = firstClusterCode + UInt32(truncatingIfNeeded: s.strings.count)
            s.strings.append(grapheme)
            s.ids[grapheme] = id
            return id
        }
    }

    /// The grapheme for `code`.
    static func string(for code: UInt32) -> String {
        if code < continuationCode, let scalar = Unicode.Scalar(code) { return String(Character(scalar)) }
        if code < firstClusterCode { return "" }
        let i = Int(code - firstClusterCode)
        return storage.withLock { s in i < s.strings.count ? s.strings[i] : "" }
    }
}


/// A frame: a grid of cells that widgets draw into and the backend diffs and sends.
///
/// Widgets never talk to the terminal; they write here. All text goes through
/// `TerminalText.sanitize` on the way in, so no cell can hold a control character.
public struct Buffer: Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]
    /// True for a terminal without UTF-8: every text written is turned into ASCII
    /// look-alikes of the same width (see `TerminalText.asciiFallback`).
    public var asciiOnly = false

    /// Creates a buffer of blank cells.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; setting it writes the cell as is (no wide-cell repair).
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Clears `rect` (clipped to the buffer) to spaces in `style`.
    ///
    /// Wide cells cut by the edge of `rect` lose their other half too, so no
    /// half of a wide character is left behind.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        let blank = Cell.blank(style)
        for y in r.y..<r.maxY {
            repairLeftEdge(x: r.x, y: y)
            repairRightEdge(x: r.maxX - 1, y: y)
            let row = y * width
            cells.withUnsafeMutableBufferPointer { p in
                // Cells are plain data, so this is a plain store loop.
                var i = row + r.x
                let end = row + r.maxX
                while i < end { p[i] = blank; i += 1 }
            }
        }
    }

    /// Changes only the style of the cells in `rect`, keeping their text (for highlights).
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            let row = y * width
            for x in r.x..<r.maxX { cells[row + x].style = style }
        }
    }

    /// Writes `text` at (`x`, `y`), at most `maxWidth` columns; returns the columns used.
    ///
    /// The text is sanitised first. Writing stops at `maxWidth` and at the buffer
    /// edge; a wide grapheme that would straddle that limit is replaced by a
    /// space so the column is still painted. Zero-width clusters (stray marks)
    /// are dropped. Overwriting half of an existing wide cell blanks its other half.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int = .max, style: Style) -> Int {
        guard y >= 0, y < height, maxWidth > 0, x < width else { return 0 }
        let limit = maxWidth >= width - x ? width : x + maxWidth
        var text = asciiOnly ? TerminalText.asciiFallback(text) : text
        // Fast path: text whose every scalar is a one-column grapheme needing no sanitising
        // (ASCII, Latin-1, box drawing, blocks, arrows, common punctuation). One cell per
        // scalar, written straight from the UTF-8 bytes: no segmentation, no strings.
        let fast: Int? = text.withUTF8 { bytes -> Int? in
            guard CellText.isSimple(bytes) else { return nil }
            let row = y * width
            var col = x
            cells.withUnsafeMutableBufferPointer { p in
                var i = 0
                let n = bytes.count
                while i < n, col < limit {
                    let (scalar, length) = CellText.decode(bytes, at: i)
                    i += length
                    if col >= 0 {
                        let old = p[row + col].width
                        if old != 1 {
                            if old == 0 {
                                if col > 0 { p[row + col - 1] = .blank(p[row + col - 1].style) }
                            } else if col + 1 < width {
                                p[row + col + 1] = .blank(p[row + col + 1].style)
                            }
                        }
                        p[row + col] = Cell(scalar: scalar, width: 1, style: style)
                    }
                    col += 1
                }
            }
            return col
        }
        if let fast { return max(0, fast - max(x, 0)) }
        let safe = TerminalText.sanitize(text)
        var col = x
        for c in safe {
            if col >= limit { break }
            let w = TerminalText.width(of: c)
            if w == 0 { continue }
            if col + w > limit {
                // A wide grapheme straddling the right limit: paint a space instead.
                if col >= 0 { setNarrow(y * width + col, x: col, y: y, .blank(style)) }
                col += 1
                break
            }
            if w == 2 && col == -1 {
                // Straddling the left edge of the buffer: its right half becomes a space.
                setNarrow(y * width, x: 0, y: y, .blank(style))
                col += 2
                continue
            }
            if col >= 0 {
                // Zero-width scalars stay with the cluster they follow (trailing joiners dropped);
                // on their own they were skipped above, so every cell's width is what the terminal draws.
                if w == 1 {
                    setNarrow(y * width + col, x: col, y: y, Cell(grapheme: CellText.cellGrapheme(c), width: 1, style: style))
                } else {
                    setWide(x: col, y: y, Cell(grapheme: CellText.cellGrapheme(c), width: 2, style: style))
                }
            }
            col += w
        }
        return max(0, col - max(x, 0))
    }

    /// Writes `text` cut with `ellipsis` to fit `maxWidth` columns (and the buffer edge); returns the columns used.
    @discardableResult
    public mutating func putTruncated(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style, ellipsis: String = "…") -> Int {
        guard y >= 0, y < height, x >= 0, x < width, maxWidth > 0 else { return 0 }
        let room = min(maxWidth, width - x)
        // In ASCII the stand-ins are measured as drawn (`→` is `->`, two columns), so the cut is honest.
        let safe = asciiOnly ? TerminalText.asciiFallback(text) : TerminalText.sanitize(text)
        return put(TerminalText.truncate(safe, toWidth: room, ellipsis: ellipsis), x: x, y: y, maxWidth: room, style: style)
    }

    /// The text of each row, continuation cells skipped and trailing spaces kept (for golden tests).
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            let row = y * width
            for x in 0..<width where cells[row + x].width != 0 {
                line += cells[row + x].grapheme
            }
            return line
        }
    }


    // MARK: - Internals

    private func clip(_ r: Rect) -> Rect {
        let x0 = max(0, r.x), y0 = max(0, r.y)
        let x1 = min(width, r.maxX), y1 = min(height, r.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Before writing at `x`: if `x` is the right half of a wide cell, blank the left half.
    @inline(__always)
    private mutating func repairLeftEdge(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].width == 0, x > 0 {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
    }

    /// Before writing at `x`: if `x` is the left half of a wide cell, blank the right half.
    @inline(__always)
    private mutating func repairRightEdge(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].width == 2, x + 1 < width {
            cells[i + 1] = .blank(cells[i + 1].style)
        }
    }

    @inline(__always)
    private mutating func setNarrow(_ i: Int, x: Int, y: Int, _ cell: Cell) {
        let old = cells[i].width
        if old != 1 {
            if old == 0 { repairLeftEdge(x: x, y: y) } else { repairRightEdge(x: x, y: y) }
        }
        cells[i] = cell
    }

    private mutating func setWide(x: Int, y: Int, _ cell: Cell) {
        repairLeftEdge(x: x, y: y)
        repairRightEdge(x: x + 1, y: y)
        let i = y * width + x
        cells[i] = cell
        cells[i + 1] = .continuation(cell.style)
    }
}
