import Enrolment
import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangSources

/// The inputs of every year, and per source and year why it is incomplete (empty: read completely).
struct AssessmentInputs: Sendable {
    var years: [Int: YearInputs] = [:]
    /// source key → year → reasons; a year absent from a source's map means the source has no file for it.
    var gaps: [String: [Int: [String]]] = [:]

    /// Why `source` is incomplete for `year` (empty when complete).
    func reasons(_ source: String, _ year: Int) -> [String] {
        guard let byYear = gaps[source] else { return ["source \(source) is not configured"] }
        guard let r = byYear[year] else { return ["source \(source) has no file for \(year)"] }
        return r
    }

    /// Reads every configured source, file by file, so a failed file or a rejected row marks only its own year.
    static func read(_ s: AssessmentSources, into result: inout CollectionResult) -> AssessmentInputs {
        var inputs = AssessmentInputs()
        inputs.each("compulsory", s.compulsory, &result) { row, year, data in
            let level = try Vocabulary.stage(row.text("stage"))
            var res: [String: Double] = [:]
            for r in CriteriaLoader.resourceFields where row.has(r) {
                if let v = try row.number(r) { res[r] = v }
            }
            var eligible: Double?
            if row.has("migrant_eligible") { eligible = try row.number("migrant_eligible") }
            let id = try row.schoolID()
            let isPublic = try Vocabulary.isPublic(row.text("ownership"), field: "ownership")
            let pupils = try row.count("students")
            data.stages.append(
                StageRecord(
                    id: id, name: row.text("name") ?? "", type: row.text("type") ?? "", level: level,
                    isPublic: isPublic, pupils: pupils, resources: res, migrantEligible: eligible))
        }
        inputs.each("kindergartens", s.kindergartens, &result) { row, _, data in
            let id = try row.schoolID()
            let isPublic = try Vocabulary.isPublic(row.text("ownership"), field: "ownership")
            // A private kindergarten whose 普惠性 is marked missing is unknown, not “否”: the row is incomplete.
            let recognised = try row.flag("inclusive")
            if !isPublic, recognised == nil, row.has("inclusive") { throw MissingValue("inclusive") }
            let children = try row.count("children")
            data.kindergartens.append(
                KindergartenRecord(
                    id: id, name: row.text("name") ?? "", isPublic: isPublic,
                    inclusive: isPublic || recognised == true, children: children))
        }
        inputs.each("population_by_age", s.population, &result) { row, _, data in
            guard let age = try row.number("age"), age >= 0, age == age.rounded() else { throw RowRejection("age must be a whole number ≥ 0") }
            data.population[Int(age), default: 0] += try row.count("population")
        }
        inputs.each("classes", s.classes, &result) { row, _, data in
            let id = try row.schoolID(), level = try Vocabulary.stage(row.text("stage")), pupils = try row.count("pupils")
            data.classes.append(ClassRecord(id: id, level: level, pupils: pupils))
        }
        inputs.each("kindergarten_classes", s.kindergartenClasses, &result) { row, _, data in
            guard let kind = row.text("kind"), ["小班", "中班", "大班", "混龄班"].contains(kind) else {
                throw RowRejection("kind \(ValuePreview.quoted(row.text("kind") ?? "")) is not 小班, 中班, 大班 or 混龄班")
            }
            let id = try row.schoolID(), children = try row.count("children")
            data.kindergartenClasses.append(KindergartenClassRecord(id: id, kind: kind, children: children))
        }
        inputs.each("kindergarten_staff", s.staff, &result) { row, _, data in
            let id = try row.schoolID()
            guard data.staff[id] == nil else { throw RowRejection("学校标识码 \(id) appears twice; the row is not counted again") }
            data.staff[id] = try row.count("teachers")
        }
        inputs.each("junior_cohorts", s.cohorts, &result) { row, _, data in
            let entrants = try row.count("entrants"), final = try row.count("final_year")
            guard entrants > 0 else { throw RowRejection("entrants must be positive") }
            let id = try row.schoolID()
            data.cohorts.append(CohortRecord(id: id, entrants: entrants, finalYear: final))
        }
        inputs.each("migrant_purchased", s.purchased, &result) { row, _, data in
            let id = try row.schoolID()
            guard data.purchased[id] == nil else { throw RowRejection("学校标识码 \(id) appears twice; the row is not counted again") }
            data.purchased[id] = try row.count("purchased")
        }
        return inputs
    }

    private mutating func each(
        _ key: String, _ source: SourceConfig?, _ result: inout CollectionResult,
        _ body: (TableRow, Int, inout YearInputs) throws -> Void
    ) {
        guard let source else { return }
        var byYear: [Int: [String]] = [:]
        for file in source.resolvedFiles {
            guard let year = file.year else { continue }
            var part = CollectionResult()
            var data = years[year] ?? YearInputs()
            var rows = 0
            SourceConfig(files: [file]).forEachRow(into: &part) { row, _ in
                rows += 1
                try body(row, year, &data)
            }
            years[year] = data
            var reasons = byYear[year] ?? []
            reasons += part.errors.map { "\(key): \($0)" }
            // A file without any data row (a header alone) measured nothing: its criteria get no value, never 0.
            if part.errors.isEmpty, rows == 0 { reasons.append("\(key): \(file.displayPath) has no data rows") }
            if !part.rejectedRows.isEmpty {
                reasons.append("\(key): \(part.rejectedRows.count) rejected row(s) in \(file.displayPath), first: \(part.rejectedRows[0])")
            }
            if part.rowsIncomplete > 0 {
                reasons.append("\(key): \(part.rowsIncomplete) row(s) in \(file.displayPath) lack a value the criteria need (marked missing)")
            }
            byYear[year] = reasons
            // The file's problems are this source's criteria's reasons (above), not the whole collector's: a failed
            // kindergarten file leaves the compulsory criteria, whose inputs are complete, with their values.
            part.problems = []
            result.absorb(part)
        }
        gaps[key] = byYear
    }
}
