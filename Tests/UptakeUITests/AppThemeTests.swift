import Foundation
import Testing
@testable import UptakeUI

@Suite struct AppThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    @Test func filesAndBuiltInsAgree() throws {
        #expect(Theme.builtIns.map(\.name) == ["dark", "light", "high-contrast", "okabe-ito", "monochrome"])
        for t in Theme.builtIns {
            let file = try Theme.load(path: Self.themesDir + "/\(t.name).toml")
            #expect(file == t, "themes/\(t.name).toml differs from the built-in")
            #expect(try Theme.named(t.name, in: nil) == t)
        }
    }

    @Test func monochromeHasNoColours() {
        for style in Theme.monochrome.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        #expect(Theme.monochrome.selection.attributes.contains(.reverse))
    }

    @Test func errorsNameFileAndLine() {
        #expect(throws: ThemeError(file: "x.toml", line: 4, message: "unknown role 'txt' in [colors]; roles are \(Theme.Role.allCases.map(\.rawValue).joined(separator: ", "))")) {
            try Theme.parse("name = \"x\"\n\n[colors]\ntxt = \"red\"\n", file: "x.toml")
        }
        do {
            _ = try Theme.parse("name = \"x\"\n[colors]\ntext = \"#12345\"\n", file: "bad.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.description.hasPrefix("bad.toml:3: error: bad colour"))
        }
        do {
            _ = try Theme.parse("name = \"x\"\n[colors\n", file: "syntax.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2 && error.file == "syntax.toml")
        }
        #expect(throws: ThemeError.self) { try Theme.named("nope", in: "/nonexistent") }
    }

    @Test func colourForms() {
        #expect(Theme.color(named: "#E69F00") == .rgb(0xE6, 0x9F, 0x00))
        #expect(Theme.color(named: "color9") == .ansi(9))
        #expect(Theme.color(named: "brightred") == .ansi(9))
        #expect(Theme.color(named: "default") == .terminalDefault)
        #expect(Theme.color(named: "color200") == .indexed(200))
        #expect(Theme.color(named: "mauve") == nil)
    }
}
