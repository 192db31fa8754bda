import Testing
import UptakeCore
@testable import UptakeUI

/// `e`: each pane writes what it shows, as shown (filtered and sorted).
@Suite struct ExportTests {
    static let stamp = "2026-11-29-1432"

    func files(_ effects: [Effect]) -> [(path: String, text: String)] {
        effects.compactMap { e in
            if case .writeFile(let path, let bytes) = e { return (path, String(decoding: bytes, as: UTF8.self)) }
            return nil
        }
    }

    @Test func filteredPartnersHoldExactlyTheFilteredRows() {
        var s = sampleState(120, 40)
        press(&s, chars("3/") + chars("ad") + [.enter])
        let shown = s.partners.rows.map { s.index.partners[$0].name }
        #expect(!shown.isEmpty && shown.count < s.index.partners.count)
        let out = files(update(&s, .exportPane(stamp: Self.stamp)))
        #expect(out.map(\.path) == ["uptake-partners-\(Self.stamp).csv", "uptake-partners-\(Self.stamp).md"])
        let csv = CSVReader.parse(Array(out[0].text.utf8)).records.map(\.fields)
        #expect(csv.first == PartnerColumn.allCases.map(\.title))
        #expect(csv.dropFirst().map { $0[0] } == shown)
        let md = out[1].text.split(separator: "\n")
        #expect(md.filter { $0.hasPrefix("| ") }.count == shown.count + 2)  // the header and its rule
        #expect(md[0].contains("filter"))
    }

    @Test func uptakeExportFollowsTheSort() {
        var s = sampleState(80, 24)
        press(&s, chars("2"))
        send(&s, .pane(.sortBy(UptakeColumn.changePP.rawValue)))
        send(&s, .pane(.sortBy(UptakeColumn.changePP.rawValue)))
        let shown = s.uptake.rows.map { s.index.table.rows[$0].series.partner }
        let out = files(update(&s, .exportPane(stamp: Self.stamp)))
        let csv = CSVReader.parse(Array(out[0].text.utf8)).records.map(\.fields)
        #expect(csv.dropFirst().map { $0[0] } == shown)
    }

    @Test func everyPaneExports() {
        var s = sampleState(80, 24)
        for i in s.panes.indices {
            send(&s, .selectPane(i))
            let out = files(update(&s, .exportPane(stamp: Self.stamp)))
            #expect(!out.isEmpty, "pane \(s.currentPane.id)")
            #expect(out.allSatisfy { $0.path.hasPrefix("uptake-\(s.currentPane.id)-") && !$0.text.isEmpty })
        }
        press(&s, chars("p"))
        let out = files(update(&s, .exportPane(stamp: Self.stamp)))
        #expect(out.count == 1 && out[0].path.hasSuffix(".md"))
    }

    @Test func partnerRecordExportsAsADocument() {
        var s = sampleState(80, 24)
        press(&s, chars("3") + [.enter])
        let out = files(update(&s, .exportPane(stamp: Self.stamp)))
        #expect(out.count == 1 && out[0].path.hasSuffix(".md"))
        #expect(out[0].text.hasPrefix("# Partner: "))
    }

    @Test func exportDirectoryAndAFailedWrite() {
        var s = sampleState(80, 24)
        s.exportDirectory = "/tmp/minutes"
        press(&s, chars("2"))
        let out = files(update(&s, .exportPane(stamp: Self.stamp)))
        #expect(out.first?.path == "/tmp/minutes/uptake-uptake-\(Self.stamp).csv")
        let before = s.uptake.rows
        update(&s, .fileWritten(path: out[0].path, error: "Read-only file system"))
        #expect(s.notice == "could not write /tmp/minutes/uptake-uptake-\(Self.stamp).csv: Read-only file system")
        press(&s, [.down])
        #expect(s.uptake.rows == before && s.uptake.table.selected == 1)
    }

    @Test func markdownEscapesDataBorneMarkup() {
        let t = ExportTable(title: "T", columns: ["a"], rows: [["<script>|*x*"]])
        #expect(t.markdown().contains("\\<script\\>\\|\\*x\\*"))
    }
}

extension ExportTests {
    @Test func theNoticeNamesBothFiles() {
        var s = sampleState(80, 24)
        press(&s, chars("2"))
        let out = files(update(&s, .exportPane(stamp: Self.stamp)))
        for f in out { update(&s, .fileWritten(path: f.path, error: nil)) }
        #expect(s.notice == "wrote uptake-uptake-\(Self.stamp).csv and .md")
        update(&s, .fileWritten(path: "other.md", error: nil))
        #expect(s.notice == "wrote other.md")
    }
}
