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
