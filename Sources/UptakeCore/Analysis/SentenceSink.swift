/// Where the report's sentences are written: a `String`, or UTF-8 bytes for the streamed reports.
///
/// The sentences (``SeriesSummary/statement(labels:)``, ``TrendMarker/sentence(labels:)``) are
/// written once, against this protocol, so the string every view shows and the bytes the JSON,
/// text and Markdown reports write cannot drift apart; the byte sink writes numbers with
/// ``ByteFormat`` and keeps each period's label, so a million sentences build no strings.
protocol SentenceSink: ~Copyable {
    /// Appends text.
    mutating func text(_ s: String)
    /// Appends the sentences' own words (a literal: its bytes are known where it is written, no `String` is read).
    mutating func word(_ s: StaticString)
    /// Appends ``NumberFormat/fixed(_:_:)``.
    mutating func fixed(_ v: Double, _ decimals: Int)
    /// Appends ``NumberFormat/signed(_:_:)``.
    mutating func signed(_ v: Double, _ decimals: Int)
    /// Appends a whole number as `String(v)` writes it.
    mutating func integer(_ v: Int)
    /// Appends the label of `period` (``DatasetMetadata/label(for:)``).
    mutating func label(_ period: Period, _ labels: DatasetMetadata)
}

extension String: SentenceSink {
    mutating func text(_ s: String) { self += s }
    mutating func word(_ s: StaticString) { self += s.description }
    mutating func fixed(_ v: Double, _ decimals: Int) { self += NumberFormat.fixed(v, decimals) }
    mutating func signed(_ v: Double, _ decimals: Int) { self += NumberFormat.signed(v, decimals) }
    mutating func integer(_ v: Int) { self += String(v) }
    mutating func label(_ period: Period, _ labels: DatasetMetadata) { self += labels.label(for: period) }
}

/// Sentences written as UTF-8 bytes, with each period's label made once.
///
/// A sentence is a few dozen short pieces (words, numbers, labels): each is stored through a pointer
/// into room made for it (``ByteBuffer``), not appended to an array, whose every append checks the
/// array's uniqueness and capacity and goes through a generic copy. Not copyable: its buffer has one owner.
struct ByteSentence: SentenceSink, ~Copyable {
    private var buffer = ByteBuffer(writingInto: UnsafeMutableBufferPointer(start: nil, count: 0))
    private var labelCache = PeriodCache<Padded>()

    /// An empty sentence buffer.
    init() {}

    deinit { labelCache.forEach { $0.deallocate() } }

    /// Empties the bytes, keeping the labels and the room.
    mutating func removeAll() { buffer.removeAll() }

    /// Calls `body` with the sentence's bytes (valid only during the call).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R { try buffer.withBytes(body) }

    /// The sentence's bytes, valid until the sentence is next written to or freed (for copying it into another).
    var bytes: UnsafeBufferPointer<UInt8> { buffer.withBytes { $0 } }

    /// Appends bytes already written as a sentence (``bytes`` of another).
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(bytes) }

    mutating func text(_ s: String) {
        s.withUTF8Bytes { buffer.append($0) }
    }

    @inline(__always)
    mutating func word(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append($0) }
    }

    mutating func fixed(_ v: Double, _ decimals: Int) {
        guard v.isFinite else { return }
        number(room: ByteFormat.maximumFixedBytes, { ByteFormat.writeFixed(v, decimals, to: $0) }, else: { ByteFormat.fixedOutOfRange(v) })
    }

    mutating func signed(_ v: Double, _ decimals: Int) {
        guard v.isFinite else { return }
        number(room: ByteFormat.maximumSignedBytes, { ByteFormat.writeSigned(v, decimals, to: $0) }, else: { ByteFormat.signedOutOfRange(v) })
    }

    /// Stores what `write` writes in `room` bytes made for it, or `outOfRange`'s bytes where it writes nothing (nil).
    @inline(__always)
    private mutating func number(room: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int?, else outOfRange: () -> [UInt8]) {
        buffer.reserve(room)
        var fitted = true
        buffer.unchecked { p in
            if let n = write(p) { return n }
            fitted = false
            return 0
        }
        if !fitted { buffer.append(outOfRange()) }
    }

    mutating func integer(_ v: Int) {
        buffer.reserve(ByteFormat.maximumIntegerBytes)
        buffer.unchecked { ByteFormat.writeInteger(v, to: $0) }
    }

    mutating func label(_ period: Period, _ labels: DatasetMetadata) {
        buffer.append(labelCache.value(for: period) { Padded.stored(Array(labels.label(for: $0).utf8)) }.bytes)
    }
}
