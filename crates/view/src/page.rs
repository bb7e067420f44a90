//! The viewer page: a template with its CSS and script, the TEI, and
//! CETEIcean, put together so that the page needs nothing from the network.

use roxmltree::Document;

use super::ceteicean::Ceteicean;
use crate::TEI_NS;

const TEMPLATE: &str = include_str!("assets/page.html");
const CSS: &str = include_str!("assets/viewer.css");
const APP: &str = include_str!("assets/viewer.js");

/// Where the page gets its TEI.
#[derive(Debug, Clone)]
pub enum PageSource<'a> {
    /// The TEI itself, embedded in the page (works from `file://`).
    Embedded(&'a str),
    /// A URL the page fetches the TEI from (the usual CETEIcean set-up).
    Fetch(&'a str),
}

/// Where the page gets CETEIcean.
#[derive(Debug, Clone)]
pub enum ScriptSource<'a> {
    /// The script text, embedded in the page.
    Embedded(&'a Ceteicean),
    /// A URL of the script, with the version to credit.
    Link {
        /// Where the browser loads the script from.
        url: &'a str,
        /// The CETEIcean version the page credits.
        version: &'a str,
    },
}

/// What the page needs to know of a TEI document before the browser sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeiFacts {
    /// The main title from `titleStmt`, else the first `title`.
    pub title: String,
    /// `xml:lang` of the root, else `en`.
    pub lang: String,
}

impl TeiFacts {
    /// Reads the facts, and checks that the text is XML with a TEI root.
    pub fn read(xml: &str) -> Result<Self, String> {
        let doc = Document::parse(xml).map_err(|e| format!("not well-formed XML: {e}"))?;
        let root = doc.root_element();
        if root.tag_name().name() != "TEI" || root.tag_name().namespace() != Some(TEI_NS) {
            return Err(format!(
                "the root element is <{}>, not <TEI> in the TEI namespace ({TEI_NS})",
                root.tag_name().name()
            ));
        }
        let is_tei = |n: &roxmltree::Node, name: &str| {
            n.is_element()
                && n.tag_name().name() == name
                && n.tag_name().namespace() == Some(TEI_NS)
        };
        let title_stmt = root.descendants().find(|n| is_tei(n, "titleStmt"));
        let titles: Vec<_> = title_stmt
            .map(|t| t.children().filter(|n| is_tei(n, "title")).collect())
            .unwrap_or_default();
        let title = titles
            .iter()
            .find(|t| t.attribute("type") == Some("main"))
            .or(titles.first())
            .map(|t| {
                let text: String = t
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                fold(&text)
            })
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "TEI document".to_string());
        let lang = root
            .attribute((roxmltree::NS_XML_URI, "lang"))
            .unwrap_or("en")
            .to_string();
        Ok(TeiFacts { title, lang })
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole HTML page.
pub fn render_page(facts: &TeiFacts, tei: PageSource, cetei: ScriptSource) -> String {
    let config = match tei {
        PageSource::Embedded(xml) => format!("{{\"tei\":{}}}", json_string(xml)),
        PageSource::Fetch(url) => format!("{{\"url\":{}}}", json_string(url)),
    };
    let (cetei_element, cetei_version) = match cetei {
        ScriptSource::Embedded(c) => (
            format!(
                "<script>\n/* CETEIcean {}, https://github.com/TEIC/CETEIcean, BSD-2-Clause licence, \
                 copyright Hugh Cayless and Raffaele Viglianti. */\n{}\n</script>",
                escape_script(&c.version),
                escape_script(&c.script)
            ),
            c.version.as_str(),
        ),
        ScriptSource::Link { url, version } => (
            format!("<script src=\"{}\"></script>", escape_html(url)),
            version,
        ),
    };
    fill_template(TEMPLATE, |name| match name {
        "LANG" => Some(escape_html(&facts.lang)),
        "TITLE" => Some(escape_html(&facts.title)),
        "VERSION" => Some(env!("CARGO_PKG_VERSION").to_string()),
        "CETEI_VERSION" => Some(escape_html(cetei_version)),
        "CSS" => Some(CSS.replace("</style", "<\\/style")),
        "CETEI" => Some(cetei_element.clone()),
        "CONFIG" => Some(config.clone()),
        "APP" => Some(escape_script(APP)),
        _ => None,
    })
}

/// Replaces each `{{NAME}}` in the template, in one pass, so that inserted
/// text (a script, say) is never searched for placeholders itself.
fn fill_template(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after
            .find("}}")
            .and_then(|end| value(&after[..end]).map(|v| (end, v)))
        {
            Some((end, v)) => {
                out.push_str(&v);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A JSON string literal that is also safe inside an HTML `<script>`: no
/// `<`, `>` or `&` appear literally, so no `</script>` or `<!--` can.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8 + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Script text safe inside `<script>`: the sequences that end or confuse a
/// script element get their `<` written as `\x3C`, which means `<` in
/// JavaScript strings, templates and regular expressions alike.
fn escape_script(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let lower: String = tail
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("</script") || lower.starts_with("<!--") {
            out.push_str("\\x3C");
        } else {
            out.push('<');
        }
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// Text or attribute value escaped for HTML.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEI: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de"><teiHeader><fileDesc><titleStmt><title type="sub">Sub</title><title type="main">Main
  &amp; title</title></titleStmt></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"#;

    fn cetei() -> Ceteicean {
        Ceteicean {
            script: "var CETEI = 1; var s = \"</script>\"; // <!-- x".into(),
            version: "1.2.3".into(),
            path: "CETEI.js".into(),
        }
    }

    #[test]
    fn facts_take_the_main_title_and_language() {
        let f = TeiFacts::read(TEI).unwrap();
        assert_eq!(f.title, "Main & title");
        assert_eq!(f.lang, "de");
    }

    #[test]
    fn facts_reject_other_xml() {
        let e = TeiFacts::read("<html/>").unwrap_err();
        assert!(e.contains("<html>"), "{e}");
        assert!(TeiFacts::read("<TEI").unwrap_err().contains("well-formed"));
    }

    #[test]
    fn json_string_hides_markup_and_round_trips_escapes() {
        let s = json_string("a\"b\\c\n</script><!-- & \u{2028}\u{1}");
        assert_eq!(
            s,
            "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u0001\""
        );
    }

    #[test]
    fn script_escape_breaks_closing_tags_only() {
        assert_eq!(
            escape_script("a</SCRIPT>b<!--c<d"),
            "a\\x3C/SCRIPT>b\\x3C!--c<d"
        );
    }

    #[test]
    fn template_fills_each_placeholder_once_and_keeps_unknown_ones() {
        let out = fill_template("a{{X}}b{{Y}}c{{", |n| match n {
            "X" => Some("{{Y}}".into()),
            _ => None,
        });
        assert_eq!(out, "a{{Y}}b{{Y}}c{{");
    }

    #[test]
    fn embedded_page_carries_tei_and_script_without_raw_closing_tags() {
        let facts = TeiFacts::read(TEI).unwrap();
        let c = cetei();
        let html = render_page(
            &facts,
            PageSource::Embedded(TEI),
            ScriptSource::Embedded(&c),
        );
        assert!(html.contains("<title>Main &amp; title</title>"));
        assert!(html.contains("<html lang=\"de\">"));
        assert!(html.contains(&json_string(TEI)));
        assert!(html.contains("var CETEI = 1"));
        assert!(!html.contains("{{"), "a placeholder was left unfilled");
        // Every script element closes exactly where the page means it to.
        let opens = html.matches("<script").count();
        let closes = html.matches("</script>").count();
        assert_eq!(opens, closes);
        assert_eq!(opens, 3);
        assert!(
            !html.contains("<script src"),
            "an embedded page loads nothing"
        );
    }

    #[test]
    fn served_page_links_the_script_and_fetches_the_tei() {
        let facts = TeiFacts::read(TEI).unwrap();
        let html = render_page(
            &facts,
            PageSource::Fetch("/tei/a.tei.xml"),
            ScriptSource::Link {
                url: "/CETEI.js",
                version: "1.2.3",
            },
        );
        assert!(html.contains("<script src=\"/CETEI.js\"></script>"));
        assert!(html.contains("{\"url\":\"/tei/a.tei.xml\"}"));
        assert!(!html.contains("teiHeader"));
    }
}
