import Testing
import UptakeCore
@testable import UptakeUI

@Suite struct StatusAndRecordTests {
    static func statusLine(_ s: AppState) -> String { render(s).lines().last ?? "" }

    @Test func themeNameShowsPermanentlyWhenItFits() {
        var s = sampleState(120, 40)
        #expect(Self.statusLine(s).contains("theme: dark"))
        press(&s, chars("t"))
        #expect(Self.statusLine(s).contains("theme: light"))
        press(&s, chars("2"))  // the Uptake pane's hints fill 120 columns; at 200 the name fits beside them
        update(&s, .resize(200, 40))
        #expect(Self.statusLine(s).contains("theme: light"))
    }

    @Test func themeNameShowsAfterAChangeOnANarrowScreen() {
        var s = sampleState(80, 24)
        #expect(!Self.statusLine(s).contains("theme:"))  // no room beside every hint
        press(&s, chars("ttt"))
        #expect(Self.statusLine(s).contains("theme: okabe-ito"))
        #expect(Self.statusLine(s).contains("0 errors"))
        update(&s, .tick)
        #expect(Self.statusLine(s).contains("theme: okabe-ito"))
        press(&s, chars("2"))  // the next action ends the notice
        #expect(!Self.statusLine(s).contains("theme:"))
    }

    @Test func extraFieldsAreLabelledLikeTheOthers() {
        var s = sampleState(120, 40)
        press(&s, [.character("3"), .enter])
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Proxy population note:"))
        #expect(!text.contains("proxy population note:"))
        #expect(PartnersPane.fieldLabel("proxy_population_note") == "Proxy population note")
        #expect(PartnersPane.fieldLabel("__x__y") == "X y")
        #expect(PartnersPane.fieldLabel("") == "")
    }
}

@Suite struct PartnerColumnsTests {
    @Test func columnsAreSizedFromTheData() {
        let s = sampleState(80, 24)
        let g = partnersGeometry(s)
        let widths = g.widget.columnRanges(area: g.list.table).map(\.count)
        let data = g.columns.firstIndex(of: .series)!, area = g.columns.firstIndex(of: .area)!, kind = g.columns.firstIndex(of: .kind)!
        #expect(widths[data] == 8)  // "1 series", the longest data summary
        #expect(widths[area] >= 19 && widths[kind] >= 19)
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Bi-borough (RBKC &"))
        #expect(!text.contains("Bi-boroug…"))
        var wide = sampleState(120, 40)
        update(&wide, .selectPane(2))
        let all = render(wide).lines().joined(separator: "\n")
        #expect(all.contains("Bi-borough (RBKC & Westminster)") && all.contains("voluntary and community sector "))
    }

    @Test func fairShare() {
        #expect(PartnersPane.share(57, wants: [22, 31, 30]) == [19, 19, 19])
        #expect(PartnersPane.share(60, wants: [10, 31, 30]) == [10, 25, 25])
        #expect(PartnersPane.share(100, wants: [10, 31, 30]) == [10, 31, 30])
        #expect(PartnersPane.share(0, wants: [10, 31]) == [0, 0])
    }
}
