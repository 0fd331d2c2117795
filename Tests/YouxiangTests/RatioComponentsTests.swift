import Foundation
import Testing
import YouxiangCore
import YouxiangModules
import YouxiangRuntime

/// Numerator and denominator series beside every ratio (docs/city-rollup.md), with the shipped data.
@Suite struct RatioComponentsTests {
    /// Every ratio with components, as served by the shipped configuration.
    static let stems = [
        "eduplan_kindergarten_enrolment_inclusive", "eduplan_kindergarten_enrolment_public", "eduplan_kindergarten_enrolment_quality",
        "eduplan_migrant_children_public_school", "eduplan_junior_graduates_upper_secondary",
        "eduplan_vocational_entrants_long_programme", "eduplan_vocational_graduates_higher_education",
        "eduplan_elderly_university_township_coverage", "eduplan_elderly_education_participation",
        "eduplan_school_5g_coverage", "eduplan_teaching_space_network_coverage",
        "eduplan_teacher_postgraduate", "eduplan_backbone_teacher_exchange",
    ]

    /// For each ratio sample there is exactly one numerator and one denominator with the same labels, and
    /// numerator / denominator is the ratio; no component exists without its ratio.
    @Test func everyRatioHasItsComponents() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        for stem in Self.stems {
            let ratios = e.snapshot.series(stem + "_ratio")
            #expect(ratios.count >= 4, "\(stem): \(ratios.count) ratio samples")
            for r in ratios {
                let n = e.snapshot.value(stem + "_numerator", r.labels)
                let d = e.snapshot.value(stem + "_denominator", r.labels)
                #expect(n != nil && d != nil, "\(stem)\(r.labels): components missing")
                if let n, let d { #expect(Ratio.of(n, d) == r.value, "\(stem)\(r.labels): \(n)/\(d) ≠ \(r.value)") }
            }
            #expect(e.snapshot.series(stem + "_numerator").count == ratios.count, "\(stem): numerators without a ratio")
            #expect(e.snapshot.series(stem + "_denominator").count == ratios.count, "\(stem): denominators without a ratio")
        }
        // Row 1, 2022: 23040 of 25600 children (0.90), from the generator's fixed totals.
        let y: Labels = ["district": "330206", "year": "2022"]
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_inclusive_numerator", y) == 23040)
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_inclusive_denominator", y) == 25600)
    }

    /// Row 7's inputs by age reproduce the computed school life expectancy: Σ_a E_a / P_a over the age window.
    @Test func expectedSchoolingInputsReproduceTheComputedValue() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        for year in 2022...2025 {
            let y = String(year)
            let enrolled = e.snapshot.series("eduplan_expected_schooling_enrolled_by_age", matching: ["year": y])
            #expect(enrolled.count == 16, "\(year): ages 3–18 expected, got \(enrolled.count)")
            var sle = 0.0
            for s in enrolled {
                let p = try #require(e.snapshot.value("eduplan_expected_schooling_population_by_age", s.labels))
                sle += s.value / p
            }
            let computed = try #require(e.snapshot.value("eduplan_expected_schooling_years", ["district": "330206", "year": y, "source": "computed"]))
            #expect(abs(sle - computed) < 1e-9, "\(year): \(sle) vs \(computed)")
        }
    }

    /// The 差异系数's three sums reproduce each district coefficient (X̄ = R/P, CV = sqrt(Q/P − X̄²)/X̄).
    @Test func variationSumsReproduceTheCoefficient() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        let pupils = e.snapshot.series("eduplan_interschool_variation_pupils")
        #expect(pupils.count == 2 * 7 * 4, "2 levels × 7 resources × 4 years, got \(pupils.count)")
        for s in pupils {
            let r = try #require(e.snapshot.value("eduplan_interschool_variation_resource", s.labels))
            let q = try #require(e.snapshot.value("eduplan_interschool_variation_resource_squared_per_pupil", s.labels))
            let cv = try #require(e.snapshot.value("eduplan_interschool_variation_coefficient", s.labels))
            let mean = r / s.value
            #expect(abs((q / s.value - mean * mean).squareRoot() / mean - cv) < 1e-6, "\(s.labels)")
        }
    }

    /// A problem withholding a ratio (or row 7, or a 差异系数) withholds its components and inputs too.
    @Test func componentsFollowTheirValuesCompleteness() {
        let p = DataProblem(families: ["eduplan_x_ratio"], year: 2025, reasonZh: "缺", reason: "missing")
        #expect(p.affects(family: "eduplan_x_numerator", year: 2025))
        #expect(p.affects(family: "eduplan_x_denominator", year: 2025))
        #expect(!p.affects(family: "eduplan_x_numerator", year: 2024))
        #expect(!p.affects(family: "eduplan_y_denominator", year: 2025))
        let q = DataProblem(families: ["eduplan_expected_schooling_years"], year: 2025, reasonZh: "缺", reason: "missing")
        #expect(q.affects(family: "eduplan_expected_schooling_population_by_age", year: 2025))
        #expect(!q.affects(family: "eduplan_interschool_variation_pupils", year: 2025))
    }

    /// The generic table module: `components: true` only with `aggregate: ratio`, and it names file:line of the key.
    @Test func tableComponentsOnlyForRatios() throws {
        let config = """
            collectors:
              - name: t
                module: table
                source:
                  columns: {a: A}
                  files: [{path: \(TestPaths.repo("plugins/table/data/teachers_2022.csv")), year: 2022}]
                metrics:
                  - {name: eduplan_x, help: x, aggregate: count, components: true}
            """
        let path = try TestPaths.temporaryFile(config)
        guard case .failure(let error) = Pipeline.load(path: path, modules: allModules) else {
            Issue.record("a count metric with components: true was accepted"); return
        }
        #expect("\(error)".contains("components applies to aggregate ratio"), "\(error)")
        #expect("\(error)".contains(":8:"), "names the line: \(error)")
    }
}
