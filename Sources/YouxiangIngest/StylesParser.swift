import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/styles.xml`: the number format of each cell style (`cellXfs`) and the custom format codes.
final class StylesParser: NSObject, XMLParserDelegate {
    var customFormats: [Int: String] = [:]
    var xfFormats: [Int] = []
    private var inCellXfs = false
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch e {
        case "numFmt": if let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: xfFormats.append(a["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        if e == "cellXfs" { inCellXfs = false }
    }
}
