import UptakeUI

/// A cell built only through `Buffer(width:height:)` and `Cell`'s public stored properties,
/// so the tests rely on no particular `Cell` initialiser.
func makeCell(_ grapheme: String, width: UInt8, style: Style = .plain) -> Cell {
    var cell = Buffer(width: 1, height: 1).cells[0]
    cell.grapheme = grapheme
    cell.width = width
    cell.style = style
    return cell
}
