import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import YouxiangCore
import YouxiangModules

@testable import YouxiangIngest
@testable import YouxiangRuntime

/// Review finding 15: bidi controls and other invisible format characters in a cell never reach labels, pages, the
/// report or alerts; the visible text is kept.
@Suite struct FormatControlsTests {
    static let controls = ["\u{202E}", "\u{202A}", "\u{202C}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{FEFF}"]

    @Test func cellTextLosesInvisibleFormatCharacters() throws {
        let columns = ["name": ColumnSpec(header: "学校名称"), "n": ColumnSpec(header: "在校学生数")]
        let csv = try TestPaths.temporaryFile("学校名称,在校学生数\n\u{202E}紫石\u{2066}小学\u{2069}\u{200F},1497\n\u{202E}\u{200B},1\n", name: "s.csv")
        let rows = try TableReader.read(path: csv, spec: TableSpec(columns: columns)).rows
        #expect(rows[0].text("name") == "紫石小学")
        #expect(rows[1].text("name") == nil, "a cell of only invisible characters is missing, like an empty one")
        let json = try JSONTableReader.read(
            data: Data("[{\"学校名称\": \"\\u202e甲\\u061c小学\\u200e\", \"在校学生数\": 1}]".utf8), source: "x.json", columns: columns, recordsKey: nil)
        #expect(json.rows[0].text("name") == "甲小学")
        for c in Self.controls { #expect(FormatControls.stripped("甲" + c + "乙") == "甲乙", "U+\(String(c.unicodeScalars.first!.value, radix: 16))") }
        #expect(FormatControls.stripped("北仑区（一）“甲”") == "北仑区（一）“甲”")
        // Regression (fresh-eyes review): a NUL inside a school's name reached the label values. C0 controls and DEL
        // go; tab and line breaks (a quoted multi-line cell) stay.
        let nul = try TestPaths.temporaryFile("学校名称,在校学生数\n北仑区春晓滨海幼儿\u{0}园\u{7F}\u{1B},1\n\"甲\t乙\n丙\",2\n", name: "c0.csv")
        let c0 = try TableReader.read(path: nul, spec: TableSpec(columns: columns)).rows
        #expect(c0[0].text("name") == "北仑区春晓滨海幼儿园")
        #expect(c0[1].text("name") == "甲\t乙\n丙")
    }

    /// The shipped configuration with compulsory_2025.csv edited: 紫石小学's name wrapped in U+202E … U+202C and 2,600
    /// pupils (above the school-size standard, so the pages list it).
    static func engineWithBidiSchoolName() async throws -> Engine {
        let repo = TestPaths.repo("")
        let fm = FileManager.default
        let root = NSTemporaryDirectory() + "youxiang-bidi-" + UUID().uuidString
        func linkAll(_ from: String, _ to: String, except: String) throws {
            try fm.createDirectory(atPath: to, withIntermediateDirectories: true)
            for name in try fm.contentsOfDirectory(atPath: from) where name != except {
                try fm.createSymbolicLink(atPath: to + "/" + name, withDestinationPath: from + "/" + name)
            }
        }
        try linkAll(repo + "/plugins", root + "/plugins", except: "enrolment")
        try linkAll(repo + "/plugins/enrolment", root + "/plugins/enrolment", except: "data")
        try linkAll(repo + "/plugins/enrolment/data", root + "/plugins/enrolment/data", except: "compulsory_2025.csv")
        var csv = try String(contentsOfFile: repo + "/plugins/enrolment/data/compulsory_2025.csv", encoding: .utf8)
        csv = csv.replacingOccurrences(of: "2133014348,北仑区紫石小学,小学,公办,小学,1497,", with: "2133014348,\u{202E}北仑区紫石小学\u{202C},小学,公办,小学,2600,")
        #expect(csv.contains("\u{202E}"))
        try csv.write(toFile: root + "/plugins/enrolment/data/compulsory_2025.csv", atomically: true, encoding: .utf8)
        try linkAll(repo + "/deploy", root + "/deploy", except: "")
        let engine = try await TestEngines.engine(config: root + "/deploy/youxiang.yml")
        await engine.collectAll()
        return engine
    }

    @Test func bidiControlsReachNoLabelPageOrReport() async throws {
        let engine = try await Self.engineWithBidiSchoolName()
        let name = engine.published.current.snapshot.families.first { $0.family.name == "eduplan_assessment_institution_info" }
            .flatMap { f in f.series.first { $0.labels["school_id"] == "2133014348" } }?.labels["name"]
        #expect(name == "北仑区紫石小学")
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics"))
        try await app.test(.router) { client in
            for uri in ["/metrics", "/", "/report?year=2025", "/status"] {
                try await client.execute(uri: uri, method: .get) { res in
                    #expect(res.status == .ok, "\(uri)")
                    let body = String(buffer: res.body)
                    for c in Self.controls where c != "\u{FEFF}" {
                        #expect(!body.contains(c), "\(uri) carries U+\(String(c.unicodeScalars.first!.value, radix: 16))")
                    }
                    if uri != "/status" { #expect(body.contains("北仑区紫石小学"), "\(uri) does not name the school") }
                }
            }
        }
        await engine.stop()
    }
}
