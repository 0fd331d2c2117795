import AsyncHTTPClient
import Foundation
import NIOHTTP1
import NIOSSL
import YouxiangCore

/// How an `http` source's URL, failures and unexpected bodies are put into messages.
enum HTTPDisplay {
    /// Query parameters whose values are hidden in messages (compared lowercased, by substring).
    static let secretParameterWords = ["token", "key", "secret", "password", "passwd", "pwd", "sign", "auth", "credential", "ticket", "session"]

    /// `url` with user info removed and the values of credential-like query parameters replaced by `***`.
    static func url(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        c.user = nil
        c.password = nil
        if let items = c.percentEncodedQueryItems, !items.isEmpty {
            c.percentEncodedQueryItems = items.map { item in
                let lower = item.name.lowercased()
                guard item.value != nil, secretParameterWords.contains(where: { lower.contains($0) }) else { return item }
                return URLQueryItem(name: item.name, value: "***")
            }
        }
        return c.string ?? url
    }

    /// The values `url` shows as `***` (credential-like query parameters), as written and percent-decoded, so that a
    /// message echoing them (an error body quoting the request) hides them too. `{year}` is read as a year; values
    /// shorter than 3 characters are left out (hiding every "1" in a message would garble it, and hides no secret).
    static func secretParameterValues(_ url: String) -> [String] {
        guard let c = URLComponents(string: url.replacingOccurrences(of: "{year}", with: "2024")), let items = c.percentEncodedQueryItems else { return [] }
        var out: [String] = []
        for item in items {
            let lower = item.name.lowercased()
            guard let v = item.value, secretParameterWords.contains(where: { lower.contains($0) }) else { continue }
            for form in [v, v.removingPercentEncoding ?? v] where form.count >= 3 && !out.contains(form) { out.append(form) }
        }
        return out
    }

    /// A request failure in words, with what to do about it. The kind of a network failure comes from
    /// ``NetworkFailure`` (the words the `sql` source and the notifier use too); this source adds its advice and the
    /// specifics only AsyncHTTPClient and NIOSSL tell (which timeout, an untrusted certificate, a host name mismatch).
    static func describe(_ error: any Error, timeout: Duration, https: Bool, caFile: String?) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout:
                return "could not connect within timeout \(timeout) (no answer from the address; a firewall or a wrong host?)"
            case .tlsHandshakeTimeout:
                return "TLS handshake did not finish within timeout \(timeout)"
            case .cancelled:
                return "request cancelled"
            default:
                break
            }
        }
        if let e = error as? HTTPParserError, e != .invalidEOFState, e != .closedConnection {
            return "the server's answer is not valid HTTP (\(e))"
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            let fix =
                caFile == nil
                ? "if a private CA signed it, set ca_file: to that CA's PEM file"
                : "check that ca_file is the CA that signed the server's certificate"
            return "TLS failed: the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED); \(fix)"
        }
        if let e = error as? NIOSSLExtraError, e == .failedToValidateHostname {
            return "TLS failed: the server's certificate does not name the URL's host; use the host name the certificate was issued for"
        }
        let closed = error is HTTPParserError ? NetworkFailure.closedEarly : nil
        guard let failure = closed ?? NetworkFailure(error) else { return "request failed: \(text)" }
        switch failure {
        case .refused:
            return "connection refused: nothing accepts connections at that host and port (is the service running, is the port right?)"
        case .timedOut:
            return "no complete answer within timeout \(timeout) (the server is slow or hung); raise timeout: on this source if the API is known to be slow"
        case .closedEarly:
            return "the server closed the connection before the response was complete (the body is cut short)"
        case .tls:
            return "TLS failed: \(text)" + (https ? "" : " (the URL is http://; is the port a TLS port?)")
        case .reset, .unreachable, .hostUnknown:
            return failure.words() + ": \(text)"
        }
    }

    /// Whether `body` is an HTML page: a `text/html` content type, or a body starting with `<` (after a BOM and blanks).
    static func isHTML(_ body: Data, contentType: String) -> Bool {
        let type = contentType.lowercased()
        if type.contains("html") { return true }
        var bytes = body.prefix(1024)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }

    /// The `<title>` of an HTML page (at most 80 characters), if any.
    static func title(_ body: Data) -> String? {
        let head = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        guard let open = head.range(of: "<title", options: .caseInsensitive),
            let gt = head[open.upperBound...].firstIndex(of: ">"),
            let close = head[gt...].range(of: "</title", options: .caseInsensitive)
        else { return nil }
        let t = head[head.index(after: gt)..<close.lowerBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return t.isEmpty ? nil : String(t.prefix(80))
    }

    /// The start of a text body (JSON or plain text; not HTML, whose title is shown instead), on one line, at most 200
    /// characters; nil for an empty or binary body.
    static func excerpt(_ body: Data, contentType: String) -> String? {
        if isHTML(body, contentType: contentType) { return title(body).map { "an HTML page titled “\($0)”" } ?? "an HTML page" }
        guard !body.isEmpty, let text = String(data: body.prefix(800), encoding: .utf8) ?? String(data: body.prefix(799), encoding: .utf8) else { return nil }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
