import Foundation
import Testing
import YouxiangCore
import YouxiangSources

@testable import YouxiangIngest

/// `.xls` files are read by the child process `youxiang-xls-reader` (``XLSReaderProcess``): FreeXL crashing on a
/// file, the reader hanging past its timeout or being abandoned with its collector run, and a reader that is not
/// installed each fail that file with a clear error; the test process (standing in for the daemon) lives on.
@Suite struct XLSReaderProcessTests {
    /// The input on which Debian's FreeXL 1.0.6 segfaults in `freexl_open` (found by fuzz/run xls).
    static let knownCrash = TestPaths.repo("fuzz/known-crashes/freexl-1.0.6-segv-in-freexl_open-1.xls")

    /// A shell script at a new temporary path, executable; the folder to remove afterwards. Written through a
    /// close-on-exec descriptor: a child another test spawns meanwhile must not hold it open for writing, or running
    /// the script fails with ETXTBSY.
    static func script(_ body: String) throws -> (path: String, dir: String) {
        let dir = NSTemporaryDirectory() + "youxiang-xls-reader-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/fake-reader"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        try #require(fd >= 0)
        let text = Array("#!/bin/sh\n\(body)\n".utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        try #require(written == text.count)
        return (path, dir)
    }

    /// Whether process `pid` has ended (no such process, or a zombie waiting for its parent), within 5 s.
    static func ended(_ pid: pid_t) -> Bool {
        for _ in 0..<100 {
            if kill(pid, 0) != 0, errno == ESRCH { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z"
            {
                return true
            }
            usleep(50_000)
        }
        return false
    }

    static func pid(in file: String) -> pid_t? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test func theTestBinaryFindsTheBuiltReader() {
        let exe = XLSReaderProcess.defaultExecutable
        #expect(exe.hasSuffix("/youxiang-xls-reader"))
        #expect(FileManager.default.isExecutableFile(atPath: exe), "build it: swift build --build-tests (\(exe))")
    }

    /// FreeXL's SEGV happens in the child: the read fails with the signal named, the source's other reads go on.
    @Test func freeXLCrashingFailsThatFileOnly() throws {
        do {
            _ = try XLSTableReader.read(path: Self.knownCrash, sheet: nil, spec: WorkbookTests.kindergartenSpec)
            Issue.record("the crashing file must fail")
        } catch {
            #expect(error.description.hasPrefix(Self.knownCrash + ":"), "\(error)")
            #expect(error.message.contains("the .xls reader crashed on this file (killed by signal \(SIGSEGV)"), "\(error)")
            #expect(error.message.contains("save it again as .xlsx"), "\(error)")
        }
        // Through the source layer, as a collector reads it.
        let source = SourceFile(displayPath: "data/kg.xls", path: Self.knownCrash, year: 2024, format: .xls, spec: WorkbookTests.kindergartenSpec)
        do { _ = try source.read(); Issue.record("the crashing file must fail") } catch {
            #expect(error.message.contains("crashed on this file"), "\(error)")
        }
        // And the next file reads as before.
        #expect(try XLSTableReader.read(path: XLSWorkbookTests.path, sheet: "基础基311", spec: WorkbookTests.kindergartenSpec).rows.count == 4)
    }

    /// A reader that never ends is killed at `timeout`, with whatever it started (its process group).
    @Test func aHangingReaderIsKilledAtTheTimeout() throws {
        let s = try Self.script("echo $$ > \"$(dirname \"$0\")/pid\"; sleep 60 & echo $! > \"$(dirname \"$0\")/sleep\"; wait")
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let process = XLSReaderProcess(executable: s.path, timeout: .milliseconds(300))
        let start = ContinuousClock.now
        do {
            _ = try XLSTableReader.read(path: XLSWorkbookTests.path, sheet: nil, spec: WorkbookTests.kindergartenSpec, process: process)
            Issue.record("a hanging reader must fail")
        } catch {
            #expect(error.message.contains("the .xls reader was killed: the read ran past its timeout"), "\(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        let shell = try #require(Self.pid(in: s.dir + "/pid")), sleeper = try #require(Self.pid(in: s.dir + "/sleep"))
        #expect(Self.ended(shell), "the reader (PID \(shell)) is still running")
        #expect(Self.ended(sleeper), "the reader's child (PID \(sleeper)) is still running")
    }

    /// The collector's timeout abandons the run (``IOContext/cancel()``): the reader is killed then too.
    @Test func anAbandonedRunKillsTheReader() throws {
        let s = try Self.script("echo $$ > \"$(dirname \"$0\")/pid\"; exec sleep 60")
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let context = IOContext(maxFileBytes: 1 << 30, allowNonRegularFiles: false)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { context.cancel() }
        let result = IOContext.$current.withValue(context) {
            Result { () throws(IngestDiagnostic) in
                try XLSTableReader.read(
                    path: XLSWorkbookTests.path, sheet: nil, spec: WorkbookTests.kindergartenSpec, process: XLSReaderProcess(executable: s.path))
            }
        }
        guard case .failure(let error) = result else { Issue.record("an abandoned read must fail"); return }
        #expect(error.message.contains("killed"), "\(error)")
        let shell = try #require(Self.pid(in: s.dir + "/pid"))
        #expect(Self.ended(shell), "the reader (PID \(shell)) is still running")
    }

    /// Not installed: the message names the program, where it goes, and the setting.
    @Test func aMissingReaderSaysHowToInstallIt() throws {
        let process = XLSReaderProcess(executable: "/nonexistent/bin/youxiang-xls-reader")
        do {
            _ = try XLSTableReader.read(path: XLSWorkbookTests.path, sheet: nil, spec: WorkbookTests.kindergartenSpec, process: process)
            Issue.record("a missing reader must fail")
        } catch {
            #expect(error.message.contains("cannot start the .xls reader /nonexistent/bin/youxiang-xls-reader: No such file or directory"), "\(error)")
            #expect(error.message.contains("install youxiang-xls-reader beside youxiangd"), "\(error)")
            #expect(error.message.contains("YOUXIANG_XLS_READER"), "\(error)")
        }
    }

    /// The daemon ignores SIGHUP (and SIGPIPE, SIGTERM) for its own handling; the reader starts with every signal at
    /// its default and none blocked, and with no descriptor of the daemon's beyond stdin, stdout and stderr. A reader
    /// exiting with a status other than 0 or 2 is reported with its status and what it wrote on stderr.
    @Test func theReaderStartsClean() throws {
        let s = try Self.script(
            // Shell builtins only, so what is read is the reader's own state from its start.
            "while read -r k v; do case $k in SigBlk:|SigIgn:) echo \"$k\t$v\" >&2;; esac; done < /proc/$$/status\n"
                + "readlink /proc/$$/fd/* >&2; exit 3")
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        let keptOpen = open(s.dir + "/held-by-the-daemon", O_RDWR | O_CREAT, 0o600)  // not close-on-exec
        try #require(keptOpen >= 0)
        defer { close(keptOpen) }
        do {
            _ = try XLSTableReader.read(
                path: XLSWorkbookTests.path, sheet: nil, spec: WorkbookTests.kindergartenSpec, process: XLSReaderProcess(executable: s.path))
            Issue.record("exit status 3 must fail")
        } catch {
            #expect(error.message.contains("the .xls reader failed on this file (exit status 3: "), "\(error)")
            #expect(error.message.contains("SigBlk:\t0000000000000000"), "\(error)")
            // SigIgn: a bit per ignored signal (bit n − 1 for signal n); glibc's internal signals 32 and 33 may show.
            let ignored = error.message.split(whereSeparator: \.isWhitespace).drop { $0 != "SigIgn:" }.dropFirst().first
                .flatMap { UInt64($0, radix: 16) }
            let mask = try #require(ignored, "\(error)")
            for signal in [SIGHUP, SIGPIPE, SIGTERM] { #expect(mask & (1 << UInt64(signal - 1)) == 0, "signal \(signal) ignored: \(error)") }
            #expect(error.message.contains("/fake-reader"), "\(error)")  // the script the shell reads: the listing works
            #expect(!error.message.contains("held-by-the-daemon"), "\(error)")
        }
    }

    /// Output past the limit kills the reader; output that is not the format is refused, not half-read.
    @Test func runawayAndForeignOutputAreRefused() throws {
        let flood = try Self.script("exec head -c 10000000 /dev/zero")
        defer { try? FileManager.default.removeItem(atPath: flood.dir) }
        do {
            _ = try XLSTableReader.read(
                path: XLSWorkbookTests.path, sheet: nil, spec: WorkbookTests.kindergartenSpec, limits: XLSXLimits(maxPartBytes: 100_000),
                process: XLSReaderProcess(executable: flood.path))
            Issue.record("runaway output must fail")
        } catch {
            #expect(error.message.contains("more than 100000 bytes (limit maxPartBytes)"), "\(error)")
        }
        let foreign = try Self.script("echo hello")
        defer { try? FileManager.default.removeItem(atPath: foreign.dir) }
        do {
            _ = try XLSTableReader.read(
                path: XLSWorkbookTests.path, sheet: nil, spec: WorkbookTests.kindergartenSpec, process: XLSReaderProcess(executable: foreign.path))
            Issue.record("foreign output must fail")
        } catch {
            #expect(error.message.contains("wrote output this daemon does not understand"), "\(error)")
        }
    }

    /// The cell stream: a whole one decodes, one cut short decodes up to its last whole record and is not complete,
    /// an unknown record is malformed.
    @Test func cellStreamDecoding() throws {
        var bytes: [UInt8] = [UInt8(ascii: "H"), 1, 2, 0, 0, 0] + Array("S1".utf8)
        bytes += [UInt8(ascii: "C"), 3, 0, 0, 0, 1, 0, 102] + [42, 0, 0, 0, 0, 0, 0, 0]
        bytes += [UInt8(ascii: "C"), 3, 0, 0, 0, 2, 0, 104, 3, 0, 0, 0] + Array("学".utf8)
        let whole = try XLSCellStream(bytes + [UInt8(ascii: "Z")])
        #expect(whole.complete && whole.date1904 && whole.sheet == "S1")
        #expect(whole.cells.map(\.value) == [.int(42), .text("学")])
        #expect(whole.cells.map(\.row) == [3, 3] && whole.cells.map(\.column) == [1, 2])
        let cut = try XLSCellStream(Array(bytes.dropLast(2)))
        #expect(!cut.complete && cut.cells.count == 1)
        #expect(throws: XLSCellStream.Malformed.self) { try XLSCellStream([UInt8(ascii: "Q")]) }
        #expect(throws: XLSCellStream.Malformed.self) { try XLSCellStream(bytes + [UInt8(ascii: "Z"), 0]) }
        #expect(throws: IngestDiagnostic.self) { try XLSTableReader.table(readerOutput: bytes, path: "x.xls", spec: WorkbookTests.kindergartenSpec) }
    }

    /// The fuzz target's seeds (`fuzz/corpus/xls`, the reader's output for the fixture) are in the current format: the
    /// sheet's output reads as the fixture does.
    @Test func fuzzSeedsAreTheReadersCurrentOutput() throws {
        let seed = try Data(contentsOf: URL(fileURLWithPath: TestPaths.repo("fuzz/corpus/xls/kindergartens-sheet2.cells")))
        let t = try XLSTableReader.table(readerOutput: Array(seed), path: "kg.xls", spec: WorkbookTests.kindergartenSpec)
        let direct = try XLSTableReader.read(path: XLSWorkbookTests.path, sheet: "2", spec: WorkbookTests.kindergartenSpec)
        #expect(t.rows.count == 4 && t.rows.map { $0.text("school_id") } == direct.rows.map { $0.text("school_id") })
    }
}
