import Foundation
import UptakeCore
import UptakeInsights
import UptakeUI

/// The dashboard's link to the insight bank: where the file is, the view loaded with the data, and the runtime's service.
enum DashboardInsights {
    /// The bank's default file for a data source: `insights.sqlite` in the data directory, else under `$XDG_DATA_HOME/uptake`.
    static func defaultPath(for source: any DatasetSource) -> String {
        if let directory = source as? DirectorySource { return directory.path + "/insights.sqlite" }
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? ".") + "/.local/share")
        return base + "/uptake/insights.sqlite"
    }

    /// Opens the bank when its file exists (the dashboard never creates one: `uptake insights` does).
    static func open(for source: any DatasetSource) -> InsightStore? {
        let path = defaultPath(for: source)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? InsightStore(path: path)
    }

    /// The view loaded with the data. `includeSensitive` is false on a shared screen (the kiosk), so sensitive
    /// insights never even reach its memory; the pane drops them again whatever it is given.
    static func snapshot(_ store: InsightStore?, includeSensitive: Bool) -> InsightSnapshot? {
        guard let store else { return nil }
        var q = InsightsPane.defaultQuery
        q.includeSensitive = includeSensitive
        return store.snapshot(for: q)
    }

    /// The runtime's service over `store`.
    static func service(_ store: InsightStore) -> InsightService {
        InsightService(
            query: { store.snapshot(for: $0) },
            change: { change in
                var change = change
                // The form does not ask who records: the login does, as `insights add` defaults to $USER.
                if case .add(var insight) = change, insight.recordedBy == nil {
                    insight.recordedBy = ProcessInfo.processInfo.environment["USER"]
                    change = .add(insight)
                }
                do { try store.apply(change); return nil } catch { return String(describing: error) }
            })
    }
}
