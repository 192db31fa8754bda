// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "uptake",
    products: [
        .executable(name: "uptake", targets: ["uptake"]),
        .library(name: "UptakeCore", targets: ["UptakeCore"]),
        .library(name: "UptakeUI", targets: ["UptakeUI"]),
    ],
    dependencies: [
        // Exact versions, so two machines build the same thing (Package.resolved is not committed: docs/DECISIONS.md).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Pure model: loading, validation, statistics, queries, reports. No terminal code.
        .target(
            name: "UptakeCore",
            dependencies: ["CByteScan", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // One SSE2 comparison as a bit mask, for the CSV reader (header only; docs/DECISIONS.md).
        .systemLibrary(name: "CByteScan", path: "Sources/CByteScan"),
        // Screen-independent UI: cell buffer, widgets, layout, app state, panes, key map.
        .target(
            name: "UptakeUI",
            dependencies: ["UptakeCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The insight bank: the one target that imports GRDB (SQLite store, migrations, FTS5 search,
        // CSV import/export, counts). UptakeCore and UptakeUI stay pure: docs/DECISIONS.md.
        .target(
            name: "UptakeInsights",
            dependencies: ["UptakeCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // ncursesw exposed to Swift through a shim header (no pkgConfig: see docs/DECISIONS.md).
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // glibc's mallopt, for the large-block threshold the executable sets at start (docs/DECISIONS.md).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // The only code that imports curses: draws buffer diffs, reads keys, mouse and resize.
        .target(name: "UptakeTerminal", dependencies: ["CNcurses", "UptakeUI"]),
        .executableTarget(
            name: "uptake",
            dependencies: [
                "UptakeCore", "UptakeUI", "UptakeTerminal", "UptakeInsights", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
        ),
        // Benchmarks (not timed tests): see docs/PERFORMANCE.md.
        .executableTarget(name: "uptake-bench", dependencies: ["UptakeCore", "UptakeUI", "UptakeInsights"]),
        // Coverage-guided fuzz target for the CSV reader and every loader: scripts/fuzz.sh (docs/DECISIONS.md).
        .executableTarget(name: "uptake-fuzz", dependencies: ["UptakeCore"]),
        // The golden-file helper every test target shares.
        .target(name: "UptakeTestSupport", path: "Tests/UptakeTestSupport"),
        .testTarget(name: "UptakeCoreTests", dependencies: ["UptakeCore", "UptakeTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "UptakeUITests", dependencies: ["UptakeUI", "UptakeCore", "UptakeTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "UptakeInsightsTests", dependencies: ["UptakeInsights", "UptakeCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "UptakeTerminalTests", dependencies: ["UptakeTerminal", "UptakeUI"]),
    ]
)
