import UptakeUI

/// Turns the bytes a terminal sends into keys and mouse events: UTF-8 text, control keys, CSI and SS3
/// sequences (xterm, tmux, the Linux console), and X10 and SGR mouse reports.
///
/// The dashboard reads standard input itself, through `poll`, rather than through
/// curses' `wget_wch`: curses keeps bytes it has read in a buffer that `poll` cannot
/// see (a lone Esc, the tail of a mouse report), so a loop that waits on several
/// sources would miss them. Here nothing is hidden: a sequence cut short stays in
/// ``hasPartial`` until more bytes come or the escape delay passes and ``flush()``
/// turns it into the keys it was.
public struct InputDecoder: Sendable {
    private var pending: [UInt8] = []
    /// The longest sequence waited for; longer garbage is dropped a byte at a time.
    static let longestSequence = 32

    /// Creates a decoder with nothing pending.
    public init() {}

    /// True when bytes wait for the rest of a sequence (a lone Esc, say).
    public var hasPartial: Bool { !pending.isEmpty }

    /// Decodes `bytes` after what was pending; a sequence cut short waits for the next call.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [TerminalEvent] {
        pending.append(contentsOf: bytes)
        return decode(final: false)
    }

    /// The escape delay passed with nothing more: what is pending is decoded as it stands (a lone Esc is the Esc key).
    public mutating func flush() -> [TerminalEvent] { decode(final: true) }

    private enum Step {
        case event(TerminalEvent?, consumed: Int)
        case incomplete
    }

    private mutating func decode(final: Bool) -> [TerminalEvent] {
        var out: [TerminalEvent] = []
        var i = 0
        while i < pending.count {
            switch step(at: i, final: final) {
            case .event(let e, let n):
                if let e { out.append(e) }
                i += max(1, n)
            case .incomplete:
                pending.removeFirst(i)
                return out
            }
        }
        pending.removeAll(keepingCapacity: true)
        return out
    }

    private func step(at i: Int, final: Bool) -> Step {
        let b = pending[i]
        let rest = pending.count - i
        switch b {
        case 0x1B:
            if rest == 1 { return final ? .event(.key(.escape), consumed: 1) : .incomplete }
            let b1 = pending[i + 1]
            if b1 == UInt8(ascii: "[") { return csi(at: i, final: final) }
            if b1 == UInt8(ascii: "O") {
                if rest < 3 { return final ? .event(.key(.escape), consumed: 1) : .incomplete }
                return .event(ss3(pending[i + 2]).map { .key($0) }, consumed: 3)
            }
            // Esc then another key (typed quickly, or Alt held): the Esc key, then that key.
            return .event(.key(.escape), consumed: 1)
        case 0x0D, 0x0A: return .event(.key(.enter), consumed: 1)
        case 0x09: return .event(.key(.tab), consumed: 1)
        case 0x7F, 0x08: return .event(.key(.backspace), consumed: 1)
        case 0x01...0x1A: return .event(.key(.control(Character(Unicode.Scalar(b + 96)))), consumed: 1)
        case 0x00, 0x1C...0x1F: return .event(nil, consumed: 1)
        case 0x20...0x7E: return .event(.key(.character(Character(Unicode.Scalar(b)))), consumed: 1)
        default: return utf8(at: i, final: final)
        }
    }

    /// One UTF-8 character; an invalid or unfinished one (at the end) is dropped.
    private func utf8(at i: Int, final: Bool) -> Step {
        let b = pending[i]
        let length: Int
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .event(nil, consumed: 1)
        }
        guard pending.count - i >= length else { return final ? .event(nil, consumed: pending.count - i) : .incomplete }
        let bytes = pending[i..<(i + length)]
        guard bytes.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { return .event(nil, consumed: 1) }
        let s = String(decoding: bytes, as: UTF8.self)
        guard let scalar = s.unicodeScalars.first, s.unicodeScalars.count == 1, scalar.value != 0xFFFD,
              !(0x80..<0xA0).contains(scalar.value) else { return .event(nil, consumed: length) }
        return .event(.key(.character(Character(scalar))), consumed: length)
    }

    /// `ESC [ …`: keys with optional parameters, `ESC [ M b x y` (X10 mouse), `ESC [ < b;x;y M|m` (SGR mouse),
    /// `ESC [ [ A`…`E` (the Linux console's F1-F5).
    private func csi(at i: Int, final: Bool) -> Step {
        let rest = pending.count - i
        if rest < 3 { return final ? .event(.key(.escape), consumed: 1) : .incomplete }
        let b2 = pending[i + 2]
        if b2 == UInt8(ascii: "M") {
            if rest < 6 { return final ? .event(nil, consumed: rest) : .incomplete }
            let button = Int(pending[i + 3]) - 32, x = Int(pending[i + 4]) - 33, y = Int(pending[i + 5]) - 33
            return .event(Self.mouse(button: button, x: x, y: y, press: true).map { .mouse($0) }, consumed: 6)
        }
        if b2 == UInt8(ascii: "[") {
            if rest < 4 { return final ? .event(nil, consumed: rest) : .incomplete }
            let f = Int(pending[i + 3]) - Int(UInt8(ascii: "A")) + 1
            return .event((1...5).contains(f) ? .key(.function(f)) : nil, consumed: 4)
        }
        // Parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, then one final byte 0x40-0x7E.
        var j = i + 2
        while j < pending.count, (0x20...0x3F).contains(pending[j]) { j += 1 }
        guard j < pending.count else {
            if j - i > Self.longestSequence || final { return .event(nil, consumed: j - i) }
            return .incomplete
        }
        let finalByte = pending[j]
        guard (0x40...0x7E).contains(finalByte) else { return .event(nil, consumed: j - i) }
        let params = String(decoding: pending[(i + 2)..<j], as: UTF8.self)
        let consumed = j - i + 1
        if params.hasPrefix("<") {
            let n = params.dropFirst().split(separator: ";").compactMap { Int($0) }
            guard n.count == 3 else { return .event(nil, consumed: consumed) }
            let press = finalByte == UInt8(ascii: "M")
            return .event(Self.mouse(button: n[0], x: n[1] - 1, y: n[2] - 1, press: press).map { .mouse($0) }, consumed: consumed)
        }
        let first = Int(params.split(separator: ";").first ?? "") ?? 1
        let key: Key?
        switch Character(Unicode.Scalar(finalByte)) {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": key = .backTab
        case "P": key = .function(1)
        case "Q": key = .function(2)
        case "R": key = .function(3)
        case "S": key = .function(4)
        case "~":
            switch first {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(first - 10)
            case 17...21: key = .function(first - 11)
            case 23, 24: key = .function(first - 12)
            default: key = nil
            }
        default: key = nil
        }
        return .event(key.map { .key($0) }, consumed: consumed)
    }

    /// `ESC O x`: arrows, Home, End and F1-F4 in application mode, Enter on the keypad.
    private func ss3(_ b: UInt8) -> Key? {
        switch Character(Unicode.Scalar(b)) {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "M": return .enter
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        default: return nil
        }
    }

    /// A mouse report's button code as an event: a left press, or a wheel turn; releases and motion are dropped.
    static func mouse(button: Int, x: Int, y: Int, press: Bool) -> MouseEvent? {
        guard x >= 0, y >= 0, press else { return nil }
        if button & 32 != 0 { return nil }  // motion
        if button & 64 != 0 { return MouseEvent(kind: button & 1 == 0 ? .wheelUp : .wheelDown, x: x, y: y) }
        return button & 3 == 0 ? MouseEvent(kind: .press, x: x, y: y) : nil
    }
}
