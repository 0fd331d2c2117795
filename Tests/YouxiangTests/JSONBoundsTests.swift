import Foundation
import Testing
import YouxiangCore

@testable import YouxiangIngest

/// Review findings 6 and 16: a JSON cell is bounded like a CSV record (1 MiB), a deeply nested document gets a message
/// naming the limit, and no message quotes more than a short prefix of a data value.
@Suite struct JSONBoundsTests {
    static let columns = ["children": ColumnSpec(header: "在园幼儿数"), "id": ColumnSpec(header: "学校标识码")]

    static func read(_ json: String) throws(IngestDiagnostic) -> TableReadResult {
        try JSONTableReader.read(data: Data(json.utf8), source: "https://h.example/api", columns: columns, recordsKey: nil)
    }

    @Test func aCellLongerThanOneMebibyteRefusesTheDocumentWithAShortMessage() throws {
        let huge = String(repeating: "9", count: ReadLimits.maxJSONStringBytes + 1)
        let json = "[{\"学校标识码\": \"2133010437\", \"在园幼儿数\": 120},\n {\"学校标识码\": \"2133014348\", \"在园幼儿数\": \"\(huge)\"}]"
        let error = try #require(throws: IngestDiagnostic.self) { try Self.read(json) }
        #expect(error.message.contains("line 2: a string longer than 1048576 bytes"), "\(error)")
        #expect(error.description.utf8.count < 400, "the message holds more than a prefix of the cell: \(error.description.utf8.count) bytes")
        // At the limit a cell is read (and then parsed like any other).
        let atLimit = String(repeating: "9", count: ReadLimits.maxJSONStringBytes)
        #expect(try Self.read("[{\"学校标识码\": \"1\", \"在园幼儿数\": \"\(atLimit)\"}]").rows.count == 1)
    }

    @Test func deepNestingNamesTheLimit() throws {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let error = try #require(throws: IngestDiagnostic.self) { try Self.read(deep) }
        #expect(error.message == "line 1: arrays and objects nested deeper than 64 levels (a table's records need 3); the document is refused")
        // Brackets inside strings are text, and an ordinary document passes.
        let r = try Self.read("[{\"学校标识码\": \"[[[{{{\", \"在园幼儿数\": 3, \"x\": {\"y\": [1, [2]]}}]")
        #expect(r.rows.count == 1 && r.rows[0].text("id") == "[[[{{{")
    }

    @Test func rejectionMessagesQuoteAShortPrefix() throws {
        // A CSV cell of 500,000 bytes that is not a number: the row's message quotes 64 characters and the size.
        let cell = String(repeating: "x", count: 500_000)
        let path = try TestPaths.temporaryFile("学校标识码,在园幼儿数\n2133010437,\(cell)\n", name: "kg.csv")
        let rows = try TableReader.read(path: path, spec: TableSpec(columns: Self.columns)).rows
        let error = try #require(throws: IngestDiagnostic.self) { try rows[0].number("children") }
        #expect(error.description.utf8.count < 300, "\(error.description.prefix(300))")
        #expect(error.message.contains("\"" + String(repeating: "x", count: 64) + "…\" (500000 bytes) is not a number"), "\(error.message.prefix(300))")
        #expect(ValuePreview.quoted("甲\"\n\u{202E}") == "\"甲\\\"\\n\\u{202E}\"")
    }
}
