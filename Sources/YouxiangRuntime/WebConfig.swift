import NIOSSL
import YouxiangConfig
import YouxiangCore

/// `--web.config.file`, in the Prometheus exporter-toolkit format:
///
/// ```yaml
/// tls_server_config:
///   cert_file: server.crt            # PEM certificate (chain)
///   key_file: server.key             # PEM private key
///   client_auth_type: NoClientCert   # or RequireAndVerifyClientCert, VerifyClientCertIfGiven
///   client_ca_file: ca.crt           # required when client certificates are verified
///   min_version: TLS12               # TLS12 or TLS13
/// http_server_config:
///   http2: false                     # accepted; youxiangd serves HTTP/1.1
/// basic_auth_users:
///   prometheus: $2b$10$...           # bcrypt hashes ($2a$, $2b$ or $2y$, as htpasswd -B writes)
/// ```
/// Paths resolve against the file's folder. Settings the daemon cannot honour (`cipher_suites`, `headers`, …) are
/// errors rather than silently ignored security settings.
public struct WebConfig: Sendable {
    public struct TLS: Sendable {
        public var certFile: String
        public var keyFile: String
        public var clientCAFile: String?
        public var clientAuth: String
        public var minVersion: String
    }

    public var tls: TLS?
    /// User name → bcrypt hash (with `$2y$` rewritten to the identical `$2b$`, which the verifier accepts).
    public var users: [String: String]

    static let topKeys = ["tls_server_config", "http_server_config", "basic_auth_users"]
    static let tlsKeys = [
        "cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version",
        "cipher_suites", "curve_preferences", "prefer_server_cipher_suites",
    ]
    static let clientAuthTypes = ["NoClientCert", "RequestClientCert", "RequireAnyClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert"]

    /// Reads and validates the file (the certificate and key must load).
    public static func load(path: String) -> Result<WebConfig, DiagnosticsError> {
        let doc = ConfigDocument.load(path: path)
        let base = Paths.directory(of: path)
        var config = WebConfig(tls: nil, users: [:])
        if let root = doc.root, let top = root.isNull ? nil : root.mapping(allowed: topKeys) {
            if let t = top.optional("tls_server_config")?.mapping(allowed: tlsKeys) {
                for unsupported in ["max_version", "cipher_suites", "curve_preferences", "prefer_server_cipher_suites"] {
                    t.optional(unsupported)?.error("\(unsupported) is not supported by youxiangd; remove it")
                }
                let cert = t.required("cert_file")?.nonEmptyString().map { Paths.resolve($0, against: base) }
                let key = t.required("key_file")?.nonEmptyString().map { Paths.resolve($0, against: base) }
                var auth = "NoClientCert"
                if let n = t.optional("client_auth_type"), let a = n.string() {
                    if clientAuthTypes.contains(a) { auth = a } else { n.error("expected one of \(clientAuthTypes.joined(separator: ", "))") }
                }
                let ca = t.optional("client_ca_file")?.nonEmptyString().map { Paths.resolve($0, against: base) }
                if auth.contains("Verify"), ca == nil { t.node.error("client_auth_type \(auth) needs client_ca_file") }
                var minVersion = "TLS12"
                if let n = t.optional("min_version"), let v = n.string() {
                    if ["TLS12", "TLS13"].contains(v) { minVersion = v } else { n.error("expected TLS12 or TLS13") }
                }
                if let cert, let key {
                    config.tls = TLS(certFile: cert, keyFile: key, clientCAFile: ca, clientAuth: auth, minVersion: minVersion)
                    do { _ = try config.tlsConfiguration() } catch {
                        t.node.error("cannot load the certificate or key: \(error)")
                    }
                }
            }
            if let h = top.optional("http_server_config")?.mapping(allowed: ["http2", "headers"]) {
                _ = h.optional("http2")?.bool()
                h.optional("headers")?.error("headers is not supported by youxiangd; remove it")
            }
            if let u = top.optional("basic_auth_users")?.freeMapping() {
                for (user, node) in u.entries {
                    guard let hash = node.string() else { continue }
                    guard hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2y$") else {
                        node.error("expected a bcrypt hash ($2a$, $2b$ or $2y$)")
                        continue
                    }
                    config.users[user] = hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
                }
            }
        }
        return doc.diagnostics.isEmpty ? .success(config) : .failure(DiagnosticsError(doc.diagnostics))
    }

    /// The NIOSSL server configuration for `tls`.
    public func tlsConfiguration() throws -> TLSConfiguration {
        guard let tls else { throw TLSError.notConfigured }
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: tls.keyFile, format: .pem)
        var c = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        c.minimumTLSVersion = tls.minVersion == "TLS13" ? .tlsv13 : .tlsv12
        switch tls.clientAuth {
        // Not .fullVerification: on a server, NIOSSL would also match the client certificate's SAN against the
        // client's IP address, which exporter-toolkit (and any Prometheus client certificate) does not do.
        case "RequireAndVerifyClientCert", "RequireAnyClientCert": c.certificateVerification = .noHostnameVerification
        case "VerifyClientCertIfGiven", "RequestClientCert": c.certificateVerification = .optionalVerification
        default: c.certificateVerification = .none
        }
        if let ca = tls.clientCAFile { c.trustRoots = .file(ca) }
        return c
    }

    enum TLSError: Error { case notConfigured }
}
