// swift-tools-version:6.0
// youxiang — a daemon that watches the Beilun 学有优教 plan (2023–2027) as Prometheus series.
// Data flows one way: source → records (YouxiangIngest) → indicators (plugins/*) → series (YouxiangCore)
// → exposition (YouxiangExposition) / targets (YouxiangPlan), wired together by YouxiangRuntime.
import PackageDescription

/// Every target's Swift settings (applied to each target at the end of this file). swift-tools-version 6.0 already
/// builds in the Swift 6 language mode, and that mode's concurrency checking is complete strict concurrency (data-race
/// safety as errors, `Sendable` checked across isolation boundaries); it is named here per target so that it is visible
/// and stays when the tools version changes. No target opts out (no `.swiftLanguageMode(.v5)`, no
/// `-strict-concurrency=minimal`).
let strictSwift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// The collector modules, one folder each under `plugins/`. A new module is one folder plus its registration lines:
/// one line here, and two in `Sources/YouxiangModules/Modules.swift` (`import <Target>` and `<Target>.module,` in
/// `allModules`). The folder holds the module's code, README.md, example.yml, data/ and Tests/ (its own test target,
/// `<Target>PluginTests`, made here from the same line).
let modules: [(target: String, folder: String)] = [
    ("Enrolment", "enrolment"),
    ("VocationalProgression", "vocational_progression"),
    ("LifelongLearning", "lifelong_learning"),
    ("DigitalInfrastructure", "digital_infrastructure"),
    ("TableModule", "table"),
    ("Assessment", "assessment"),
]

/// Modules that build on another module's public types (the assessment module reuses the enrolment module's
/// 差异系数 computation and vocabulary, and the lifelong module's population schema).
let moduleExtraDependencies: [String: [Target.Dependency]] = [
    "Enrolment": ["YouxiangIngest"],
    "TableModule": ["YouxiangIngest"],
    "Assessment": ["YouxiangIngest", "Enrolment", "LifelongLearning", .product(name: "Yams", package: "Yams")],
]

/// What a module's own tests import beyond the module and `YouxiangTestSupport`.
let moduleTestExtraDependencies: [String: [Target.Dependency]] = [
    "Assessment": [
        "YouxiangCore", "YouxiangAlerting", "YouxiangConfig", "YouxiangModules", "YouxiangNotify", "YouxiangRuntime",
        .product(name: "Logging", package: "swift-log"),
    ]
]

let moduleTargets: [Target] = modules.flatMap { m -> [Target] in
    [
        .target(
            name: m.target,
            dependencies: ["YouxiangCore", "YouxiangConfig", "YouxiangSources"] + (moduleExtraDependencies[m.target] ?? []),
            path: "plugins/\(m.folder)",
            exclude: ["README.md", "example.yml", "data", "Tests"]
        ),
        .testTarget(
            name: "\(m.target)PluginTests",
            dependencies: [.byName(name: m.target), "YouxiangTestSupport"] + (moduleTestExtraDependencies[m.target] ?? []),
            path: "plugins/\(m.folder)/Tests"
        ),
    ]
}

let package = Package(
    name: "youxiang",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "youxiangd", targets: ["youxiangd"]),
        .executable(name: "youxiang-bench", targets: ["youxiang-bench"]),
        // The .xls reader youxiangd runs as a child process (FreeXL crashing on a hostile file costs that file, not the
        // daemon); installed beside youxiangd.
        .executable(name: "youxiang-xls-reader", targets: ["youxiang-xls-reader"]),
        // The parsers and the configuration loader, for the libFuzzer targets in fuzz/ (a separate package).
        .library(name: "YouxiangParsers", targets: ["YouxiangCore", "YouxiangIngest", "YouxiangConfig", "YouxiangModules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: moduleTargets + [
        .target(name: "YouxiangCore"),
        // YAMLLimits.swift also imports CYaml (libyaml, Yams's C module, for its parser's limits); Yams exports no product
        // for it, so it is reached through the Yams product.
        .target(name: "YouxiangConfig", dependencies: ["YouxiangCore", .product(name: "Yams", package: "Yams")]),
        // File readers. Workbooks: .xlsx through its own bounded ZIP reader (ZipParts, on the system zlib) and XMLParser.
        // .xls (BIFF8): Debian's FreeXL, in the child process youxiang-xls-reader (XLSReaderProcess runs it).
        .target(name: "YouxiangIngest", dependencies: ["YouxiangCore", "CSystemZlib"]),
        // The source layer: a source block of the YAML → rows, whatever the source kind (CSV, JSON, workbook, SQL, HTTP). Modules get their
        // rows only through it; the file readers (YouxiangIngest) sit below it.
        .target(
            name: "YouxiangSources",
            dependencies: [
                "YouxiangCore", "YouxiangConfig", "YouxiangIngest",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The system zlib: gzip of the exposition, inflate of .xlsx parts (not named CZlib, a name other packages use).
        .systemLibrary(name: "CSystemZlib", path: "Sources/CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
        // FreeXL, for .xls workbooks (BIFF8, what WPS and old Excel save); linked only by youxiang-xls-reader.
        .systemLibrary(name: "CFreeXL", path: "Sources/CFreeXL", providers: [.apt(["libfreexl-dev"])]),
        // Reads one sheet of one .xls file through FreeXL and writes its typed cells to stdout; nothing else in it.
        .executableTarget(name: "youxiang-xls-reader", dependencies: ["CFreeXL"], path: "Sources/youxiang-xls-reader"),
        .target(name: "YouxiangExposition", dependencies: ["YouxiangCore", "CSystemZlib", .product(name: "NIOCore", package: "swift-nio")]),
        .target(name: "YouxiangPlan", dependencies: ["YouxiangCore", "YouxiangConfig"]),
        .target(name: "YouxiangAlerting", dependencies: ["YouxiangCore", "YouxiangConfig", "YouxiangPlan"]),
        .target(
            name: "YouxiangNotify",
            dependencies: [
                "YouxiangCore", "YouxiangConfig", "YouxiangAlerting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The office's pages (`/`, `/indicator/<id>`, `/report`): a snapshot + the plan + alert states → HTML,
        // rendered from the Mustache templates in Sources/YouxiangWeb/Templates (compiled in: EmbeddedTemplates.swift).
        .target(
            name: "YouxiangWeb",
            dependencies: ["YouxiangCore", "YouxiangPlan", "YouxiangAlerting", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Templates"]
        ),
        .target(
            name: "YouxiangRuntime",
            dependencies: [
                "YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangExposition", "YouxiangPlan", "YouxiangAlerting", "YouxiangNotify",
                "YouxiangWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "YouxiangModules", dependencies: modules.map { .byName(name: $0.target) } + ["YouxiangConfig"]),
        .executableTarget(
            name: "youxiangd",
            dependencies: [
                "YouxiangModules", "YouxiangRuntime", "YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangExposition",
                "YouxiangAlerting", "YouxiangWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "youxiang-bench",
            dependencies: ["YouxiangModules", "YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangExposition", "YouxiangAlerting", "YouxiangNotify"],
            path: "Sources/youxiang-bench"
        ),
        // What the test targets share: `TestPaths` (repository root, temporary files), `ModuleExample` (a module's
        // shipped example collected once), `PlainCSV`, `CSVComparison` (another source kind against the CSV files),
        // `TestEngines` and `ScriptedTransport` (a receiver answering from a script).
        // A library target, not a test target, so that test targets can import it.
        .target(
            name: "YouxiangTestSupport",
            dependencies: ["YouxiangCore", "YouxiangModules", "YouxiangNotify", "YouxiangRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Tests/YouxiangTestSupport"
        ),
        // The suites of the daemon's own targets; each module's suites are in plugins/<module>/Tests (moduleTargets).
        .testTarget(
            name: "YouxiangTests",
            dependencies: [
                "YouxiangModules", "YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangSources", "YouxiangExposition", "YouxiangPlan",
                "YouxiangRuntime",
                "YouxiangAlerting", "YouxiangNotify", "YouxiangWeb", "YouxiangTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Strict concurrency, explicit per target (see `strictSwift6`).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSwift6
}
