//! The source as read: its lines and the facts needed to rebuild its bytes.

/// How the source ends its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n`; any `\r` stays in the line's text.
    Lf,
    /// `\r\n` on every line (a file mixing the two counts as `Lf`).
    CrLf,
}

impl LineEnding {
    /// The name used in the header's `measure/@unit`.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "LF",
            LineEnding::CrLf => "CRLF",
        }
    }

    /// The line ending a name (`LF`, `CRLF`) stands for.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "LF" => Some(LineEnding::Lf),
            "CRLF" => Some(LineEnding::CrLf),
            _ => None,
        }
    }

    fn bytes(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// One source line: its 1-based number and its text without the line end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// Line number, from 1.
    pub number: usize,
    /// The text of the line, without its line end.
    pub text: String,
}

/// The source text and its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// File name as given (`-` for standard input), for the header.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// The line end the source uses throughout.
    pub line_ending: LineEnding,
    /// True when the last line is followed by a line end.
    pub final_line_end: bool,
    /// The lines, in order (blank lines included).
    pub lines: Vec<SourceLine>,
}

impl SourceText {
    /// Splits decoded text into lines and records how to join them again.
    pub fn from_text(name: &str, text: &str, size: u64, sha256: String) -> Self {
        let mut parts: Vec<&str> = text.split('\n').collect();
        let final_line_end = text.ends_with('\n');
        if final_line_end {
            parts.pop();
        }
        let separators = parts.len() - 1 + usize::from(final_line_end);
        let crlf = separators > 0
            && parts
                .iter()
                .enumerate()
                .filter(|(i, _)| *i + 1 < parts.len() || final_line_end)
                .all(|(_, l)| l.ends_with('\r'));
        let line_ending = if crlf {
            LineEnding::CrLf
        } else {
            LineEnding::Lf
        };
        let lines = parts
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let has_end = i + 1 < parts.len() || final_line_end;
                let text = if crlf && has_end {
                    &l[..l.len() - 1]
                } else {
                    l
                };
                SourceLine {
                    number: i + 1,
                    text: text.to_string(),
                }
            })
            .collect();
        SourceText {
            name: name.to_string(),
            size,
            sha256,
            line_ending,
            final_line_end,
            lines,
        }
    }

    /// Number of line-end sequences in the source.
    pub fn line_end_count(&self) -> usize {
        if self.lines.is_empty() {
            0
        } else {
            self.lines.len() - 1 + usize::from(self.final_line_end)
        }
    }

    /// Turns `\n`-joined line texts back into the source's exact text.
    pub fn reassemble(&self, joined: &str) -> String {
        reassemble(joined, self.line_ending, self.final_line_end)
    }
}

/// Rebuilds a file's text from its `\n`-joined lines, its line end and whether it ends with one.
pub(crate) fn reassemble(joined: &str, ending: LineEnding, final_line_end: bool) -> String {
    let mut out = joined.replace('\n', ending.bytes());
    if final_line_end {
        out.push_str(ending.bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let s = SourceText::from_text("x", text, text.len() as u64, String::new());
        let joined: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(s.reassemble(&joined.join("\n")), text, "{text:?}");
    }

    #[test]
    fn line_ends_round_trip() {
        for t in [
            "a\nb\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r\nb",
            "a\r\nb\n",
            "\n",
            "x",
            "a\r\r\n",
            "\r",
            "a\n\n\n",
        ] {
            round_trip(t);
        }
    }

    #[test]
    fn crlf_detected_only_when_uniform() {
        let s = SourceText::from_text("x", "a\r\nb\r\n", 6, String::new());
        assert_eq!(s.line_ending, LineEnding::CrLf);
        assert_eq!(s.lines[0].text, "a");
        let s = SourceText::from_text("x", "a\r\nb\n", 5, String::new());
        assert_eq!(s.line_ending, LineEnding::Lf);
        assert_eq!(s.lines[0].text, "a\r");
    }
}
