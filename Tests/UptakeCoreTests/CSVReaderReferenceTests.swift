import Testing
@testable import UptakeCore

/// The reader (eight bytes at a time, one pass per record) against a byte-at-a-time reading of the same rules, on
/// random bytes rich in quotes, commas, line ends and spaces: every record's line, every field's range and escape
/// flag, and every syntax error's line must agree.
@Suite struct CSVReaderReferenceTests {
    enum Event: Equatable {
        case record(line: Int, fields: [[Int32]])
        case error(line: Int)
    }

    /// The rules, a byte at a time: leading spaces and tabs skipped; a quoted field runs to its closing quote (`""`
    /// inside is an escape), anything between that quote and the delimiter kept with the content; an unquoted field runs
    /// to a comma or line feed, a carriage return before the line feed and trailing spaces dropped; an empty line (or one
    /// holding only a carriage return) is skipped; an unterminated quote is an error and reading resumes on the next line.
    static func reference(_ b: [UInt8]) -> [Event] {
        let n = b.count
        func space(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 }
        var events: [Event] = []
        var pos = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var line = 1
        records: while pos < n {
            var fields: [[Int32]] = []
            var i = pos
            var inner = 0
            while true {
                var s = i
                while s < n, space(b[s]) { s += 1 }
                if s < n, b[s] == 0x22 {
                    var j = s + 1, escapes = false, closed = false
                    while j < n {
                        if b[j] == 0x22 {
                            if j + 1 < n, b[j + 1] == 0x22 { escapes = true; j += 2; continue }
                            closed = true
                            break
                        }
                        if b[j] == 0x0A { inner += 1 }
                        j += 1
                    }
                    if !closed {
                        events.append(.error(line: line))
                        var lf = pos
                        while lf < n, b[lf] != 0x0A { lf += 1 }
                        pos = lf + 1
                        line += 1
                        continue records
                    }
                    var k = j + 1
                    while k < n, b[k] != 0x2C, b[k] != 0x0A, !(b[k] == 0x0D && (k + 1 == n || b[k + 1] == 0x0A)) { k += 1 }
                    var t = k
                    while t > j + 1, space(b[t - 1]) { t -= 1 }
                    fields.append([Int32(s + 1), Int32(t > j + 1 ? t : j), escapes ? 1 : 0])
                    if k < n, b[k] == 0x2C { i = k + 1; continue }
                    if k < n, b[k] == 0x0D { k += 1 }
                    pos = k + 1
                    break
                }
                var j = s
                while j < n, b[j] != 0x2C, b[j] != 0x0A { j += 1 }
                var e = j
                if e > s, b[e - 1] == 0x0D, j == n || b[j] == 0x0A { e -= 1 }
                while e > s, space(b[e - 1]) { e -= 1 }
                if j < n, b[j] == 0x2C { fields.append([Int32(s), Int32(e), 0]); i = j + 1; continue }
                if fields.isEmpty, j == pos || (j == pos + 1 && b[pos] == 0x0D) {
                    pos = j + 1
                    line += 1
                    continue records
                }
                fields.append([Int32(s), Int32(e), 0])
                pos = j + 1
                break
            }
            events.append(.record(line: line, fields: fields))
            line += 1 + inner
        }
        return events
    }

    static func read(_ bytes: [UInt8]) -> [Event] {
        var events: [Event] = []
        _ = bytes.withUnsafeBufferPointer { buf in
            CSVReader.read(buf, onError: { events.append(.error(line: $0.line)) }) { r in
                events.append(.record(line: r.line, fields: (0..<r.count).map { [r.ranges[$0].start, r.ranges[$0].end, r.hasEscapes($0) ? 1 : 0] }))
            }
        }
        return events
    }

    /// `bytes` read as the loader reads a file in windows (`UptakeFileLoader+Windows`): `window` bytes at a time after
    /// the bytes a window left unread, the window doubled when one record fills it, the last one final. Field offsets
    /// are made the file's again, so the events compare with one read of the whole.
    static func readInWindows(_ bytes: [UInt8], window: Int) -> [Event] {
        var events: [Event] = []
        var kept: [UInt8] = [], keptOffset = 0, next = 0, line = 1, atFileStart = true, capacity = window
        while true {
            if kept.count == capacity { capacity *= 2 }
            let take = min(capacity - kept.count, bytes.count - next)
            kept += bytes[next..<next + take]
            next += take
            let final = next == bytes.count
            let offset = Int32(keptOffset)
            let (after, stoppedAt) = kept.withUnsafeBufferPointer { buf in
                CSVReader.read(buf, from: 0, to: buf.count, firstLine: line, progress: nil, final: final, atFileStart: atFileStart,
                               onError: { events.append(.error(line: $0.line)) }) { r in
                    events.append(.record(line: r.line, fields: (0..<r.count).map {
                        [r.ranges[$0].start + offset, r.ranges[$0].end + offset, r.hasEscapes($0) ? 1 : 0]
                    }))
                }
            }
            line = after
            if stoppedAt > 0 { atFileStart = false }
            kept.removeFirst(stoppedAt)
            keptOffset += stoppedAt
            if final { return events }
        }
    }

    @Test func agreesWithTheByteAtATimeRulesOnRandomBytes() {
        var rng = SplitMix64(seed: 0xC5F_0DD5)
        // Long runs of ordinary bytes cross the eight-byte words; the rest are the bytes the rules turn on.
        let special: [UInt8] = [0x22, 0x22, 0x2C, 0x2C, 0x0A, 0x0D, 0x20, 0x09]
        var records = 0, errors = 0, quoted = 0
        for iteration in 0..<4000 {
            var bytes: [UInt8] = Int.random(in: 0..<10, using: &rng) == 0 ? [0xEF, 0xBB, 0xBF] : []
            let length = Int.random(in: 0...300, using: &rng)
            while bytes.count < length {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes.append(special.randomElement(using: &rng)!)
                case 1: bytes += Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 1...19, using: &rng))
                case 2: bytes += Array("\"q,\"\"\n\"".utf8.shuffled(using: &rng))
                default: bytes.append(UInt8.random(in: 0...255, using: &rng))
                }
            }
            let expected = Self.reference(bytes)
            #expect(Self.read(bytes) == expected, "iteration \(iteration): \(bytes)")
            // Read in windows of any size (one byte up), the same records, lines and errors.
            let window = Int.random(in: 1...48, using: &rng)
            #expect(Self.readInWindows(bytes, window: window) == expected, "iteration \(iteration), windows of \(window): \(bytes)")
            for e in expected {
                if case .record(_, let fields) = e { records += 1; quoted += fields.filter { $0[2] == 1 }.count } else { errors += 1 }
            }
        }
        // The inputs reached every branch: records, escaped quoted fields and unterminated quotes.
        #expect(records > 10_000 && errors > 500 && quoted > 500, "records \(records), errors \(errors), escaped fields \(quoted)")
    }

    /// Longer inputs with few quotes, as real files are: records of tens to hundreds of bytes, CR LF line ends, a
    /// quoted field with a doubled quote and a line break now and then; read whole and in windows up to 300 bytes.
    @Test func agreesWithTheRulesOnLongRecordsWithFewQuotes() {
        var rng = SplitMix64(seed: 0x5EED_64B)
        let separators: [UInt8] = [0x2C, 0x2C, 0x2C, 0x0A, 0x0D, 0x20, 0x09]
        var records = 0, quoted = 0
        for iteration in 0..<1500 {
            var bytes: [UInt8] = []
            let length = Int.random(in: 0...2500, using: &rng)
            while bytes.count < length {
                switch Int.random(in: 0..<60, using: &rng) {
                case 0: bytes.append(0x22)
                case 1: bytes += Array("\"a,\"\"b\n\"".utf8)
                case 2..<12: bytes += Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 1...90, using: &rng))
                case 12..<16: bytes.append(UInt8.random(in: 0...255, using: &rng))
                case 16..<20: bytes += [0x0D, 0x0A]
                default: bytes.append(separators.randomElement(using: &rng)!)
                }
            }
            let expected = Self.reference(bytes)
            #expect(Self.read(bytes) == expected, "iteration \(iteration): \(bytes)")
            let window = Int.random(in: 1...300, using: &rng)
            #expect(Self.readInWindows(bytes, window: window) == expected, "iteration \(iteration), windows of \(window)")
            for e in expected {
                if case .record(_, let fields) = e { records += 1; quoted += fields.contains { $0[2] == 1 } ? 1 : 0 }
            }
        }
        #expect(records > 15_000 && quoted > 500, "records \(records), with an escaped field \(quoted)")
    }

    @Test func countsABytesOccurrencesInAnyRange() {
        var rng = SplitMix64(seed: 0xC0_0157)
        // Runs of the byte itself (255 in a row fill the 8-bit block counter), and ranges that start and end anywhere.
        var bytes: [UInt8] = Array(repeating: 10, count: 700)
        for _ in 0..<5000 { bytes.append(Bool.random(using: &rng) ? 10 : UInt8.random(in: 0...255, using: &rng)) }
        bytes.withUnsafeBufferPointer { buf in
            for _ in 0..<300 {
                let a = Int.random(in: 0...buf.count, using: &rng), b = Int.random(in: a...buf.count, using: &rng)
                for byte: UInt8 in [10, 34, 0] {
                    #expect(CSVReader.count(byte, in: buf, a..<b) == buf[a..<b].filter { $0 == byte }.count, "\(byte) in \(a)..<\(b)")
                }
            }
            #expect(CSVReader.count(10, in: buf, 0..<700) == 700)
            #expect(CSVReader.count(10, in: buf, 0..<(buf.count + 50)) == buf.filter { $0 == 10 }.count)
        }
    }

    @Test func agreesOnRecordsWithAQuotedFieldInTheMiddle() {
        // The Fingertips download quotes a parent name on every row: the record must not be read twice, nor differently.
        let text = "22001,Name,U0,\"Synthetic PCN 0, synthetic\",P0,PRACTICE 0,GPs,Female, 53-70 yrs ,,,2014,78.99,,,,,6719,8506\r\n"
        let bytes = Array((String(repeating: text, count: 50) + "\n\n\r\n  \n\"open").utf8)
        let events = Self.read(bytes)
        #expect(events == Self.reference(bytes))
        #expect(events.count == 52)
        #expect(events.last == .error(line: 55))
    }
}
