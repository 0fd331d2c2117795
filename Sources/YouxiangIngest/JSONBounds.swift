import Foundation
import YouxiangCore

/// The size checks a JSON document passes before it is decoded: no string (a cell or a key) longer than
/// ``ReadLimits/maxJSONStringBytes``, no nesting deeper than ``ReadLimits/maxJSONDepth``. One pass over the bytes, with
/// no allocation, so a 300 MB cell is refused without being copied or decoded, and a document nested 200,000 levels
/// deep gets a message naming the limit instead of the decoder's “not valid JSON”. Syntax is left to the decoder.
enum JSONBounds {
    /// Throws a file-level ``IngestDiagnostic`` (line 0; the message names the document's line) for the first limit
    /// `data` passes.
    static func check(
        _ data: Data, source: String, maxStringBytes: Int = ReadLimits.maxJSONStringBytes, maxDepth: Int = ReadLimits.maxJSONDepth
    ) throws(IngestDiagnostic) {
        let problem: String? = data.withUnsafeBytes { raw -> String? in
            let p = raw.bindMemory(to: UInt8.self)
            var line = 1
            var depth = 0
            var i = 0
            while i < p.count {
                let b = p[i]
                switch b {
                case UInt8(ascii: "\n"): line += 1
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth {
                        return "line \(line): arrays and objects nested deeper than \(maxDepth) levels (a table's records need 3); the document is refused"
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: "\""):
                    // A string: find its closing quote (skipping escaped characters) within the limit.
                    let start = i + 1
                    let startLine = line
                    var j = start
                    while j < p.count, p[j] != UInt8(ascii: "\"") {
                        if p[j] == UInt8(ascii: "\\") { j += 1 } else if p[j] == UInt8(ascii: "\n") { line += 1 }
                        j += 1
                        if j - start > maxStringBytes {
                            let head = String(
                                decoding: UnsafeBufferPointer(rebasing: p[start..<min(p.count, start + 4 * ValuePreview.maxCharacters)]), as: UTF8.self)
                            return "line \(startLine): a string longer than \(maxStringBytes) bytes (1 MiB, the limit of a cell, as of a CSV record) "
                                + "starting \(ValuePreview.quoted(head)); the document is refused"
                        }
                    }
                    i = j
                default: break
                }
                i += 1
            }
            return nil
        }
        if let problem { throw IngestDiagnostic(file: source, line: 0, message: problem) }
    }
}
