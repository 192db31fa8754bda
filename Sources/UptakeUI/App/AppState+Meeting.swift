import UptakeCore

extension AppState {
    /// `p`: shows the spotlight (adding it after the other panes the first time), on the Uptake pane's
    /// selected series when opened from there; Esc returns to the pane it was opened from.
    mutating func openSpotlight() {
        overlay = nil
        let from = selected
        let row = (currentPane as? UptakePane)?.list.selectedRow
        let i: Int
        if let existing = paneIndex(id: "spotlight") {
            i = existing
        } else {
            panes.append(SpotlightPane())
            i = panes.count - 1
        }
        if let row, var spotlight = panes[i] as? SpotlightPane {
            spotlight.show(seriesRow: row, context)
            panes[i] = spotlight
        }
        guard i != from else { return }
        navigation.append(from)
        selected = i
        viewport = Viewport()
    }

    /// The status-bar line after a write: "wrote PATH", or "could not write PATH: REASON"; the second
    /// file of an export joins the first ("wrote uptake-uptake-2026-11-29-1432.csv and .md").
    func fileWrittenNotice(path: String, error: String?) -> String {
        if let error { return "could not write \(path): \(error)" }
        func stem(_ p: String) -> Substring { p.lastIndex(of: ".").map { p[..<$0] } ?? p[...] }
        if let n = notice, n.hasPrefix("wrote "), !n.contains(" and ") {
            let previous = String(n.dropFirst(6))
            if stem(previous) == stem(path), let dot = path.lastIndex(of: ".") { return n + " and " + path[dot...] }
        }
        return "wrote \(path)"
    }

    /// `e`: one file per format of what the current pane shows, in ``exportDirectory``, named after the pane and `stamp`.
    mutating func exportEffects(stamp: String) -> [Effect] {
        let files = currentPane.exports(context)
        guard !files.isEmpty else {
            notice = "nothing to export on this pane"
            return []
        }
        let dir = exportDirectory.isEmpty ? "." : exportDirectory
        var effects: [Effect] = []
        for f in files {
            let name = "uptake-\(f.name)-\(stamp).\(f.format)"
            effects.append(.writeFile(path: dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name), contents: f.bytes))
        }
        return effects
    }
}
