import UptakeCore

/// A one-line text field being edited: the text and the cursor (in characters).
public struct TextField: Hashable, Sendable {
    /// The text.
    public var text = ""
    /// The cursor: characters before it.
    public var cursor = 0

    /// Creates a field holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Inserts `s` at the cursor (sanitised: no escape reaches the screen or the store from a key).
    mutating func insert(_ s: String) {
        let clean = TerminalText.sanitize(s)
        guard !clean.isEmpty else { return }
        let at = text.index(text.startIndex, offsetBy: min(cursor, text.count))
        text.insert(contentsOf: clean, at: at)
        cursor += clean.count
    }

    /// Deletes the character before the cursor.
    mutating func backspace() {
        guard cursor > 0, !text.isEmpty else { return }
        let at = text.index(text.startIndex, offsetBy: min(cursor, text.count) - 1)
        text.remove(at: at)
        cursor -= 1
    }

    /// Moves the cursor by `d` characters, within the text.
    mutating func move(_ d: Int) { cursor = min(max(0, cursor + d), text.count) }
}

/// The dashboard's form for recording an insight or changing an insight's codes.
///
/// Tab / Shift-Tab move between fields; text fields edit with the usual keys
/// (characters, Backspace, ←/→, Home/End); pick lists choose with ←/→ (method,
/// partner) or ↑/↓ and Space (codes); Ctrl-O (or F2) saves, Esc cancels.
public struct InsightForm: Hashable, Sendable {
    /// The form's fields, in Tab order.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case text, gathered, method, partner, place, codes, sensitive
    }

    /// Editing an existing insight's codes (only the codes field), or nil for a new insight.
    public var recoding: Int64?
    /// The focused field.
    public var focus: Field
    public var text = TextField()
    public var gathered = TextField()
    public var place = TextField()
    /// Methods to choose from, and the chosen one.
    public var methods: [String]
    public var method = 0
    /// Partners to choose from (index 0 is "none"), and the chosen one.
    public var partners: [String]
    public var partner = 0
    /// Codes to choose from, the pick-list cursor and the chosen ones.
    public var codes: [String]
    public var codeCursor = 0
    public var chosen: Set<String> = []
    public var sensitive = false
    /// Why the last save was refused, shown under the form.
    public var problem: String?

    /// A new insight's form.
    public init(methods: [String], partners: [String], codes: [String], today: String) {
        self.methods = methods.isEmpty ? Insight.standardMethods : methods
        self.partners = ["(none)"] + partners
        self.codes = codes
        self.gathered = TextField(today)
        self.focus = .text
    }

    /// A form changing `insight`'s codes.
    public init(recoding insight: Insight, codes: [String]) {
        self.init(methods: [insight.method], partners: [], codes: codes, today: insight.gathered)
        recoding = insight.id
        text = TextField(insight.text)
        chosen = Set(insight.codes)
        focus = .codes
    }

    /// The fields shown and reachable with Tab.
    var fields: [Field] { recoding == nil ? Field.allCases : [.codes] }

    /// Applies a command; returns the change to save when the form is complete, or nil.
    mutating func handle(_ command: PaneCommand) -> InsightChange? {
        problem = nil
        switch command {
        case .nextItem: moveFocus(1)
        case .previousItem: moveFocus(-1)
        case .filterInput(let s):
            switch focus {
            case .text: text.insert(s)
            case .gathered: gathered.insert(s)
            case .place: place.insert(s)
            case .codes where s == " ": toggleCode()
            case .sensitive where s == " ": sensitive.toggle()
            case .method where s == " ": method = (method + 1) % methods.count
            case .partner where s == " ": partner = (partner + 1) % partners.count
            default: break
            }
        case .filterBackspace:
            switch focus {
            case .text: text.backspace()
            case .gathered: gathered.backspace()
            case .place: place.backspace()
            default: break
            }
        case .cursor(let d):
            switch focus {
            case .text: text.move(d)
            case .gathered: gathered.move(d)
            case .place: place.move(d)
            case .method: method = (method + d + methods.count) % methods.count
            case .partner: partner = (partner + d + partners.count) % partners.count
            case .codes: moveCodeCursor(d)
            case .sensitive: sensitive.toggle()
            }
        case .move(let d):
            if focus == .codes { moveCodeCursor(d) } else { moveFocus(d) }
        case .home:
            switch focus {
            case .text: text.cursor = 0
            case .gathered: gathered.cursor = 0
            case .place: place.cursor = 0
            default: break
            }
        case .end:
            switch focus {
            case .text: text.move(Int.max / 2)
            case .gathered: gathered.move(Int.max / 2)
            case .place: place.move(Int.max / 2)
            default: break
            }
        case .open:
            if focus == .codes { toggleCode() } else if focus == fields.last { return submit() } else { moveFocus(1) }
        case .submit:
            return submit()
        default: break
        }
        return nil
    }

    mutating func moveFocus(_ d: Int) {
        let list = fields
        let at = list.firstIndex(of: focus) ?? 0
        focus = list[min(max(0, at + d), list.count - 1)]
    }

    mutating func moveCodeCursor(_ d: Int) {
        guard !codes.isEmpty else { return }
        codeCursor = min(max(0, codeCursor + d), codes.count - 1)
    }

    mutating func toggleCode() {
        guard codes.indices.contains(codeCursor) else { return }
        let c = codes[codeCursor]
        if chosen.contains(c) { chosen.remove(c) } else { chosen.insert(c) }
    }

    /// The chosen codes in the code frame's order.
    var chosenCodes: [String] { codes.filter { chosen.contains($0) } }

    /// The change the form describes, or nil with `problem` set.
    mutating func submit() -> InsightChange? {
        if let id = recoding { return .setCodes(id, chosenCodes) }
        let body = text.text.trimmingSpacesAndLines
        guard !body.isEmpty else { problem = "the text is empty"; focus = .text; return nil }
        guard Insight.isDate(gathered.text) else { problem = "the date is not YYYY-MM-DD"; focus = .gathered; return nil }
        let p = place.text.trimmingSpacesAndLines
        return .add(Insight(text: body, gathered: gathered.text, method: methods[method], place: p.isEmpty ? nil : p,
                            partner: partner == 0 ? nil : partners[partner], sensitive: sensitive, codes: chosenCodes))
    }

    /// Draws the form as a document (the focused field highlighted, the text cursor shown).
    func document(_ context: PaneContext, width: Int) -> Document {
        let theme = context.theme
        var doc = Document(width: width, theme: theme, glyphs: context.glyphs)
        doc.heading(recoding == nil ? "Record an insight" : "Codes of insight #\(recoding!)")
        doc.text("Tab/S-Tab: field · ←/→: move or choose · Space: tick · Ctrl-O: save · Esc: cancel", style: theme.dim)
        doc.blank()
        func label(_ f: Field, _ name: String) -> StyledSpan {
            StyledSpan((focus == f ? context.glyphs.selectionMarker : " ") + " " + TerminalText.pad(name, toWidth: 10, alignment: .left),
                       style: focus == f ? theme.accent : theme.dim)
        }
        func textLine(_ f: Field, _ name: String, _ field: TextField) {
            var spans = [label(f, name)]
            if focus == f {
                let chars = Array(field.text)
                let before = String(chars[..<min(field.cursor, chars.count)])
                let at = field.cursor < chars.count ? String(chars[field.cursor]) : " "
                let after = field.cursor + 1 < chars.count ? String(chars[(field.cursor + 1)...]) : ""
                // Keep the cursor in view on a long text: show its tail.
                let room = max(4, width - 12)
                let shownBefore = TerminalText.width(before) > room - 1 ? String(before.suffix(room - 1)) : before
                spans += [StyledSpan(shownBefore, style: theme.text), StyledSpan(at, style: theme.selection), StyledSpan(after, style: theme.text)]
            } else {
                spans.append(StyledSpan(field.text.isEmpty ? "—" : field.text, style: theme.text))
            }
            doc.line(spans)
        }
        if recoding == nil {
            textLine(.text, "Text", text)
            textLine(.gathered, "Gathered", gathered)
            doc.line([label(.method, "Method"), StyledSpan("‹ " + methods[method] + " ›", style: focus == .method ? theme.selection : theme.text)])
            doc.line([label(.partner, "Partner"), StyledSpan("‹ " + partners[partner] + " ›", style: focus == .partner ? theme.selection : theme.text)])
            textLine(.place, "Place", place)
        } else {
            doc.text(text.text, style: theme.dim, indent: 2)
            doc.blank()
        }
        doc.line([label(.codes, "Codes"), StyledSpan(chosenCodes.isEmpty ? "none" : chosenCodes.joined(separator: "; "), style: theme.text)])
        for (i, c) in codes.enumerated() {
            let tick = chosen.contains(c) ? "[x] " : "[ ] "
            let style = focus == .codes && i == codeCursor ? theme.selection : theme.text
            doc.line([StyledSpan(String(repeating: " ", count: 13), style: theme.text), StyledSpan(tick + c, style: style)])
        }
        if recoding == nil {
            doc.line([label(.sensitive, "Sensitive"), StyledSpan(sensitive ? "[x] personal or sensitive" : "[ ] personal or sensitive",
                                                              style: focus == .sensitive ? theme.selection : theme.text)])
        }
        if let problem { doc.blank(); doc.text("Not saved: " + problem, style: theme.error) }
        return doc
    }

    /// The form's keys: while it is open every printable key is text.
    static let keys: [KeyBinding] = [
        // Not Ctrl-S: the terminal runs in cbreak mode with flow control on, where Ctrl-S stops the output (XOFF).
        KeyBinding([.control("o"), .function(2)], "Ctrl-O / F2", "save the insight", section: .filter, .action(.pane(.submit)), hint: "save"),
        KeyBinding([.escape], "Esc", "cancel the form", section: .filter, .action(.back), hint: "cancel"),
        KeyBinding([.tab], "Tab", "next field", section: .filter, .action(.pane(.nextItem)), hint: "field"),
        KeyBinding([.backTab], "S-Tab", "previous field", section: .filter, .action(.pane(.previousItem))),
        KeyBinding([.enter], "Enter", "next field (tick a code; save on the last)", section: .filter, .action(.pane(.open))),
        KeyBinding([.left], "←", "cursor left, previous choice", section: .filter, .action(.pane(.cursor(-1)))),
        KeyBinding([.right], "→", "cursor right, next choice", section: .filter, .action(.pane(.cursor(1)))),
        KeyBinding([.up], "↑", "previous code or field", section: .filter, .action(.pane(.move(-1)))),
        KeyBinding([.down], "↓", "next code or field", section: .filter, .action(.pane(.move(1)))),
        KeyBinding([.home, .control("a")], "Home", "start of the field", section: .filter, .action(.pane(.home))),
        KeyBinding([.end, .control("e")], "End", "end of the field", section: .filter, .action(.pane(.end))),
        KeyBinding([.backspace, .delete], "Backspace", "delete a character", section: .filter, .action(.pane(.filterBackspace))),
        KeyBinding([], "any character", "typed into the field (Space ticks a pick list)", section: .filter, .typeIntoFilter),
    ]
}

extension String {
    /// The text without leading and trailing white space and line breaks.
    var trimmingSpacesAndLines: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
