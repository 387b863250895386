// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage. Only GLPK and PostgresClient touch C; everything else sees Swift types.
let package = Package(
    name: "SupplyPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "planner", targets: ["planner"]),
        .executable(name: "planner-bench", targets: ["planner-bench"]),
        // For the fuzz targets in Fuzz/ (a package of their own, built only by `make fuzz`).
        .library(name: "PlannerInput", targets: ["PlannerInput"]),
        .library(name: "InventoryPolicy", targets: ["InventoryPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // C libraries (Debian libglpk-dev and libpq-dev), each behind a Swift wrapper module.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq"),
        .target(name: "GLPK", dependencies: ["CGLPK"]),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // SHA-256 of run inputs (OpenSSL's libcrypto, Debian libssl-dev, which libpq-dev needs anyway).
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        .target(name: "Digest", dependencies: ["CCrypto"]),

        // Domain model and input.
        .target(name: "PlannerCore"),
        .target(name: "PlannerInput", dependencies: ["PlannerCore", .product(name: "Yams", package: "Yams")]),

        // Pipeline stages.
        .target(name: "Forecasting", dependencies: ["PlannerCore"]),
        .target(name: "InventoryPolicy", dependencies: ["PlannerCore", "Forecasting"]),
        // A coupled min-cost-flow library (no domain types): successive shortest paths, Dantzig-Wolfe.
        .target(name: "Flow", dependencies: ["GLPK"]),
        .target(name: "Allocation", dependencies: ["PlannerCore", "GLPK", "Flow"]),
        .target(name: "Sourcing", dependencies: ["PlannerCore", "Forecasting", "InventoryPolicy"]),
        .target(name: "Storage", dependencies: ["PlannerCore", "PostgresClient"]),
        // The planner's own PostgreSQL cluster under .planner/: initdb, pg_ctl and the binaries that run it.
        .target(name: "EmbeddedServer", dependencies: ["PostgresClient"]),
        .target(name: "DataGenerator", dependencies: ["PlannerCore"]),
        .target(
            name: "PlannerPipeline",
            dependencies: [
                "PlannerCore", "PlannerInput", "Forecasting", "InventoryPolicy", "Allocation", "Flow", "Sourcing",
                "Storage", "EmbeddedServer", "PostgresClient", "Digest",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // `planner compare` and `planner report`: stored runs side by side, and the HTML page with its charts.
        .target(name: "PlannerReport", dependencies: ["PlannerCore", "Storage"]),

        // The thin command-line front end.
        .executableTarget(
            name: "planner",
            dependencies: [
                "PlannerPipeline", "DataGenerator", "Storage", "EmbeddedServer", "PostgresClient", "PlannerInput",
                "PlannerCore", "PlannerReport",
                "Forecasting", "InventoryPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // `make bench`: load and forecast timings with CPU time and peak memory (docs/benchmarks.md).
        .executableTarget(
            name: "planner-bench",
            dependencies: [
                "PlannerInput", "Forecasting", "InventoryPolicy", "PlannerCore", "Allocation", "Flow", "DataGenerator",
            ]
        ),

        // Test helpers shared by test targets: one embedded PostgreSQL per test process.
        .target(name: "TestSupport", dependencies: ["EmbeddedServer", "PostgresClient"], path: "Tests/TestSupport"),
        .testTarget(name: "PlannerCoreTests", dependencies: ["PlannerCore"]),
        .testTarget(name: "PlannerInputTests", dependencies: ["PlannerInput", "PlannerCore"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "PlannerCore"]),
        .testTarget(name: "InventoryPolicyTests", dependencies: ["InventoryPolicy", "Forecasting", "PlannerCore"]),
        .testTarget(name: "FlowTests", dependencies: ["Flow", "GLPK"]),
        .testTarget(name: "AllocationTests", dependencies: ["Allocation", "Flow", "GLPK", "PlannerCore"]),
        .testTarget(
            name: "SourcingTests",
            dependencies: ["Sourcing", "InventoryPolicy", "Forecasting", "PlannerCore"]
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "PostgresClient", "PlannerCore", "TestSupport"]),
        .testTarget(name: "EmbeddedServerTests", dependencies: ["EmbeddedServer", "PostgresClient", "TestSupport"]),
        .testTarget(name: "DataGeneratorTests", dependencies: ["DataGenerator", "PlannerCore"]),
        .testTarget(
            name: "PlannerPipelineTests",
            dependencies: [
                "PlannerPipeline", "PlannerInput", "PlannerCore", "Storage", "PostgresClient", "DataGenerator",
                "Allocation", "Flow", "Sourcing", "Forecasting", "InventoryPolicy", "PlannerReport", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
