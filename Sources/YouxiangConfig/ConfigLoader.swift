import Yams
import YouxiangCore

/// Loads and validates a `DaemonConfig`, reporting every problem at once.
public enum ConfigLoader {
    static let topKeys = ["global", "plan", "collectors"]
    static let globalKeys = ["interval", "timeout", "external_labels", "keep_last_good", "max_file_bytes", "allow_non_regular_files"]
    static let planKeys = ["targets_file", "prefer", "district_zh", "office_zh"]
    static let commonCollectorKeys = ["name", "module", "interval", "timeout", "labels", "keep_last_good"]

    /// Reads `path` and builds the configuration with the given modules.
    /// - Parameters:
    ///   - sections: further top-level keys other layers decode (`alerting`, `receivers`, `route`); `decodeSections`
    ///     gets their nodes (absent keys are absent) in the same document, so their problems are reported together
    ///     with the rest.
    /// - Returns: the configuration, or every diagnostic found (file:line:column, key path, message).
    public static func load(
        path: String, modules: [CollectorModule], sections: [String] = [],
        decodeSections: ([String: ConfigNode], DaemonConfig?) -> Void = { _, _ in }
    ) -> Result<DaemonConfig, DiagnosticsError> {
        let doc = ConfigDocument.load(path: path)
        guard let root = doc.root else { return .failure(DiagnosticsError(doc.diagnostics)) }
        let config = build(root: root, path: path, modules: modules, sections: sections)
        var nodes: [String: ConfigNode] = [:]
        if case .mapping(let m) = root.node {
            for (k, v) in m {
                if let key = k.string, sections.contains(key), nodes[key] == nil {
                    nodes[key] = ConfigNode(node: v, path: key, document: doc)
                }
            }
        }
        decodeSections(nodes, config)
        if var config, doc.diagnostics.isEmpty {
            config.dataFileProblems = doc.dataFileProblems
            return .success(config)
        }
        return .failure(DiagnosticsError(doc.diagnostics))
    }

    static func build(root: ConfigNode, path: String, modules: [CollectorModule], sections: [String] = []) -> DaemonConfig? {
        let doc = root.document
        guard let top = root.mapping(allowed: topKeys + sections) else { return nil }
        var interval = Duration.seconds(3600)
        var timeout = Duration.seconds(30)
        var external = Labels()
        var keep = 3
        var readLimits = ReadLimits()
        if let g = top.optional("global")?.mapping(allowed: globalKeys) {
            if let n = g.optional("max_file_bytes"), let v = n.int(in: 1...(1 << 40)) { readLimits.maxFileBytes = Int64(v) }
            if let v = g.optional("allow_non_regular_files")?.bool() { readLimits.allowNonRegularFiles = v }
            interval = g.optional("interval")?.duration() ?? interval
            timeout = g.optional("timeout")?.duration() ?? timeout
            if let l = g.optional("external_labels") { external = labels(l) }
            keep = g.optional("keep_last_good").flatMap(nonNegative) ?? keep
        }
        let base = Paths.directory(of: path)
        var plan: PlanSettings?
        if let p = top.optional("plan")?.mapping(allowed: planKeys), let f = p.required("targets_file")?.nonEmptyString() {
            var prefer: [String: String] = [:]
            if let pm = p.optional("prefer")?.freeMapping() {
                for (id, node) in pm.entries {
                    guard let v = node.string() else { continue }
                    if v == "table" || v == "text" { prefer[id] = v } else { node.error("expected table or text") }
                }
            }
            plan = PlanSettings(targetsFile: Paths.resolve(f, against: base), prefer: prefer, office: officeIdentity(p))
        }
        var entries: [CollectorEntry] = []
        var names: [String: Int] = [:]
        for item in top.required("collectors")?.list() ?? [] {
            guard var entry = collector(item, modules: modules, base: base, interval: interval, timeout: timeout, keep: keep) else { continue }
            entry.readLimits = readLimits
            entry.fingerprint += "\n\(readLimits.maxFileBytes) \(readLimits.allowNonRegularFiles)"
            if let first = names[entry.name] {
                item.error("duplicate collector name \"\(entry.name)\" (first used on line \(first))")
                continue
            }
            names[entry.name] = item.line
            entries.append(entry)
        }
        checkOverlaps(entries, document: doc)
        return DaemonConfig(
            file: path, interval: interval, timeout: timeout, externalLabels: external, keepLastGood: keep,
            plan: plan, collectors: entries, readLimits: readLimits)
    }

    /// `keep_last_good`: 0 to 1,000.
    static func nonNegative(_ node: ConfigNode) -> Int? {
        node.int(in: 0...1000)
    }

    static func collector(
        _ item: ConfigNode, modules: [CollectorModule], base: String,
        interval: Duration, timeout: Duration, keep: Int
    ) -> CollectorEntry? {
        guard let raw = item.freeMapping() else { return nil }
        let moduleNode = raw.required("module")
        let moduleName = moduleNode?.string()
        let module = modules.first { $0.name == moduleName }
        if let moduleNode, let moduleName, module == nil {
            var msg = "unknown module \"\(moduleName)\""
            if let near = Suggest.closest(to: moduleName, in: modules.map(\.name)) { msg += "; did you mean \"\(near)\"?" }
            moduleNode.error(msg + " (modules: \(modules.map(\.name).joined(separator: ", ")))")
        }
        let allowed = commonCollectorKeys + (module?.settingKeys ?? raw.entries.map(\.0))
        guard let m = item.mapping(allowed: allowed) else { return nil }
        let name = m.required("name")?.nonEmptyString()
        if let name, let n = m.optional("name"), !MetricNames.isValidLabelName(name.replacingDashes) {
            n.error("collector names may use letters, digits, _ and -")
        }
        let every = m.optional("interval")?.duration() ?? interval
        let limit = m.optional("timeout")?.duration() ?? timeout
        let constantLabels = m.optional("labels").map { Self.labels($0) } ?? Labels()
        guard let name, let module else { return nil }
        let keepLastGood = m.optional("keep_last_good").flatMap(nonNegative) ?? keep
        let made = module.make(m, ModuleContext(collectorName: name, baseDirectory: base))
        guard let made else { return nil }
        var yaml = ""
        Self.canonical(item.node, into: &yaml)
        let fingerprint = "\(base)\n\(DurationParser.format(every))\n\(DurationParser.format(limit))\n\(keepLastGood)\n\(yaml)\n\(made.configFingerprint)"
        return CollectorEntry(
            name: name, module: module.name, interval: every, timeout: limit, labels: constantLabels,
            collector: made, keepLastGood: keepLastGood, fingerprint: fingerprint, line: item.line, column: item.column)
    }

    /// A node's content as text, for fingerprints: scalars with their style, lists and mappings in order (explicit
    /// tags are checked elsewhere and cannot change a value that loads).
    /// (Linear in the node's size; Yams' emitter is far slower, which showed with 20,000 collectors.)
    static func canonical(_ node: Node, into out: inout String) {
        switch node {
        case .scalar(let s):
            out += "s\(s.style.rawValue):\(s.string.utf8.count):"
            out += s.string
        case .sequence(let seq):
            out += "["
            for n in seq { canonical(n, into: &out); out += "," }
            out += "]"
        case .mapping(let m):
            out += "{"
            for (k, v) in m { canonical(k, into: &out); out += "="; canonical(v, into: &out); out += ";" }
            out += "}"
        case .alias(let a):
            out += "*\(a.anchor.rawValue)"
        }
    }

    /// Label maps: valid names, string values.
    static func labels(_ node: ConfigNode) -> Labels {
        guard let m = node.freeMapping() else { return Labels() }
        var pairs: [(String, String)] = []
        for (k, v) in m.entries {
            guard MetricNames.isValidLabelName(k) else {
                node.document.report(
                    line: v.keyLine, column: v.keyColumn, path: v.path, "invalid label name \"\(k)\" (expected [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)")
                continue
            }
            if let s = v.string(maxBytes: YAMLLimits.maxLabelValueBytes, what: "label value") { pairs.append((k, s)) }
        }
        return Labels(pairs)
    }

    /// Two collectors that declare the same family with the same constant labels would emit the same series: an error
    /// at load, never a duplicate line at scrape. A family declared twice with different HELP or type is an error too.
    static func checkOverlaps(_ entries: [CollectorEntry], document: ConfigDocument) {
        var owner: [String: (entry: CollectorEntry, family: MetricFamily)] = [:]
        for e in entries {
            for f in e.collector.families {
                let key = f.name + "\u{0}" + e.labels.description
                if let prior = owner[key] {
                    document.report(
                        line: e.line, column: e.column, path: "collectors.\(e.name)",
                        "collector \"\(e.name)\" would emit the same series as \"\(prior.entry.name)\" (line \(prior.entry.line)) in \(f.name); give one of them different `labels:`"
                    )
                } else {
                    owner[key] = (e, f)
                }
            }
        }
        var byName: [String: (String, MetricFamily)] = [:]
        for e in entries {
            for f in e.collector.families {
                if let (other, prior) = byName[f.name], prior != f {
                    document.report(
                        line: e.line, column: e.column, path: "collectors.\(e.name)",
                        "\(f.name) is declared differently by \"\(other)\" and \"\(e.name)\" (type or HELP differ)")
                }
                byName[f.name] = (e.name, f)
            }
        }
    }
}

private extension String {
    var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
