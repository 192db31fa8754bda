import Foundation
import Testing
import UptakeCore
@testable import UptakeUI

/// The whole of a document as text lines, drawn `width` wide.
func documentText(_ doc: Document, width: Int) -> [String] {
    var buffer = Buffer(width: width, height: max(1, doc.lines.count))
    doc.render(into: &buffer, area: buffer.area, offset: 0)
    return buffer.lines()
}

@Suite struct InequalitiesOverviewTests {
    @Test func dumpForEye() {
        if ProcessInfo.processInfo.environment["UPTAKE_DUMP"] == "1" {
            let s = sampleState(100, 40)
            print(documentText(InequalitiesPane.document(s, width: 100), width: 100).joined(separator: "\n"))
            print(documentText(OverviewPane.document(s, width: 100, height: 38), width: 100).joined(separator: "\n"))
        }
    }

    static func blocks(_ line: String) -> Int { line.filter { $0 == "█" }.count }

    @Test func percentBarsAreOnZeroToHundred() {
        let s = sampleState(100, 40)
        let lines = documentText(InequalitiesPane.document(s, width: 100), width: 100)
        let ltc = lines.first { $0.contains("People living in disadvantaged communities █") }!
        // 100 − indent 2 − label 42 − spaces − "34%": a 50-cell bar; 34% of it is 17 cells, not all 50.
        #expect((16...18).contains(Self.blocks(ltc)))
        let westminster = lines.first { $0.hasPrefix("  Westminster ") }!, rbkc = lines.first { $0.hasPrefix("  RBKC ") }!
        #expect(Self.blocks(westminster) < 30 && Self.blocks(rbkc) < Self.blocks(westminster))
        #expect(!lines.contains { $0.contains("children") && $0.contains("Bars to scale") })
    }

    @Test func gapAndRatioAreBarsAndOtherUnitsSayTheirScale() {
        let s = sampleState(100, 40)
        let lines = documentText(InequalitiesPane.document(s, width: 100), width: 100)
        let gap = lines.first { $0.hasPrefix("  Gap ") && $0.contains("█") }
        let ratio = lines.first { $0.hasPrefix("  Ratio ") && $0.contains("█") }
        #expect(gap?.hasSuffix("−8.4 years ") == true)
        #expect(ratio?.contains("0.90×") == true)
        #expect(lines.contains { $0.contains("a full bar is the largest value, 82.9 years") })
        // The gap bar is on the groups' scale: 8.4 of 82.9 is about a tenth of the Streetly bar.
        let streetly = lines.first { $0.hasPrefix("  Streetly (males)") }!
        #expect(Self.blocks(gap!) * 8 < Self.blocks(streetly))
    }
}
