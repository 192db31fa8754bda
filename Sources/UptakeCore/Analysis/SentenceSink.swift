/// Where the report's sentences are written: a `String`, or UTF-8 bytes for the streamed reports.
///
/// The sentences (``SeriesSummary/statement(labels:)``, ``TrendMarker/sentence(labels:)``) are
/// written once, against this protocol, so the string every view shows and the bytes the JSON,
/// text and Markdown reports write cannot drift apart; the byte sink writes numbers with
/// ``ByteFormat`` and keeps each period's label, so a million sentences build no strings.
protocol SentenceSink {
    /// Appends text.
    mutating func text(_ s: String)
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
    mutating func fixed(_ v: Double, _ decimals: Int) { self += NumberFormat.fixed(v, decimals) }
    mutating func signed(_ v: Double, _ decimals: Int) { self += NumberFormat.signed(v, decimals) }
    mutating func integer(_ v: Int) { self += String(v) }
    mutating func label(_ period: Period, _ labels: DatasetMetadata) { self += labels.label(for: period) }
}

/// Sentences written as UTF-8 bytes, with each period's label made once.
struct ByteSentence: SentenceSink {
    /// The bytes written so far.
    var bytes: [UInt8] = []
    private var labelCache = PeriodCache<[UInt8]>()

    /// An empty sentence buffer.
    init() {}

    /// Empties the bytes, keeping the labels.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func text(_ s: String) { ByteFormat.appendText(s, markdown: false, to: &bytes) }
    mutating func fixed(_ v: Double, _ decimals: Int) { ByteFormat.appendFixed(v, decimals, to: &bytes) }
    mutating func signed(_ v: Double, _ decimals: Int) { ByteFormat.appendSigned(v, decimals, to: &bytes) }
    mutating func integer(_ v: Int) { ByteFormat.appendInteger(v, to: &bytes) }
    mutating func label(_ period: Period, _ labels: DatasetMetadata) {
        bytes.append(contentsOf: labelCache.value(for: period) { Array(labels.label(for: $0).utf8) })
    }
}
