import Testing
import UptakeCore

/// Parses `text` (as UTF-8) and returns records as (line, fields) pairs plus error lines.
private func parse(_ text: String) -> (records: [Row], errors: [Int]) {
    parseBytes(Array(text.utf8))
}

private func parseBytes(_ bytes: [UInt8]) -> (records: [Row], errors: [Int]) {
    let r = CSVReader.parse(bytes)
    return (r.records.map { Row(line: $0.line, fields: $0.fields) }, r.errors.map(\.line))
}

private struct Row: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    init(line: Int, fields: [String]) { self.line = line; self.fields = fields }
    init(_ line: Int, _ fields: String...) { self.line = line; self.fields = fields }
    var description: String { "\(line): \(fields)" }
}

@Suite struct CSVReaderEdgeCaseTests {
    @Test func plainRecords() {
        let r = parse("a,b,c\n1,2,3\n")
        #expect(r.records == [Row(1, "a", "b", "c"), Row(2, "1", "2", "3")])
        #expect(r.errors.isEmpty)
    }

    @Test func quotedCommas() {
        let r = parse("name,area\n\"Screen, Detect, Protect\",x\n")
        #expect(r.records == [Row(1, "name", "area"), Row(2, "Screen, Detect, Protect", "x")])
    }

    @Test func doubledQuotes() {
        let r = parse("a,b\n\"she said \"\"hi\"\"\",\"\"\"\"\n")
        #expect(r.records == [Row(1, "a", "b"), Row(2, "she said \"hi\"", "\"")])
    }

    @Test func emptyQuotedField() {
        let r = parse("a,b\n\"\",x\n")
        #expect(r.records == [Row(1, "a", "b"), Row(2, "", "x")])
    }

    @Test func newlinesInsideQuotedFieldAdvanceTheNextRecordsLine() {
        let text = "h1,h2\n\"line one\nline two\nline three\",x\nnext,row\n\"a\r\nb\",y\r\nlast,one\n"
        let r = parse(text)
        #expect(r.errors.isEmpty)
        #expect(r.records == [
            Row(1, "h1", "h2"),
            Row(2, "line one\nline two\nline three", "x"),
            Row(5, "next", "row"),
            Row(6, "a\r\nb", "y"),
            Row(8, "last", "one"),
        ])
    }

    @Test func newlineInsideQuotedFieldInTheMiddleOfARecord() {
        let r = parse("a,b,c\n1,\"two\nlines\",3\n4,5,6\n")
        #expect(r.records == [Row(1, "a", "b", "c"), Row(2, "1", "two\nlines", "3"), Row(4, "4", "5", "6")])
    }

    @Test func utf8ByteOrderMarkIsSkipped() {
        let r = parseBytes([0xEF, 0xBB, 0xBF] + Array("partner,x\nA,1\n".utf8))
        #expect(r.records == [Row(1, "partner", "x"), Row(2, "A", "1")])
        #expect(r.records.first?.fields.first?.unicodeScalars.first == "p")
    }

    @Test func byteOrderMarkBeforeAQuotedHeader() {
        let r = parseBytes([0xEF, 0xBB, 0xBF] + Array("\"partner\",x\r\nA,1\r\n".utf8))
        #expect(r.records == [Row(1, "partner", "x"), Row(2, "A", "1")])
    }

    @Test func crlfLineEnds() {
        let r = parse("a,b\r\n1,2\r\n3,4\r\n")
        #expect(r.records == [Row(1, "a", "b"), Row(2, "1", "2"), Row(3, "3", "4")])
        #expect(!r.records.flatMap(\.fields).contains { $0.contains("\r") })
    }

    @Test func mixedLFAndCRLF() {
        let r = parse("a,b\r\n1,2\n3,\"4\"\r\n\"5\",6\n7,8")
        #expect(r.records == [Row(1, "a", "b"), Row(2, "1", "2"), Row(3, "3", "4"), Row(4, "5", "6"), Row(5, "7", "8")])
    }

    @Test func emptyFileHasNoRecords() {
        let r = parseBytes([])
        #expect(r.records.isEmpty)
        #expect(r.errors.isEmpty)
        let bomOnly = parseBytes([0xEF, 0xBB, 0xBF])
        #expect(bomOnly.records.isEmpty)
        #expect(bomOnly.errors.isEmpty)
    }

    @Test func headerOnly() {
        #expect(parse("a,b,c").records == [Row(1, "a", "b", "c")])
        #expect(parse("a,b,c\n").records == [Row(1, "a", "b", "c")])
        #expect(parse("a,b,c\r\n").records == [Row(1, "a", "b", "c")])
    }

    @Test func blankLinesAreSkippedButCounted() {
        let r = parse("\na,b\n\n\r\n1,2\n\n3,4\n\n")
        #expect(r.records == [Row(2, "a", "b"), Row(5, "1", "2"), Row(7, "3", "4")])
    }

    @Test func trailingCommaIsAnEmptyLastField() {
        #expect(parse("a,b,\n").records == [Row(1, "a", "b", "")])
        #expect(parse("a,b,\r\n").records == [Row(1, "a", "b", "")])
        #expect(parse("a,b,").records == [Row(1, "a", "b", "")])
        // The same on the quoted (slow) path.
        #expect(parse("\"a\",b,\n").records == [Row(1, "a", "b", "")])
        #expect(parse("\"a\",b,\r\n").records == [Row(1, "a", "b", "")])
        #expect(parse("\"a\",").records == [Row(1, "a", "")])
        #expect(parse(",").records == [Row(1, "", "")])
    }

    @Test func spacesAroundUnquotedValuesAreTrimmed() {
        #expect(parse("  a  ,\tb\t, c d \n").records == [Row(1, "a", "b", "c d")])
        #expect(parse("  a  ,\tb\t, c d \r\n").records == [Row(1, "a", "b", "c d")])
        // On the quoted path too, and spaces inside quotes are kept.
        #expect(parse("  a  , \" b \" , c \n").records == [Row(1, "a", " b ", "c")])
        #expect(parse(" \" b \" ,  x  \r\n").records == [Row(1, " b ", "x")])
    }

    @Test func unterminatedQuoteIsReportedAtTheRecordStartAndReadingResumes() {
        let text = "a,b\n1,2\n\"broken,3\n4,5\n6,7\n"
        let r = parse(text)
        #expect(r.errors == [3])
        #expect(r.records == [Row(1, "a", "b"), Row(2, "1", "2"), Row(4, "4", "5"), Row(5, "6", "7")])
    }

    @Test func unterminatedQuoteInALaterFieldWithCRLF() {
        let r = parse("a,b\r\nx,\"open\r\ny,z\r\n")
        #expect(r.errors == [2])
        #expect(r.records == [Row(1, "a", "b"), Row(3, "y", "z")])
    }

    @Test func unterminatedQuoteOnTheLastLine() {
        let r = parse("a,b\n1,\"2")
        #expect(r.errors == [2])
        #expect(r.records == [Row(1, "a", "b")])
    }

    @Test func unterminatedQuoteAfterAMultiLineRecordNamesTheRightLine() {
        let r = parse("a,b\n\"x\ny\",1\n\"open,2\nok,3\n")
        #expect(r.errors == [4])
        #expect(r.records == [Row(1, "a", "b"), Row(2, "x\ny", "1"), Row(5, "ok", "3")])
    }

    @Test func invalidUTF8IsVisibleThroughRead() {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0x41, 0xFF, 0x42] + Array(",ok\nc,d\n".utf8)
        var seen: [(line: Int, valid: [Bool])] = []
        _ = bytes.withUnsafeBufferPointer { buf in
            CSVReader.read(buf) { record in
                seen.append((record.line, (0..<record.count).map { record.string($0) != nil }))
            }
        }
        #expect(seen.map(\.line) == [1, 2, 3])
        #expect(seen.map(\.valid) == [[true, true], [false, true], [true, true]])
        // `parse` replaces the bad byte with U+FFFD.
        let r = parseBytes(bytes)
        #expect(r.records[1].fields == ["A\u{FFFD}B", "ok"])
    }

    @Test func readReportsLinesAndFieldCounts() {
        let bytes = Array("a,b,c\n\"x\n\",,\n".utf8)
        var lines: [Int] = []
        var counts: [Int] = []
        var emptyFlags: [[Bool]] = []
        _ = bytes.withUnsafeBufferPointer { buf in
            CSVReader.read(buf, onError: { _ in Issue.record("unexpected error") }) { record in
                lines.append(record.line)
                counts.append(record.count)
                emptyFlags.append((0..<record.count).map { record.isEmpty($0) })
            }
        }
        #expect(lines == [1, 2])
        #expect(counts == [3, 3])
        #expect(emptyFlags == [[false, false, false], [false, true, true]])
    }

    @Test func nonASCIIAndEmoji() {
        let r = parse("name,place\nCafé 健康 🌍,\"Notting Dale, é\"\n")
        #expect(r.records == [Row(1, "name", "place"), Row(2, "Café 健康 🌍", "Notting Dale, é")])
    }
}
