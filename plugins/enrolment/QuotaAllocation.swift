import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// 优质示范高中定向分配招生 (task 四): whether each junior school's quota places (定向分配名额) follow its number of
/// applicants eligible for general senior high (符合普通高中报名条件人数).
///
/// Per year: Q = Σ allocated, E = Σ eligible; school i's proportional share is Q·eᵢ/E. A school is allocated in
/// balance when its places differ from that share by less than one place (any whole-number apportionment of Q, e.g.
/// largest remainders, gives every school the floor or the ceiling of its share). The series is the share of junior
/// schools allocated in balance (1 = “100%按照符合普通高中报名条件人数均衡分配”). Schools without eligible applicants
/// and without places are left out; a year without eligible applicants gives no sample.
enum QuotaAllocation {
    static let family = MetricFamily(
        name: "eduplan_quota_allocation_balanced_ratio",
        help:
            "优质示范高中定向分配招生按符合报名条件人数均衡分配比例 (task 四): junior schools whose 定向分配 places are within one place of their share by eligible applicants / junior schools.",
        unit: "ratio")

    static func collect(_ source: SourceConfig, into result: inout CollectionResult) {
        var schools: [Int: [(eligible: Double, allocated: Double)]] = [:]
        var once = DuplicateGuard()
        source.forEachRow(into: &result, feeds: [family.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let id = try row.schoolID()
            try once.check("\(id)/\(year)", describe: "学校标识码 \(id) for \(year)", row: row)
            let eligible = try row.count("eligible"), allocated = try row.count("allocated")
            guard allocated <= eligible else {
                throw RowRejection("allocated (\(Int(allocated))) exceed eligible applicants (\(Int(eligible)))")
            }
            if eligible > 0 || allocated > 0 { schools[year, default: []].append((eligible, allocated)) }
        }
        for (year, list) in schools {
            let e = list.reduce(0) { $0 + $1.eligible }, q = list.reduce(0) { $0 + $1.allocated }
            guard e > 0 else { continue }
            let balanced = list.filter { Swift.abs($0.allocated - q * $0.eligible / e) < 1 }.count
            if let r = Ratio.of(Double(balanced), Double(list.count)) {
                result.samples.append(Sample(family.name, ["year": String(year)], r))
            }
        }
    }
}
