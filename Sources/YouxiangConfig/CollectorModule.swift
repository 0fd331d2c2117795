import YouxiangCore

/// What a module's factory gets besides its settings.
public struct ModuleContext: Sendable {
    /// The collector's `name` from the YAML.
    public var collectorName: String
    /// The folder of the configuration file; relative data paths resolve against it.
    public var baseDirectory: String
}

/// A collector module (plugin): a name, the YAML keys it adds to a collector entry, and a factory.
///
/// Registered in one list (`allModules` in `Sources/YouxiangModules/Modules.swift`, plus the module's line in
/// `Package.swift`'s `modules`; see docs/architecture.md, “Adding a collector module”). The factory reads its settings from the collector's
/// mapping, recording every problem in the document (with file, line, column and key path), and returns nil when
/// there was any.
public struct CollectorModule: Sendable {
    /// The `module:` value that selects it, e.g. `enrolment`.
    public var name: String
    /// One line for `youxiangd modules`.
    public var summary: String
    /// Keys the module reads from a collector entry, beside the common ones (`name`, `module`, `interval`, …).
    public var settingKeys: [String]
    /// Builds a collector from the entry, or records diagnostics and returns nil.
    public var make: @Sendable (ConfigMapping, ModuleContext) -> (any Collector)?

    public init(
        name: String, summary: String, settingKeys: [String],
        make: @escaping @Sendable (ConfigMapping, ModuleContext) -> (any Collector)?
    ) {
        self.name = name
        self.summary = summary
        self.settingKeys = settingKeys
        self.make = make
    }
}
