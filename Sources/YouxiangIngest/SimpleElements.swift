import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the attributes of named elements.
final class SimpleElements: NSObject, XMLParserDelegate {
    let names: Set<String>
    var found: [(String, [String: String])] = []
    init(names: Set<String>) { self.names = names }
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        if names.contains(local) { found.append((local, attributeDict)) }
    }
}
