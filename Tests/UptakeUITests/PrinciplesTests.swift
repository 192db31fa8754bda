import Testing
@testable import UptakeCore
@testable import UptakeUI

@Suite struct PrinciplesTests {
    @Test func recurringIgnoresStopWordsAndShortItems() {
        func item(_ f: String, _ t: String) -> PrincipleItem {
            PrincipleItem(framework: f, area: nil, kind: "principle", theme: nil, order: nil, title: nil, text: t, source: nil, line: 1)
        }
        // Only stop-words in common: not recurring (all-words Jaccard would be 0.78).
        #expect(RecurringPrinciples.find([item("A", "to be with the of and in our"), item("B", "to be with the of and in your")]).isEmpty)
        // A short item inside a long one is not enough for the overlap rule.
        #expect(RecurringPrinciples.find([item("A", "Tailored approaches"), item("B", "Use tailored approaches to reach excluded groups across every ward and town")]).isEmpty)
    }

    @Test func principleReferenceDoesNotRepeatTheKind() {
        let s = sampleState(80, 24)
        let doc = PrinciplesPane.document(s.context, shown: Array(s.dataset.principles.indices), width: 200).0
        var buffer = Buffer(width: 200, height: doc.lines.count)
        doc.render(into: &buffer, area: buffer.area, offset: 0)
        let texts = buffer.lines().joined(separator: "\n")
        #expect(!texts.contains("principles principle"))
        #expect(texts.contains("Black Country ICS involvement principles, no. 2"))
        #expect(texts.contains("Lancashire and South Cumbria: Power to the People, principle 6"))
    }
}
