import NIOCore
import YouxiangCore
import YouxiangExposition
import YouxiangPlan

/// What a scrape reads: the last complete snapshot, and its renderings.
///
/// Each format (and its gzip prefix) is rendered at most once per snapshot, by the first scrape that asks for it, and
/// then served from memory: a steady stream of scrapes copies a reference; memory holds only the formats asked for.
public struct Exposition: Sendable {
    public var snapshot = SeriesSnapshot() { didSet { renderings = Renderings(snapshot) } }
    public private(set) var renderings = Renderings(SeriesSnapshot())
    /// Text 0.0.4 bytes of the snapshot.
    public var text: ByteBuffer { renderings.body(.text) }
    /// OpenMetrics bytes of the snapshot, without the final `# EOF` (the process metrics follow it).
    public var openMetrics: ByteBuffer { renderings.body(.openMetrics) }
    /// Whether every collector has run at least once.
    public var ready = false
    public var statuses: [CollectorStatus] = []
    /// The configured external labels (for series rendered at scrape time).
    public var externalLabels = Labels()
    /// Per plan indicator and year: whether its inputs were read completely, and the reasons when not (served as
    /// `eduplan_indicator_data_complete`; shown on the status page; read by the data-quality rule).
    public var completeness: [IndicatorCompleteness] = []
    /// The plan and data sources the office's pages read with this snapshot.
    public var office = OfficeContext()
}
