import Yams
import YouxiangCore

/// A parsed YAML file plus the diagnostics gathered while reading it.
///
/// Reading never stops at the first problem: every accessor records what is wrong (with file, line, column and key
/// path) and returns nil, so one pass reports every error in the file at once.
public final class ConfigDocument: @unchecked Sendable {
    /// The file name as given (used in every diagnostic).
    public let file: String
    /// The root node, or nil when the file did not parse.
    public private(set) var root: ConfigNode?
    /// Every problem found so far, in document order of discovery.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Explicit core tags by position (see `YAMLLimits`).
    let tags: [Int: String]
    /// Data files the configuration names that do not exist (and are not marked `optional: true`). Not configuration
    /// errors (the daemon starts and reports the file as failed, so a file may arrive later); `check config` fails on
    /// them.
    public private(set) var dataFileProblems: [Diagnostic] = []

    /// Parses `text` (the content of `file`). A YAML syntax error becomes one diagnostic with libyaml's position; so do
    /// a document over `YAMLLimits` (alias expansion, node count) and a tag outside YAML's core types, before anything
    /// is built.
    public init(file: String, text: String) {
        self.file = file
        let scan = YAMLLimits.scan(Array(text.utf8))
        tags = scan.tags
        if let p = scan.problem {
            report(line: p.line, column: p.column, path: "", p.message)
            return
        }
        do {
            // The basic resolver (every scalar a string; the accessors parse values themselves): the default one runs
            // regular expressions on every scalar when Yams checks mapping keys for duplicates, most of the load time.
            if let node = try Yams.compose(yaml: text, .basic) {
                root = ConfigNode(node: node, path: "", document: self)
            } else {
                report(line: 1, column: 1, path: "", "the file is empty; expected a mapping")
            }
        } catch let error as YamlError {
            reportSyntax(error, text: text)
        } catch {
            report(line: 0, column: 0, path: "", "cannot parse YAML: \(error)")
        }
    }

    /// Reads and parses a file; an unreadable file becomes a diagnostic.
    public static func load(path: String) -> ConfigDocument {
        if let size = FileReading.size(of: path), size > YAMLLimits.maxFileBytes {
            let doc = ConfigDocument(file: path, text: "{}")
            doc.root = nil
            doc.report(line: 0, column: 0, path: "", "the file has \(size) bytes; the limit is \(YAMLLimits.maxFileBytes)")
            return doc
        }
        let data: [UInt8]
        do { data = try FileReading.read(path, maxBytes: YAMLLimits.maxFileBytes) } catch {
            let doc = ConfigDocument(file: path, text: "{}")
            doc.root = nil
            doc.report(line: 0, column: 0, path: "", "cannot read the file: \(error)")
            return doc
        }
        // Windows editors save UTF-8 with a BOM; YAML allows it only at the very start, which libyaml mishandles.
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF])
        let body = bom ? Array(data.dropFirst(3)) : data
        guard let text = String(validating: body, as: UTF8.self) else {
            let doc = ConfigDocument(file: path, text: "{}")
            doc.root = nil
            var bad = InvalidUTF8.find(in: body) ?? InvalidUTF8(offset: 0, line: 0, column: 0, byte: 0)
            if bom { bad.offset += 3 }
            doc.report(
                line: bad.line, column: bad.column, path: "",
                "the file is not valid UTF-8 at \(bad.position) (perhaps saved as GBK); save the file as UTF-8 "
                    + "(e.g. iconv -f GBK -t UTF-8)")
            return doc
        }
        return ConfigDocument(file: path, text: text)
    }

    /// Records a problem at a position.
    public func report(line: Int, column: Int, path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, path: path, message: message))
    }

    /// Records a data file problem at `node` (see ``dataFileProblems``).
    public func reportDataFile(_ node: ConfigNode, _ message: String) {
        dataFileProblems.append(Diagnostic(file: file, line: node.line, column: node.column, path: node.path, message: message))
    }

    public func report(_ node: ConfigNode, _ message: String) {
        report(line: node.line, column: node.column, path: node.path, message)
    }

    /// Records a problem found in another file this document points at (e.g. a criteria file named by a key), keeping
    /// that file's own position, so `check config` reports it as `other.yml:line:column`.
    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    private func reportSyntax(_ error: YamlError, text: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            var msg = problem
            if let c = context { msg = "\(c.text) (line \(c.mark.line), column \(c.mark.column)): \(problem)" }
            if let tabbed = TabIndentation.line(in: text, atOrBefore: mark.line) {
                msg += tabbed == mark.line ? "; \(TabIndentation.hint)" : "; line \(tabbed) is indented with a tab: \(TabIndentation.hint)"
            }
            report(line: mark.line, column: mark.column, path: "", "YAML syntax: \(msg)")
        case let .composer(context, problem, mark, _):
            var msg = problem
            if let c = context { msg = "\(c.text): \(problem)" }
            report(line: mark.line, column: mark.column, path: "", "YAML: \(msg)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().joined(separator: ", ")
            let mark = context.mark
            report(line: mark.line, column: mark.column, path: "", "duplicate key(s): \(keys)")
        default:
            report(line: 0, column: 0, path: "", "YAML: \(error)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
