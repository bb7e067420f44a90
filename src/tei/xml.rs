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

/// The XML output being written: into one string, or through a buffer
/// into a sink (a file), so that a document's TEI is never held whole.
pub struct XmlOut<'w> {
    out: String,
    sink: Option<&'w mut dyn std::io::Write>,
    /// The first error of the sink; later writes are dropped.
    error: Option<std::io::Error>,
}

impl Default for XmlOut<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// How much a streaming output holds before it passes it on.
const STREAM_BUFFER: usize = 1 << 16;

impl<'w> XmlOut<'w> {
    pub fn new() -> Self {
        Self::with_capacity(1 << 16)
    }

    /// An output with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Self {
        XmlOut {
            out: String::with_capacity(bytes),
            sink: None,
            error: None,
        }
    }

    /// An output that passes what is written on to `sink`, a buffer's worth
    /// at a time (at [`XmlOut::pass_on`]; the rest at [`XmlOut::finish`]).
    pub fn streaming(sink: &'w mut dyn std::io::Write) -> Self {
        XmlOut {
            out: String::with_capacity(STREAM_BUFFER + (1 << 12)),
            sink: Some(sink),
            error: None,
        }
    }

    /// Passes the buffer on to the sink once it is full (a place between
    /// two blocks: nothing of the markup depends on where the cut falls).
    pub fn pass_on(&mut self) {
        if self.out.len() >= STREAM_BUFFER {
            self.drain();
        }
    }

    fn drain(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            if self.error.is_none()
                && let Err(e) = sink.write_all(self.out.as_bytes())
            {
                self.error = Some(e);
            }
            self.out.clear();
        }
    }

    /// Passes the rest on to the sink; the sink's first error, if any.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.drain();
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
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
