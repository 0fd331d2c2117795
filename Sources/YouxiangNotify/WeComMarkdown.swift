/// The body of a WeCom (企业微信) group robot's markdown message (`msgtype: markdown`, `markdown.content`).
struct WeComMarkdown: Encodable { var msgtype: String; var markdown: Body; struct Body: Encodable { var content: String } }
