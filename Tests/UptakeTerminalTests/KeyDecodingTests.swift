import CNcurses
import Testing
import UptakeUI
@testable import UptakeTerminal

@Suite struct KeyDecodingTests {
    @Test func cursesKeyCodes() {
        #expect(decodeKey(code: KEY_UP, isFunctionKey: true) == .up)
        #expect(decodeKey(code: KEY_DOWN, isFunctionKey: true) == .down)
        #expect(decodeKey(code: KEY_LEFT, isFunctionKey: true) == .left)
        #expect(decodeKey(code: KEY_RIGHT, isFunctionKey: true) == .right)
        #expect(decodeKey(code: KEY_PPAGE, isFunctionKey: true) == .pageUp)
        #expect(decodeKey(code: KEY_NPAGE, isFunctionKey: true) == .pageDown)
        #expect(decodeKey(code: KEY_HOME, isFunctionKey: true) == .home)
        #expect(decodeKey(code: KEY_END, isFunctionKey: true) == .end)
        #expect(decodeKey(code: KEY_BTAB, isFunctionKey: true) == .backTab)
        #expect(decodeKey(code: KEY_ENTER, isFunctionKey: true) == .enter)
        #expect(decodeKey(code: KEY_BACKSPACE, isFunctionKey: true) == .backspace)
        #expect(decodeKey(code: KEY_DC, isFunctionKey: true) == .delete)
        #expect(decodeKey(code: KEY_F0 + 1, isFunctionKey: true) == .function(1))
        #expect(decodeKey(code: KEY_F0 + 12, isFunctionKey: true) == .function(12))
        #expect(decodeKey(code: KEY_F0 + 13, isFunctionKey: true) == nil)
    }

    @Test func characterCodes() {
        #expect(decodeKey(code: 10, isFunctionKey: false) == .enter)
        #expect(decodeKey(code: 13, isFunctionKey: false) == .enter)
        #expect(decodeKey(code: 9, isFunctionKey: false) == .tab)
        #expect(decodeKey(code: 27, isFunctionKey: false) == .escape)
        #expect(decodeKey(code: 127, isFunctionKey: false) == .backspace)
        #expect(decodeKey(code: 8, isFunctionKey: false) == .backspace)
        #expect(decodeKey(code: 1, isFunctionKey: false) == .control("a"))
        #expect(decodeKey(code: 3, isFunctionKey: false) == .control("c"))
        #expect(decodeKey(code: 26, isFunctionKey: false) == .control("z"))
        #expect(decodeKey(code: 0, isFunctionKey: false) == nil)
        #expect(decodeKey(code: 32, isFunctionKey: false) == .character(" "))
        #expect(decodeKey(code: 113, isFunctionKey: false) == .character("q"))
        #expect(decodeKey(code: 0x5065, isFunctionKey: false) == .character("健"))
        #expect(decodeKey(code: 0x1F600, isFunctionKey: false) == .character("😀"))
        #expect(decodeKey(code: 0x9B, isFunctionKey: false) == nil)       // C1 control
        #expect(decodeKey(code: 0xD800, isFunctionKey: false) == nil)     // surrogate: not a scalar
    }

    @Test func mouseReports() {
        #expect(CursesTerminal.mouseEvent(buttonState: uptake_BUTTON4_PRESSED(), x: 3, y: 4) == MouseEvent(kind: .wheelUp, x: 3, y: 4))
        #expect(CursesTerminal.mouseEvent(buttonState: uptake_BUTTON5_PRESSED(), x: 0, y: 0)?.kind == .wheelDown)
        #expect(CursesTerminal.mouseEvent(buttonState: uptake_BUTTON1_PRESSED(), x: 7, y: 2) == MouseEvent(kind: .press, x: 7, y: 2))
        #expect(CursesTerminal.mouseEvent(buttonState: 0, x: 0, y: 0) == nil)
    }
}
