/// The parsed criteria file.
public struct CriteriaFile: Sendable, Equatable {
    public var assessments: [AssessmentInfo]
    public var criteria: [AssessmentCriterion]

    /// The seven resources the per-school rule and the variation criteria use, in file order.
    public func resources(of assessment: String) -> [AssessmentCriterion] {
        criteria.filter { $0.assessment == assessment && $0.measure == .schoolResource }
    }
}

/// An assessment named in the criteria file.
public struct AssessmentInfo: Sendable, Equatable {
    public var id: String
    /// 学前教育普及普惠县 / 义务教育优质均衡发展县.
    public var name: String
    /// The method document.
    public var method: String
}
