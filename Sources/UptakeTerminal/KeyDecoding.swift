import CNcurses
import UptakeUI

/// Decodes one code from `wget_wch` into a ``Key``.
///
/// `isFunctionKey` is true when `wget_wch` returned `KEY_CODE_YES`, so `code` is
/// a curses key code such as `KEY_UP`; otherwise `code` is a character. Returns
/// nil for codes the app has no use for (unknown keys, lone control codes
/// without a letter, F13 and above).
///
/// Enter arrives as 13 under `nonl()` and as 10 otherwise, so both decode to
/// ``Key/enter``; 8 (Ctrl-H) and 127 (DEL) both decode to ``Key/backspace``
/// because terminals send either for the Backspace key.
public func decodeKey(code: Int32, isFunctionKey: Bool) -> Key? {
    if isFunctionKey {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        default:
            let n = code - uptake_KEY_F(0)
            return (1...12).contains(n) ? .function(Int(n)) : nil
        }
    }
    switch code {
    case 10, 13: return .enter
    case 9: return .tab
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
        // Ctrl-A is 1 ... Ctrl-Z is 26.
        return .control(Character(Unicode.Scalar(UInt8(96 + code))))
    case 32...:
        guard let scalar = Unicode.Scalar(UInt32(code)), !(0x80..<0xA0).contains(scalar.value) else { return nil }
        return .character(Character(scalar))
    default:
        return nil
    }
}
