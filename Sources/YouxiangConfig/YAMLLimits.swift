import YouxiangCore

#if SWIFT_PACKAGE
import CYaml
#endif

/// The bounds on a YAML configuration file, checked before the document is built (README, "Limits").
///
/// A libyaml event pass counts every node as the aliases would expand it, so an alias bomb ("billion laughs") is
/// refused at the alias that crosses the bound, with its line and column, wherever in the document it sits, in time
/// proportional to the file's size. The same pass refuses tags other than YAML's core types (`!custom`,
/// `!!python/object:…`) and records explicit core tags, so an accessor can refuse one that contradicts the type it
/// expects (`interval: !!float 5m`).
public enum YAMLLimits {
    /// Largest configuration or targets file read: 32 MiB.
    public static let maxFileBytes = 32 << 20
    /// Most nodes (scalars, lists, mappings) a document may hold once aliases are expanded: 5,000,000.
    public static let maxNodes = 5_000_000
    /// Most nodes aliases may add by expansion: 100,000.
    public static let maxAliasNodes = 100_000
    /// Longest string setting: 64 KiB.
    public static let maxStringBytes = 64 << 10
    /// Longest label value (external labels, collector labels, rule labels): 2,048 bytes.
    public static let maxLabelValueBytes = 2048
    /// Longest HELP text: 1,024 bytes.
    public static let maxHelpBytes = 1024
    /// Tags allowed in a document: YAML's core types (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`)
    /// and the non-specific `!`.
    static let coreTags: Set<String> = ["str", "int", "float", "bool", "null", "seq", "map"].reduce(into: []) { $0.insert("tag:yaml.org,2002:" + $1) }

    /// A problem found by the scan (1-based line and column).
    struct Problem {
        var line: Int
        var column: Int
        var message: String
    }

    /// What the scan found: a problem (the first), and the explicit core tags by position.
    struct Scan {
        var problem: Problem?
        /// `line << 32 | column` (1-based, the node's start) → short tag name (`str`, `int`, …).
        var tags: [Int: String] = [:]
    }

    static func key(line: Int, column: Int) -> Int { line << 32 | column }

    /// Scans `bytes` with libyaml's event parser. Syntax errors are left to the composer (which reports them).
    static func scan(_ bytes: [UInt8]) -> Scan {
        var result = Scan()
        bytes.withUnsafeBufferPointer { buf in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var anchorSize: [String: Int] = [:]
            // Open collections: anchor and expanded node count so far (itself included).
            var open: [(anchor: String?, count: Int)] = []
            var total = 0
            var aliased = 0
            func add(_ n: Int) {
                total += n
                if !open.isEmpty { open[open.count - 1].count += n }
            }
            func text(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                var tag: String?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    tag = text(event.data.scalar.tag)
                    add(1)
                    if let a = text(event.data.scalar.anchor) { anchorSize[a] = 1 }
                case YAML_ALIAS_EVENT:
                    let n = text(event.data.alias.anchor).flatMap { anchorSize[$0] } ?? 1
                    add(n)
                    aliased += n
                case YAML_SEQUENCE_START_EVENT:
                    tag = text(event.data.sequence_start.tag)
                    total += 1
                    open.append((text(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    tag = text(event.data.mapping_start.tag)
                    total += 1
                    open.append((text(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let done = open.popLast() else { break }
                    if let a = done.anchor { anchorSize[a] = done.count }
                    if !open.isEmpty { open[open.count - 1].count += done.count }
                default:
                    break
                }
                if let tag, tag != "!" {
                    guard coreTags.contains(tag) else {
                        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
                        result.problem = Problem(
                            line: line, column: column,
                            message: "unsupported YAML tag \(shown); only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map are allowed (better: no tag)")
                        return
                    }
                    result.tags[key(line: line, column: column)] = String(tag.dropFirst(18))
                }
                if aliased > maxAliasNodes {
                    result.problem = Problem(
                        line: line, column: column,
                        message:
                            "YAML aliases expand to more than \(maxAliasNodes) nodes here (an alias bomb?); write the values out instead of repeating aliases")
                    return
                }
                if total > maxNodes {
                    result.problem = Problem(
                        line: line, column: column,
                        message: "the document has more than \(maxNodes) nodes; split the configuration")
                    return
                }
            }
        }
        return result
    }
}
