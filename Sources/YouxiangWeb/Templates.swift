import Mustache

/// The Mustache templates of the office's pages, parsed once. They are edited as files
/// (`Sources/YouxiangWeb/Templates/*.mustache`) and compiled into the binary (`EmbeddedTemplates`, written by
/// `tools/embed_templates.py`), so a `youxiangd` copied on its own still serves the pages. Partials refer to each
/// other by file name without the extension (`{{> style}}`).
enum Templates {
    /// The parsed library; a template that does not parse is left out and reported by `problems`.
    static let library: (library: MustacheLibrary, problems: [String]) = load(EmbeddedTemplates.all)

    static func load(_ sources: [String: String]) -> (MustacheLibrary, [String]) {
        var lib = MustacheLibrary()
        var problems: [String] = []
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                try lib.register(text, named: name)
            } catch {
                problems.append("\(name).mustache: \(error)")
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
