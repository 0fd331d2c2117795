import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// The office's pages, rendered from the templates in `Templates/`: `/` (the whole plan), `/indicator/<id>` and the
/// periodic report. Input is one `OfficeInput`; output is a complete HTML document with no script and no external
/// reference (styles inline, charts inline SVG), so it works on an intranet and can be saved or printed as is.
public enum OfficePages {
    /// `/`: alerts, summary, then 主要目标 and the ten tasks with every indicator.
    public static func home(_ input: OfficeInput) -> String {
        let m = OfficeModel(input)
        return Templates.render(HomeView(m), "home")
    }

    /// `/indicator/<id>`; nil for an unknown id.
    public static func indicator(_ input: OfficeInput, id: String) -> String? {
        let m = OfficeModel(input)
        guard let a = m.analysis(id) else { return nil }
        return Templates.render(IndicatorPageView(m, a), "indicator")
    }

    /// The periodic report for `year` (公文 form, A4 print stylesheet), from the series of `year` and earlier only
    /// (`SeriesSnapshot.upTo(year:)`): its projections, trends and statements are what was known by then.
    public static func report(_ input: OfficeInput, year: Int) -> String {
        var input = input
        input.snapshot = input.snapshot.upTo(year: year)
        let m = OfficeModel(input, year: year)
        return Templates.render(ReportView(m), "report")
    }
}
