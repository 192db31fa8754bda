import UptakeCore

/// The insight bank as the runtime reaches it: two closures the executable provides (it opens the database; the UI never does).
public struct InsightService: Sendable {
    /// Answers a query (slow: run off the main thread). Errors travel inside the snapshot.
    public var query: @Sendable (InsightQuery) -> InsightSnapshot
    /// Applies a change; nil on success, else what went wrong.
    public var change: @Sendable (InsightChange) -> String?

    /// Creates a service.
    public init(query: @escaping @Sendable (InsightQuery) -> InsightSnapshot, change: @escaping @Sendable (InsightChange) -> String?) {
        self.query = query
        self.change = change
    }
}

extension AppState {
    /// True on a shared screen: the kiosk, a projected one (`uptake present`, ``projected``) or any locked key
    /// policy. Sensitive insights are then never asked for nor shown, and the bank is not changed.
    public var sharedScreen: Bool { projected || kiosk != nil || keyPolicy != .all }

    /// `query` as this screen may ask it: never with sensitive insights on a shared screen.
    func insightQuery(_ query: InsightQuery) -> InsightQuery {
        var q = query
        if sharedScreen { q.includeSensitive = false }
        return q
    }

    /// New data arrived (the bank may have changed too): the Insights pane asks again for its own query, if it has
    /// one, and for its default view when it is on screen. The load's snapshot may have been read before a save
    /// that finished while it ran (another reload was in flight), so the pane on screen never trusts it alone.
    mutating func refreshInsights() -> [Effect] {
        guard let i = panes.firstIndex(where: { $0 is InsightsPane }), let pane = panes[i] as? InsightsPane,
              let query = pane.pendingQuery ?? (i == selected && data.insights != nil ? pane.query : nil) else { return [] }
        return [.loadInsights(insightQuery(query))]
    }

    /// An answer to a query: the Insights pane takes it when it still wants it.
    mutating func receiveInsights(_ snapshot: InsightSnapshot) {
        guard let i = panes.firstIndex(where: { $0 is InsightsPane }), var pane = panes[i] as? InsightsPane else { return }
        var s = snapshot
        if sharedScreen { s.insights.removeAll { $0.sensitive } }
        pane.receive(s)
        panes[i] = pane
    }

    /// A change ended: say so, and ask again so the list and the counts show it.
    mutating func insightChanged(error: String?) -> [Effect] {
        notice = error.map { "could not save the insight: \($0)" } ?? "insight saved"
        guard let i = panes.firstIndex(where: { $0 is InsightsPane }), var pane = panes[i] as? InsightsPane else { return [] }
        pane.saved(error: error)
        panes[i] = pane
        return [.loadInsights(insightQuery(pane.query))]
    }
}
