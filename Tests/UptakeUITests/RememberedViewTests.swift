import Testing
import UptakeCore
@testable import UptakeUI

/// The dashboard's remembered pane and theme (`$XDG_STATE_HOME/uptake/state.toml`).
@Suite struct RememberedViewTests {
    @Test func theFileRoundTripsEvenWithQuotesAndControlCharacters() {
        let view = RememberedView(pane: "case-studies", theme: "themes/my \"odd\" \u{1B}[31mtheme.toml", configTheme: "light")
        let (back, warning) = RememberedView.parse(view.serialized, file: "state.toml")
        #expect(warning == nil)
        #expect(back == view)
        #expect(!view.serialized.contains("\u{1B}"))
    }

    @Test func noConfigThemeIsWrittenAsEmptyAndReadAsNone() {
        let view = RememberedView(pane: "uptake", theme: "light", configTheme: nil)
        #expect(view.serialized.contains("config_theme = \"\"\n"))
        #expect(RememberedView.parse(view.serialized, file: "s").0 == view)
    }

    @Test func aDamagedFileIsAWarningAndRestoresNothing() {
        let (view, warning) = RememberedView.parse("pane = \"uptake\"\ntheme = [", file: "/st/uptake/state.toml")
        #expect(view == RememberedView())
        #expect(warning?.hasPrefix("/st/uptake/state.toml:2: warning: not TOML") == true)
    }

    @Test func unknownKeysAndBadPaneIdsAreIgnoredByNameAndTheRestKept() {
        let (view, warning) = RememberedView.parse("pane = \"../../etc\"\ntheme = \"dark\"\nzoom = 3\n", file: "s.toml")
        #expect(view == RememberedView(pane: nil, theme: "dark"))
        #expect(warning == "s.toml: warning: ignored 'pane', 'zoom' (known: pane, theme, config_theme as quoted words)")
    }

    @Test func theRememberedThemeYieldsOnceTheConfigsThemeWasEditedSince() {
        let view = RememberedView(pane: "uptake", theme: "light", configTheme: "dark")
        #expect(view.theme(configTheme: "dark") == "light")
        #expect(view.theme(configTheme: "okabe-ito") == nil)
        #expect(view.theme(configTheme: nil) == nil)
        #expect(RememberedView(theme: "light").theme(configTheme: nil) == "light")
    }

    @Test func precedenceIsFlagThenRememberedThenConfigThenDefault() throws {
        let config = try UptakeConfig.parse("theme = \"dark\"\n", file: "c.toml")
        let remembered = (view: RememberedView(theme: "light", configTheme: "dark"), file: "/st/state.toml")
        let r = EffectiveSettings.resolve(flags: SettingFlags(), config: config, environment: [:], remembered: remembered)
        #expect(r.theme == Sourced("light", "remembered in /st/state.toml"))
        let f = EffectiveSettings.resolve(flags: SettingFlags(theme: "okabe-ito"), config: config, environment: [:], remembered: remembered)
        #expect(f.theme == Sourced("okabe-ito", "--theme"))
        let edited = try UptakeConfig.parse("theme = \"high-contrast\"\n", file: "c.toml")
        let c = EffectiveSettings.resolve(flags: SettingFlags(), config: edited, environment: [:], remembered: remembered)
        #expect(c.theme == Sourced("high-contrast", "c.toml:1"))
        let k = EffectiveSettings.resolve(flags: SettingFlags(), config: config, environment: [:])
        #expect(k.theme == Sourced("dark", "c.toml:1"))
    }

    @Test func theStateFileFollowsXDGStateHome() {
        #expect(RememberedView.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/uptake/state.toml")
        #expect(RememberedView.defaultPath(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]) == "/h/.local/state/uptake/state.toml")
        #expect(RememberedView.defaultPath(environment: [:]) == nil)
    }
}
