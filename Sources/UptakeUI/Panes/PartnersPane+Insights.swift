import UptakeCore

extension PartnersPane {
    /// `i` on a partner's record: every insight that came through the partner, on the Insights pane.
    static let insightsKey = KeyBinding(KeyBinding.ch("i"), "i", "this partner's insights (on the Insights pane)", section: .reading,
                                        .action(.pane(.letter("i"))), hint: "insights")
}

extension Document {
    /// The record's "Insights" section: how many the bank holds for the partner, by code, and the newest ones loaded with the data.
    mutating func partnerInsights(_ partner: String, _ bank: InsightSnapshot, sharedScreen: Bool) {
        blank()
        heading("Insights")
        let m = bank.matrix
        let key = partner.lowercased()
        let byCode: [(String, Int)] = m.columns.firstIndex { $0.lowercased() == key }.map { c in
            m.codes.indices.compactMap { r in m.counts[r][c] > 0 ? (m.codes[r], m.counts[r][c]) : nil }
        } ?? []
        let recent = bank.insights.filter { $0.partner?.lowercased() == key && !(sharedScreen && $0.sensitive) }
        if byCode.isEmpty && recent.isEmpty {
            text("No insight recorded through this partner.", style: theme.dim, indent: 2)
            return
        }
        if !byCode.isEmpty {
            text("Coded: " + byCode.map { "\($0.0) (\($0.1))" }.joined(separator: "; "), indent: 2, hanging: 4)
        }
        for i in recent.prefix(10) {
            text(glyphs.bullet + " " + i.gathered + "  " + InsightsPane.oneLine(i.text), indent: 2, hanging: 4)
        }
        text("Press i for all of them on the Insights pane.", style: theme.dim, indent: 2)
    }
}
