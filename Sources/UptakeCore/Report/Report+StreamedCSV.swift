import Dispatch

extension Report {
    /// Series summarised and written per block by ``writeCSV(dataset:_:)`` (about 2 MB of CSV).
    static let streamedBlockRows = 8192

    /// The CSV report of `dataset`, the same bytes as `Report(dataset:).writeCSV(_:)`, without holding
    /// every series' summary: the series are summarised and written a block at a time, each block's two
    /// halves on two threads, and each block handed to `sink` (in order, on the calling thread) before the
    /// next is made. This is `uptake report --format csv`: a million rows need the summaries of 8,192
    /// series at a time instead of all 125,000 (about 80 MB).
    public static func writeCSV(dataset: Dataset, _ sink: ([UInt8]) -> Void) {
        let plan = UptakeTable.Plan(dataset: dataset)
        var head = CSVWriter(capacity: 1024)
        head.row(csvColumns)
        sink(head.bytes)
        let n = plan.count
        var start = 0
        while start < n {
            let (blockStart, end) = (start, min(start + streamedBlockRows, n))
            let halves = end - blockStart >= 2048 ? 2 : 1
            let pieces = (0..<halves).map { _ in ResultBox<[UInt8]>([]) }
            DispatchQueue.concurrentPerform(iterations: halves) { h in
                let lower = blockStart + (end - blockStart) * h / halves, upper = blockStart + (end - blockStart) * (h + 1) / halves
                pieces[h].value = CSVReportRows.block(lower..<upper) { plan.summary($0) }
            }
            for piece in pieces { sink(piece.value) }
            start = end
        }
    }
}
