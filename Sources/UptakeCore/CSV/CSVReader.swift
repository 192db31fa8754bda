import CByteScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem the CSV reader found in the bytes themselves (not in a value).
public struct CSVSyntaxError: Hashable, Sendable {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A quoted field was still open at the end of the file.
        case unterminatedQuote
        /// The input is larger than ``CSVReader/maximumInputSize``; nothing was read.
        case inputTooLarge(bytes: Int)
    }

    /// The diagnostic message for this error.
    public var message: String {
        switch kind {
        case .unterminatedQuote:
            return "unterminated quote: a quoted field opened on this line never closes; the record is rejected and reading resumes on the next line"
        case .inputTooLarge(let bytes):
            return "the file is \(bytes) bytes, larger than the \(CSVReader.maximumInputSize) bytes (2 GiB − 1) a CSV file may have; nothing is read from it"
        }
    }
    /// What went wrong.
    public let kind: Kind
    /// The physical line (1-based) where the broken record starts.
    public let line: Int
}

/// One record as the reader sees it: a view of field byte ranges over the file.
///
/// It is valid inside the callback it is handed to and through the next record's callback: the reader fills two stores
/// of ranges in turn (``CSVReader/FieldStores``; the loader handles each record one late, and owns the stores, so its
/// last record stays valid after the read). Copy out what you need for longer.
/// Fields are reached by index; quoted fields are unescaped on access.
public struct CSVRecord {
    @usableFromInline let base: UnsafeBufferPointer<UInt8>
    @usableFromInline let ranges: UnsafeBufferPointer<CSVFieldRange>
    /// The physical line (1-based) on which the record starts.
    public let line: Int

    @inlinable init(base: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<CSVFieldRange>, line: Int) {
        self.base = base
        self.ranges = ranges
        self.line = line
    }

    /// How many fields the record has.
    @inlinable public var count: Int { ranges.count }

    /// The raw bytes of field `i` (quotes removed, but `""` pairs left doubled when `isQuoted`).
    @inlinable public func rawBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let r = ranges[i]
        return UnsafeBufferPointer(rebasing: base[Int(r.start)..<Int(r.end)])
    }

    /// True when field `i` was quoted and contains doubled quotes to unescape.
    @inlinable public func hasEscapes(_ i: Int) -> Bool { ranges[i].hasEscapes }

    /// Field `i` trimmed of surrounding spaces (unquoted fields only) and unescaped, as bytes.
    public func bytes(_ i: Int) -> [UInt8] {
        let raw = rawBytes(i)
        if !ranges[i].hasEscapes { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = 0
        while j < raw.count {
            let b = raw[j]
            out.append(b)
            if b == UInt8(ascii: "\""), j + 1 < raw.count, raw[j + 1] == UInt8(ascii: "\"") { j += 2 } else { j += 1 }
        }
        return out
    }

    /// Calls `body` with field `i` as ``bytes(_:)`` gives it: in place, unless it has doubled quotes to unescape.
    @inlinable public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if !ranges[i].hasEscapes { return try body(rawBytes(i)) }
        return try bytes(i).withUnsafeBufferPointer(body)
    }

    /// Field `i` as a string, or nil when its bytes are not valid UTF-8 (``ByteScan/string(validatingUTF8:)``).
    public func string(_ i: Int) -> String? {
        withBytes(i) { ByteScan.string(validatingUTF8: $0) }
    }

    /// True when every byte of the record is ASCII, so every field is valid UTF-8 as it stands: one scan, a word
    /// at a time, from the first field's start to the last one's end (between fields lie only commas, quotes,
    /// spaces and line ends).
    var isASCII: Bool {
        guard let first = ranges.first, let last = ranges.last, first.start < last.end else { return true }
        return ByteScan.isASCII(UnsafeBufferPointer(rebasing: base[Int(first.start)..<Int(last.end)]))
    }

    /// Field `i` as a string, its bytes known to be valid UTF-8 (as ``isASCII`` or ``string(_:)`` found them).
    func decodedString(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when field `i` is empty after trimming.
    @inlinable public func isEmpty(_ i: Int) -> Bool { ranges[i].start == ranges[i].end }
}

/// Where one field lies in the file's bytes.
public struct CSVFieldRange: Sendable {
    /// First byte of the field's content (after any opening quote and leading spaces).
    public var start: Int32
    /// One past the last byte of the content.
    public var end: Int32
    /// The content holds doubled quotes that must be unescaped.
    public var hasEscapes: Bool
    @inlinable init(start: Int32, end: Int32, hasEscapes: Bool) {
        self.start = start
        self.end = end
        self.hasEscapes = hasEscapes
    }
}

/// A streaming RFC 4180 CSV reader over a byte buffer.
///
/// It accepts UTF-8 with or without a byte-order mark, LF or CRLF line ends,
/// quoted fields holding commas, newlines and doubled quotes, and skips blank
/// lines. It never allocates per field: each record is handed to a callback as
/// byte ranges, so a million-row file is read at memory speed. An unterminated
/// quote does not swallow the rest of the file: the broken record is reported
/// and reading resumes on the line after the one where it started.
public enum CSVReader {
    /// Reads every record of `bytes`, calling `onRecord` for each and `onError` for syntax errors;
    /// returns the number of the line after the last one read.
    ///
    /// Inputs larger than ``maximumInputSize`` (2 GiB − 1; field offsets are 32-bit) are not read:
    /// `onError` gets ``CSVSyntaxError/Kind/inputTooLarge(bytes:)`` and no record is delivered.
    ///
    /// `start`, `end` and `firstLine` let two threads read the halves of one
    /// file (split at a line end outside quotes); field offsets stay relative
    /// to `bytes`.
    ///
    /// With a `progress`, every ``progressChunk`` records the bytes and records read
    /// since the last report are added to it (one atomic add each), and a cancelled
    /// progress stops the read there: it returns early, with the rest unread.
    @discardableResult
    public static func read(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int = 0,
        to end: Int? = nil,
        firstLine: Int = 1,
        progress: LoadProgress? = nil,
        releasingBehind: Bool = false,
        onError: (CSVSyntaxError) -> Void = { _ in },
        onRecord: (CSVRecord) -> Void
    ) -> Int {
        read(bytes, from: start, to: end, firstLine: firstLine, progress: progress, releasingBehind: releasingBehind,
             final: true, atFileStart: start == 0, onError: onError, onRecord: onRecord).line
    }

    /// Reads the records of one window of a file read in pieces (issue 11): `bytes[start..<end]`, where more of the file
    /// may follow `end` unless `final`. A record is read only once its line end is in the window, so a window that is
    /// not final stops at the start of the first record it does not hold whole (a quoted field still open at `end`, or
    /// a line not yet ended); the caller keeps the bytes from there, reads more after them and calls again. Read window
    /// by window this way, a file gives exactly the records, lines and errors of one ``read(_:from:to:firstLine:progress:releasingBehind:onError:onRecord:)``
    /// of all its bytes (a record depends on no byte after its line end; `CSVReaderReferenceTests` reads in windows of
    /// every size). `atFileStart`: `bytes[start]` is the file's first byte (a byte-order mark there is skipped).
    ///
    /// Returns the number of the line after the last record read and where reading stopped (`end` when every
    /// record was read; a cancelled `progress` stops it early, as in the whole read).
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int?,
        firstLine: Int,
        progress: LoadProgress?,
        releasingBehind: Bool = false,
        final: Bool,
        atFileStart: Bool,
        fieldStores: FieldStores? = nil,
        onError: (CSVSyntaxError) -> Void,
        onRecord: (CSVRecord) -> Void
    ) -> (line: Int, stoppedAt: Int) {
        guard bytes.count <= maximumInputSize else {
            onError(CSVSyntaxError(kind: .inputTooLarge(bytes: bytes.count), line: firstLine))
            return (firstLine, start)
        }
        var n = min(end ?? bytes.count, bytes.count)
        guard n > start, let basePtr = bytes.baseAddress else { return (firstLine, start) }
        if !final {
            // Only whole lines: up to the window's last line feed (a quoted field may still run past it; see below).
            var last = n - 1
            while last >= start, basePtr[last] != UInt8(ascii: "\n") { last -= 1 }
            guard last >= start else { return (firstLine, start) }
            n = last + 1
        }
        var pos = start
        // Skip a UTF-8 byte-order mark.
        if atFileStart, n - start >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF { pos = start + 3 }
        var line = firstLine
        // The field ranges of the record being read, reused for every other record: no reference counting per field, and a
        // record's ranges stay as they are through the next record's callback (``CSVRecord``), and after the read when the
        // caller owns the stores.
        let stores = fieldStores ?? FieldStores()
        var fields = stores.current
        var otherFields = stores.other
        defer { (stores.current, stores.other) = (fields, otherFields) }
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")

        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        // Progress: a countdown per record, one report per chunk (nothing else when there is no progress).
        var untilReport = Self.progressChunk
        var reported = start
        var released = start
        var lastDelivered = start, deliveredBefore = start   // where the last two records handed to `onRecord` start
        defer { progress?.add(bytes: (pos < n ? pos : n) - reported, rows: Self.progressChunk - untilReport) }

        readLoop: while pos < n {
            if untilReport == 0 {
                untilReport = Self.progressChunk
                if let progress {
                    progress.add(bytes: pos - reported, rows: Self.progressChunk)
                    reported = pos
                    if progress.isCancelled { return (line, pos) }
                }
                // The two records before this one stay readable: a caller may handle each record one late and compare it
                // with the one before it, as the loader does.
                if releasingBehind { released = releasePages(basePtr, from: released, to: min(pos - Self.releaseSlack, deliveredBefore)) }
            }
            untilReport -= 1
            let recordStart = pos
            let recordLine = line
            fields.removeAll()
            // One pass over the record, field by field: an unquoted field is scanned eight bytes at a time to the next
            // comma or line feed (a quote inside it is an ordinary byte); a quoted field to its closing quote. A record
            // with a quoted field is not read twice.
            var i = pos
            var physicalLines = 0
            var broken = false
            fieldLoop: while true {
                // Leading spaces and tabs are not part of a field.
                var s = i
                // Nearly every field starts above `"` (0x22), so neither a space, a tab nor a quote: one comparison.
                var quoted = false
                if s < n, bytes[s] <= quote {
                    while s < n, isSpace(bytes[s]) { s += 1 }
                    quoted = s < n && bytes[s] == quote
                }
                if quoted {
                    // Quoted field: to the closing quote, eight bytes at a time where no quote or line feed is.
                    let contentStart = s + 1
                    var j = contentStart
                    var escapes = false
                    var closed = false
                    while true {
                        j = firstOf(Self.quotes, Self.lineFeeds, in: basePtr, from: j, to: n)
                        guard j < n else { break }
                        if bytes[j] == quote {
                            if j + 1 < n, bytes[j + 1] == quote {
                                escapes = true
                                j += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        // A line feed inside the quotes.
                        physicalLines += 1
                        j += 1
                    }
                    if !closed {
                        // Not in this window: the record is read whole with the next (its start is returned).
                        if !final { return (line, pos) }
                        broken = true
                        break fieldLoop
                    }
                    var contentEnd = j
                    // Anything between the closing quote and the delimiter is kept literally.
                    var k = j + 1
                    while k < n, bytes[k] != comma, bytes[k] != lf, !(bytes[k] == cr && (k + 1 == n || bytes[k + 1] == lf)) { k += 1 }
                    var trailing = k
                    while trailing > j + 1, isSpace(bytes[trailing - 1]) { trailing -= 1 }
                    if trailing > j + 1 {
                        // Malformed (`"ab"c`): keep the whole raw text after the opening quote.
                        contentEnd = trailing
                    }
                    fields.append(CSVFieldRange(start: Self.offset(contentStart), end: Self.offset(contentEnd), hasEscapes: escapes))
                    if k < n, bytes[k] == comma {
                        i = k + 1
                        continue fieldLoop
                    }
                    // End of record.
                    if k < n, bytes[k] == cr { k += 1 }
                    pos = k < n ? k + 1 : n
                    break fieldLoop
                }
                // Unquoted field: to the next comma or line feed, eight bytes at a time.
                let j = firstOf(Self.commas, Self.lineFeeds, in: basePtr, from: s, to: n)
                var e = j
                // A carriage return, a space and a tab are all at or below 0x20; nearly every field ends above it.
                if e > s, bytes[e - 1] <= 0x20 {
                    if bytes[e - 1] == cr, j == n || bytes[j] == lf { e -= 1 }
                    while e > s, isSpace(bytes[e - 1]) { e -= 1 }
                }
                if j < n, bytes[j] == comma {
                    fields.append(CSVFieldRange(start: Self.offset(s), end: Self.offset(e), hasEscapes: false))
                    i = j + 1
                    continue fieldLoop
                }
                // A line with nothing on it (or only a carriage return) is skipped; one of spaces is a record.
                if fields.isEmpty, j - pos <= 1, j == pos || bytes[pos] == cr {
                    pos = j + 1
                    line += 1
                    continue readLoop
                }
                fields.append(CSVFieldRange(start: Self.offset(s), end: Self.offset(e), hasEscapes: false))
                pos = j < n ? j + 1 : n + 1
                break fieldLoop
            }
            if broken {
                onError(CSVSyntaxError(kind: .unterminatedQuote, line: recordLine))
                // Resume on the line after the one where the broken record started.
                let lineEndPtr = memchr(basePtr + pos, Int32(lf), n - pos)
                pos = (lineEndPtr.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - basePtr } ?? n) + 1
                line += 1
                continue
            }
            deliveredBefore = lastDelivered
            lastDelivered = recordStart
            onRecord(CSVRecord(base: bytes, ranges: UnsafeBufferPointer(fields.buffer), line: recordLine))
            swap(&fields, &otherFields)
            line += 1 + physicalLines
        }
        return (line, min(pos, n))
    }

    /// The two stores of field ranges the reader fills in turn, one record each. A caller that handles each record one
    /// late passes its own, so the last record's ranges outlive the read: they stay as they are until the stores are used
    /// by another read.
    final class FieldStores {
        fileprivate var current = RowStore<CSVFieldRange>(capacity: 32)
        fileprivate var other = RowStore<CSVFieldRange>(capacity: 32)
    }

    /// How many bytes of `bytes[range]` equal `byte`: counted 255 bytes at a time into an 8-bit counter, a loop the
    /// compiler turns into vector compares (about three times the speed of a word-at-a-time count, and many times that of
    /// `memchr` from one hit to the next when hits are a few bytes apart, as the quotes of a Fingertips download are).
    static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let range = range.clamped(to: 0..<bytes.count)
        var total = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let end = i + min(255, range.upperBound - i)
            var block: UInt8 = 0
            var j = i
            while j < end {
                block &+= bytes[j] == byte ? 1 : 0
                j += 1
            }
            total += Int(block)
            i = end
        }
        return total
    }

    /// Bytes kept behind the next record when releasing pages, besides the last two records delivered (which the loader
    /// handles one late, comparing each row's names with the previous row's bytes).
    static let releaseSlack = 16 << 10

    /// Gives back to the kernel the whole pages of `base[from..<to]` (`madvise(MADV_DONTNEED)`); returns where
    /// the next release starts. Only for a buffer the caller owns alone and discards after the read: the
    /// released bytes read as zeros afterwards.
    static func releasePages(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0, to > from else { return from }
        let first = (Int(bitPattern: base + from) + page - 1) / page * page
        let last = Int(bitPattern: base + to) / page * page
        guard last - first >= 16 * page, let start = UnsafeMutableRawPointer(bitPattern: first) else { return from }
        _ = madvise(start, last - first, MADV_DONTNEED)
        return last - Int(bitPattern: base)
    }

    /// How many records the reader reads between two reports to a ``LoadProgress`` (about 64 KB of a typical file).
    public static let progressChunk = 1024

    /// The largest input the reader accepts: offsets are held in 32 bits.
    public static let maximumInputSize = Int(Int32.max)

    /// An offset into the input as a field range holds it. The reader refuses inputs over ``maximumInputSize``
    /// before reading, so every offset fits: kept as it is, without a check that cannot fail on every field.
    @inline(__always)
    static func offset(_ i: Int) -> Int32 { Int32(truncatingIfNeeded: i) }

    private static let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
    private static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let quotes: UInt64 = 0x2222_2222_2222_2222

    /// A high bit set in each byte of `v` that may be zero; the lowest one set is exactly the first zero byte.
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// The first index from `start` below `end` whose byte is one of two, given each repeated in all eight bytes of a
    /// word (``commas``, ``lineFeeds``, ``quotes``), or `end`: eight bytes at a time, then byte by byte.
    @inline(__always)
    static func firstOf(_ a: UInt64, _ b: UInt64, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var j = start
        let x = UInt8(truncatingIfNeeded: a), y = UInt8(truncatingIfNeeded: b)
        // Sixteen bytes a step, as one vector comparison's bit mask (a field of up to 15 bytes in one step).
        while j + 16 <= end {
            let hits = uptake_match2_16(base + j, x, y)
            if hits != 0 { return j + hits.trailingZeroBitCount }
            j += 16
        }
        while j + 8 <= end {
            let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self).littleEndian
            let hits = zeroBytes(word ^ a) | zeroBytes(word ^ b)
            if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end, base[j] != x, base[j] != y { j += 1 }
        return j
    }

    /// The range of `bytes[start..<end]` without surrounding spaces and tabs.
    @inline(__always)
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> CSVFieldRange {
        var s = start, e = end
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        return CSVFieldRange(start: Int32(s), end: Int32(e), hasEscapes: false)
    }

    /// Reads every record of `bytes` into arrays of strings (for small files and tests).
    ///
    /// Invalid UTF-8 in a field becomes U+FFFD here; loaders that must report it use ``read(_:onError:onRecord:)``.
    public static func parse(_ bytes: [UInt8]) -> (records: [(line: Int, fields: [String])], errors: [CSVSyntaxError]) {
        var records: [(line: Int, fields: [String])] = []
        var errors: [CSVSyntaxError] = []
        _ = bytes.withUnsafeBufferPointer { buf in
            read(buf, onError: { errors.append($0) }) { record in
                var fields: [String] = []
                fields.reserveCapacity(record.count)
                for i in 0..<record.count {
                    fields.append(String(decoding: record.bytes(i), as: UTF8.self))
                }
                records.append((record.line, fields))
            }
        }
        return (records, errors)
    }
}
