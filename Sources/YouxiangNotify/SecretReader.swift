import YouxiangConfig
import YouxiangCore

/// Reads `<key>`, `<key>_file` or `<key>_env`.
struct SecretReader {
    let baseDirectory: String
    let environment: [String: String]

    func value(_ m: ConfigMapping, _ key: String, required: Bool, inlineAllowed: Bool = true) -> String? {
        let inline = m.optional(key), file = m.optional(key + "_file"), env = m.optional(key + "_env")
        let given = [inline, file, env].compactMap { $0 }
        if given.count > 1 { given[1].error("give one of \(key), \(key)_file, \(key)_env"); return nil }
        if let inline {
            guard inlineAllowed else { inline.error("put secrets in \(key)_file or \(key)_env, not in the configuration"); return nil }
            return inline.nonEmptyString()
        }
        if let file, let rel = file.nonEmptyString() {
            let path = Paths.resolve(rel, against: baseDirectory)
            guard let bytes = FileReading.contents(of: path), let text = String(validating: bytes, as: UTF8.self) else {
                file.error("cannot read \(path)")
                return nil
            }
            let v = text.trimming { " \n\r\t".contains($0) }
            if v.isEmpty { file.error("\(path) is empty") }
            return v.isEmpty ? nil : v
        }
        if let env, let name = env.nonEmptyString() {
            guard let v = environment[name], !v.isEmpty else { env.error("environment variable \(name) is not set"); return nil }
            return v
        }
        if required { m.node.error("missing \(key)_file or \(key)_env" + (inlineAllowed ? " (or \(key))" : "")) }
        return nil
    }
}
