/// The body of a DingTalk (钉钉) custom robot's markdown message (`msgtype: markdown`, `markdown.title`, `markdown.text`).
struct DingTalkMarkdown: Encodable { var msgtype: String; var markdown: Body; struct Body: Encodable { var title: String; var text: String } }
