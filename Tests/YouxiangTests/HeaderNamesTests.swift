import Testing

@testable import YouxiangIngest

/// One routine maps a configured header to its column for CSV files and workbooks alike; only the column's name in
/// the message differs (3 for CSV, C for a workbook).
@Suite struct HeaderNamesTests {
    static let names = ["学校标识码", "学校名称", "学段", "", "在校学生数/合计", "学段"]

    @Test func aHeaderFindsItsColumnAfterNormalising() throws {
        #expect(try HeaderNames.column(of: "学校 名称", field: "name", in: Self.names) { String($0 + 1) } == 1)
        #expect(try HeaderNames.column(of: "在校学生数 / 合计", field: "n", in: Self.names) { String($0 + 1) } == 4)
    }

    @Test func missingAndAmbiguousHeadersListTheHeadersPresent() {
        func message(_ header: String, _ name: (Int) -> String) -> String? {
            do {
                _ = try HeaderNames.column(of: header, field: "f", in: Self.names, columnName: name)
                return nil
            } catch {
                return error.message
            }
        }
        let csvPresent = "headers present: 1:学校标识码, 2:学校名称, 3:学段, 5:在校学生数/合计, 6:学段"
        #expect(message("班数", { String($0 + 1) }) == "header \"班数\" (field f) not found; \(csvPresent)")
        #expect(message("学段", { String($0 + 1) }) == "header \"学段\" (field f) is ambiguous: columns 3, 6; \(csvPresent)")
        let sheetPresent = "headers present: A:学校标识码, B:学校名称, C:学段, E:在校学生数/合计, F:学段"
        #expect(message("班数", { XLSXColumn.letters($0 + 1) }) == "header \"班数\" (field f) not found; \(sheetPresent)")
        #expect(message("学段", { XLSXColumn.letters($0 + 1) }) == "header \"学段\" (field f) is ambiguous: columns C, F; \(sheetPresent)")
    }
}
