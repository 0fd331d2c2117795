// swift-tools-version:6.0
// youxiang — a daemon that watches the Beilun 学有优教 plan (2023–2027) as Prometheus series.
// Data flows one way: source → records (YouxiangIngest) → indicators (plugins/*) → series (YouxiangCore)
// → exposition (YouxiangExposition) / targets (YouxiangPlan), wired together by YouxiangRuntime.
import PackageDescription

/// The collector modules, one folder each under `plugins/`. A new module is one folder plus one line here
/// and one line in `Sources/YouxiangModules/Modules.swift`.
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
    "Assessment": ["Enrolment", "LifelongLearning", .product(name: "Yams", package: "Yams")],
]

let moduleTargets: [Target] = modules.map { m in
    .target(
        name: m.target,
        dependencies: ["YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangSources"] + (moduleExtraDependencies[m.target] ?? []),
        path: "plugins/\(m.folder)",
        exclude: ["README.md", "example.yml", "data"]
    )
}

let package = Package(
    name: "youxiang",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "youxiangd", targets: ["youxiangd"]),
        .executable(name: "youxiang-bench", targets: ["youxiang-bench"]),
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
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: moduleTargets + [
        .target(name: "YouxiangCore"),
        .target(name: "YouxiangConfig", dependencies: ["YouxiangCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "YouxiangIngest", dependencies: ["YouxiangCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The source layer: a source block of the YAML → rows, whatever the source kind (CSV, JSON, …). Modules get their
        // rows only through it; the file readers (YouxiangIngest) sit below it.
        .target(name: "YouxiangSources", dependencies: [
            "YouxiangCore", "YouxiangConfig", "YouxiangIngest",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The system zlib, for gzip. Not named CZlib: ZIPFoundation's own zlib module has that name.
        .systemLibrary(name: "CSystemZlib", path: "Sources/CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
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
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(name: "YouxiangModules", dependencies: modules.map { .byName(name: $0.target) } + ["YouxiangConfig"]),
        .executableTarget(
            name: "youxiangd",
            dependencies: [
                "YouxiangModules", "YouxiangRuntime", "YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangExposition", "YouxiangPlan",
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
        .testTarget(
            name: "YouxiangTests",
            dependencies: modules.map { .byName(name: $0.target) } + [
                "YouxiangModules", "YouxiangCore", "YouxiangConfig", "YouxiangIngest", "YouxiangSources", "YouxiangExposition", "YouxiangPlan", "YouxiangRuntime",
                "YouxiangAlerting", "YouxiangNotify", "YouxiangWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
