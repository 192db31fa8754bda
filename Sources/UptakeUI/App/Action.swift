import UptakeCore

/// A dataset and everything derived from it, built off the main thread and handed to `update` in one piece.
public struct LoadedData: Sendable, Equatable {
    /// Equal when the data and the time are: the index is a function of the data.
    public static func == (a: LoadedData, b: LoadedData) -> Bool { a.dataset == b.dataset && a.loadedAt == b.loadedAt && a.insights == b.insights }

    /// The data.
    public var dataset: Dataset
    /// Its index (uptake table, partners, search keys, sort ranks).
    public var index: DatasetIndex
    /// When it was loaded, as shown on screen (e.g. `2026-11-29 14:32`).
    public var loadedAt: String
    /// The insight bank's default view (recent insights, counts), loaded with the data; nil when there is no bank.
    public var insights: InsightSnapshot?

    /// Builds the index for `dataset` (the slow part: call it off the main thread).
    public init(dataset: Dataset, loadedAt: String, insights: InsightSnapshot? = nil) {
        self.dataset = dataset
        self.index = DatasetIndex(dataset: dataset)
        self.loadedAt = loadedAt
        self.insights = insights
    }
}

/// How far a load has got, as the loading screen shows it (read from the loader by the runtime, never by `update`).
public struct LoadStatus: Sendable, Equatable {
    /// The file being read (`uptake.csv`), relative to the dataset; empty before the first.
    public var file: String
    /// Bytes of `uptake.csv` parsed so far, and its size (0 until it has been read).
    public var bytesDone: Int
    public var totalBytes: Int
    /// Records of `uptake.csv` parsed so far.
    public var rowsDone: Int

    public init(file: String = "", bytesDone: Int = 0, totalBytes: Int = 0, rowsDone: Int = 0) {
        self.file = file
        self.bytesDone = bytesDone
        self.totalBytes = totalBytes
        self.rowsDone = rowsDone
    }

    /// 0 to 1 (0 while the size is unknown).
    public var fraction: Double { totalBytes > 0 ? min(1, max(0, Double(bytesDone) / Double(totalBytes))) : 0 }
}

/// The overlays; at most one is shown.
public enum OverlayKind: Hashable, Sendable {
    case help, diagnostics
}

/// Everything that can happen to the app; ``update(_:_:)`` is the one place that applies them.
public enum Action: Sendable, Equatable {
    /// Show pane `n` (0-based).
    case selectPane(Int)
    case nextPane, previousPane
    /// A command for the focused pane (or the overlay shown).
    case pane(PaneCommand)
    /// Esc: close the overlay, else the pane's own step back, else return to where a record was opened from.
    case back
    /// Show or hide an overlay.
    case toggleOverlay(OverlayKind)
    case cycleTheme
    /// The terminal is now `w` x `h`.
    case resize(Int, Int)
    /// What the last frame measured of the focused scrolling area.
    case viewport(Viewport)
    case quit
    /// Load the data again now (`r`).
    case reload
    /// A data load began (shown as "loading…" until it ends).
    case loadStarted
    /// New data arrived, loaded and indexed off the main thread.
    case dataLoaded(LoadedData)
    /// A load failed outright (the data directory vanished, say): the old data stays, with this message.
    case loadFailed(String)
    /// The data files changed on disk.
    case filesChanged
    /// A file write ended: `error` is nil on success, else what went wrong.
    case fileWritten(path: String, error: String?)
    /// A timer tick (the clock, rotation).
    case tick
    /// Open the meeting spotlight (`p`), on the selected series when the Uptake pane is shown.
    case openSpotlight
    /// Write what the current pane shows to files (`e`); the runtime fills in `stamp`, the local time (`2026-11-29-1432`).
    case exportPane(stamp: String?)
    /// Copy the current row or the spotlight's sentence to the clipboard (`y`, OSC 52; off unless enabled).
    case copy
    /// The answer to an insight query (``Effect/loadInsights(_:)``).
    case insightsLoaded(InsightSnapshot)
    /// A change to the insight bank ended: `error` is nil on success.
    case insightChanged(error: String?)
    /// Something for the kiosk: rotation, the clock, idle return, the unlock word (ignored outside a kiosk).
    case kiosk(KioskAction)
    /// Time to look at how far the load has got (a timer while loading).
    case pollLoad
    /// How far the load has got.
    case loadProgress(LoadStatus)
    /// Stop the first load (Esc on the loading screen).
    case cancelLoad
    /// The load stopped because it was cancelled: nothing of it is shown.
    case loadCancelled
}

/// Work for the runtime to do outside `update`; results come back as actions.
public enum Effect: Sendable, Equatable {
    /// Leave the app.
    case quit
    /// Send `action` after `seconds` (a timer). A later `schedule` with the same `key` replaces an earlier one.
    case schedule(key: String, after: Double, action: Action)
    /// Cancel the timer with this key.
    case cancel(key: String)
    /// Load the dataset again, off the main thread; the result comes back as ``Action/dataLoaded(_:)`` or ``Action/loadFailed(_:)``.
    case loadData
    /// Write `contents` to `path`; the outcome comes back as ``Action/fileWritten(path:error:)``.
    case writeFile(path: String, contents: [UInt8])
    /// Ask the terminal to put `text` on the clipboard (OSC 52).
    case copyToClipboard(String)
    /// Query the insight bank off the main thread; the answer comes back as ``Action/insightsLoaded(_:)``.
    case loadInsights(InsightQuery)
    /// Change the insight bank off the main thread; the outcome comes back as ``Action/insightChanged(error:)``.
    case changeInsight(InsightChange)
    /// Read the wall clock; it comes back as ``KioskAction/clock(_:)`` (update itself never reads a clock).
    case readWallClock
    /// Read how far the load has got; it comes back as ``Action/loadProgress(_:)``.
    case readLoadStatus
    /// Ask the load in flight to stop; it ends with ``Action/loadCancelled``.
    case cancelLoad
}
