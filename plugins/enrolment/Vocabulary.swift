import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// The words district exports use, mapped to the series' label values.
public enum Vocabulary {
    /// 办别: 公办 (public) or 民办 (private); English `public`/`private` accepted too.
    public static func isPublic(_ text: String?, field: String) throws -> Bool {
        switch text {
        case "公办", "public": return true
        case "民办", "private": return false
        default: throw RowRejection("\(field) \"\(text ?? "")\" is neither 公办 nor 民办")
        }
    }

    /// Zhejiang's quality kindergarten grades (省一级, 省二级), task 二.
    static let qualityGrades: Set<String> = ["省一级", "省二级", "省一级幼儿园", "省二级幼儿园"]

    /// 学段 → level label.
    public static func stage(_ text: String?) throws -> String {
        switch text {
        case "小学", "primary": return "primary"
        case "初中", "初级中学", "junior": return "junior"
        default: throw RowRejection("stage \(ValuePreview.quoted(text ?? "")) is neither 小学 nor 初中")
        }
    }

    /// Levels of task 一's places, with the words used for them.
    static let placesLevels: [(id: String, words: [String])] = [
        ("kindergarten", ["幼儿园", "学前", "kindergarten"]), ("primary", ["小学", "primary"]),
        ("junior", ["初中", "初级中学", "junior"]), ("senior_general", ["普通高中", "高中", "senior_general"]),
    ]

    static func placesLevel(_ text: String?) throws -> String {
        guard let t = text, let l = placesLevels.first(where: { $0.words.contains(t) }) else {
            throw RowRejection("level \(ValuePreview.quoted(text ?? "")) is not one of 幼儿园, 小学, 初中, 普通高中")
        }
        return l.id
    }
}
