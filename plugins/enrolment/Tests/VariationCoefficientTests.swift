import Testing

@testable import Enrolment

@Suite struct VariationCoefficientTests {
    /// The published worked example of 教督〔2017〕6号's 差异系数 (docs/indicators.md, “(三) 校际优质均衡系数”).
    @Test func publishedExample() throws {
        let cv = try #require(VariationCoefficient.compute(pupils: [45, 37, 89, 76, 55], totals: [279, 137, 935, 160, 402]))
        #expect(abs(cv.mean - 6.334) < 0.0005)
        #expect(abs(cv.standardDeviation - 3.264) < 0.0005)
        #expect(abs(cv.coefficient - 0.515) < 0.0005)
    }

    @Test func equalProvisionHasNoVariation() throws {
        let cv = try #require(VariationCoefficient.compute(pupils: [100, 200, 300], totals: [50, 100, 150]))
        #expect(cv.coefficient == 0)
    }

    @Test func schoolsWithoutPupilsAreIgnoredAndEmptyGivesNil() {
        #expect(VariationCoefficient.compute(pupils: [0, 0], totals: [5, 6]) == nil)
        #expect(VariationCoefficient.compute(pupils: [10, 0], totals: [5, 600])?.coefficient == 0)
    }
}
