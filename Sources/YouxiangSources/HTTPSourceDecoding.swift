import Foundation
import NIOSSL
import YouxiangConfig
import YouxiangCore

extension ConfigNode {
    static let httpKeys = ["url", "years", "year", "year_column", "records_key", "headers", "auth", "ca_file", "timeout", "max_response_bytes"]

    /// Decodes an `http:` block (see ``HTTPSource``). Secrets are read now; a message never shows them.
    /// `recordsKey` is the source block's own `records_key`, used when the `http:` block gives none.
    func httpSource(yearRequired: Bool, baseDirectory: String, recordsKey: String?) -> HTTPSource? {
        guard let m = mapping(allowed: Self.httpKeys) else { return nil }
        let before = document.diagnostics.count
        var secrets: [String] = []

        var url = ""
        if let n = m.required("url"), let u = n.nonEmptyString() {
            url = u
            if let problem = Self.urlProblem(u) { n.error(problem) }
        }
        let hasYear = url.contains("{year}")

        let years = m.optional("years")?.list()?.compactMap { $0.year() } ?? []
        let year = m.optional("year")?.year()
        let yearColumn = m.optional("year_column")?.nonEmptyString()
        let given = [("years", !years.isEmpty), ("year", year != nil), ("year_column", yearColumn != nil)].filter(\.1).map(\.0)
        if given.count > 1 {
            m.optional(given[1])?.error(
                "give one of years: (one request per year, {year} in the URL), year: (the year the response describes) or year_column:, not \(given.joined(separator: " and "))"
            )
        }
        if let n = m.optional("years"), years.isEmpty, n.list() != nil { n.error("expected at least one year, e.g. [2022, 2023]") }
        if !years.isEmpty, !hasYear { m.optional("years")?.error("with years:, put {year} in the URL where the year goes (e.g. ?year={year})") }
        if hasYear, years.isEmpty { m.optional("url")?.error("{year} in the URL needs years: [2022, …] (one request per year)") }
        if yearRequired, given.isEmpty, !hasYear {
            m.node.error(
                "give years: [2022, …] with {year} in the URL (one request per year), year: <the year the response describes>, or year_column: <record key holding the year>"
            )
        }

        var headers: [(name: String, value: String)] = []
        if let hm = m.optional("headers")?.freeMapping() {
            for (name, node) in hm.entries {
                guard Self.isToken(name) else {
                    document.report(line: node.keyLine, column: node.keyColumn, path: node.path, "\"\(name)\" is not a valid header name")
                    continue
                }
                if name.lowercased() == "authorization" {
                    document.report(
                        line: node.keyLine, column: node.keyColumn, path: node.path,
                        "give credentials with auth: {basic: …} or auth: {bearer: …} (read from a file or the environment), not as a header")
                    continue
                }
                if case .scalar = node.node {
                    if let v = node.string(maxBytes: 8192, what: "header value") {
                        if v.contains(where: { $0 == "\r" || $0 == "\n" }) {
                            node.error("a header value may not contain a line break")
                        } else {
                            headers.append((name, v))
                        }
                    }
                } else if let vm = node.mapping(allowed: ["value_file", "value_env"]),
                    let v = Self.secret(vm, "value", baseDirectory: baseDirectory)
                {
                    secrets.append(v)
                    headers.append((name, v))
                }
            }
        }

        var auth: HTTPSource.Auth?
        if let am = m.optional("auth")?.mapping(allowed: ["basic", "bearer"]) {
            let kinds = am.entries.map(\.0)
            if kinds.count != 1 {
                am.node.error("give exactly one of basic: {username: …, password_file: …} or bearer: {token_file: …}")
            } else if let b = am.optional("basic")?.mapping(allowed: ["username", "password", "password_file", "password_env"]) {
                let user = b.required("username")?.nonEmptyString()
                if let user, user.contains(":") { b.optional("username")?.error("a basic-auth user name may not contain “:”") }
                if let user, let p = Self.secret(b, "password", baseDirectory: baseDirectory) {
                    secrets.append(p)
                    auth = .basic(username: user, password: p)
                }
            } else if let t = am.optional("bearer")?.mapping(allowed: ["token", "token_file", "token_env"]),
                let token = Self.secret(t, "token", baseDirectory: baseDirectory)
            {
                if token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == " " }) {
                    (t.optional("token_file") ?? t.optional("token_env"))?.error("the token contains a space or a line break inside it")
                } else {
                    secrets.append(token)
                    auth = .bearer(token: token)
                }
            }
        }

        var caFile: String?
        if let n = m.optional("ca_file"), let f = n.nonEmptyString() {
            let path = Paths.resolve(f, against: baseDirectory)
            if !url.isEmpty, !url.lowercased().hasPrefix("https://") {
                n.error("ca_file applies to https:// URLs only; this URL is http://")
            } else if !FileManager.default.fileExists(atPath: path) {
                n.error("CA file \(path) does not exist; give the PEM file of the CA that signed the server's certificate")
            } else if (try? NIOSSLCertificate.fromPEMFile(path))?.isEmpty != false {
                n.error("\(path) holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)")
            } else {
                caFile = path
            }
        }

        var timeout = Duration.seconds(30)
        if let n = m.optional("timeout"), let d = n.duration() {
            if d > .zero { timeout = d }  // duration() already refuses 0 and negative values
        }
        var maxBytes: Int64?
        if let n = m.optional("max_response_bytes"), let v = n.int(in: 1...(1 << 40)) { maxBytes = Int64(v) }
        let records = m.optional("records_key")?.nonEmptyString() ?? recordsKey

        guard document.diagnostics.count == before else { return nil }
        return HTTPSource(
            url: url, years: years, year: year, yearColumn: yearColumn, recordsKey: records, headers: headers,
            auth: auth, caFile: caFile, timeout: timeout, maxResponseBytes: maxBytes, secrets: secrets)
    }

    /// Why `url` cannot be requested, with the fix; nil when it can.
    static func urlProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            if !url.contains("://") {
                return "expected an http:// or https:// URL, e.g. https://data.example.gov.cn/api/kg?year={year}; a file goes under files: - {path: …}"
            }
            return "expected an http:// or https:// URL (found \(url.prefix(while: { $0 != ":" }))://)"
        }
        let probe = url.replacingOccurrences(of: "{year}", with: "2024")
        guard let c = URLComponents(string: probe), let host = c.host, !host.isEmpty else {
            return "not a valid URL (\(url)); percent-encode spaces and non-ASCII characters, e.g. %E5%AD%A6 for 学"
        }
        if c.user != nil || c.password != nil {
            return "put credentials in auth: {basic: {username: …, password_file: …}}, not in the URL"
        }
        if url.components(separatedBy: "{year}").count > 2 { return "{year} may appear once in the URL" }
        return nil
    }

    /// An HTTP header name (RFC 9110 token).
    static func isToken(_ s: String) -> Bool {
        !s.isEmpty
            && s.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "!#$%&'*+-.^_`|~".utf8.contains(b)
            }
    }

    /// A secret from `<key>_file` (surrounding blanks and line breaks removed) or the environment variable named by
    /// `<key>_env`; `<key>` itself (the secret inline) is refused. Records a diagnostic and returns nil when missing.
    static func secret(_ m: ConfigMapping, _ key: String, baseDirectory: String) -> String? {
        if let inline = m.optional(key) {
            inline.error("put the secret in \(key)_file or \(key)_env, not in the configuration (it would show in every copy of this file)")
            return nil
        }
        let file = m.optional(key + "_file"), env = m.optional(key + "_env")
        if let file, env != nil { file.error("give \(key)_file or \(key)_env, not both"); return nil }
        if let file, let rel = file.nonEmptyString() {
            let path = Paths.resolve(rel, against: baseDirectory)
            guard let bytes = FileReading.contents(of: path, maxBytes: 64 << 10), let text = String(validating: bytes, as: UTF8.self) else {
                file.error("cannot read \(path) (a UTF-8 text file of at most 64 KiB)")
                return nil
            }
            let v = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if v.isEmpty { file.error("\(path) is empty") }
            return v.isEmpty ? nil : v
        }
        if let env, let name = env.nonEmptyString() {
            guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { env.error("environment variable \(name) is not set"); return nil }
            return v
        }
        if file == nil, env == nil { m.node.error("missing \(key)_file or \(key)_env") }
        return nil
    }
}
