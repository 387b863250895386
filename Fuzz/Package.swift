// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the input loaders, built and run by `make fuzz` (docs/fuzzing.md). A package of its own,
// depending on the planner's, so that `swift build` and `make test` never build them: they link libFuzzer
// (`-Xswiftc -sanitize=fuzzer,address`) and start it from Swift through `LLVMFuzzerRunDriver`. They link with
// lld: GNU gold stops with an internal error on libFuzzer's objects.
let fuzzerLinking: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "SupplyPlannerFuzz",
    dependencies: [.package(name: "SupplyPlanner", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "PlannerInput", package: "SupplyPlanner"),
                .product(name: "InventoryPolicy", package: "SupplyPlanner"),
            ]
        ),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport"], linkerSettings: fuzzerLinking),
        .executableTarget(name: "fuzz-scenario", dependencies: ["FuzzSupport"], linkerSettings: fuzzerLinking),
        .executableTarget(name: "fuzz-policy", dependencies: ["FuzzSupport"], linkerSettings: fuzzerLinking),
    ]
)
