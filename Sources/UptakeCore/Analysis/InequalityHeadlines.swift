import Foundation

/// One plain-English headline per inequality indicator (like indicators merged), shared by the Overview and reports.
public enum InequalityHeadlines {

    /// One short headline per indicator, in file order, built from its title, place, groups, qualifiers, units and
    /// measures; consecutive one-group indicators about the same groups (`Rate of X: A vs B`) share one headline.
    public static func headlines(_ indicators: [Indicator]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < indicators.count {
            var run = [indicators[i]]
            while i + run.count < indicators.count, mergeable(run[0], indicators[i + run.count]) { run.append(indicators[i + run.count]) }
            out.append(run.count > 1 ? mergedHeadline(run) : headline(run[0]))
            i += run.count
        }
        return out.map(TerminalText.sanitize)
    }

    /// `Rate of hypertension: Black vs White` → ("Rate of hypertension", "Black vs White"); no colon → (title, nil).
    static func split(_ title: String) -> (head: String, tail: String?) {
        guard let c = title.firstIndex(of: ":") else { return (title.trimmingCharacters(in: .whitespaces), nil) }
        let tail = title[title.index(after: c)...].trimmingCharacters(in: .whitespaces)
        return (title[..<c].trimmingCharacters(in: .whitespaces), tail.isEmpty ? nil : tail)
    }

    /// `Bi-borough (RBKC & Westminster)` → `Bi-borough`.
    static func shortPlace(_ place: String?) -> String? {
        guard var p = place?.trimmingCharacters(in: .whitespaces), !p.isEmpty else { return nil }
        if p.hasSuffix(")"), let open = p.lastIndex(of: "("), open > p.startIndex { p = String(p[..<open]).trimmingCharacters(in: .whitespaces) }
        return p
    }

    /// The first letter lower-cased when the word is not an acronym (`Life` → `life`, `VCS` stays).
    static func lowerFirst(_ s: String) -> String {
        let word = s.prefix { $0 != " " }
        guard let f = word.first, f.isUppercase, word.dropFirst().allSatisfy({ !$0.isUppercase }) else { return s }
        return f.lowercased() + s.dropFirst()
    }

    /// A group's figure: `almost 33.3%`, or the bare number when `bare` (the unit follows the last figure instead).
    static func figure(_ g: IndicatorGroup, unit: String?, bare: Bool = false) -> String? {
        guard let v = g.value else { return nil }
        let u = g.measure == .ratio ? "ratio" : unit
        let n = minus(bare ? IndicatorFormat.value(v, unit: nil) : IndicatorFormat.value(v, unit: u))
        return (g.qualifier.map { $0 + " " } ?? "") + n
    }

    /// True when the unit is written after the number with a space (`years`), so a list can give it once at the end.
    static func wordUnit(_ unit: String?) -> Bool {
        guard let u = unit?.trimmingCharacters(in: .whitespaces).lowercased(), !u.isEmpty else { return false }
        return u != "%" && u != "ratio"
    }

    /// True when the groups are places within the indicator's place (`Westminster`), so the place need not be said.
    static func groupsArePlaces(_ ind: Indicator) -> Bool {
        guard let place = ind.place?.lowercased(), let short = shortPlace(ind.place)?.lowercased() else { return false }
        return ind.groups.contains { g in
            let n = g.name.lowercased()
            return place.contains(n) || n.contains(short)
        }
    }

    /// "Walsall " before the subject, or "" when the groups already name places or there is no place.
    static func placePrefix(_ ind: Indicator) -> String {
        guard !groupsArePlaces(ind), let p = shortPlace(ind.place) else { return "" }
        return p
    }

    /// The subject: the title's head without a trailing `, Walsall`, after the place when there is one.
    static func subject(_ ind: Indicator, head: String) -> String {
        var h = head
        if let p = shortPlace(ind.place), h.hasSuffix(", " + p) { h = String(h.dropLast(p.count + 2)) }
        let prefix = placePrefix(ind)
        return prefix.isEmpty ? h : prefix + " " + lowerFirst(h)
    }

    static func mergeable(_ a: Indicator, _ b: Indicator) -> Bool {
        guard a.groups.count == 1, b.groups.count == 1, a.groups[0].value != nil, b.groups[0].value != nil,
              a.groups[0].name == b.groups[0].name, a.groups[0].measure == b.groups[0].measure,
              a.place == b.place, a.unit == b.unit, let ta = split(a.title).tail, ta == split(b.title).tail else { return false }
        return true
    }

    /// `Bi-borough, Black vs White ethnic background: rate of hypertension almost 2×, diabetes almost 3×, obesity almost 3×`.
    static func mergedHeadline(_ run: [Indicator]) -> String {
        let heads = run.map { split($0.title).head }
        // The words every head starts with ("Rate of") are said once, before the first.
        var common = heads[0].split(separator: " ").map(String.init)
        for h in heads.dropFirst() {
            let w = h.split(separator: " ").map(String.init)
            var n = 0
            while n < common.count, n < w.count - 1, common[n].lowercased() == w[n].lowercased() { n += 1 }
            common = Array(common.prefix(n))
        }
        let items = zip(run, heads).enumerated().map { k, pair -> String in
            let (ind, head) = pair
            let words = head.split(separator: " ").map(String.init)
            let own = k == 0 ? head : words.dropFirst(common.count).joined(separator: " ")
            return lowerFirst(own) + (figure(ind.groups[0], unit: ind.unit).map { " " + $0 } ?? "")
        }
        let tail = split(run[0].title).tail ?? run[0].groups[0].name
        let prefix = placePrefix(run[0])
        return (prefix.isEmpty ? tail : prefix + ", " + tail) + ": " + items.joined(separator: ", ")
    }

    /// One indicator's headline.
    static func headline(_ ind: Indicator) -> String {
        let (head, tail) = split(ind.title)
        let subject = subject(ind, head: head)
        if let c = ind.computedComparison {
            return subject + ", " + versus(c.comparison.name, c.reference.name) + ": gap " + minus(IndicatorFormat.value(c.gap, unit: ind.unit, signed: true))
        }
        let given = ind.groups.filter { $0.value != nil }
        switch given.count {
        case 0:
            if let stated = ind.groups.lazy.compactMap(\.asStated).first, TerminalText.width(stated) <= 160 { return stated }
            return subject + ": no figure given"
        case 1:
            let g = given[0]
            let about = tail ?? (ind.groups.count == 1 ? g.name : nil)
            return subject + ": " + (figure(g, unit: ind.unit) ?? "—") + (about.map { " (" + $0 + ")" } ?? "")
        default:
            let once = wordUnit(ind.unit) && !given.contains { $0.measure == .ratio }
            var parts = given.map { $0.name + " " + (figure($0, unit: ind.unit, bare: once) ?? "—") }
            if once, let u = ind.unit { parts[parts.count - 1] += " " + u.trimmingCharacters(in: .whitespaces) }
            return subject + ": " + parts.joined(separator: ", ") + (tail.map { " (" + $0 + ")" } ?? "")
        }
    }

    /// `Blakenall (males)`, `Streetly (males)` → `Blakenall vs Streetly (males)`: a shared bracketed ending said once.
    static func versus(_ a: String, _ b: String) -> String {
        if a.hasSuffix(")"), let open = a.lastIndex(of: "("), open > a.startIndex {
            let suffix = String(a[open...])
            if b.hasSuffix(" " + suffix) {
                return a.dropLast(suffix.count).trimmingCharacters(in: .whitespaces) + " vs " + b.dropLast(suffix.count + 1) + " " + suffix
            }
        }
        return a + " vs " + b
    }

    /// A leading ASCII minus as a real minus sign (`−8.4`).
    public static func minus(_ s: String) -> String { s.hasPrefix("-") ? "−" + s.dropFirst() : s }
}
