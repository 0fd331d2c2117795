import Testing
import YouxiangConfig
import YouxiangModules

/// The `table` module with a `sql` source: its metrics name fields of the source's own `columns:` (there are no
/// files). Found by the database benchmark: every such configuration was refused with "field … is not mapped".
struct TableSQLSourceTests {
    static let yaml = """
        collectors:
          - name: export
            module: table
            source:
              sql: {host: 127.0.0.1, port: 5432, user: reader, database: edu, query: "SELECT * FROM export"}
              columns: {stage: 学段, year: 年份, pupils: 在校学生数}
            metrics:
              - {name: eduplan_bench_pupils, help: pupils, aggregate: sum, value: pupils, labels: {level: stage}}

        """

    @Test func metricsMayUseTheSQLSourcesColumns() {
        #expect(HardeningTests.check(Self.yaml).map(\.message) == [])
    }

    @Test func anUnmappedFieldIsStillRefused() {
        let d = HardeningTests.check(Self.yaml.replacingOccurrences(of: "value: pupils", with: "value: teachers"))
        #expect(d.count == 1)
        #expect(d.first?.message.contains("field \"teachers\" is not mapped under source.columns") == true)
    }
}
