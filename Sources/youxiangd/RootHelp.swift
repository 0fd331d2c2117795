import ArgumentParser
import Foundation

/// The end of `youxiangd --help`: `serve` is the default subcommand, so its options are listed there too (the
/// argument parser lists only the subcommands otherwise, and `youxiangd --help` showed none of the daemon's flags).
enum RootHelp {
    /// `serve`'s OPTIONS section as `youxiangd help serve` prints it, under a line saying so.
    static var discussion: String {
        let serve = Serve.helpMessage(columns: 78)
        guard let start = serve.range(of: "OPTIONS:") else { return "The daemon's options: youxiangd help serve" }
        return "Without a subcommand youxiangd runs `serve`; its options (also: youxiangd help serve):\n\nSERVE "
            + serve[start.lowerBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
