import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/sharedStrings.xml`: each `<si>`'s text runs joined, phonetic runs (`<rPh>`) left out.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    let limit: Int
    var overLimit = false
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    init(limit: Int) { self.limit = limit }
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch e {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch e {
        case "si":
            strings.append(current)
            if strings.count > limit { overLimit = true; parser.abortParsing() }
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
}
