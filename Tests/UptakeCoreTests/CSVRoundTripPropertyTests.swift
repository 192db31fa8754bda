import Testing
import UptakeCore

/// The CSV property tests draw from the statistics tests' seeded SplitMix64 (same target).
typealias CSVPropertyRNG = SplitMix64

/// Building blocks of random fields: the characters CSV finds hard, and some that it should not.
private let fieldPieces: [String] = [
    "a", "b", "Z", "0", "42", "30.8", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "  ", "\t", "é", "健", "🌍", "x y", "-", "%", "'",
]

private func randomField(_ rng: inout CSVPropertyRNG) -> String {
    if Int.random(in: 0..<6, using: &rng) == 0 { return "" }
    var s = ""
    for _ in 0..<Int.random(in: 1...6, using: &rng) { s += fieldPieces.randomElement(using: &rng)! }
    return s
}

/// A serialised table and what the reader should give back.
private struct Case {
    var bytes: [UInt8]
    var table: [[String]]
    var lines: [Int]
    var description: String
}

/// Serialises `table` with ``CSVWriter``, random LF/CRLF line ends, an optional BOM and optional final line end.
private func serialise(_ table: [[String]], rng: inout CSVPropertyRNG) -> Case {
    var bytes: [UInt8] = []
    let bom = Bool.random(using: &rng)
    if bom { bytes += [0xEF, 0xBB, 0xBF] }
    var lines: [Int] = []
    var line = 1
    for (i, row) in table.enumerated() {
        lines.append(line)
        var w = CSVWriter()
        w.row(row)
        var text = Array(w.text.utf8)
        #expect(text.last == 10)
        text.removeLast()
        bytes += text
        line += text.filter { $0 == 10 }.count
        let last = i == table.count - 1
        if last && Int.random(in: 0..<4, using: &rng) == 0 { break }
        bytes += Bool.random(using: &rng) ? [13, 10] : [10]
        line += 1
    }
    return Case(bytes: bytes, table: table, lines: lines, description: "bom=\(bom) table=\(table.map { $0.map { Array($0.unicodeScalars).map(\.value) } })")
}



@Suite struct CSVRoundTripPropertyTests {
    @Test func writerThenReaderRoundTripsExactly() {
        var rng = CSVPropertyRNG(seed: 0x5EED_CAFE)
        var checked = 0
        for _ in 0..<400 {
            let columns = Int.random(in: 1...6, using: &rng)
            let rows = Int.random(in: 1...8, using: &rng)
            let ragged = Int.random(in: 0..<5, using: &rng) == 0
            var table: [[String]] = []
            for _ in 0..<rows {
                let n = ragged ? Int.random(in: 1...6, using: &rng) : columns
                table.append((0..<n).map { _ in randomField(&rng) })
            }
            // A lone empty field is written as `""` (see `singleEmptyFieldRowSurvives`), so it round-trips too.
            if table.isEmpty { continue }
            let c = serialise(table, rng: &rng)
            let parsed = CSVReader.parse(c.bytes)
            #expect(parsed.errors.isEmpty, "\(c.description)")
            #expect(parsed.records.map(\.fields) == c.table, "\(c.description)")
            #expect(parsed.records.map(\.line) == c.lines, "\(c.description)")
            // The same through the streaming reader with `string(_:)`.
            var streamed: [[String?]] = []
            _ = c.bytes.withUnsafeBufferPointer { buf in
                CSVReader.read(buf) { r in streamed.append((0..<r.count).map { r.string($0) }) }
            }
            #expect(streamed == c.table.map { $0.map { Optional($0) } }, "\(c.description)")
            checked += 1
        }
        #expect(checked >= 300)
    }

    /// A record holding one empty field is written as `""`, not as a blank line that readers would skip.
    @Test func singleEmptyFieldRowSurvives() {
        var w = CSVWriter()
        w.row(["header"])
        w.row([""])
        w.row(["after"])
        do {
            #expect(w.text == "header\n\"\"\nafter\n")
            #expect(CSVReader.parse(Array(w.text.utf8)).records.map(\.fields) == [["header"], [""], ["after"]])
        }
    }

    @Test func escapeQuotesOnlyWhenNeeded() {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape(" lead") == "\" lead\"")
        #expect(CSVWriter.escape("trail\t") == "\"trail\t\"")
        #expect(CSVWriter.escape("cr\r") == "\"cr\r\"")
        #expect(CSVWriter.escape("健 🌍") == "健 🌍")
    }

    @Test func randomBytesNeverCrashAndLinesStayInRange() {
        var rng = CSVPropertyRNG(seed: 0xBAD_B17E5)
        let alphabet: [UInt8] = [34, 34, 34, 44, 44, 44, 10, 10, 13, 13, 32, 9, 0, 0xFF, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF, 0xE5, 0x81, 97, 98, 120]
        for iteration in 0..<3000 {
            var bytes: [UInt8] = []
            if Int.random(in: 0..<8, using: &rng) == 0 { bytes += [0xEF, 0xBB, 0xBF] }
            let length = Int.random(in: 0...120, using: &rng)
            for _ in 0..<length {
                bytes.append(Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng))
            }
            let lineCount = bytes.filter { $0 == 10 }.count + 1
            var events: [(line: Int, isError: Bool)] = []
            var badCount = false
            _ = bytes.withUnsafeBufferPointer { buf in
                CSVReader.read(buf, onError: { events.append(($0.line, true)) }) { r in
                    events.append((r.line, false))
                    if r.count < 1 { badCount = true }
                    for i in 0..<r.count { _ = r.bytes(i); _ = r.string(i) }
                }
            }
            #expect(!badCount, "iteration \(iteration): a record with no fields")
            for e in events {
                #expect((1...lineCount).contains(e.line), "iteration \(iteration): line \(e.line) outside 1...\(lineCount) for \(bytes)")
            }
            // Records and errors come in file order, each on a later line than the one before.
            let lines = events.map(\.line)
            #expect(zip(lines, lines.dropFirst()).allSatisfy { $0 < $1 }, "iteration \(iteration): lines \(lines) for \(bytes)")
            _ = CSVReader.parse(bytes)
        }
    }
}
