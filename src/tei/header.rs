//! The `teiHeader`: provenance from the user's metadata, the source file's
//! facts, and an editorial declaration stating what the passes did.

use super::xml::XmlOut;
use crate::model::{Agent, AgentKind, Metadata};
use crate::model::{CorrectionKind, Document, EditLog, NameKind};

/// Tool name and version, for `appInfo` and the revision note.
pub(crate) const TOOL: &str = "tei-encoder";
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

pub(crate) fn write_header(x: &mut XmlOut, doc: &Document, depth: usize) {
    let m = &doc.meta;
    x.indent(depth);
    x.start("teiHeader", &[]);
    write_file_desc(x, doc, depth + 1);
    write_encoding_desc(x, doc, depth + 1);
    write_profile_desc(x, m, depth + 1);
    x.indent(depth + 1);
    x.start("revisionDesc", &[]);
    x.indent(depth + 2);
    x.start(
        "change",
        &[("when", doc.date.as_str()), ("who", "#tei-encoder")],
    );
    x.text(&format!(
        "Encoded from the OCR text {} ({} lines) by {TOOL} {VERSION}: {}.",
        doc.source.name,
        doc.source.lines.len(),
        summary(&doc.log)
    ));
    x.end("change");
    x.indent(depth + 1);
    x.end("revisionDesc");
    x.indent(depth);
    x.end("teiHeader");
}

/// One sentence on what the passes changed, from the edit log.
pub(crate) fn summary(log: &EditLog) -> String {
    let corrections: usize = log.corrections.values().sum();
    let names: usize = log.names.values().sum();
    format!(
        "{} headings, {} page breaks ({} numbers printed, {} inferred), {} words joined across line ends, {} OCR corrections, {} name mentions, {} control characters recorded",
        log.headings[0] + log.headings[1],
        log.page_breaks,
        log.page_numbers_printed,
        log.page_numbers_inferred,
        log.joins,
        corrections,
        names,
        log.control_chars
    )
}

/// An ISO date as a reader writes it: `1956-06-30` → `30 June 1956`.
pub(crate) fn human_date(iso: &str) -> String {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        return d.format("%-d %B %Y").to_string();
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(&format!("{iso}-01"), "%Y-%m-%d") {
        return d.format("%B %Y").to_string();
    }
    iso.to_string()
}

fn agent(x: &mut XmlOut, a: &Agent) {
    let name = match a.kind {
        AgentKind::Org => "orgName",
        AgentKind::Person => "persName",
    };
    match &a.wikidata {
        Some(q) => {
            let r = format!("https://www.wikidata.org/entity/{q}");
            x.element(name, &[("ref", r.as_str())], &a.name);
        }
        None => x.element(name, &[], &a.name),
    }
}

fn title_of(doc: &Document) -> String {
    if let Some(t) = &doc.meta.title {
        return t.clone();
    }
    if let Some(t) = &doc.title_page {
        let t = t.reading_text();
        if !t.is_empty() {
            return t;
        }
    }
    // No title page (several documents in one file, say): the first heading
    // of a division, never a page label or furniture, which are no heads.
    if let Some(t) = doc
        .divisions()
        .iter()
        .filter_map(|d| d.head.as_ref())
        .map(|h| h.reading_text())
        .find(|t| t.split_whitespace().count() >= 2 && !debris(t))
    {
        return t;
    }
    format!("TEI encoding of {}", doc.source.name)
}

/// Does a heading read as OCR debris rather than a title: a sign no title
/// prints (`^`, `£`, `{`, `*`), or a word that mixes letters and figures
/// (`E2`, `BYMPTOM8`)? Such a head stays in the text; it only does not
/// name the file.
fn debris(t: &str) -> bool {
    let odd_sign = crate::structure::lines::has_odd_sign(t);
    let mixed = t.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic)
    });
    odd_sign || mixed
}

fn write_file_desc(x: &mut XmlOut, doc: &Document, d: usize) {
    let m = &doc.meta;
    x.indent(d);
    x.start("fileDesc", &[]);
    x.indent(d + 1);
    x.start("titleStmt", &[]);
    x.indent(d + 2);
    x.element("title", &[("type", "main")], &title_of(doc));
    if let Some(s) = &m.subtitle {
        x.indent(d + 2);
        x.element("title", &[("type", "sub")], s);
    }
    for a in &m.authors {
        x.indent(d + 2);
        x.start("author", &[]);
        agent(x, a);
        x.end("author");
    }
    if let Some(e) = &m.encoding.encoder {
        x.indent(d + 2);
        x.start("respStmt", &[]);
        x.element("resp", &[], "TEI encoding and review");
        x.element("name", &[], e);
        x.end("respStmt");
    }
    x.indent(d + 2);
    x.start("respStmt", &[]);
    x.element("resp", &[], "automatic encoding from OCR text");
    x.element(
        "name",
        &[("ref", "#tei-encoder")],
        &format!("{TOOL} {VERSION}"),
    );
    x.end("respStmt");
    x.indent(d + 1);
    x.end("titleStmt");

    write_publication_stmt(x, doc, d + 1);
    write_source_desc(x, doc, d + 1);
    x.indent(d);
    x.end("fileDesc");
}

fn write_publication_stmt(x: &mut XmlOut, doc: &Document, d: usize) {
    let e = &doc.meta.encoding;
    x.indent(d);
    x.start("publicationStmt", &[]);
    match &e.publisher {
        Some(p) => {
            x.indent(d + 1);
            x.element("publisher", &[], p);
            if let Some(pl) = &e.pub_place {
                x.indent(d + 1);
                x.element("pubPlace", &[], pl);
            }
            x.indent(d + 1);
            x.element("date", &[("when", doc.date.as_str())], &doc.date);
            if e.licence.is_some() || e.licence_url.is_some() {
                x.indent(d + 1);
                x.start("availability", &[]);
                let text = e.licence.clone().unwrap_or_default();
                match &e.licence_url {
                    Some(u) => x.element("licence", &[("target", u.as_str())], &text),
                    None => x.element("licence", &[], &text),
                }
                x.end("availability");
            }
        }
        None => {
            x.indent(d + 1);
            x.start("p", &[]);
            x.text(&format!("Not published. Encoded by {TOOL} on "));
            x.element("date", &[("when", doc.date.as_str())], &doc.date);
            x.text(".");
            x.end("p");
        }
    }
    x.indent(d);
    x.end("publicationStmt");
}

fn write_source_desc(x: &mut XmlOut, doc: &Document, d: usize) {
    let m = &doc.meta;
    let s = &doc.source;
    x.indent(d);
    x.start("sourceDesc", &[]);
    if let Some(ed) = &m.edition {
        x.indent(d + 1);
        x.start("bibl", &[("xml:id", "source-edition"), ("type", "printed")]);
        if let Some(t) = ed.title.as_ref().or(m.title.as_ref()) {
            x.indent(d + 2);
            x.element("title", &[], t);
        }
        for a in &m.authors {
            x.indent(d + 2);
            x.start("author", &[]);
            agent(x, a);
            x.end("author");
        }
        if let Some(p) = &ed.publisher {
            x.indent(d + 2);
            x.element("publisher", &[], p);
        }
        if let Some(p) = &ed.pub_place {
            x.indent(d + 2);
            x.element("pubPlace", &[], p);
        }
        if let Some(dt) = &ed.date {
            x.indent(d + 2);
            x.element("date", &[("when", dt.as_str())], dt);
        }
        if let Some(e) = &ed.extent {
            x.indent(d + 2);
            x.element("extent", &[], e);
        }
        if let Some(n) = &ed.note {
            x.indent(d + 2);
            x.element("note", &[], n);
        }
        if let Some(o) = &m.original {
            x.indent(d + 2);
            x.start("relatedItem", &[("type", "original")]);
            x.indent(d + 3);
            x.start("bibl", &[("xml:id", "source-original")]);
            if let Some(t) = &o.title {
                x.indent(d + 4);
                x.element("title", &[], t);
            }
            if let Some(a) = &o.author {
                x.indent(d + 4);
                x.start("author", &[]);
                agent(x, a);
                x.end("author");
            }
            if let Some(dt) = &o.date {
                x.indent(d + 4);
                let label = match &o.event {
                    Some(ev) => format!("{ev} {}", human_date(dt)),
                    None => human_date(dt),
                };
                x.element("date", &[("when", dt.as_str())], &label);
            }
            if let Some(p) = &o.place {
                x.indent(d + 4);
                x.element("pubPlace", &[], p);
            }
            if let Some(n) = &o.note {
                x.indent(d + 4);
                x.element("note", &[], n);
            }
            x.indent(d + 3);
            x.end("bibl");
            x.indent(d + 2);
            x.end("relatedItem");
        }
        x.indent(d + 1);
        x.end("bibl");
    }
    // The OCR file itself: name, checksum, and what is needed to rebuild its bytes.
    x.indent(d + 1);
    x.start(
        "bibl",
        &[("xml:id", "source-ocr"), ("type", "digitalSource")],
    );
    x.indent(d + 2);
    x.element("title", &[("type", "file")], &s.name);
    x.indent(d + 2);
    x.element("idno", &[("type", "sha256")], &s.sha256);
    x.indent(d + 2);
    x.start("extent", &[]);
    let bytes = s.size.to_string();
    let lines = s.lines.len().to_string();
    let ends = s.line_end_count().to_string();
    x.element(
        "measure",
        &[("unit", "byte"), ("quantity", bytes.as_str())],
        &format!("{bytes} bytes"),
    );
    x.text(", ");
    x.element(
        "measure",
        &[("unit", "line"), ("quantity", lines.as_str())],
        &format!("{lines} lines"),
    );
    x.text(", ");
    let unit = s.line_ending.as_str();
    x.element(
        "measure",
        &[("unit", unit), ("quantity", ends.as_str())],
        &format!("{ends} line ends ({unit})"),
    );
    x.end("extent");
    x.indent(d + 2);
    x.element(
        "note",
        &[],
        "Raw OCR text in UTF-8, the input of this encoding. Every line of it is kept in the text below; the diplomatic text regenerated from this file matches its checksum.",
    );
    x.indent(d + 1);
    x.end("bibl");
    x.indent(d);
    x.end("sourceDesc");
}

fn para(x: &mut XmlOut, d: usize, wrapper: &str, attrs: &[(&str, &str)], text: &str) {
    x.indent(d);
    x.start(wrapper, attrs);
    x.indent(d + 1);
    x.element("p", &[], text);
    x.indent(d);
    x.end(wrapper);
}

fn write_encoding_desc(x: &mut XmlOut, doc: &Document, d: usize) {
    let log = &doc.log;
    x.indent(d);
    x.start("encodingDesc", &[]);
    if let Some(p) = &doc.meta.encoding.project {
        para(x, d + 1, "projectDesc", &[], p);
    }
    x.indent(d + 1);
    x.start("editorialDecl", &[]);
    let corrections: usize = log.corrections.values().sum();
    let by_kind = |k: CorrectionKind| -> usize {
        log.corrections
            .iter()
            .filter(|((kind, _), _)| *kind == k)
            .map(|(_, n)| n)
            .sum()
    };
    para(
        x,
        d + 2,
        "correction",
        &[("status", "low"), ("method", "markup")],
        &format!(
            "OCR errors are corrected only where a lexicon, an OCR confusion model and the document's own vocabulary agree; each correction is a choice of sic (as printed by the OCR) and corr (resp #tei-encoder, with cert for the strength of the evidence and type for the kind of error). {corrections} corrections: {} letter confusions, {} junk characters, {} run-together words split, {} broken words merged, {} punctuation repairs. Names and words in capitals are not corrected into common words.{}",
            by_kind(CorrectionKind::Confusion),
            by_kind(CorrectionKind::Junk),
            by_kind(CorrectionKind::Split),
            by_kind(CorrectionKind::Merge),
            by_kind(CorrectionKind::Punctuation),
            match log.corrections_withheld {
                Some(known) => format!(
                    " No correction was made: the word list knows only {:.1}% of the text's words, too few for its evidence to count (another language, most likely).",
                    f64::from(known) / 10.0
                ),
                None => String::new(),
            },
        ),
    );
    para(
        x,
        d + 2,
        "normalization",
        &[("method", "markup")],
        "Spelling, capitalisation and punctuation are not normalised: the text keeps the printed spelling, British or American, and orig/reg is not used; every reading that differs from the OCR text is an error correction (sic/corr). Characters that XML 1.0 cannot carry, and invisible ones such as a byte-order mark, are recorded as g elements (type control, n the Unicode code point).",
    );
    para(
        x,
        d + 2,
        "hyphenation",
        &[("eol", "some")],
        &format!(
            "Words cut at a line end are joined in the reading text and marked lb break=\"no\"; a printed hyphen that the reading drops is kept as pc force=\"weak\", a hyphen of a real compound stays as text. A join needs evidence: the joined word is a word of the lexicon or occurs elsewhere in the document, and the halves are not two words standing apart (of / the), unless the line end itself marks a cut (in a text whose lines end with a space, one that does not). {} words joined, {} printed hyphens dropped.",
            log.joins, log.hyphens_removed
        ),
    );
    para(
        x,
        d + 2,
        "segmentation",
        &[],
        &format!(
            "Every source line begins with lb (n the source line number), blank lines included. Page labels (arabic or roman numbers, bare, between dashes or brackets, after a page word or a letter prefix, alone or at either end of a running head) count only where their sequence confirms them; a label whose OCR damage is repaired from the sequence keeps its printed form (sic beside corr) and its pb carries cert medium. Lines repeated near page seams page after page are running heads and footers, kept as fw type=\"header\" or \"footer\" and out of the reading text and of name tagging. Page seams (labels, running heads, runs of three or more blank lines, form feeds, page-initial lines indented by one space) become pb; printed labels are kept as fw type=\"pageNum\", and labels are inferred (cert medium) only where the count of seams agrees with printed ones. {} page breaks, {} numbers printed, {} inferred or repaired. Headings are detected from layout and typography measured against the document's own lines, never from a list of headings; stamps, salutations, dates, signatures and speaker labels are never headings. Levels follow the order in which the document introduces its heading styles (numbering, or capitals above title case). A contents list is a div type=\"contents\" holding a list; several documents in one file are one div type=\"document\" each.",
            log.page_breaks, log.page_numbers_printed, log.page_numbers_inferred
        ),
    );
    let names: usize = log.names.values().sum();
    let count = |k: NameKind| log.names.get(&k).copied().unwrap_or(0);
    para(
        x,
        d + 2,
        "interpretation",
        &[],
        &format!(
            "Names of people (persName), organisations, parties and bodies (orgName) and states (orgName or placeName with type state, as configured) and other places (placeName) are tagged where a gazetteer or a naming rule finds them, each with ref pointing to one entry in the standoff lists (entries made by a rule, not the gazetteer, carry cert). Possessive endings and titles stay outside the name; adjectives formed from names are not names. A name is tagged at its longest extent. Nested names: an organisation's name holds, tagged inside it with its own ref and its own entry, the name of the state it names, wherever it stands (United States Government, Communist Party of the Soviet Union), and the name of the party or body printed after of or of the (Central Committee of the Communist Party of the Soviet Union holds the party, which holds the state); no other name inside a name is tagged again (a person or place in an organisation's name, a name's own first words, a state's name inside a state's long form). A body of a party or state (the central committee of a named party, Government of X, X Government, X Army) is an organisation of its own, and bare common nouns such as party, committee or government are not tagged. A person the gazetteer lacks is found by rule: a title or initials before a capitalised word, or a given name of a packaged list (the US Census given names) before one, a capitalised word the document never prints in small letters; the given name alone is never an entry of its own. A lone M. before a surname is read as the title Monsieur, outside the name, where the document prints it so before two or more surnames. A place the gazetteer lacks is found by rule: capitalised words before a head noun such as Street, Square, River or Province (not after a house number: in a postal address only the city is a name), a district after such a street, before or after the word district, or printed before a known city (in Heliopolis, Cairo); it is then tagged wherever the document prints it. Mentions of one referent link to one entry: a surname alone, in capitals or with a possessive links to the full name met earlier in the document. A surname alone names a person of the gazetteer (and takes its authority ids) only where that surname suffices alone, the document names the person in full, or a title of the person's office stands before it; else it is an entry of its own without authority ids. A damaged name is tagged on its corrected reading. {names} mentions: {} people, {} organisations, {} states, {} places.",
            count(NameKind::Person),
            count(NameKind::Org),
            count(NameKind::State),
            count(NameKind::Place)
        ),
    );
    x.indent(d + 1);
    x.end("editorialDecl");
    x.indent(d + 1);
    x.start("appInfo", &[]);
    x.indent(d + 2);
    x.start(
        "application",
        &[
            ("xml:id", "tei-encoder"),
            ("ident", TOOL),
            ("version", VERSION),
            ("when", doc.date.as_str()),
        ],
    );
    x.indent(d + 3);
    x.element("label", &[], TOOL);
    x.indent(d + 3);
    x.element(
        "desc",
        &[],
        "Encodes raw OCR text of printed documents as TEI P5: structure, page seams, line-end joins, OCR corrections and names.",
    );
    x.indent(d + 2);
    x.end("application");
    x.indent(d + 1);
    x.end("appInfo");
    x.indent(d);
    x.end("encodingDesc");
}

fn write_profile_desc(x: &mut XmlOut, m: &Metadata, d: usize) {
    x.indent(d);
    x.start("profileDesc", &[]);
    if let Some(o) = &m.original
        && let Some(dt) = &o.date
    {
        x.indent(d + 1);
        x.start("creation", &[]);
        let label = match &o.event {
            Some(ev) => format!("{ev} {}", human_date(dt)),
            None => human_date(dt),
        };
        x.element("date", &[("when", dt.as_str())], &label);
        x.end("creation");
    }
    x.indent(d + 1);
    x.start("langUsage", &[]);
    x.element(
        "language",
        &[("ident", m.language.tag.as_str())],
        &m.language.name,
    );
    x.end("langUsage");
    if !m.keywords.is_empty() {
        x.indent(d + 1);
        x.start("textClass", &[]);
        x.start("keywords", &[]);
        for k in &m.keywords {
            x.element("term", &[], k);
        }
        x.end("keywords");
        x.end("textClass");
    }
    x.indent(d);
    x.end("profileDesc");
}

#[cfg(test)]
mod tests {
    use super::{debris, human_date};

    #[test]
    fn debris_names_no_file() {
        assert!(debris("SECOND EDITION. ^) p£j{"));
        assert!(debris("Special Assistant/EXDIR w *"));
        assert!(debris("E2 IMPDET CL BY 011340"));
        assert!(!debris("TO THE SECOND EDITION."));
        assert!(!debris("Birth to 1945: Summary and Conclusion"));
        assert!(!debris("TESTIMONY OF JOHN A. McCONE AND RICHARD M. HELMS"));
        assert!(!debris("PRESIDENT'S COMMISSION ON CIA ACTIVITIES"));
    }

    #[test]
    fn dates_read_as_written() {
        assert_eq!(human_date("1956-06-30"), "30 June 1956");
        assert_eq!(human_date("1956-07"), "July 1956");
        assert_eq!(human_date("1956"), "1956");
    }
}
