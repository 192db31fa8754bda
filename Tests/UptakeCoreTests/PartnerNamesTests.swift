import Testing
@testable import UptakeCore

/// partners.csv's names (``PartnerNames``): found by bytes while every name is ASCII, by `String` (canonical
/// equivalence) from the first that is not, so a name matches exactly as a `Set<String>` of the names would match it.
@Suite struct PartnerNamesTests {
    @Test func claimsGiveTheFirstAcceptedLine() {
        var names = PartnerNames()
        let first = names.claim("Advocacy Project", line: 2)
        let again = names.claim("Advocacy Project", line: 7)   // a duplicate: the first row's line
        let (known, otherCase) = (names.contains("Advocacy Project"), names.contains("Advocacy project"))
        #expect(first == 0 && again == 2 && known && !otherCase)
        // A rejected row (line 0) leaves the name unknown; a later accepted row takes it.
        let rejected = names.claim("VCKC", line: 0)
        let afterRejected = names.contains("VCKC")
        let accepted = names.claim("VCKC", line: 9)
        let afterAccepted = names.contains("VCKC")
        #expect(rejected == 0 && !afterRejected && accepted == 0 && afterAccepted)
        // A comparator is known without a row.
        names.insert("Bi-borough")
        let comparator = names.contains("Bi-borough")
        #expect(comparator)
    }

    @Test func unicodeEqualNamesMatchAfterASCIIOnes() {
        var names = PartnerNames()
        _ = names.claim("K Group", line: 2)
        // The Kelvin sign is canonically equivalent to K: the same name, as a Set<String> finds it.
        let kelvin = names.contains("\u{212A} Group")
        _ = names.claim("Caf\u{E9} Club", line: 3)
        let decomposed = names.contains("Cafe\u{301} Club")
        let twice = names.claim("Cafe\u{301} Club", line: 4)   // the same partner given twice
        let (ascii, plain) = (names.contains("K Group"), names.contains("Cafe Club"))
        #expect(kelvin && decomposed && twice == 3 && ascii && !plain)
    }

    @Test func everyNameAsASetWouldFindIt() {
        // Random names from a small alphabet with look-alikes, claimed and asked in random orders.
        let alphabet = ["a", "b", "K", "\u{212A}", "e\u{301}", "\u{E9}", " ", "\u{301}"]
        var rng = SystemRandomNumberGenerator()
        func randomName() -> String {
            (0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
        var mismatches: [String] = []
        for _ in 0..<200 {
            var names = PartnerNames(capacity: 4)
            var set = Set<String>()
            for line in 1...30 {
                let name = randomName()
                let accepted = Bool.random(using: &rng)
                let earlier = names.claim(name, line: accepted ? line : 0)
                if (earlier != 0) != set.contains(name) { mismatches.append("claim \(name.unicodeScalars.map(\.value))") }
                if accepted { set.insert(name) }
                let probe = randomName()
                if names.contains(probe) != set.contains(probe) { mismatches.append("contains \(probe.unicodeScalars.map(\.value))") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func anASCIINamesBytesFindWhatItsStringFinds() {
        var names = PartnerNames()
        _ = names.claim("Advocacy Project", line: 2)
        _ = names.claim("VCKC", line: 0)   // rejected: no line yet
        names.insert("Bi-borough")
        var next = 0
        func byBytes(_ name: String) -> Int? {
            Array(name.utf8).withUnsafeBufferPointer { names.line(ofASCII: $0, hash: ByteInterner.hash($0), next: &next) }
        }
        // In the order added (each the name after the last found), out of order, and absent; with any guess.
        for name in ["Advocacy Project", "VCKC", "Bi-borough", "Advocacy project", "", "Other", "VCKC", "Advocacy Project"] {
            let expected = names.line(of: name)
            #expect(byBytes(name) == expected, "\(name)")
        }
        for guess in [-1, 0, 1, 2, 3, 99] {
            next = guess
            #expect(byBytes("Bi-borough") == -1 && next == 3, "guess \(guess)")
            next = guess
            #expect(byBytes("Nobody") == 0 && next == guess, "guess \(guess)")
        }
        #expect(byBytes("Advocacy Project") == 2 && byBytes("Bi-borough") == -1 && byBytes("Other") == 0)
        // Once a name is not ASCII the names are held by their strings: the bytes no longer answer.
        _ = names.claim("Caf\u{E9} Club", line: 5)
        #expect(byBytes("Advocacy Project") == nil && names.line(of: "Advocacy Project") == 2)
    }

    @Test func uptakeRowsFindTheirPartnerWrittenAnotherWay() {
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner\nCaf\u{E9} Club\nK Group\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nCafe\u{301} Club,W,2024-01,100,50\n\u{212A} Group,W,2024-01,100,50\nOther,W,2024-01,100,50\n",
        ]))
        let unknown = d.diagnostics.filter { $0.file == "uptake.csv" && $0.message.contains("is not in partners.csv") }
        #expect(unknown.count == 1)
        #expect(unknown.first?.message.contains("'Other'") == true)
    }
}
