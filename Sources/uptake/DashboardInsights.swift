import Foundation
import Synchronization
import UptakeCore
import UptakeInsights
import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard's link to the insight bank: where the file is, the view loaded with the data, and the runtime's service.
enum DashboardInsights {
    /// The bank's default file for a data source: `insights.sqlite` in the data directory, else under `$XDG_DATA_HOME/uptake`.
    static func defaultPath(for source: any DatasetSource) -> String {
        if let directory = source as? DirectorySource { return directory.path + "/insights.sqlite" }
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? ".") + "/.local/share")
        return base + "/uptake/insights.sqlite"
    }

    /// The bank's file: `[insights] db` from the config file (or `--db`), else the default for the data source.
    static func path(_ settings: EffectiveSettings, for source: any DatasetSource) -> String {
        settings.insightsDB.value ?? defaultPath(for: source)
    }
}

/// The insight bank as one screen uses it: opened when its file exists (looked for again at every load, so a bank
/// another process creates shows up), and, for the ordinary dashboard only, created by the first insight saved.
///
/// A shared or projected screen (the kiosk, `uptake present`) opens it read-only, never creates it, and never
/// asks for a sensitive insight, so none reaches its memory.
final class DashboardBank: Sendable {
    /// How a screen may use the bank.
    enum Access: Sendable {
        /// The ordinary dashboard: reads everything, writes, creates the bank with the first insight saved.
        case readWrite
        /// The kiosk and `present`: reads an existing bank, without sensitive insights; never writes.
        case readOnly
    }

    /// The bank's file.
    let path: String
    let access: Access
    private let store = Mutex<InsightStore?>(nil)
    /// The code frame of the last dataset loaded (a new bank starts with it).
    private let frame = Mutex<[InsightCode]>([])

    init(path: String, access: Access) {
        self.path = path
        self.access = access
    }

    /// Whether sensitive insights may be asked for.
    var includeSensitive: Bool { access == .readWrite }

    /// The open store, or nil when there is no file yet. Opening a read-write bank brings it up to date (migrations).
    func existing() throws -> InsightStore? {
        if let s = store.withLock({ $0 }) { return s }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let opened = access == .readWrite ? try InsightStore(path: path) : try InsightStore(readingOnly: path)
        store.withLock { $0 = opened }
        return opened
    }

    /// The store, created (every migration run, the code frame added) when there is none: the dashboard's first save.
    func creating() throws -> InsightStore {
        if let s = try existing() { return s }
        guard access == .readWrite else { throw InsightStoreError.noBank(path) }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InsightStoreError.cannotCreate(path, "there is no directory \(directory)")
        }
        guard Glibc.access(directory, W_OK) == 0 else {
            throw InsightStoreError.cannotCreate(path, "the directory \(directory) is not writable (\(String(cString: strerror(errno))))")
        }
        let created: InsightStore
        do { created = try InsightStore(path: path, codeFrame: frame.withLock { $0 }) } catch {
            throw InsightStoreError.cannotCreate(path, String(describing: error))
        }
        store.withLock { $0 = created }
        return created
    }

    /// The view loaded with the data: the bank's default view, a bank-to-be (the dashboard), or nil (no bank, a shared screen).
    func snapshot(for dataset: Dataset) -> InsightSnapshot? {
        let codes = InsightCode.frame(from: dataset)
        frame.withLock { $0 = codes }
        var query = InsightsPane.defaultQuery
        query.includeSensitive = includeSensitive
        return answer(query, codes: codes)
    }

    /// The answer to `query` (never with sensitive insights on a read-only screen); errors travel in the snapshot.
    func answer(_ query: InsightQuery, codes: [InsightCode]? = nil) -> InsightSnapshot? {
        var q = query
        if !includeSensitive { q.includeSensitive = false }
        do {
            guard let bank = try existing() else {
                guard access == .readWrite else { return nil }
                return .noBank(at: path, query: q, codes: codes ?? frame.withLock { $0 })
            }
            if access == .readWrite, let codes { try? bank.ensureCodes(codes) }
            var s = bank.snapshot(for: q)
            s.location = path
            return s
        } catch {
            var s = InsightSnapshot(query: q, error: String(describing: error))
            s.location = path
            return s
        }
    }

    /// The runtime's service: queries for every screen, changes only for the ordinary dashboard.
    var service: InsightService {
        InsightService(
            query: { [self] q in answer(q) ?? InsightSnapshot(query: q, error: InsightStoreError.noBank(path).description) },
            change: { [self] change in
                guard access == .readWrite else { return "this screen does not change the insight bank" }
                var change = change
                // The form does not ask who records: the login does, as `insights add` defaults to $USER.
                if case .add(var insight) = change, insight.recordedBy == nil {
                    insight.recordedBy = ProcessInfo.processInfo.environment["USER"]
                    change = .add(insight)
                }
                do {
                    // Only a new insight creates the bank; changing codes needs one that exists.
                    let bank: InsightStore
                    if case .add = change { bank = try creating() } else {
                        guard let b = try existing() else { return InsightStoreError.noBank(path).description }
                        bank = b
                    }
                    try bank.apply(change)
                    return nil
                } catch { return String(describing: error) }
            })
    }
}
