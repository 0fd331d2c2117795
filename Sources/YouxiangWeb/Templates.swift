import Foundation
import Mustache

/// The Mustache templates of the office's pages (`Templates/*.mustache`, shipped as the target's resources), parsed
/// once. Partials refer to each other by file name without the extension (`{{> style}}`).
enum Templates {
    /// The parsed library; a template that does not parse is left out and reported by `problems`.
    static let library: (library: MustacheLibrary, problems: [String]) = load()

    static func load() -> (MustacheLibrary, [String]) {
        var lib = MustacheLibrary()
        var problems: [String] = []
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Templates"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            return (lib, ["templates folder not found in the YouxiangWeb resources"])
        }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let url = dir.appendingPathComponent(name)
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                try lib.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                problems.append("\(name): \(error)")
            }
        }
        return (lib, problems)
    }

    /// Renders `object` with the template `name`; a plain error page when the template is missing.
    static func render(_ object: Any, _ name: String) -> String {
        if let out = library.library.render(object, withTemplate: name) { return out }
        let why = library.problems.isEmpty ? "template \(name) not found" : library.problems.joined(separator: "; ")
        return "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>页面模板错误</title><p>页面模板错误：\(WebFormat.escape(why))</p></html>\n"
    }
}
