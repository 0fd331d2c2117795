// swift-tools-version:6.0
// libFuzzer targets for youxiang's parsers, built apart from the main package so its debug build stays as it is.
// Build and run with `fuzz/run TARGET SECONDS` (it passes -sanitize=fuzzer); see fuzz/README.md.
import PackageDescription

let package = Package(
    name: "youxiang-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "youxiang", path: "..")],
    targets: [
        // libFuzzer's driver entry and the scratch-file write, shared by every target.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport")
    ]
        + ["fuzz-config", "fuzz-csv", "fuzz-json", "fuzz-xlsx", "fuzz-xls"].map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "YouxiangParsers", package: "youxiang")],
                path: "Sources/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]
            )
        }
)
