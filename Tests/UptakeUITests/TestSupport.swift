import Testing
import UptakeCore
import UptakeTestSupport
@testable import UptakeUI

/// The sample dataset, loaded once.
let sampleDataset = DatasetLoader.load(from: EmbeddedSampleData.source)

func sampleState(_ w: Int, _ h: Int, theme: Theme = .dark) -> AppState {
    AppState(dataset: sampleDataset, theme: theme, width: w, height: h, loadedAt: "2025-01-31 09:00")
}

/// Sends each key through the active key map and `update`, drawing after each as the runtime does
/// (so the last frame's viewport is fed back, and paging knows its page).
func press(_ state: inout AppState, _ keys: [Key]) {
    for k in keys {
        if let a = action(for: k, in: state) { send(&state, a) }
    }
}

/// `update`, then a frame whose viewport goes back to the state: one turn of the runtime's loop.
func send(_ state: inout AppState, _ action: Action) {
    update(&state, action)
    let f = render(state)
    if f.viewport != state.viewport { update(&state, .viewport(f.viewport)) }
}

/// A left click at a cell, resolved against the frame on screen.
func click(_ state: inout AppState, x: Int, y: Int) {
    if let a = render(state).action(atX: x, y: y) { send(&state, a) }
}

func chars(_ s: String) -> [Key] { s.map { Key.character($0) } }

/// The standard panes by tab position, for tests.
enum Pane: Int, CaseIterable {
    case overview, uptake, partners, inequalities, caseStudies, principles, insights

    var id: String { ["overview", "uptake", "partners", "inequalities", "case-studies", "principles", "insights"][rawValue] }
    var title: String { ["Overview", "Uptake", "Partners", "Inequalities", "Case studies", "Principles", "Insights"][rawValue] }
}

extension AppState {
    /// The standard pane shown.
    var pane: Pane? { Pane.allCases.first { $0.id == currentPane.id } }
    var uptake: ListState { pane(UptakePane.self)!.list }
    var partners: ListState { pane(PartnersPane.self)!.list }
    var openPartner: Int? { pane(PartnersPane.self)!.openRecord }
    var helpVisible: Bool { overlay?.kind == .help }
    var diagnosticsVisible: Bool { overlay?.kind == .diagnostics }
}

extension Frame {
    func lines() -> [String] { buffer.lines() }
    var width: Int { buffer.width }
    var height: Int { buffer.height }
}

/// A frame as text with, below it, the style of every cell: each distinct style gets a letter, and a
/// grid of letters the size of the screen follows the text, then the legend. A theme or highlight
/// change fails the golden as surely as a text change does.
func styledGolden(_ buffer: Buffer) -> String {
    var letters: [Style: Character] = [:]
    var legend: [(Character, Style)] = []
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    var grid: [String] = []
    for y in 0..<buffer.height {
        var row = ""
        for x in 0..<buffer.width {
            let style = buffer[x, y].style
            if letters[style] == nil {
                let c = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                letters[style] = c
                legend.append((c, style))
            }
            row.append(letters[style]!)
        }
        grid.append(row)
    }
    var out = buffer.lines().joined(separator: "\n") + "\n--- styles\n" + grid.joined(separator: "\n") + "\n--- legend\n"
    for (c, s) in legend { out += "\(c) fg=\(s.foreground) bg=\(s.background) attrs=\(s.attributes.rawValue)\n" }
    return out
}

let uiGoldenDirectory = Golden.directory(beside: #filePath)

/// Checks a frame's text against `Golden/NAME.txt`.
func checkGolden(_ name: String, _ frame: Frame, sourceLocation: SourceLocation = #_sourceLocation) {
    Golden.check(frame.lines().joined(separator: "\n") + "\n", name: name + ".txt", in: uiGoldenDirectory, sourceLocation: sourceLocation)
}

/// Checks a frame's text and styles against `Golden/styled/NAME.txt`.
func checkStyledGolden(_ name: String, _ frame: Frame, sourceLocation: SourceLocation = #_sourceLocation) {
    Golden.check(styledGolden(frame.buffer), name: name + ".txt", in: uiGoldenDirectory.appendingPathComponent("styled"), sourceLocation: sourceLocation)
}

func uptakeGeometry(_ s: AppState) -> (list: ListGeometry, columns: [UptakeColumn], widget: TableWidget) {
    UptakePane.geometry(s.pane(UptakePane.self)!, s.context, area: s.layout.pane)
}

func partnersGeometry(_ s: AppState) -> (list: ListGeometry, columns: [PartnerColumn], widget: TableWidget) {
    PartnersPane.geometry(s.pane(PartnersPane.self)!, s.context, area: s.layout.pane)
}
