import Foundation
import YouxiangCore

/// Reads JSON exports of record lists into the same ``TableRow`` shape as ``TableReader``.
///
/// Accepted shapes: a top-level array of objects, or a top-level object whose member `recordsKey` is such an array
/// (`recordsKey` may be a dotted path of members, `data.list`, when no member has that exact name).
///
/// **Line convention:** JSON rows carry `line` = the 1-based index of the record in the array (record 1 is the first
/// element), not a physical line of the file; diagnostics use the same number and have no column, naming the key
/// instead.
///
/// Fields are mapped by key name (``ColumnSpec/header`` = the exact JSON key). Values may be strings (decorated text
/// such as `"1,620"` or `"92.5%"` is parsed like CSV cells), numbers (integral values become text without a
/// fraction, so IDs stay `2133012345`), booleans (`true`/`false`, read by ``TableRow/flag(_:)``) or `null` (missing).
/// ``TableRow/has(_:)`` tells whether a record has the key at all.
public enum JSONTableReader {
    /// Reads all records.
    ///
    /// `rowsRead` counts every array element; elements that are not objects, or whose mapped value is an array or
    /// object, are `rejected` with their index. `rowsSkipped` is always 0 (JSON exports carry no subtotal rows).
    /// - Parameters:
    ///   - path: the JSON file.
    ///   - columns: logical field → key.
    ///   - recordsKey: the member holding the array when the top level is an object; `nil` for a top-level array.
    /// - Throws: ``IngestDiagnostic`` (line 0) for an unreadable file, a string longer than 1 MiB or nesting deeper
    ///   than 64 levels (``JSONBounds``, checked before decoding), invalid JSON, the wrong top-level shape, or a
    ///   mapped key that occurs in none of the records (the message lists the keys that do occur).
    public static func read(path: String, columns: [String: ColumnSpec], recordsKey: String?) throws(IngestDiagnostic) -> TableReadResult {
        try read(data: Data(try BoundedFile.contents(of: path)), source: path, columns: columns, recordsKey: recordsKey)
    }

    /// Reads all records of a JSON document already in memory (an HTTP response body), exactly like ``read(path:columns:recordsKey:)``
    /// reads a file; `source` (a URL) stands where the path would in rows and diagnostics.
    ///
    /// `recordsKey` names the member holding the array; when the top-level object has no member of that exact name
    /// and the key contains dots, it is followed as a path of members (`data.list` for `{"data": {"list": [...]}}`).
    public static func read(data: Data, source path: String, columns: [String: ColumnSpec], recordsKey: String?) throws(IngestDiagnostic) -> TableReadResult {
        func fail(_ message: String) -> IngestDiagnostic { IngestDiagnostic(file: path, line: 0, message: message) }
        try JSONBounds.check(data, source: path)
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw fail("invalid JSON: \(Self.describe(error))\(Self.truncationHint(data))")
        }
        let records: [JSONValue]
        switch (root, recordsKey) {
        case (.array(let items), nil):
            records = items
        case (.object(let members), let key?):
            if members[key] == nil, key.contains(".") {
                records = try Self.follow(path: key, in: members, fail: fail)
                break
            }
            guard case .array(let items)? = members[key] else {
                throw fail("expected an array member \"\(key)\"; members present: \(members.keys.sorted().joined(separator: ", "))")
            }
            records = items
        case (.object(let members), nil):
            throw fail("top level is an object; set `records_key:` to one of: \(members.keys.sorted().joined(separator: ", "))")
        default:
            throw fail(recordsKey == nil ? "top level is not an array of records" : "top level is not an object")
        }

        let fields = columns.keys.sorted()
        var slots: [String: Int] = [:]
        for (i, f) in fields.enumerated() { slots[f] = i }
        let keys = fields.map { columns[$0]!.header }
        let layout = TableLayout(
            file: path, slots: slots, columns: fields.map { _ in nil },
            headers: keys, scales: fields.map { columns[$0]!.scale },
            bounds: fields.map { (columns[$0]!.min, columns[$0]!.max) })

        var result = TableReadResult(rows: [], rowsRead: 0, rowsSkipped: 0, rejected: [])
        var seenKeys = Set<String>()
        var allKeys = Set<String>()
        for (index, record) in records.enumerated() {
            let line = index + 1
            result.rowsRead += 1
            guard case .object(let object) = record else {
                result.rejected.append(IngestDiagnostic(file: path, line: line, message: "record is not a JSON object"))
                continue
            }
            allKeys.formUnion(object.keys)
            var values: [String?] = []
            var present: [Bool] = []
            var problem: String?
            for key in keys {
                let value = object[key]
                present.append(value != nil)
                if value != nil { seenKeys.insert(key) }
                switch value {
                case nil, .null?: values.append(nil)
                case .string(let s)?: values.append(s)
                case .bool(let b)?: values.append(b ? "true" : "false")
                case .number(let d)?: values.append(Self.text(of: d))
                case .array?, .object?:
                    values.append(nil)
                    problem = problem ?? "\(key): expected a string, number, boolean or null"
                }
            }
            if let problem {
                result.rejected.append(IngestDiagnostic(file: path, line: line, message: problem))
            } else {
                result.rows.append(TableRow(line: line, layout: layout, values: values, present: present))
            }
        }
        if !records.isEmpty {
            let missing = Set(keys).subtracting(seenKeys)
            if !missing.isEmpty {
                throw fail(
                    "key(s) \(missing.sorted().joined(separator: ", ")) not found in any record; keys present: \(allKeys.sorted().joined(separator: ", "))")
            }
        }
        return result
    }

    /// The array at a dotted member path (`data.list`), each step an object member.
    private static func follow(path: String, in root: [String: JSONValue], fail: (String) -> IngestDiagnostic) throws(IngestDiagnostic) -> [JSONValue] {
        var members = root
        var walked: [String] = []
        let steps = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for (i, step) in steps.enumerated() {
            let here = walked.isEmpty ? "the top level" : "\"\(walked.joined(separator: "."))\""
            guard let value = members[step] else {
                throw fail("records_key \(path): \(here) has no member \"\(step)\"; members present: \(members.keys.sorted().joined(separator: ", "))")
            }
            walked.append(step)
            if i == steps.count - 1 {
                guard case .array(let items) = value else { throw fail("records_key \(path): \"\(path)\" is not an array") }
                return items
            }
            guard case .object(let next) = value else { throw fail("records_key \(path): \"\(walked.joined(separator: "."))\" is not an object") }
            members = next
        }
        return []
    }

    /// For a document that does not parse: a note when it ends inside a value (its last non-blank byte is not `]`, `}`
    /// or the end of a scalar), the usual sign of a file or an HTTP body cut short.
    static func truncationHint(_ data: Data) -> String {
        guard let last = data.last(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return " (the document is empty)" }
        let opens = data.prefix(1).first == UInt8(ascii: "[") || data.prefix(1).first == UInt8(ascii: "{")
        guard opens, last != UInt8(ascii: "]"), last != UInt8(ascii: "}") else { return "" }
        return " (the document stops after \(data.count) bytes without closing its \(data.first == UInt8(ascii: "[") ? "array" : "object"): it was cut short)"
    }

    /// Integral values print without a fraction (`2133012345`, not `2133012345.0`); others use Swift's shortest
    /// round-tripping form.
    static func text(of d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return context.debugDescription + underlying
        }
        return "\(error)"
    }
}

/// A parsed JSON value.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? single.decode(Double.self) {
            self = .number(d)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
