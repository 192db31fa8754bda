import Testing
import UptakeCore
@testable import UptakeUI

/// `y`: OSC 52, off by default.
@Suite struct ClipboardTests {
    @Test func base64Vectors() {
        // RFC 4648 section 10.
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            #expect(String(decoding: OSC52.base64(Array(plain.utf8)), as: UTF8.self) == encoded)
        }
        #expect(OSC52.sequence("foo") == Array("\u{1B}]52;c;Zm9v\u{07}".utf8))
    }

    @Test func offByDefault() {
        var s = sampleState(80, 24)
        press(&s, chars("p"))
        #expect(update(&s, .copy).isEmpty)
        #expect(s.notice?.hasPrefix("copying is off") == true)
        #expect(action(for: .character("y"), in: s) == .copy)
    }

    @Test func copiesTheSpotlightsSentenceAndTheSelectedRow() {
        var s = sampleState(80, 24)
        s.clipboardEnabled = true
        press(&s, chars("p"))
        let first = s.index.table.rows[0]
        #expect(update(&s, .copy) == [.copyToClipboard(first.statement(labels: sampleDataset.metadata))])
        send(&s, .selectPane(Pane.uptake.rawValue))
        guard case .copyToClipboard(let row)? = update(&s, .copy).first else { Issue.record("no copy"); return }
        #expect(row.hasPrefix(first.series.partner + "\t"))
        send(&s, .selectPane(Pane.overview.rawValue))
        #expect(update(&s, .copy).isEmpty)
    }

    @Test func aKeyPolicyCanBlockIt() {
        var s = sampleState(80, 24)
        s.clipboardEnabled = true
        s.keyPolicy = KeyPolicy(blockedCommands: [.action(.copy), .action(.exportPane(stamp: nil))])
        #expect(action(for: .character("y"), in: s) == nil)
        #expect(action(for: .character("e"), in: s) == nil)
    }
}
