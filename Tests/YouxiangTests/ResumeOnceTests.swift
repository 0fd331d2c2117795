import Testing

@testable import YouxiangRuntime

/// A collector run races its timeout; the loser (a task sleeping for the whole timeout) must not keep the run's result.
@Suite struct ResumeOnceTests {
    final class Payload: Sendable {
        let bytes = [UInt8](repeating: 1, count: 1 << 16)
    }

    @Test func aRunsResultIsNotKeptByItsTimeout() async throws {
        weak var held: Payload?
        do {
            let result = await CollectorRunner.race(limit: .seconds(3600)) { Payload() }
            let payload = try result.get()
            held = payload
            #expect(held != nil)
        }
        // The work task ends right after handing the value over; the timeout task sleeps on for an hour.
        for _ in 0..<50 where held != nil { try await Task.sleep(for: .milliseconds(20)) }
        #expect(held == nil, "the result stayed referenced after the run returned")
    }

    @Test func aValueBeforeInstallIsHandedOverOnce() async {
        let once = ResumeOnce<Int>()
        #expect(once.resume(1))
        #expect(!once.resume(2))
        #expect(once.holdsValue)
        let v = await withCheckedContinuation { once.install($0) }
        #expect(v == 1)
        #expect(!once.holdsValue)
    }
}
