extension TerminalText {
    /// ASCII stand-ins for the typographic and drawing characters uptake itself draws.
    ///
    /// Nearly every stand-in has the width of its original (one column), so
    /// layouts measured on the Unicode text stay aligned in ASCII. The few that
    /// are wider (``widenedStandIns``) are there because a one-column stand-in
    /// would change the meaning: `30.8% > 35.6%` is a false statement where
    /// `30.8% -> 35.6%` is not, and `>` is not `≥`. Text that is laid out after
    /// conversion (reports, wrapped text) gets them at their true width.
    ///
    /// Each stand-in was checked for a change of meaning (`AsciiStandInTests`):
    /// no arrow or tick becomes a comparison or an arithmetic sign.
    static let asciiStandIns: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [:]
        func add(_ from: String, _ to: String) { for s in from.unicodeScalars { map[s] = to } }
        add("·•∙◦", "*")                       // bullets and middle dots: list marks, never multiplication
        add("—–−‐‑‒―─━╌╍┄┅", "-")              // dashes and the minus sign
        add("“”„″", "\"")
        add("‘’‚′", "'")
        add("…", "~")                          // only ever ends cut text, where it cannot read as "about"
        add("ΔδΔ", "d")                        // "d pp": the change
        add("✓✔", "*")                         // a tick beside a word ("yes ✓"); `+` would read as a sign
        add("✗✘", "x")
        add("×", "x")                          // "2.1×": times, as in "2.1x"
        add("≈∼", "~")
        add("≥", ">=")                         // wider: `>` alone would say "more than"
        add("≤", "<=")
        add("→⇒⟶", "->")                       // wider: `>` alone reads "30.8% > 35.6%", a false comparison
        add("←⇐⟵", "<-")
        add("▶▸►", ">")                        // markers (selection), not between numbers
        add("◀◂◄", "<")
        add("↑▲▴", "^")
        add("↓▼▾", "v")
        add("●○◆◇", "o")
        add("│┃║╎╏┆┇├┤┝┥╟╢", "|")
        add("┌┐└┘┏┓┗┛╔╗╚╝╭╮╯╰┼┬┴╋", "+")        // corners: only ever inside borders and whiskers
        add("█▉▊▋▌▍▎▏▇▆", "#")
        add("▅▄", "=")
        add("▃▂", "-")
        add("▁", "_")
        add("°", "o")
        add("£", "GBP ")                       // wider: there is no one-column pound sign in ASCII
        add("\u{FFFD}", "?")
        // The control pictures that sanitising puts in place of control characters.
        for v in UInt32(0x2400)...UInt32(0x2421) { map[Unicode.Scalar(v)!] = "^" }
        return map
    }()

    /// The originals whose stand-in is wider than they are (`→` is one column, `->` two).
    public static let widenedStandIns: Set<Character> = Set(
        asciiStandIns.filter { $0.value.count > 1 }.keys.map { Character($0) })

    /// `s` in ASCII for a terminal without UTF-8: sanitised, uptake's own symbols replaced by
    /// their stand-ins, accented letters without the accent (``TextFold/baseLetter(_:)``), anything else by `?`
    /// (`??` for a two-column character).
    ///
    /// Width is preserved grapheme by grapheme except for ``widenedStandIns``
    /// (`→` becomes `->`, `≥` becomes `>=`): lay text out after converting it
    /// where those can occur, or allow the extra column.
    public static func asciiFallback(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        var out = String.UnicodeScalarView()
        for c in sanitize(s) {
            let w = width(of: c)
            if w == 0 { continue }
            guard let first = c.unicodeScalars.first else { continue }
            if first.isASCII && c.unicodeScalars.count == 1 {
                out.append(first)
            } else if w == 1, let look = asciiStandIns[first] {
                out.append(contentsOf: look.unicodeScalars)
            } else if w == 1, let base = TextFold.baseLetter(c) {
                out.append(base)
            } else {
                out.append(contentsOf: String(repeating: "?", count: w).unicodeScalars)
            }
        }
        return String(out)
    }
}
