import Testing
import UptakeCore
@testable import UptakeUI

@Suite struct ConfigTests {
    let text = """
        data = "/srv/uptake/data"
        theme = "high-contrast"
        colour = "red"

        [kiosk]
        panes = ["overview", "uptake"]
        rotate = 30
        idle_return = 60
        unlock = "letmeout"
        speed = 2
        """

    @Test func aGoodFileIsReadWithItsLinesAndUnknownKeysAreWarnings() throws {
        let c = try UptakeConfig.parse(text, file: "config.toml")
        #expect(c.data?.value == "/srv/uptake/data" && c.data?.line == 1)
        #expect(c.panes?.value == ["overview", "uptake"])
        #expect(c.rotate == UptakeConfig.Entry(value: 30, line: 7))
        #expect(c.idleReturn?.value == 60)
        #expect(c.unlock?.value == "letmeout")
        #expect(c.warnings == ["config.toml:3: warning: unknown key 'colour' ignored (known: data, theme, export_dir, [kiosk], [insights])",
                               "config.toml:10: warning: unknown key 'kiosk.speed' ignored (known: panes, rotate, idle_return, unlock)"])
    }

    @Test func exportDirectoryComesFromTheFileElseTheCurrentDirectory() throws {
        let c = try UptakeConfig.parse("export_dir = \"/srv/exports\"\n", file: "c.toml")
        let s = EffectiveSettings.resolve(flags: SettingFlags(), config: c, environment: [:])
        #expect(s.exportDirectory == Sourced("/srv/exports", "c.toml:1"))
        #expect(s.report(configFile: "c.toml").contains("export_dir"))
        let none = EffectiveSettings.resolve(flags: SettingFlags(), config: UptakeConfig(), environment: [:])
        #expect(none.exportDirectory == Sourced(".", "default"))
    }

    @Test func theInsightBankComesFromTheFlagElseTheFileResolvedFromItsDirectoryElseTheDataDirectory() throws {
        let c = try UptakeConfig.parse("theme = \"dark\"\n[insights]\ndb = \"bank/insights.sqlite\"\nshared = true\n", file: "/etc/uptake/config.toml")
        #expect(c.insightsDB == UptakeConfig.Entry(value: "/etc/uptake/bank/insights.sqlite", line: 3))
        #expect(c.warnings == ["/etc/uptake/config.toml:4: warning: unknown key 'insights.shared' ignored (known: db)"])
        #expect(try UptakeConfig.parse("[insights]\ndb = \"/srv/i.sqlite\"\n", file: "/etc/c.toml").insightsDB?.value == "/srv/i.sqlite")
        // A config file named without a directory: the path is taken as written (from the current directory, where the file is).
        #expect(try UptakeConfig.parse("[insights]\ndb = \"i.sqlite\"\n", file: "c.toml").insightsDB?.value == "i.sqlite")
        let fromFile = EffectiveSettings.resolve(flags: SettingFlags(), config: c, environment: [:])
        #expect(fromFile.insightsDB == Sourced("/etc/uptake/bank/insights.sqlite", "/etc/uptake/config.toml:3"))
        #expect(fromFile.report(configFile: c.file).contains("insights.db       = \"/etc/uptake/bank/insights.sqlite\"    # /etc/uptake/config.toml:3"))
        let flag = EffectiveSettings.resolve(flags: SettingFlags(db: "mine.sqlite"), config: c, environment: ["UPTAKE_DATA": "/env"])
        #expect(flag.insightsDB == Sourced("mine.sqlite", "--db"))
        let none = EffectiveSettings.resolve(flags: SettingFlags(), config: UptakeConfig(), environment: [:])
        #expect(none.insightsDB == Sourced(nil, "default"))
        #expect(none.report(configFile: nil).contains("insights.db       = (insights.sqlite in the data directory)    # default"))
    }

    @Test func badValuesNameTheFileLineAndKey() {
        func error(_ text: String) -> String? {
            do { _ = try UptakeConfig.parse(text, file: "c.toml"); return nil } catch { return error.description }
        }
        #expect(error("[kiosk]\nrotate = \"fast\"\n")?.hasPrefix("c.toml:2: error: key 'kiosk.rotate': must be a number of seconds") == true)
        #expect(error("[kiosk]\n\npanes = [\"overview\", \"nope\"]\n")?.hasPrefix("c.toml:3: error: key 'kiosk.panes': unknown pane \"nope\"") == true)
        #expect(error("[kiosk]\nunlock = \"ab1\"\n")?.hasPrefix("c.toml:2: error: key 'kiosk.unlock':") == true)
        #expect(error("theme = 3\n") == "c.toml:1: error: key 'theme': must be a theme name or file in quotes")
        #expect(error("data = \n")?.hasPrefix("c.toml:1: error: TOML syntax error") == true)
        #expect(error("kiosk = 1\n")?.contains("key 'kiosk': must be a table") == true)
        #expect(error("[insights]\n\ndb = 3\n") == "c.toml:3: error: key 'insights.db': must be the insight bank's file path in quotes")
        #expect(error("[insights]\ndb = \" \"\n") == "c.toml:2: error: key 'insights.db': must be the insight bank's file path in quotes")
        #expect(error("insights = \"x\"\n") == "c.toml:1: error: key 'insights': must be a table: [insights]")
    }

    @Test func flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefaults() throws {
        let c = try UptakeConfig.parse(text, file: "config.toml")
        let fromFile = EffectiveSettings.resolve(flags: SettingFlags(), config: c, environment: [:])
        #expect(fromFile.data == Sourced("/srv/uptake/data", "config.toml:1"))
        #expect(fromFile.rotate == Sourced(30, "config.toml:7"))
        let env = EffectiveSettings.resolve(flags: SettingFlags(), config: c, environment: ["UPTAKE_DATA": "/env"])
        #expect(env.data == Sourced("/env", "UPTAKE_DATA"))
        let flags = EffectiveSettings.resolve(flags: SettingFlags(data: "/flag", rotate: 5, idleReturn: 0), config: c, environment: ["UPTAKE_DATA": "/env"])
        #expect(flags.data == Sourced("/flag", "--data"))
        #expect(flags.rotate == Sourced(5, "--rotate"))
        #expect(flags.idleReturn == Sourced(nil, "--idle-return"))
        #expect(flags.theme == Sourced("high-contrast", "config.toml:2"))
        let none = EffectiveSettings.resolve(flags: SettingFlags(), config: UptakeConfig(), environment: [:])
        #expect(none.panes == Sourced(KioskSettings.defaultPanes, "default"))
        #expect(none.unlock == Sourced("unlock", "default"))
        let report = fromFile.report(configFile: "config.toml")
        #expect(report.contains("kiosk.rotate      = 30    # config.toml:7"))
        #expect(!report.contains("letmeout"))
    }

    @Test func theDefaultPathFollowsXDG() {
        #expect(UptakeConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/uptake/config.toml")
        #expect(UptakeConfig.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/uptake/config.toml")
        #expect(UptakeConfig.defaultPath(environment: [:]) == nil)
    }

    @Test func aLoadWithAWholeFileProblemFailsAndRowErrorsDoNot() {
        let loads = KioskLoads()
        loads.serve(.missingFile)
        guard case .loadFailed(let m) = loads.load() else { Issue.record("expected a failed load"); return }
        #expect(m == "uptake.csv: required file is missing")
        loads.serve(.rowErrors)
        guard case .dataLoaded = loads.load() else { Issue.record("expected data"); return }
        // A half-written header loses every row: a failed load, not "rows rejected".
        var files = EmbeddedSampleData.files
        files["uptake.csv"] = "partner,proxy_popul"
        let half = DatasetLoader.load(from: InMemorySource(origin: "x", files: files))
        guard case .loadFailed(let h) = KioskState.loadAction(for: half, loadedAt: "") else { Issue.record("expected a failed load"); return }
        #expect(h.hasPrefix("uptake.csv: missing required columns"))
    }
}
