import Foundation
import Synchronization
import YouxiangNotify

/// A transport that answers from a script and records what it was sent: each post takes the next status (200 once
/// the script is used up; 0 throws a connection error).
public final class ScriptedTransport: HTTPTransport {
    public let answers: Mutex<[Int]>
    public let sent = Mutex<[OutgoingRequest]>([])
    public init(_ answers: [Int]) { self.answers = Mutex(answers) }
    public func post(_ request: OutgoingRequest, timeout: Duration) async throws -> (status: Int, body: [UInt8]) {
        sent.withLock { $0.append(request) }
        let status = answers.withLock { a in a.isEmpty ? 200 : a.removeFirst() }
        if status == 0 { throw URLError(.cannotConnectToHost) }
        return (status, [])
    }
}
