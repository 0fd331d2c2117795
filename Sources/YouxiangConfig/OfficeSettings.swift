import YouxiangCore

extension ConfigLoader {
    /// `plan.district_zh` and `plan.office_zh` of the `plan:` mapping `p`: the district and issuing office the pages and
    /// the report name. Either may be left out: no district gives Beilun's wording, no office gives
    /// “<district_zh>公共服务七优享工程专班办公室”. A value that cannot stand in a title (empty, too long, several lines,
    /// control characters, no Chinese character) is reported at its file:line:column and the default is kept.
    static func officeIdentity(_ p: ConfigMapping) -> OfficeIdentity {
        func name(_ key: String, example: String) -> String? {
            guard let node = p.optional(key), let s = node.string() else { return nil }
            if let problem = OfficeIdentity.problem(s) {
                node.error("\(problem); write the name as the office's documents do, e.g. \(key): \(example)")
                return nil
            }
            return s
        }
        let district = name("district_zh", example: "北仑区")
        let office = name("office_zh", example: OfficeIdentity.beilun.officeZh)
        return OfficeIdentity(districtZh: district ?? OfficeIdentity.beilun.districtZh, officeZh: office ?? district.map(OfficeIdentity.office(of:)))
    }
}
