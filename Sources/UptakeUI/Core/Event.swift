/// A key press, as the backend decodes it; key bindings are data over these.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, space).
    case character(Character)
    /// A control chord such as Ctrl-C, named by its lower-case letter.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// A function key F1-F12.
    case function(Int)
}

/// A mouse event in screen cells (0-based column and row).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        /// A left-button press (a click).
        case press
        /// The wheel turned up (away from the user).
        case wheelUp
        /// The wheel turned down.
        case wheelDown
    }
    /// What happened.
    public var kind: Kind
    /// Column, 0-based.
    public var x: Int
    /// Row, 0-based.
    public var y: Int

    /// Creates a mouse event.
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Everything the terminal can tell the app.
public enum TerminalEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A click or wheel turn.
    case mouse(MouseEvent)
    /// The terminal is now this many columns by rows.
    case resize(width: Int, height: Int)
}

/// How many colours the terminal can show; themes are mapped down to it.
public enum ColorDepth: Int, Comparable, Sendable {
    /// No colour at all (`NO_COLOR`, vt100, monochrome theme): attributes only.
    case none = 0
    /// The 8 basic ANSI colours.
    case ansi8 = 8
    /// The 16 ANSI colours with bright variants.
    case ansi16 = 16
    /// The xterm 256-colour palette.
    case indexed256 = 256

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}
