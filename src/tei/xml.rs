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
    // Most text has none of the four: it is passed over eight bytes at a time.
    let maybe =
        |x| has_byte(x, b'&') | has_byte(x, b'<') | has_byte(x, b'>') | has_byte(x, b'\r') != 0;
    push_escaped::<true>(out, s, maybe, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\r' => Some("&#13;"),
        _ => None,
    });
}

/// Appends `s` to `out` with each byte that `entity` names replaced by its
/// reference; runs between them are copied whole. With `maybe`, eight bytes
/// at a time are passed over when it says none of them is named.
#[inline(always)]
fn push_escaped<const CHUNKED: bool>(
    out: &mut String,
    s: &str,
    maybe: impl Fn(u64) -> bool,
    entity: impl Fn(u8) -> Option<&'static str>,
) {
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if CHUNKED
            && let Some(chunk) = bytes.get(i..i + 8)
            && !maybe(u64::from_le_bytes(chunk.try_into().unwrap_or_default()))
        {
            i += 8;
            continue;
        }
        if let Some(rep) = entity(bytes[i]) {
            out.push_str(&s[from..i]);
            out.push_str(rep);
            from = i + 1;
        }
        i += 1;
    }
    out.push_str(&s[from..]);
}

const LANES_LO: u64 = 0x0101_0101_0101_0101;
const LANES_HI: u64 = 0x8080_8080_8080_8080;

/// Nonzero when one of the eight bytes of `x` is `b`.
#[inline]
fn has_byte(x: u64, b: u8) -> u64 {
    let v = x ^ (u64::from(b) * LANES_LO);
    v.wrapping_sub(LANES_LO) & !v & LANES_HI
}

/// Escapes an attribute value (quotes, whitespace that parsers would fold).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_attr(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as an attribute value (see [`escape_attr`]).
fn push_escaped_attr(out: &mut String, s: &str) {
    // Attribute values are short: every byte is looked at.
    push_escaped::<false>(
        out,
        s,
        |_| true,
        |b| match b {
            b'&' => Some("&amp;"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'"' => Some("&quot;"),
            b'\r' => Some("&#13;"),
            b'\n' => Some("&#10;"),
            b'\t' => Some("&#9;"),
            _ => None,
        },
    );
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
        // Every position of a long text, with characters beyond ASCII.
        for special in ["&", "<", ">", "\r", "é"] {
            for at in 0..20 {
                let s = format!(
                    "{}{special}{}",
                    "ab cdéf gh".repeat(2).get(..at).unwrap_or("x"),
                    "ijklmnopqrst"
                );
                let want: String = s
                    .chars()
                    .map(|c| match c {
                        '&' => "&amp;".to_string(),
                        '<' => "&lt;".to_string(),
                        '>' => "&gt;".to_string(),
                        '\r' => "&#13;".to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                assert_eq!(escape_text(&s), want, "{s:?}");
            }
        }
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
