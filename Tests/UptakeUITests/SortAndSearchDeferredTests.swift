import Dispatch
import Synchronization
import Testing
import UptakeCore
@testable import UptakeUI

/// Since issue 11 the index's sort ranks and search keys (``SortAndSearch``) are built after the first frame of the
/// data: by the runtime on the loading thread, or by the first sort or filter that needs them. These pin that path:
/// the first frame needs none of them, and every pane sorts, filters and drills down exactly as with them built first,
/// on the sample data and on the awkward names of `DatasetIndexOrderTests` (accents in both normal forms, other
/// scripts, case, equal names), against the `String` code they replaced.
@MainActor struct SortAndSearchDeferredTests {
    static let datasets: [(String, Dataset)] = [
        ("sample", sampleDataset),
        ("awkward names, one thread", DatasetIndexOrderTests.dataset(series: 300)),
        ("awkward names, both cores", DatasetIndexOrderTests.dataset(series: 9000)),
    ]

    /// A state with a placeholder on screen that then takes `data` in, as the runtime's first load does.
    static func loaded(_ data: LoadedData, width: Int = 120, height: Int = 40) -> AppState {
        var placeholder = Dataset(metadata: DatasetMetadata(), origin: data.dataset.origin)
        placeholder.metadata.title = "Loading"
        var state = AppState(data: LoadedData(dataset: placeholder, loadedAt: ""), width: width, height: height)
        update(&state, .loadStarted)
        update(&state, .dataLoaded(data))
        return state
    }

    @Test(arguments: [0, 1, 2])
    func theFirstFrameOfTheDataBuildsNoRanksOrKeys(_ k: Int) {
        let data = LoadedData(dataset: Self.datasets[k].1, loadedAt: "now")
        #expect(!data.index.sortAndSearchIsBuilt)
        let state = Self.loaded(data)
        let frame = render(state)
        #expect(frame.buffer.lines().joined().contains("improved"))
        #expect(!state.index.sortAndSearchIsBuilt, "\(Self.datasets[k].0)")
        // The Uptake and Partners panes in file order need none of them either.
        var s = state
        for pane in [1, 2] {
            send(&s, .selectPane(pane))
            #expect(!s.index.sortAndSearchIsBuilt)
        }
        data.index.prepareSortAndSearch()
        #expect(s.index.sortAndSearchIsBuilt)
    }

    /// What each list shows after each action, and the frame.
    struct Seen: Equatable {
        var uptakeRows: [Int], partnerRows: [Int], selected: Int, text: [String]
    }

    static func seen(_ s: AppState) -> Seen {
        Seen(uptakeRows: s.pane(UptakePane.self)?.list.rows ?? [], partnerRows: s.pane(PartnersPane.self)?.list.rows ?? [],
             selected: s.selected, text: render(s).buffer.lines())
    }

    /// Sorting by every column both ways, filters typed, narrowed, cleared and restored, a drill-down into a partner's
    /// record and back, and the Partners list sorted and filtered.
    static let script: [Action] = {
        var actions: [Action] = [.selectPane(1)]
        for c in UptakePane.sortable { actions += [.pane(.sortBy(c)), .pane(.sortBy(c))] }
        actions += [.pane(.sortBy(UptakeColumn.partner.rawValue)), .pane(.beginFilter)]
        actions += "café".map { .pane(.filterInput(String($0))) }
        actions += [.pane(.filterBackspace), .pane(.filterInput("e\u{301}")), .pane(.endFilter(commit: true)), .pane(.reverseSort),
                    .pane(.move(3)), .pane(.open), .back, .pane(.cycleSort), .pane(.beginFilter), .pane(.filterInput("STRASSE")),
                    .pane(.endFilter(commit: false)), .pane(.beginFilter), .pane(.filterInput("population 1,")), .pane(.endFilter(commit: true)),
                    .pane(.sortBy(UptakeColumn.proxyPopulation.rawValue)), .pane(.move(2)), .pane(.open), .back, .back,
                    .selectPane(2), .pane(.sortBy(PartnerColumn.name.rawValue)), .pane(.beginFilter), .pane(.filterInput("faith")),
                    .pane(.endFilter(commit: true)), .pane(.sortBy(PartnerColumn.area.rawValue)), .pane(.reverseSort), .back,
                    .pane(.beginFilter), .pane(.filterInput("vc")), .pane(.filterBackspace), .pane(.endFilter(commit: true))]
        return actions
    }()

    @Test(arguments: [0, 1, 2])
    func panesBehaveTheSameWhetherTheRanksAndKeysWereBuiltFirstOrOnFirstUse(_ k: Int) {
        let dataset = Self.datasets[k].1
        let ready = LoadedData(dataset: dataset, loadedAt: "now")
        ready.index.prepareSortAndSearch()
        var first = Self.loaded(ready)
        var onUse = Self.loaded(LoadedData(dataset: dataset, loadedAt: "now"))
        #expect(!onUse.index.sortAndSearchIsBuilt)
        var step = 0
        for action in Self.script {
            send(&first, action)
            send(&onUse, action)
            #expect(Self.seen(first) == Self.seen(onUse), "\(Self.datasets[k].0), step \(step): \(action)")
            step += 1
        }
        #expect(onUse.index.sortAndSearchIsBuilt)
        // And the sorts and filters are those of the `String` code: partner ranks, ties in file order.
        let rows = onUse.index.table.rows
        let rank = DatasetIndexOrderTests.referenceRanks(rows.map(\.series.partner))
        var s = Self.loaded(LoadedData(dataset: dataset, loadedAt: "now"))
        send(&s, .selectPane(1))
        send(&s, .pane(.sortBy(UptakeColumn.partner.rawValue)))
        #expect(s.pane(UptakePane.self)?.list.rows == rows.indices.sorted { rank[$0] != rank[$1] ? rank[$0] < rank[$1] : $0 < $1 })
        let reference = SearchKeys(rows.map { row in
            [row.series.partner, row.series.proxyPopulation, s.index.partnerIndex[row.series.partner].flatMap { s.index.partners[$0].record?.area } ?? ""]
        })
        for query in ["café", "strasse", "🙂", "partner", "vc"] {
            var t = Self.loaded(LoadedData(dataset: dataset, loadedAt: "now"))
            send(&t, .selectPane(1))
            send(&t, .pane(.beginFilter))
            send(&t, .pane(.filterInput(query)))
            #expect(t.pane(UptakePane.self)?.list.rows == reference.filter(Array(rows.indices), query: query), "\(query)")
        }
    }

    @Test func theRuntimeBuildsThemOnTheLoadingThreadAfterPostingTheData() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24), loads = LoadCounter(), work = DeferredWork()
        let services = RuntimeServices(load: { loads.load() }, background: { work.add($0) }, write: { _, _ in nil })
        let rt = Runtime(state: sampleState(80, 24), backend: backend, clock: { clock.now }, services: services)
        rt.send(.reload)
        #expect(work.count == 1)
        work.runAll()
        rt.drainInbox()
        #expect(rt.state.loadedAt == "reloaded")
        #expect(rt.state.index.sortAndSearchIsBuilt)
    }
}

/// Off the main actor: several threads ask for the ranks and keys at once.
struct SortAndSearchConcurrencyTests {
    @Test func threadsAskingAtOnceAllReadTheSameRanksAndKeys() {
        let dataset = DatasetIndexOrderTests.dataset(series: 9000)
        let index = DatasetIndex(dataset: dataset)
        let results = Mutex<[SortAndSearch.Parts]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            if i == 0 { index.prepareSortAndSearch() }
            let parts = SortAndSearch.Parts(uptakeKeys: index.uptakeKeys, partnerKeys: index.partnerKeys,
                                            partnerRank: index.partnerRank, proxyRank: index.proxyRank)
            results.withLock { $0.append(parts) }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 4)
        let rows = index.table.rows
        for p in all {
            #expect(p.partnerRank == DatasetIndexOrderTests.referenceRanks(rows.map(\.series.partner)))
            #expect(p.proxyRank == DatasetIndexOrderTests.referenceRanks(rows.map(\.series.proxyPopulation)))
            #expect(p.uptakeKeys == all[0].uptakeKeys && p.partnerKeys == all[0].partnerKeys)
        }
    }
}
