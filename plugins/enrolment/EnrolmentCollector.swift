import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangSources

/// Computes the `enrolment` module's indicators; see `Enrolment`.
struct EnrolmentCollector: FileCollector {
    let kindergartens: SourceConfig
    let compulsory: SourceConfig
    let graduates: SourceConfig?
    let places: SourceConfig?
    let placesFromYear: Int
    var quota: SourceConfig? = nil

    var inputFiles: [String] {
        kindergartens.paths + compulsory.paths + (graduates?.paths ?? []) + (places?.paths ?? []) + (quota?.paths ?? [])
    }
    var families: [MetricFamily] { EnrolmentFamilies.all }

    func read() -> CollectionResult {
        var result = CollectionResult()
        collectKindergartens(into: &result)
        collectCompulsory(into: &result)
        if let graduates { collectGraduates(graduates, into: &result) }
        if let quota { QuotaAllocation.collect(quota, into: &result) }
        if let places {
            let years = kindergartens.years + compulsory.years
            collectPlaces(places, years: years, into: &result)
        }
        return result
    }

    /// The families each per-school source feeds (for completeness).
    static let kindergartenFamilies: Set<String> = [
        EnrolmentFamilies.inclusive.name, EnrolmentFamilies.publicShare.name,
        EnrolmentFamilies.quality.name, EnrolmentFamilies.students.name,
        EnrolmentFamilies.schoolStudents.name,
    ]
    static let compulsoryFamilies: Set<String> = [
        EnrolmentFamilies.migrant.name, EnrolmentFamilies.variation.name,
        EnrolmentFamilies.students.name, EnrolmentFamilies.schoolStudents.name,
        SchoolResources.family.name, SchoolResources.info.name,
    ]

    // MARK: rows 1, 2 and the quality coverage

    private func collectKindergartens(into result: inout CollectionResult) {
        struct Totals { var all = 0.0, inclusive = 0.0, publicOwned = 0.0, quality = 0.0 }
        var byYear: [Int: Totals] = [:]
        var perSchool: [Sample] = []
        var gradeMapped = false
        var once = DuplicateGuard()
        var missing = MissingCells()
        kindergartens.forEachRow(into: &result, feeds: Self.kindergartenFamilies) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let id = try row.schoolID()
            try once.check("\(id)/\(year)", describe: "学校标识码 \(id) for \(year)", row: row)
            let children = try row.count("children")
            let isPublic = try Vocabulary.isPublic(row.text("ownership"), field: "ownership")
            // A public kindergarten is inclusive whatever the column says; a private one with 普惠性 marked missing
            // makes row 1 unknown for the year (not counted as “否”), and a missing 等级 the quality coverage.
            let recognised = try row.flag("inclusive")
            if !isPublic, recognised == nil, row.has("inclusive") {
                missing.note(row, field: "inclusive", year: year, families: [EnrolmentFamilies.inclusive.name])
            }
            let inclusive = isPublic || recognised == true
            let grade = row.text("grade")
            if grade == nil, row.has("grade") { missing.note(row, field: "grade", year: year, families: [EnrolmentFamilies.quality.name]) }
            let quality = grade.map { Vocabulary.qualityGrades.contains($0) } ?? false
            gradeMapped = gradeMapped || row.has("grade")
            var t = byYear[year, default: Totals()]
            t.all += children
            if inclusive { t.inclusive += children }
            if isPublic { t.publicOwned += children }
            if quality { t.quality += children }
            byYear[year] = t
            let y = String(year)
            perSchool.append(Sample(EnrolmentFamilies.schoolStudents.name, ["school_id": id, "level": "kindergarten", "year": y], children))
        }
        result.samples += perSchool
        result.problems += missing.problems()
        for (year, t) in byYear {
            let y: Labels = ["year": String(year)]
            result.samples.append(Sample(EnrolmentFamilies.students.name, y.setting("level", "kindergarten"), t.all))
            result.samples += RatioComponents.samples(EnrolmentFamilies.inclusive, y, num: t.inclusive, den: t.all)
            result.samples += RatioComponents.samples(EnrolmentFamilies.publicShare, y, num: t.publicOwned, den: t.all)
            if gradeMapped { result.samples += RatioComponents.samples(EnrolmentFamilies.quality, y, num: t.quality, den: t.all) }
        }
    }

    // MARK: row 5 and the 差异系数

    private struct SchoolStage { var id: String; var pupils: Double; var resources: [String: Double] }

    private func collectCompulsory(into result: inout CollectionResult) {
        var migrantPublic: [Int: Double] = [:], migrantAll: [Int: Double] = [:]
        var stages: [Int: [String: [SchoolStage]]] = [:]
        var students: [Int: [String: Double]] = [:]
        var perSchool: [Sample] = []
        var mapped = Set<String>()  // resources whose column is configured (an unmapped one has no CV, and no problem)
        var once = DuplicateGuard()
        var missing = MissingCells()
        compulsory.forEachRow(into: &result, feeds: Self.compulsoryFamilies) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let id = try row.schoolID()
            let level = try Vocabulary.stage(row.text("stage"))
            try once.check("\(id)/\(year)/\(level)", describe: "学校标识码 \(id) (\(level)) for \(year)", row: row)
            let pupils = try row.count("students")
            let isPublic = try Vocabulary.isPublic(row.text("ownership"), field: "ownership")
            let migrants = row.has("migrant_students") ? try row.number("migrant_students") : nil
            if let migrants, migrants > pupils { throw RowRejection("migrant_students (\(Int(migrants))) exceed students (\(Int(pupils)))") }
            let eligible = row.has("migrant_eligible") ? try row.number("migrant_eligible") : nil
            // Mapped but marked missing: row 5 is unknown for the year; the row still counts for the 差异系数.
            if eligible == nil, row.has("migrant_eligible") {
                missing.note(row, field: "migrant_eligible", year: year, families: [EnrolmentFamilies.migrant.name])
            }
            if let eligible, eligible > (migrants ?? pupils) {
                throw RowRejection(
                    "migrant_eligible (\(Int(eligible))) exceed \(migrants == nil ? "students" : "migrant_students") (\(Int(migrants ?? pupils)))")
            }
            var res: [String: Double] = [:]
            for r in Enrolment.Schemas.resources where row.has(r) {
                mapped.insert(r)
                if let v = try row.number(r) { res[r] = v }
            }
            // Nothing below throws: a rejected row has contributed to no total.
            if let eligible {
                migrantAll[year, default: 0] += eligible
                if isPublic { migrantPublic[year, default: 0] += eligible }
            }
            stages[year, default: [:]][level, default: []].append(SchoolStage(id: id, pupils: pupils, resources: res))
            students[year, default: [:]][level, default: 0] += pupils
            perSchool.append(Sample(EnrolmentFamilies.schoolStudents.name, ["school_id": id, "level": level, "year": String(year)], pupils))
            perSchool += SchoolResources.samples(schoolID: id, name: row.text("name"), level: level, year: year, resources: res)
        }
        result.samples += perSchool
        result.problems += missing.problems()
        for (year, all) in migrantAll {
            result.samples += RatioComponents.samples(EnrolmentFamilies.migrant, ["year": String(year)], num: migrantPublic[year] ?? 0, den: all)
        }
        for (year, levels) in students {
            for (level, n) in levels {
                result.samples.append(Sample(EnrolmentFamilies.students.name, ["level": level, "year": String(year)], n))
            }
        }
        for (year, levels) in stages {
            for (level, schools) in levels {
                var cvs: [Double] = []
                for r in Enrolment.Schemas.resources where mapped.contains(r) {
                    // A school whose value is marked missing makes the coefficient unknown: it is never computed
                    // over the other schools (a published number is one we measured), and the year is incomplete.
                    let missing = schools.filter { $0.resources[r] == nil }.map(\.id)
                    if !missing.isEmpty {
                        result.problems += Self.missingResource(level: level, resource: r, year: year, schools: missing)
                        continue
                    }
                    guard let cv = VariationCoefficient.compute(pupils: schools.map(\.pupils), totals: schools.map { $0.resources[r]! }) else { continue }
                    cvs.append(cv.coefficient)
                    result.samples.append(
                        Sample(
                            EnrolmentFamilies.variation.name,
                            ["level": level, "resource": r, "year": String(year)], cv.coefficient.cleaned))
                    result.samples += EnrolmentFamilies.variationSums(
                        schools.map(\.pupils), schools.map { $0.resources[r]! },
                        ["level": level, "resource": r, "year": String(year)])
                }
                if cvs.count == Enrolment.Schemas.resources.count {
                    let mean = cvs.reduce(0, +) / Double(cvs.count)
                    result.samples.append(
                        Sample(
                            EnrolmentFamilies.variation.name,
                            ["level": level, "resource": "composite", "year": String(year)], mean.cleaned))
                }
            }
        }
    }

    /// The Chinese names of the seven resources, for the reasons shown on the pages.
    static let resourceNamesZh = [
        "qualified_teachers": "高于规定学历教师数", "backbone_teachers": "县级以上骨干教师数",
        "pe_art_teachers": "体育艺术专任教师数", "teaching_area": "教学及辅助用房面积",
        "sports_area": "体育运动场馆面积", "equipment_value": "教学仪器设备值",
        "multimedia_rooms": "网络多媒体教室数",
    ]

    /// The problems of one resource's 差异系数 when some schools' values are marked missing (`—`): that resource's
    /// coefficient (with its sums) and the level's composite are incomplete for the year, nothing else.
    static func missingResource(level: String, resource r: String, year: Int, schools: [String]) -> [DataProblem] {
        let levelZh = level == "primary" ? "小学" : "初中"
        let shown = schools.prefix(5).joined(separator: "、") + (schools.count > 5 ? "等" : "")
        let zh = "\(year)年\(levelZh)有\(schools.count)所学校的\(resourceNamesZh[r] ?? r)缺失（学校标识码：\(shown)），该项差异系数和综合差异系数不予计算"
        let en =
            "\(year) \(level): \(schools.count) school(s) without \(r) (school_id \(schools.prefix(5).joined(separator: ", "))); its coefficient and the composite are not computed"
        let families: Set<String> = [
            EnrolmentFamilies.variation.name, EnrolmentFamilies.variationPupils.name,
            EnrolmentFamilies.variationResource.name, EnrolmentFamilies.variationSquares.name,
        ]
        return [
            DataProblem(families: families, year: year, reasonZh: zh, reason: en, labels: ["level": level, "resource": r]),
            DataProblem(
                families: [EnrolmentFamilies.variation.name], year: year, reasonZh: zh, reason: en,
                labels: ["level": level, "resource": "composite"]),
        ]
    }

    // MARK: row 6

    private func collectGraduates(_ source: SourceConfig, into result: inout CollectionResult) {
        var grads: [Int: Double] = [:], continuing: [Int: Double] = [:]
        let destinations = ["to_general_high", "to_vocational", "to_technical", "to_five_year_higher"]
        var once = DuplicateGuard()
        source.forEachRow(into: &result, feeds: [EnrolmentFamilies.progression.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let id = try row.schoolID()
            try once.check("\(id)/\(year)", describe: "学校标识码 \(id) for \(year)", row: row)
            let g = try row.count("graduates")
            var c = 0.0
            let mapped = destinations.filter { row.has($0) }
            if !mapped.isEmpty {
                for d in mapped { c += try row.requiredNumber(d) }
            } else if row.has("not_continuing") {
                c = g - (try row.requiredNumber("not_continuing"))
            } else {
                throw RowRejection("map the destination columns (to_general_high, to_vocational, …) or not_continuing")
            }
            guard c <= g else { throw RowRejection("graduates continuing (\(Int(c))) exceed graduates (\(Int(g)))") }
            grads[year, default: 0] += g
            continuing[year, default: 0] += c
        }
        for (year, g) in grads {
            result.samples += RatioComponents.samples(EnrolmentFamilies.progression, ["year": String(year)], num: continuing[year] ?? 0, den: g)
        }
    }

    // MARK: task 一, places added since `placesFromYear`

    private func collectPlaces(_ source: SourceConfig, years: [Int], into result: inout CollectionResult) {
        var added: [String: [Int: Double]] = [:]
        source.forEachRow(into: &result, feeds: [EnrolmentFamilies.placesAdded.name]) { row, _ in
            guard let year = try row.year("commissioned") else { throw RowRejection("commissioned is missing") }
            let level = try Vocabulary.placesLevel(row.text("level"))
            added[level, default: [:]][year, default: 0] += try row.count("places")
        }
        let projectYears = added.values.flatMap(\.keys)
        guard let last = (years + projectYears).max(), last >= placesFromYear else { return }
        // From the first data year (the plan's baseline, 2022): before `placesFromYear` the registry, read whole,
        // counts no place added since the plan began, a measured 0.
        let first = min(placesFromYear, years.min() ?? placesFromYear)
        for level in Vocabulary.placesLevels.map(\.id) {
            var total = 0.0
            for year in first...last {
                if year >= placesFromYear { total += added[level]?[year] ?? 0 }
                result.samples.append(Sample(EnrolmentFamilies.placesAdded.name, ["level": level, "year": String(year)], total))
            }
        }
    }
}
