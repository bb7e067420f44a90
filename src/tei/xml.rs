//! A small XML writer: escaping that keeps every source character (a
//! carriage return survives as `&#13;`), and indentation only where TEI
//! content is element-only, so mixed content stays byte-exact. Markup is
//! written straight into one `String` (the bytes quick-xml's writer gave).

/// Escapes text content; `\r` becomes a character reference so parsers keep it.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_text(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as text content (see [`escape_text`]).
fn push_escaped_text(out: &mut String, s: &str) {
    push_escaped(out, s, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\r' => Some("&#13;"),
        _ => None,
    });
}

/// Appends `s` to `out` with each byte that `entity` names replaced by its
/// reference; runs between them are copied whole.
fn push_escaped(out: &mut String, s: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(rep) = entity(b) {
            out.push_str(&s[from..i]);
            out.push_str(rep);
            from = i + 1;
        }
    }
    out.push_str(&s[from..]);
}

/// Escapes an attribute value (quotes, whitespace that parsers would fold).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_attr(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as an attribute value (see [`escape_attr`]).
fn push_escaped_attr(out: &mut String, s: &str) {
    push_escaped(out, s, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\r' => Some("&#13;"),
        b'\n' => Some("&#10;"),
        b'\t' => Some("&#9;"),
        _ => None,
    });
}

/// The XML output being written.
pub struct XmlOut {
    out: String,
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlOut {
    pub fn new() -> Self {
        XmlOut {
            out: String::with_capacity(1 << 16),
        }
    }

    /// An output with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Self {
        XmlOut {
            out: String::with_capacity(bytes),
        }
    }

    pub fn declaration(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    pub fn processing_instruction(&mut self, content: &str) {
        self.out.push_str("<?");
        self.out.push_str(content);
        self.out.push_str("?>\n");
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            push_escaped_attr(&mut self.out, v);
            self.out.push('"');
        }
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push('>');
    }

    pub fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>");
    }

    /// `<lb n="LINE"/>`, with `break="no"` inside a word: the markup of
    /// every line, written without a string for its number.
    pub fn lb(&mut self, line: usize, in_word: bool) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = line;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.push_str("<lb n=\"");
        // ASCII digits.
        self.out
            .push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
        self.out
            .push_str(if in_word { "\" break=\"no\"/>" } else { "\"/>" });
    }

    pub fn text(&mut self, s: &str) {
        push_escaped_text(&mut self.out, s);
    }

    /// Writes already-escaped markup or formatting whitespace.
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A new line indented for `depth` in element-only content.
    pub fn indent(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// `<name attrs>text</name>`.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    pub fn into_string(self) -> String {
        self.out
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
        let mut x = XmlOut::new();
        for (n, in_word) in [(0, false), (7, true), (1234567, false)] {
            x.lb(n, in_word);
            x.empty("lb", &[("n", &n.to_string())]);
        }
        assert_eq!(
            x.into_string(),
            "<lb n=\"0\"/><lb n=\"0\"/><lb n=\"7\" break=\"no\"/><lb n=\"7\"/><lb n=\"1234567\"/><lb n=\"1234567\"/>"
        );
    }
}
