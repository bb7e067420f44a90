//! Inline content of a block: text, line and page beginnings, corrections, names.

/// How sure a pass is of an editorial change (TEI `@cert`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    /// A guess the evidence barely supports.
    Low,
    /// Likely, with some doubt left.
    Medium,
    /// All the evidence agrees.
    High,
}

impl Certainty {
    /// The TEI `@cert` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Low => "low",
            Certainty::Medium => "medium",
            Certainty::High => "high",
        }
    }

    /// The certainty a TEI `@cert` value names.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Certainty::Low),
            "medium" => Some(Certainty::Medium),
            "high" => Some(Certainty::High),
            _ => None,
        }
    }
}

/// Why a reading differs from the source (`@type` on `corr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CorrectionKind {
    /// Letters misread (`publio` for `public`).
    Confusion,
    /// Junk characters inside a word (`g^ve`, `stil]`).
    Junk,
    /// Words run together (`thecult`).
    Split,
    /// A word broken apart (`O n`, `s.ince`).
    Merge,
    /// Damaged punctuation.
    Punctuation,
}

impl CorrectionKind {
    /// The name of the kind in `@type` and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionKind::Confusion => "confusion",
            CorrectionKind::Junk => "junk",
            CorrectionKind::Split => "split",
            CorrectionKind::Merge => "merge",
            CorrectionKind::Punctuation => "punctuation",
        }
    }

    /// The kind a name from [`CorrectionKind::as_str`] stands for.
    pub fn parse(s: &str) -> Option<Self> {
        [
            CorrectionKind::Confusion,
            CorrectionKind::Junk,
            CorrectionKind::Split,
            CorrectionKind::Merge,
            CorrectionKind::Punctuation,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// The kind of a named entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// A person (`persName`).
    Person,
    /// An organisation (`orgName`).
    Org,
    /// A state acting as a body (`orgName type="state"` or `placeName type="state"`).
    State,
    /// A place (`placeName`).
    Place,
}

impl NameKind {
    /// The name of the kind in reports and the standoff.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Org => "org",
            NameKind::State => "state",
            NameKind::Place => "place",
        }
    }
}

/// What a line of page furniture is (`fw/@type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FwKind {
    /// A printed page label: `12`, `- 16 -`, `B-12`, `xiv`.
    PageNum,
    /// A running head: the same words at the top of page after page.
    Header,
    /// A running footer.
    Footer,
}

impl FwKind {
    /// The TEI `fw/@type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            FwKind::PageNum => "pageNum",
            FwKind::Header => "header",
            FwKind::Footer => "footer",
        }
    }
}

/// Page furniture as printed (`fw`): kept in the diplomatic text, out of the
/// reading text and out of name tagging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    /// Page label, running head or running footer.
    pub kind: FwKind,
    /// The printed text, spaces included.
    pub text: String,
    /// For a page label: the byte range of the label in `text` and the label
    /// as read (`B-ll` is read `B-11`: OCR damage repaired from the sequence).
    pub label: Option<(std::ops::Range<usize>, String)>,
    /// True when OCR damage in the label was repaired: the printed form in
    /// the range is kept (`sic`) beside the label as read (`corr`).
    pub repaired: bool,
}

/// A page beginning (`pb`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageBreak {
    /// The page number, printed on the page or inferred from printed ones.
    pub n: Option<String>,
    /// True when `n` was inferred (counted from a printed number), not printed.
    pub inferred: bool,
}

/// One inline node. Every node knows its diplomatic and its reading form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// The beginning of source line `line` (1-based): `lb`. `joins_word` marks
    /// a word cut at the previous line end (`break="no"`).
    LineStart {
        /// The source line, from 1.
        line: usize,
        /// A word cut at the previous line end continues here.
        joins_word: bool,
    },
    /// A page seam: `pb`.
    PageBreak(PageBreak),
    /// Source text, exactly as printed (spaces included).
    Text(String),
    /// A printed hyphen at a line end that the reading text drops: `pc force="weak"`.
    PrintedHyphen(String),
    /// A character XML 1.0 cannot carry, or an invisible one (BOM): `g`.
    Control(char),
    /// An editorial correction: `choice/sic/corr`.
    Choice {
        /// The text as printed.
        sic: String,
        /// The text as corrected.
        corr: String,
        /// Which rule made the correction.
        kind: CorrectionKind,
        /// How sure the rule is.
        cert: Certainty,
    },
    /// Page furniture: a page label, a running head or footer (`fw`).
    /// Boxed: furniture is rare, and unboxed it made every node 72 bytes
    /// instead of 56 (the model holds two nodes a source line).
    Furniture(Box<Furniture>),
    /// A name mention pointing at standoff entry `entity`.
    Name {
        /// Person, organisation, state or place.
        kind: NameKind,
        /// The `xml:id` of the standoff entry.
        entity: String,
        /// The mention as printed (text, line starts, corrections).
        content: Vec<Inline>,
    },
}

/// Calls `f` on every node, descending into names.
pub fn visit(nodes: &[Inline], f: &mut impl FnMut(&Inline)) {
    for n in nodes {
        f(n);
        if let Inline::Name { content, .. } = n {
            visit(content, f);
        }
    }
}

/// The source text of the nodes; line starts after the first become `\n`.
pub fn diplomatic_text(nodes: &[Inline]) -> String {
    let mut out = String::new();
    let mut first_line = true;
    push_diplomatic(nodes, &mut out, &mut first_line);
    out
}

fn push_diplomatic(nodes: &[Inline], out: &mut String, first_line: &mut bool) {
    for n in nodes {
        match n {
            Inline::LineStart { .. } => {
                if !*first_line {
                    out.push('\n');
                }
                *first_line = false;
            }
            Inline::PageBreak(_) => {}
            Inline::Text(s) | Inline::PrintedHyphen(s) => out.push_str(s),
            Inline::Furniture(f) => out.push_str(&f.text),
            Inline::Control(c) => out.push(*c),
            Inline::Choice { sic, .. } => out.push_str(sic),
            Inline::Name { content, .. } => push_diplomatic(content, out, first_line),
        }
    }
}

/// The reading text of the nodes: corrections applied, joined words joined,
/// other line ends as spaces, whitespace folded, page furniture dropped.
pub fn reading_text(nodes: &[Inline]) -> String {
    let mut raw = String::new();
    push_reading(nodes, &mut raw);
    fold_whitespace(&raw)
}

fn push_reading(nodes: &[Inline], out: &mut String) {
    for n in nodes {
        match n {
            Inline::LineStart { joins_word, .. } => {
                if *joins_word {
                    let kept = out.trim_end().len();
                    out.truncate(kept);
                } else {
                    out.push(' ');
                }
            }
            Inline::Text(s) => out.push_str(s),
            Inline::Choice { corr, .. } => out.push_str(corr),
            Inline::Name { content, .. } => push_reading(content, out),
            Inline::PageBreak(_)
            | Inline::PrintedHyphen(_)
            | Inline::Furniture(_)
            | Inline::Control(_) => {}
        }
    }
}

/// Collapses runs of whitespace to one space and trims both ends.
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }
    fn lb(line: usize, joins_word: bool) -> Inline {
        Inline::LineStart { line, joins_word }
    }

    #[test]
    fn joined_word_reads_whole_and_keeps_source() {
        let nodes = vec![
            lb(1, false),
            t("full un"),
            lb(2, true),
            t("derstanding of "),
        ];
        assert_eq!(reading_text(&nodes), "full understanding of");
        assert_eq!(diplomatic_text(&nodes), "full un\nderstanding of ");
    }

    #[test]
    fn dropped_hyphen_and_correction() {
        let nodes = vec![
            lb(1, false),
            t("the "),
            Inline::Choice {
                sic: "publio".into(),
                corr: "public".into(),
                kind: CorrectionKind::Confusion,
                cert: Certainty::High,
            },
            t(" inter"),
            Inline::PrintedHyphen("-".into()),
            t(" "),
            lb(2, true),
            t("national"),
        ];
        assert_eq!(reading_text(&nodes), "the public international");
        assert_eq!(diplomatic_text(&nodes), "the publio inter- \nnational");
    }

    #[test]
    fn unjoined_line_end_is_a_space() {
        let nodes = vec![lb(1, false), t("of"), lb(2, false), t("the")];
        assert_eq!(reading_text(&nodes), "of the");
    }
}
