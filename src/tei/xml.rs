//! A small layer over quick-xml's writer: escaping that keeps every source
//! character (a carriage return survives as `&#13;`), and indentation only
//! where TEI content is element-only, so mixed content stays byte-exact.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};

/// Escapes text content; `\r` becomes a character reference so parsers keep it.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value (quotes, whitespace that parsers would fold).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
    out
}

/// The XML output being written.
pub struct XmlOut {
    writer: Writer<Vec<u8>>,
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlOut {
    pub fn new() -> Self {
        XmlOut {
            writer: Writer::new(Vec::with_capacity(1 << 16)),
        }
    }

    fn emit(&mut self, event: Event<'_>) {
        // Writing into a Vec cannot fail.
        let _ = self.writer.write_event(event);
    }

    pub fn declaration(&mut self) {
        self.emit(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        self.raw("\n");
    }

    pub fn processing_instruction(&mut self, content: &str) {
        self.emit(Event::PI(BytesPI::new(content)));
        self.raw("\n");
    }

    fn tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute(quick_xml::events::attributes::Attribute {
                key: quick_xml::name::QName(k.as_bytes()),
                value: escape_attr(v).into_bytes().into(),
            });
        }
        start
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.emit(Event::Start(Self::tag(name, attrs)));
    }

    pub fn end(&mut self, name: &str) {
        self.emit(Event::End(BytesEnd::new(name)));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.emit(Event::Empty(Self::tag(name, attrs)));
    }

    pub fn text(&mut self, s: &str) {
        let escaped = escape_text(s);
        self.emit(Event::Text(BytesText::from_escaped(escaped)));
    }

    /// Writes already-escaped markup or formatting whitespace.
    pub fn raw(&mut self, s: &str) {
        self.emit(Event::Text(BytesText::from_escaped(s)));
    }

    /// A new line indented for `depth` in element-only content.
    pub fn indent(&mut self, depth: usize) {
        let mut s = String::with_capacity(depth * 2 + 1);
        s.push('\n');
        for _ in 0..depth {
            s.push_str("  ");
        }
        self.raw(&s);
    }

    /// `<name attrs>text</name>`.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    pub fn into_string(self) -> String {
        String::from_utf8(self.writer.into_inner()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_cr() {
        assert_eq!(escape_text("a<b&c]]>\r"), "a&lt;b&amp;c]]&gt;&#13;");
        assert_eq!(escape_attr("\"x\"\n"), "&quot;x&quot;&#10;");
    }

    #[test]
    fn writes_elements() {
        let mut x = XmlOut::new();
        x.start("p", &[("xml:id", "p1")]);
        x.text("a & b");
        x.empty("lb", &[("n", "2")]);
        x.end("p");
        assert_eq!(
            x.into_string(),
            "<p xml:id=\"p1\">a &amp; b<lb n=\"2\"/></p>"
        );
    }
}
