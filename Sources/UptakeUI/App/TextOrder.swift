import Dispatch
import UptakeCore

/// The lower case of many texts as UTF-8, end to end in one buffer: what search keys and text sorts compare.
///
/// The bytes of text `i` are always exactly those of `text.lowercased()`. ASCII text (most names)
/// is lowered here byte by byte (its lower case is A-Z to a-z and nothing else), without building
/// a `String` for it; any other text goes through `lowercased()`.
struct LowercasedTexts {
    /// The lower-cased texts, end to end.
    private(set) var bytes: [UInt8] = []
    /// Where each text starts in `bytes`; the last entry is where the next would.
    private(set) var starts: [Int] = [0]
    /// True for each text that is all ASCII: its bytes then order exactly as `String` orders it.
    private(set) var isASCII: [Bool] = []

    init() {}

    init<C: Collection>(_ texts: C) where C.Element == String {
        starts.reserveCapacity(texts.count + 1)
        isASCII.reserveCapacity(texts.count)
        for t in texts { append(t) }
    }

    /// Number of texts.
    var count: Int { isASCII.count }

    /// Adds `text`'s lower case.
    mutating func append(_ text: String) {
        isASCII.append(Self.appendLowercased(text, to: &bytes))
        starts.append(bytes.count)
    }

    /// The bytes of text `i`.
    func range(_ i: Int) -> Range<Int> { starts[i]..<starts[i + 1] }

    /// Text `i`'s lower case as a `String` (equal to `text.lowercased()`).
    func string(_ i: Int) -> String { String(decoding: bytes[range(i)], as: UTF8.self) }

    /// Appends the UTF-8 of `text.lowercased()` to `bytes`; true when `text` is all ASCII.
    @discardableResult
    static func appendLowercased(_ text: String, to bytes: inout [UInt8]) -> Bool {
        if TextFold.appendLowercasedIfASCII(text, to: &bytes) { return true }
        bytes.append(contentsOf: text.lowercased().utf8)
        return false
    }
}

/// Case-insensitive text order for sorting columns: the order of `(text.lowercased(), text)` under `String`'s `<`.
enum TextOrder {
    /// Each text's position in case-insensitive order; equal texts (`==`) share a rank, and ranks count distinct texts from 0.
    ///
    /// When every text is ASCII, all of them are sorted by their bytes and the ranks counted along the
    /// sorted run (equal ASCII texts are equal bytes, so they lie together): no `String` is hashed.
    /// Otherwise the distinct texts are found with a dictionary, as `==` finds them, and ranked.
    static func ranks(_ texts: [String]) -> [Int] {
        let lowered = LowercasedTexts(texts)
        if !lowered.isASCII.contains(false) {
            let order = sortedASCII(texts, lowered)
            var rank = [Int](repeating: 0, count: texts.count)
            var r = -1
            var previous = -1
            for i in order {
                if previous < 0 || texts[previous] != texts[i] { r += 1 }
                rank[i] = r
                previous = i
            }
            return rank
        }
        var ids: [String: Int] = [:]
        ids.reserveCapacity(texts.count)
        var distinct: [String] = []
        let raw = texts.map { t -> Int in
            if let id = ids[t] { return id }
            let id = distinct.count
            ids[t] = id
            distinct.append(t)
            return id
        }
        let rank = ranks(distinct: distinct)
        return raw.map { rank[$0] }
    }

    /// Each text's position in case-insensitive order, for texts no two of which are equal (`==`).
    ///
    /// Two ASCII texts compare by their lower-cased bytes (which is how `String` compares
    /// ASCII), then as `String`s when those are the same; a pair with any other text compares
    /// the `String`s of the lower case, exactly as `(lowercased(), text)` always did.
    static func ranks(distinct texts: [String]) -> [Int] {
        let lowered = LowercasedTexts(texts)
        let order: [Int]
        if !lowered.isASCII.contains(false) {
            order = sortedASCII(texts, lowered)
        } else {
            let keys = texts.indices.map { lowered.string($0) }
            let isASCII = lowered.isASCII, starts = lowered.starts
            order = lowered.bytes.withUnsafeBufferPointer { bytes in
                Array(texts.indices).sorted { x, y in
                    if isASCII[x] && isASCII[y] {
                        let c = compareBytes(bytes, starts[x], starts[x + 1], starts[y], starts[y + 1])
                        return c != 0 ? c < 0 : texts[x] < texts[y]
                    }
                    return keys[x] != keys[y] ? keys[x] < keys[y] : texts[x] < texts[y]
                }
            }
        }
        var rank = [Int](repeating: 0, count: texts.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        return rank
    }

    /// The indexes of `texts`, all ASCII, in `(lowercased(), text)` order (`lowered`: their lower case).
    private static func sortedASCII(_ texts: [String], _ lowered: LowercasedTexts) -> [Int] {
        let starts = lowered.starts
        return lowered.bytes.withUnsafeBufferPointer { bytes in
            Array(texts.indices).sorted { x, y in
                let c = compareBytes(bytes, starts[x], starts[x + 1], starts[y], starts[y + 1])
                return c != 0 ? c < 0 : texts[x] < texts[y]
            }
        }
    }

    /// Compares `bytes[a..<aEnd]` with `bytes[b..<bEnd]` as unsigned bytes, shorter first when one is a prefix:
    /// negative, zero or positive.
    @inline(__always)
    static func compareBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Int {
        let la = aEnd - a, lb = bEnd - b
        let n = min(la, lb)
        var k = 0
        if n >= 8, let base = bytes.baseAddress {
            // Eight bytes at a time, read big-endian so the integers order as the bytes do.
            let raw = UnsafeRawPointer(base)
            while k + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: a + k, as: UInt64.self).bigEndian
                let y = raw.loadUnaligned(fromByteOffset: b + k, as: UInt64.self).bigEndian
                if x != y { return x < y ? -1 : 1 }
                k += 8
            }
        }
        while k < n {
            let x = bytes[a + k], y = bytes[b + k]
            if x != y { return x < y ? -1 : 1 }
            k += 1
        }
        return la == lb ? 0 : (la < lb ? -1 : 1)
    }
}

/// Runs `first` and `second` at once on two threads (this machine's cores) when `parallel`, else one after the other.
func onBothCores<A: Sendable, B: Sendable>(parallel: Bool, _ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    guard parallel else { return (first(), second()) }
    let a = ResultSlot<A>(), b = ResultSlot<B>()
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { a.value = first() } else { b.value = second() }
    }
    guard let x = a.value, let y = b.value else { return (first(), second()) }
    return (x, y)
}

/// A slot one thread fills and the caller reads after the threads join (`concurrentPerform` orders the accesses).
private final class ResultSlot<T: Sendable>: @unchecked Sendable {
    var value: T?
}
