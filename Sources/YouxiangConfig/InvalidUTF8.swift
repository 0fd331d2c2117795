/// Where a file stops being UTF-8: the first byte that does not start (or continue) a valid UTF-8 sequence.
public struct InvalidUTF8: Sendable, Equatable {
    /// 0-based byte offset of the first invalid byte in the file.
    public var offset: Int
    /// 1-based line of that byte (lines end at `\n`).
    public var line: Int
    /// 1-based column of that byte, counted in characters from the start of its line.
    public var column: Int
    /// The byte itself.
    public var byte: UInt8

    /// The first invalid UTF-8 byte in `bytes`, or nil when all of `bytes` is valid UTF-8.
    public static func find(in bytes: [UInt8]) -> InvalidUTF8? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1, scalar.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += scalar.count
            case .error:
                return InvalidUTF8(offset: offset, line: line, column: column, byte: bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }

    /// `line 3, column 7 (byte offset 41, byte 0xB1)`.
    public var position: String {
        "line \(line), column \(column) (byte offset \(offset), byte 0x\(String(byte, radix: 16, uppercase: true)))"
    }
}
