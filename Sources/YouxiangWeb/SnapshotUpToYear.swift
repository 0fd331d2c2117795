import YouxiangCore

extension SeriesSnapshot {
    /// The snapshot as a report on `year` may use it: every series whose `year` label is later than `year` removed
    /// (series without a `year` label are kept). A report for 2022 then projects, counts and states only what was
    /// known by 2022 — no trend through later years, no “已于2023年通过”.
    func upTo(year: Int) -> SeriesSnapshot {
        SeriesSnapshot(
            families: families.map { f in
                let all = series(f.family.name)
                let kept = all.filter { s in s.labels["year"].flatMap { Int($0) }.map { $0 <= year } ?? true }
                return kept.count == all.count ? f : FamilySeries(family: f.family, series: kept)
            })
    }
}
