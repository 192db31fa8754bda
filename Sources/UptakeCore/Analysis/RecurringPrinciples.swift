/// Two items of different frameworks that say nearly the same thing.
public struct RecurringItem: Hashable, Sendable {
    /// Index into `Dataset.principles`.
    public var first: Int
    /// Index into `Dataset.principles`.
    public var second: Int
    /// Jaccard similarity of their content-word sets (0…1).
    public var similarity: Double
    /// Overlap coefficient of their content-word sets: shared words over the smaller set (0…1).
    public var overlap: Double
    /// How many content words they share.
    public var shared: Int
}

/// Finds principles, behaviours and goals that recur across the co-produced frameworks.
public enum RecurringPrinciples {
    /// Jaccard similarity (on content words) at or above which two items count as recurring.
    public static let threshold = 0.5
    /// Overlap coefficient (shared content words over the smaller item's) at or above which two items count as recurring,
    /// when the smaller item has at least ``overlapMinimumWords`` content words.
    public static let overlapThreshold = 0.6
    /// The fewest content words an item needs for the overlap rule (a three-word item shares most of itself by chance).
    public static let overlapMinimumWords = 6
    /// The most items compared: every pair is compared, so beyond this the comparison is skipped (a principles
    /// file is tens of items; tens of thousands would be a mistake, and must not stall the screen).
    public static let maximumItems = 4000

    /// Words that carry no meaning of their own, left out before items are compared.
    static let stopWords: Set<String> = [
        "a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "from", "by", "at", "as", "is", "are", "be",
        "been", "being", "it", "its", "that", "this", "these", "those", "their", "there", "they", "them", "we", "our",
        "us", "you", "your", "will", "can", "which", "who", "whom", "what", "when", "where", "how", "if", "or", "but",
        "so", "not", "no", "do", "does", "did", "have", "has", "had", "into", "than", "then", "also", "about", "across",
        "all", "any", "each", "more", "most", "other", "such", "very", "well", "own", "same",
    ]

    /// The words of `text`, lower-cased, letters and digits only.
    public static func words(_ text: String) -> Set<String> { Set(CaseStudyMentions.words(text)) }

    /// The content words of `text`: its words without ``stopWords``.
    public static func contentWords(_ text: String) -> Set<String> { words(text).subtracting(stopWords) }

    /// Pairs of items from different frameworks that share most of their content words (kind `theme` excluded):
    /// Jaccard ≥ ``threshold``, or overlap coefficient ≥ ``overlapThreshold`` when the smaller
    /// item has at least ``overlapMinimumWords`` content words (one framework's wording inside another's).
    public static func find(_ items: [PrincipleItem]) -> [RecurringItem] {
        let candidates = items.indices.filter { items[$0].kind != "theme" }
        guard candidates.count <= maximumItems else { return [] }
        let sets = candidates.map { contentWords(items[$0].text) }
        let epsilon = 1e-9
        var out: [RecurringItem] = []
        for a in candidates.indices {
            for b in (a + 1)..<candidates.count where items[candidates[a]].framework != items[candidates[b]].framework {
                let inter = sets[a].intersection(sets[b]).count
                guard inter > 0 else { continue }
                let smaller = min(sets[a].count, sets[b].count)
                let j = Double(inter) / Double(sets[a].union(sets[b]).count)
                let o = Double(inter) / Double(smaller)
                let byOverlap = smaller >= overlapMinimumWords && o + epsilon >= overlapThreshold
                if j + epsilon >= threshold || byOverlap {
                    out.append(RecurringItem(first: candidates[a], second: candidates[b], similarity: j, overlap: o, shared: inter))
                }
            }
        }
        return out
    }
}
