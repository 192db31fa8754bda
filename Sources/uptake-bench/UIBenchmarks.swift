import UptakeCore
import UptakeUI

/// Frame, sort and filter timings of the dashboard model (filled in with the UI).
func runUIBenchmarks(dataDirectory: String?, runs: Int) {
    print("ui benchmarks: not built yet")
}
