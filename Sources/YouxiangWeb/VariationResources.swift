/// The resources of the 差异系数 (教督〔2017〕6号), in the order of the standard, with how each is counted per pupil.
enum VariationResources {
    static let names: [(id: String, name: String, per100: Bool)] = [
        ("qualified_teachers", "每百名学生拥有高于规定学历教师数", true),
        ("backbone_teachers", "每百名学生拥有县级及以上骨干教师数", true),
        ("pe_art_teachers", "每百名学生拥有体育、艺术（美术、音乐）专任教师数", true),
        ("teaching_area", "生均教学及辅助用房面积（平方米）", false),
        ("sports_area", "生均体育运动场馆面积（平方米）", false),
        ("equipment_value", "生均教学仪器设备值（元）", false),
        ("multimedia_rooms", "每百名学生拥有网络多媒体教室数", true),
    ]
    /// The plan's own limit (task 三: 均控制在0.25以内).
    static let planLimit = 0.25
    /// The national 优质均衡 limits: 小学 ≤ 0.50, 初中 ≤ 0.45.
    static func nationalLimit(level: String) -> Double? { ["primary": 0.50, "junior": 0.45][level] }
    static let levelName = ["primary": "小学", "junior": "初中"]
}
