import Foundation
import Testing
import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime

@testable import YouxiangSources

#if canImport(Glibc)
import Glibc
#endif

/// Issue 16: what an operator reads when a file or a database cannot be used says where, why and what to do.
@Suite struct OperatorMessageTests {
    /// The diagnostics of loading the configuration at `path` (empty when it loads).
    static func diagnostics(_ path: String) -> [Diagnostic] {
        if case .failure(let e) = Pipeline.load(path: path, modules: allModules) { return e.diagnostics }
        return []
    }

    static func writeBytes(_ bytes: [UInt8]) throws -> String {
        let path = try TestPaths.temporaryFile("")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func missingConfigFileSaysTheSystemsReason() {
        let d = Self.diagnostics("/nonexistent-\(UUID().uuidString).yml")
        #expect(d.count == 1)
        #expect(d.first?.message == "cannot read the file: No such file or directory; check the path", "\(d)")
    }

    @Test func configFileThatIsAFolderSaysSo() throws {
        let folder = NSTemporaryDirectory() + "youxiang-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let d = Self.diagnostics(folder)
        #expect(d.first?.message.hasPrefix("cannot read the file: Is a directory") == true, "\(d)")
    }

    @Test func gbkConfigNamesTheByteAndSaysSaveAsUTF8() throws {
        // "global:\n  # 北仑\n" with 北仑 in GBK (B1 B1 C2 D8): the first bad byte is line 2, column 5, offset 12.
        let path = try Self.writeBytes(Array("global:\n  # ".utf8) + [0xB1, 0xB1, 0xC2, 0xD8] + Array("\n  interval: 1m\n".utf8))
        let d = Self.diagnostics(path)
        #expect(d.count == 1)
        #expect(d.first?.line == 2)
        #expect(d.first?.column == 5)
        #expect(d.first?.message.contains("line 2, column 5 (byte offset 12, byte 0xB1)") == true, "\(d)")
        #expect(d.first?.message.contains("save the file as UTF-8") == true, "\(d)")
    }

    @Test func invalidUTF8PositionCountsCharactersAndSkipsTheBOM() throws {
        #expect(InvalidUTF8.find(in: Array("全部有效\n".utf8)) == nil)
        let bad = InvalidUTF8.find(in: Array("a\n学b".utf8) + [0xFF])
        #expect(bad?.offset == 6)
        #expect(bad?.line == 2)
        #expect(bad?.column == 3)
        #expect(bad?.byte == 0xFF)
        let path = try Self.writeBytes([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8) + [0xC0])
        #expect(Self.diagnostics(path).first?.message.contains("byte offset 8") == true, "\(Self.diagnostics(path))")
    }

    @Test func tabIndentationGetsTheHintAtItsLine() throws {
        let path = try TestPaths.temporaryFile("global:\n\tinterval: 1m\ncollectors: []\n")
        let d = Self.diagnostics(path)
        #expect(d.count == 1)
        #expect(d.first?.line == 2, "\(d)")
        #expect(d.first?.message.contains("YAML does not allow tabs for indentation; use spaces") == true, "\(d)")
        // A syntax error with no tab anywhere gets no tab hint.
        let other = Self.diagnostics(try TestPaths.temporaryFile("global: [1, 2\ncollectors: []\n"))
        #expect(other.first.map { !$0.message.contains("tab") } == true, "\(other)")
    }

    @Test func missingAbsoluteDataPathIsPrintedOnce() throws {
        let data = "/nonexistent-\(UUID().uuidString)/registry.csv"
        let good = try String(contentsOfFile: TestPaths.repo("Tests/YouxiangTests/Fixtures/config/good.yaml"), encoding: .utf8)
        let path = try TestPaths.temporaryFile(good.replacingOccurrences(of: "{path: registry.csv}", with: "{path: \(data)}"))
        let problems = try Pipeline.load(path: path, modules: allModules).get().config.dataFileProblems
        #expect(problems.count == 1)
        #expect(problems.first?.message.components(separatedBy: data).count == 2, "\(problems)")
        #expect(Paths.resolvedNote("data/a.csv", resolved: "/etc/youxiang/data/a.csv") == " (/etc/youxiang/data/a.csv)")
    }

    @Test func sqlServerThatClosesTheConnectionIsNamedWithHostAndPort() throws {
        let server = try AcceptAndClose()
        defer { server.stop() }
        let source = SQLSource(
            host: "127.0.0.1", port: server.port, database: "eduplan", user: "reader", password: nil, query: "SELECT 1",
            years: [], yearColumn: nil, statementTimeout: .seconds(5), connectTimeout: .seconds(5))
        do {
            _ = try source.fetch(year: nil)
            Issue.record("fetch succeeded against a server that closes every connection")
        } catch {
            #expect(error.message.hasPrefix("cannot connect to 127.0.0.1:\(server.port): the server closed the connection"), "\(error.message)")
            #expect(error.message.contains("PostgreSQL server"), "\(error.message)")
            #expect(!error.message.contains("serverClosedConnection"), "\(error.message)")
        }
    }

    /// Regression: on a loaded machine the client's start-up message met the already closed socket, so the same server
    /// came out as “the connection was reset” and the operator lost the advice. A reset while connecting is worded as
    /// the server closing the connection, with the reset as the reason.
    @Test func aResetWhileConnectingIsWordedAsTheServerClosingTheConnection() {
        struct Reset: Error, CustomStringConvertible { var description: String { "IOError: Connection reset by peer (errno: 104)" } }
        let text = SQLSource.connectFailure(Reset())
        #expect(text.hasPrefix("the server closed the connection before PostgreSQL's start-up finished (the connection was reset)"), "\(text)")
        #expect(text.contains("PostgreSQL server"), "\(text)")
    }
}

/// A loopback TCP listener that accepts every connection and closes it at once (what a non-PostgreSQL service or a
/// proxy that refuses the client looks like to PostgresNIO).
final class AcceptAndClose: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                bind(fd, p, len) == 0 && listen(fd, 16) == 0 && getsockname(fd, p, &len) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread {
            while true {
                let c = accept(fd, nil, nil)
                if c < 0 { return }
                close(c)
            }
        }
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}
