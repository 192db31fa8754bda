extension Report {
    /// Series per block of ``writeCSV(dataset:_:)`` (made in four pieces of 1,024: about 200 KB of CSV a piece).
    static let streamedBlockRows = 4096

    /// The CSV report of `dataset`, the same bytes as `Report(dataset:).writeCSV(_:)`, without holding every
    /// series' summary: the series are summarised and written in pieces of 1,024 that the two threads take as
    /// they come (``streamInOrder(count:blockSize:minimumForThreads:piecesPerBlock:make:sink:)``), each handed to
    /// `sink` (in order, one piece at a time) as soon as those before it are, at most eight made or waiting. This is
    /// `uptake report --format csv`: a million rows hold the summaries of the two pieces being made (2,048 series)
    /// instead of all 125,000 (about 80 MB), and writing to a slow pipe or file overlaps making the rows.
    public static func writeCSV(dataset: Dataset, _ sink: @Sendable ([UInt8]) -> Void) {
        let plan = UptakeTable.Plan(dataset: dataset)
        PhaseMarks.mark("report planned")
        streamCSV(count: plan.count, sink) { plan.summary($0) }
        PhaseMarks.mark("report written")
        // The plan's 25,000 partner records (at a million rows) freed on another thread, not before the caller goes on.
        releaseInBackground(plan)
    }

    /// The CSV report of `count` series whose summaries `summary` makes (once each, on either thread): the header,
    /// then the rows, in pieces of 1,024 series taken by two threads as they come (below 2,048, on the calling thread
    /// in one piece), the header in the first. The one CSV streaming of both ``writeCSV(dataset:_:)`` and ``writeCSV(_:)``.
    static func streamCSV(count: Int, _ sink: @Sendable ([UInt8]) -> Void, summary: @Sendable (Int) -> SeriesSummary) {
        var head = CSVWriter(capacity: 1024)
        head.row(csvColumns)
        let header = head.bytes
        guard count > 0 else { return sink(header) }
        streamInOrder(count: count, blockSize: streamedBlockRows, minimumForThreads: 2048, piecesPerBlock: 4, make: { range in
            CSVReportRows.block(range, prefix: range.lowerBound == 0 ? header : []) { summary($0) }
        }, sink: sink)
    }
}
