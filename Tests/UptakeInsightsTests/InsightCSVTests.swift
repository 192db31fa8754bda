import Testing
import UptakeCore

@Suite struct InsightCSVTests {
    let vocabulary = InsightCSV.Vocabulary(methods: Insight.standardMethods, codes: ["Trusted voices are key", "Work placements"],
                                           partners: ["Mosaic", "FAWA"])

    @Test func importsGoodRowsAndNamesEveryRejectedOneWithItsLine() {
        let csv = """
            text,gathered,method,partner,codes,sensitive,colour
            Good row,2024-01-01,survey,mosaic,trusted voices are key; Work placements,no,red
            ,2024-01-01,survey,,,,
            Bad date,2024-13-01,survey,,,,
            Bad method,2024-01-01,séance,,,,
            Bad code,2024-01-01,survey,,Nope,,
            Bad flag,2024-01-01,survey,,,maybe,
            "Multi
            line",2024-01-02,event,Unknown Partner,,yes,

            """
        let (rows, diagnostics) = InsightCSV.parse(Array(csv.utf8), file: "in.csv", vocabulary: vocabulary)
        #expect(rows.map(\.line) == [2, 8])
        #expect(rows[0].insight.partner == "Mosaic")
        #expect(rows[0].insight.codes == ["Trusted voices are key", "Work placements"])
        #expect(rows[1].insight.text == "Multi\nline")
        #expect(rows[1].insight.sensitive)
        let errors = diagnostics.filter { $0.severity == .error }.map(\.formatted)
        #expect(errors == [
            "in.csv:3:1: error: the text is empty: the row is skipped",
            "in.csv:4:2: error: '2024-13-01' is not a date (YYYY-MM-DD): the row is skipped",
            "in.csv:5:3: error: 'séance' is not a known method: the row is skipped",
            "in.csv:6:5: error: 'Nope' is not a code of the code frame: the row is skipped",
            "in.csv:7:6: error: 'maybe' is not yes or no (sensitive): the row is skipped",
        ])
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.formatted)
        #expect(warnings == ["in.csv:1:7: warning: unknown column 'colour' is ignored",
                             "in.csv:8:4: warning: partner 'Unknown Partner' is not in partners.csv: kept as written"])
    }

    @Test func aHeaderWithoutRequiredColumnsIsOneError() {
        let (rows, diagnostics) = InsightCSV.parse(Array("text,place\nx,y\n".utf8), file: "f.csv", vocabulary: vocabulary)
        #expect(rows.isEmpty)
        #expect(diagnostics.map(\.formatted) == ["f.csv:1: error: the header lacks the required column 'gathered'",
                                                 "f.csv:1: error: the header lacks the required column 'method'"])
    }

    @Test func anExportImportsAgainUnchanged() {
        let insight = Insight(id: 4, text: "Quote \"this\", then\nnew line", gathered: "2024-03-04", method: "event", place: "Hall",
                              partner: "FAWA", recordedBy: "sam", source: "seed 002", sensitive: true, codes: ["Work placements"],
                              createdAt: "2024-03-04T10:00:00Z", updatedAt: "2024-03-04T10:00:00Z")
        let (rows, diagnostics) = InsightCSV.parse(Array(InsightCSV.write([insight]).utf8), file: "e.csv", vocabulary: vocabulary)
        #expect(diagnostics.isEmpty)
        var back = rows[0].insight
        back.id = 4
        back.createdAt = insight.createdAt
        back.updatedAt = insight.updatedAt
        #expect(back == insight)
    }

    @Test func datesAreCheckedAgainstTheCalendar() {
        #expect(Insight.isDate("2024-02-29"))
        #expect(!Insight.isDate("2023-02-29"))
        #expect(!Insight.isDate("2024-1-01"))
        #expect(!Insight.isDate("2024-04-31"))
    }
}
