import Assessment
import DigitalInfrastructure
import Enrolment
import LifelongLearning
import TableModule
import VocationalProgression
import YouxiangConfig

/// Every collector module the daemon knows, by `module:` name. A new module is two lines here (its `import` above and
/// its `.module` entry below), plus its folder under `plugins/` and its line in `Package.swift`'s `modules`.
public let allModules: [CollectorModule] = [
    Enrolment.module,
    VocationalProgression.module,
    LifelongLearning.module,
    DigitalInfrastructure.module,
    TableModule.module,
    Assessment.module,
]
