import Foundation
// Re-exported so every suite of this target sees `TestPaths` without importing the support module itself.
@_exported import YouxiangTestSupport

extension TestPaths {
    /// This target's bundled `Fixtures` folder.
    static let fixtures: String = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path

    /// `relative` below the fixtures folder.
    static func fixture(_ relative: String) -> String { fixtures + "/" + relative }
}
