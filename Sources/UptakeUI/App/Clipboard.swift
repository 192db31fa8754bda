import UptakeCore

/// `y`: copying the current row or the spotlight's sentence to the clipboard with OSC 52.
///
/// Off unless ``AppState/clipboardEnabled`` (the `--clipboard` flag or the config): a
/// terminal that honours OSC 52 puts the text on the system clipboard, one that
/// does not ignores it. Never in the kiosk (its key policy blocks `y`).
public enum OSC52 {
    /// The escape sequence that asks the terminal to set its clipboard to `text` (`ESC ] 52 ; c ; BASE64 BEL`).
    public static func sequence(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;".utf8) + base64(Array(text.utf8)) + [0x07]
    }

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? table[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}

extension AppState {
    /// What `y` copies on the pane shown (each piece made terminal-safe): the selected row's cells (tab-separated, for a spreadsheet),
    /// the spotlight's sentence, or nil where the pane has no current row.
    func clipboardText() -> String? {
        let context = self.context
        switch currentPane {
        case let p as SpotlightPane:
            switch p.slide(context) {
            case .series(let r): return TerminalText.sanitize(context.index.table.rows[r].statement(labels: context.dataset.metadata))
            case .indicator(let i):
                let ind = context.dataset.indicators[i]
                return TerminalText.sanitize(ind.title + (ind.source.map { " (source: \($0))" } ?? ""))
            case .deprivation(let i): return TerminalText.sanitize(context.index.inequality.rows[i].siiStatement)
            case .summary: return TerminalText.sanitize(context.index.table.headline)
            }
        case let p as UptakePane:
            guard let r = p.list.selectedRow else { return nil }
            let cols = UptakeColumn.allCases.filter { $0 != .trend || context.index.maxPeriods > 2 }
            return cols.map { UptakePane.cell($0, context.index.table.rows[r], glyphs: .unicode) }.map(TerminalText.sanitize).joined(separator: "\t")
        case let p as PartnersPane:
            guard p.openRecord == nil, let r = p.list.selectedRow else { return nil }
            return PartnerColumn.allCases.map { PartnersPane.cell($0, context.index.partners[r]) }.map(TerminalText.sanitize).joined(separator: "\t")
        default:
            return nil
        }
    }

    /// `y`: the copy effect, or a notice saying why there is none.
    mutating func copyEffects() -> [Effect] {
        guard clipboardEnabled else {
            notice = "copying is off: start with --clipboard (OSC 52) to allow it"
            return []
        }
        guard let text = clipboardText(), !text.isEmpty else {
            notice = "nothing to copy here: choose a row on Uptake or Partners, or open the spotlight"
            return []
        }
        notice = "copied \(NumberFormat.count(text.count, "character")) to the clipboard (if the terminal allows OSC 52)"
        return [.copyToClipboard(text)]
    }
}
