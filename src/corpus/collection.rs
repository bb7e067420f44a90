//! `teiCorpus`: one file that holds a collection header and every document
//! of a batch, embedded (not by XInclude: jing, and most TEI tools, do not
//! resolve XInclude, and the file must validate against tei_all as it is).
//!
//! Each document's `TEI` element is copied byte for byte but for its start
//! tags: its `xml:id`s get a prefix of their own (`doc3-p-L1`), and the
//! pointers (`#p-L1`) to them follow, so identifiers stay unique across
//! the corpus; the `TEI` element gets `xml:id="doc3"`. The header's counts
//! are read from the documents themselves, so documents skipped as up to
//! date count as much as the ones encoded in this run. The file is written
//! streaming, to a temporary file renamed when complete.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::report::{Status, Summary};
use super::run::Encoder;
use crate::error::Error;
use crate::model::Metadata;
use crate::tei::xml::{escape_attr, escape_text};

/// What the collection header says of one document, read from its TEI.
#[derive(Debug, Clone, Default)]
pub(crate) struct Member {
    /// The TEI file, relative to the corpus file.
    pub(crate) href: String,
    pub(crate) source_name: Option<String>,
    pub(crate) sha256: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) pages: usize,
    pub(crate) divisions: usize,
    pub(crate) corrections: usize,
    pub(crate) names: BTreeMap<&'static str, usize>,
    ids: HashSet<String>,
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn xml_err(path: &Path) -> impl Fn(quick_xml::Error) -> Error + '_ {
    move |e| Error::Tei {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// First pass over a document: its identifiers, header facts and counts.
fn survey(xml: &str, path: &Path) -> Result<Member, Error> {
    let mut m = Member::default();
    let mut reader = Reader::from_str(xml);
    let mut in_text = 0usize;
    let mut capture: Option<&'static str> = None;
    let mut captured = String::new();
    loop {
        let ev = reader.read_event().map_err(xml_err(path))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                if let Some(id) = attr(e, b"xml:id") {
                    m.ids.insert(id);
                }
                let name = local(e.name().as_ref()).to_vec();
                let is_start = matches!(ev, Event::Start(_));
                if name == b"text" && is_start {
                    in_text += 1;
                }
                if in_text > 0 {
                    match name.as_slice() {
                        b"pb" => m.pages += 1,
                        b"div" => m.divisions += 1,
                        b"corr" => m.corrections += 1,
                        b"persName" => *m.names.entry("person").or_default() += 1,
                        b"orgName" | b"placeName" => {
                            let kind = if attr(e, b"type").as_deref() == Some("state") {
                                "state"
                            } else if name == b"orgName" {
                                "org"
                            } else {
                                "place"
                            };
                            *m.names.entry(kind).or_default() += 1;
                        }
                        _ => {}
                    }
                } else if is_start {
                    let want = match name.as_slice() {
                        b"title"
                            if attr(e, b"type").as_deref() == Some("main") && m.title.is_none() =>
                        {
                            Some("title")
                        }
                        b"title"
                            if attr(e, b"type").as_deref() == Some("file")
                                && m.source_name.is_none() =>
                        {
                            Some("file")
                        }
                        b"idno"
                            if attr(e, b"type").as_deref() == Some("sha256")
                                && m.sha256.is_none() =>
                        {
                            Some("sha256")
                        }
                        _ => None,
                    };
                    if want.is_some() {
                        capture = want;
                        captured.clear();
                    }
                }
            }
            Event::Text(t) if capture.is_some() => {
                captured.push_str(&String::from_utf8_lossy(t.as_ref()));
            }
            Event::GeneralRef(r) if capture.is_some() => {
                captured.push('&');
                captured.push_str(&String::from_utf8_lossy(r.as_ref()));
                captured.push(';');
            }
            Event::End(e) => {
                let name = local(e.name().as_ref()).to_vec();
                if name == b"text" {
                    in_text = in_text.saturating_sub(1);
                }
                if let Some(what) = capture.take() {
                    // Still escaped, as it will be written.
                    let value = Some(captured.trim().to_string());
                    match what {
                        "title" => m.title = value,
                        "file" => m.source_name = value,
                        _ => m.sha256 = value,
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(m)
}

/// A start tag again, its identifiers prefixed and its pointers to them too.
fn rewrite_start(
    out: &mut Vec<u8>,
    e: &BytesStart,
    ids: &HashSet<String>,
    prefix: &str,
    root_id: Option<&str>,
) {
    out.push(b'<');
    out.extend_from_slice(e.name().as_ref());
    if let Some(id) = root_id {
        out.extend_from_slice(format!(" xml:id=\"{id}\"").as_bytes());
    }
    for a in e.attributes().with_checks(false).flatten() {
        out.push(b' ');
        out.extend_from_slice(a.key.as_ref());
        out.extend_from_slice(b"=\"");
        let value = String::from_utf8_lossy(&a.value);
        if a.key.as_ref() == b"xml:id" {
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(value.as_bytes());
        } else if value.contains('#') {
            let mut first = true;
            for token in value.split(' ') {
                if !first {
                    out.push(b' ');
                }
                first = false;
                match token.strip_prefix('#') {
                    Some(id) if ids.contains(id) => {
                        out.push(b'#');
                        out.extend_from_slice(prefix.as_bytes());
                        out.extend_from_slice(id.as_bytes());
                    }
                    _ => out.extend_from_slice(token.as_bytes()),
                }
            }
        } else {
            out.extend_from_slice(&a.value);
        }
        out.push(b'"');
    }
}

/// The document's `TEI` element with identifiers made unique (second pass).
fn embed(xml: &str, path: &Path, m: &Member, doc_id: &str) -> Result<Vec<u8>, Error> {
    let prefix = format!("{doc_id}-");
    let mut out = Vec::with_capacity(xml.len() + xml.len() / 16);
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let start = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(xml_err(path))?;
        let end = reader.buffer_position() as usize;
        match &ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let root_id = (depth == 0).then_some(doc_id);
                if root_id.is_some() && attr(e, b"xml:id").is_some() {
                    return Err(Error::Tei {
                        path: path.to_path_buf(),
                        message: "the TEI element has an xml:id of its own".into(),
                    });
                }
                rewrite_start(&mut out, e, &m.ids, &prefix, root_id);
                if matches!(ev, Event::Start(_)) {
                    out.push(b'>');
                    depth += 1;
                } else {
                    out.extend_from_slice(b"/>");
                }
            }
            Event::End(_) => {
                out.extend_from_slice(&xml.as_bytes()[start..end]);
                depth = depth.saturating_sub(1);
            }
            // Declaration, processing instructions and white space outside
            // the TEI element are not carried into the corpus.
            _ if depth == 0 => {}
            _ => out.extend_from_slice(&xml.as_bytes()[start..end]),
        }
    }
    Ok(out)
}

/// Writes the `teiCorpus` of the documents a run encoded (or found up to
/// date) to `path`: the header from `meta` and the documents' own counts.
pub fn write_corpus_file(
    path: &Path,
    summary: &Summary,
    meta: &Metadata,
    encoder: &Encoder,
) -> Result<(), Error> {
    let date = crate::pipeline::resolve_date(encoder.run_options().date.as_deref(), meta)?;
    let docs: Vec<PathBuf> = summary
        .reports
        .iter()
        .filter(|r| matches!(r.status, Status::Encoded | Status::Skipped))
        .map(|r| r.output.clone())
        .collect();
    write_corpus(path, &docs, meta, &date)
}

/// Writes a `teiCorpus` of the TEI files `docs` at `path`.
pub(crate) fn write_corpus(
    path: &Path,
    docs: &[PathBuf],
    meta: &Metadata,
    date: &str,
) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let base = path.parent().unwrap_or(Path::new(""));
    let mut members = Vec::with_capacity(docs.len());
    for d in docs {
        let xml = std::fs::read_to_string(d).map_err(|source| Error::Io {
            path: d.clone(),
            source,
        })?;
        let mut m = survey(&xml, d)?;
        m.href = d
            .strip_prefix(base)
            .unwrap_or(d)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        members.push(m);
    }
    // A device or FIFO is written in place; a file through a temporary one.
    let special = super::io::is_special(path);
    let tmp = if special {
        path.to_path_buf()
    } else {
        super::io::temp_path(path)
    };
    if !special {
        let _ = std::fs::remove_file(&tmp);
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(!special)
        .open(&tmp)
        .map_err(io)?;
    let mut w = std::io::BufWriter::new(file);
    let result = (|| -> Result<(), Error> {
        w.write_all(header(&members, meta, date).as_bytes())
            .map_err(io)?;
        for (i, (d, m)) in docs.iter().zip(&members).enumerate() {
            let xml = std::fs::read_to_string(d).map_err(|source| Error::Io {
                path: d.clone(),
                source,
            })?;
            w.write_all(b"  ").map_err(io)?;
            w.write_all(&embed(&xml, d, m, &format!("doc{}", i + 1))?)
                .map_err(io)?;
            w.write_all(b"\n").map_err(io)?;
        }
        w.write_all(b"</teiCorpus>\n").map_err(io)?;
        w.flush().map_err(io)?;
        Ok(())
    })();
    drop(w);
    if special {
        return result;
    }
    match result.and_then(|()| std::fs::rename(&tmp, path).map_err(io)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The XML declaration, the schema instruction, the `teiCorpus` start tag
/// and the collection's `teiHeader`.
fn header(members: &[Member], meta: &Metadata, date: &str) -> String {
    let t = |s: &str| escape_text(s);
    let mut pages = 0;
    let mut divisions = 0;
    let mut corrections = 0;
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        pages += m.pages;
        divisions += m.divisions;
        corrections += m.corrections;
        for (k, n) in &m.names {
            *names.entry(k).or_default() += n;
        }
    }
    let names_total: usize = names.values().sum();
    let title = meta.title.clone().unwrap_or_else(|| {
        format!(
            "A corpus of {} documents encoded from raw OCR text",
            members.len()
        )
    });
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<?xml-model href=\"{}\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n",
        crate::tei::TEI_ALL_URL
    ));
    x.push_str(&format!(
        "<teiCorpus xmlns=\"{}\" xml:lang=\"{}\">\n",
        crate::tei::TEI_NS,
        escape_attr(if meta.language.tag.is_empty() {
            "en"
        } else {
            &meta.language.tag
        })
    ));
    x.push_str("  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n");
    x.push_str(&format!(
        "        <title type=\"main\">{}</title>\n",
        t(&title)
    ));
    if let Some(s) = &meta.subtitle {
        x.push_str(&format!("        <title type=\"sub\">{}</title>\n", t(s)));
    }
    if let Some(e) = &meta.encoding.encoder {
        x.push_str(&format!(
            "        <respStmt><resp>Encoded by</resp><name>{}</name></respStmt>\n",
            t(e)
        ));
    }
    x.push_str("      </titleStmt>\n      <extent>\n");
    let measure = |x: &mut String, unit: &str, n: usize, what: &str| {
        x.push_str(&format!(
            "        <measure unit=\"{unit}\" quantity=\"{n}\">{n} {what}</measure>\n"
        ));
    };
    measure(&mut x, "documents", members.len(), "documents");
    measure(&mut x, "pages", pages, "page breaks");
    measure(&mut x, "divisions", divisions, "divisions");
    measure(&mut x, "corrections", corrections, "OCR corrections");
    measure(&mut x, "names", names_total, "name mentions");
    for (k, n) in &names {
        measure(
            &mut x,
            &format!("names-{k}"),
            *n,
            &format!("{k} name mentions"),
        );
    }
    x.push_str("      </extent>\n      <publicationStmt>\n");
    match &meta.encoding.publisher {
        Some(p) => x.push_str(&format!("        <publisher>{}</publisher>\n", t(p))),
        None => x.push_str(&format!(
            "        <publisher>{}</publisher>\n",
            t(meta.encoding.project.as_deref().unwrap_or("Unpublished"))
        )),
    }
    if let Some(l) = &meta.encoding.licence {
        x.push_str("        <availability><licence");
        if let Some(u) = &meta.encoding.licence_url {
            x.push_str(&format!(" target=\"{}\"", escape_attr(u)));
        }
        x.push_str(&format!(">{}</licence></availability>\n", t(l)));
    }
    x.push_str(&format!(
        "        <date when=\"{}\">{}</date>\n",
        escape_attr(date),
        t(date)
    ));
    x.push_str("      </publicationStmt>\n      <sourceDesc>\n        <listBibl>\n");
    for (i, m) in members.iter().enumerate() {
        x.push_str("          <bibl>");
        if let Some(title) = &m.title {
            // Captured still escaped.
            x.push_str(&format!("<title type=\"main\">{title}</title>"));
        }
        if let Some(f) = &m.source_name {
            x.push_str(&format!("<title type=\"file\">{f}</title>"));
        }
        if let Some(s) = &m.sha256 {
            x.push_str(&format!("<idno type=\"sha256\">{s}</idno>"));
        }
        x.push_str(&format!(
            "<ref target=\"#doc{}\">{}</ref></bibl>\n",
            i + 1,
            t(&m.href)
        ));
    }
    x.push_str("        </listBibl>\n      </sourceDesc>\n    </fileDesc>\n");
    x.push_str("    <encodingDesc>\n      <projectDesc>\n        <p>");
    x.push_str(&t(&format!(
        "{} documents encoded from raw OCR text by {} {}, each embedded below as it was written to its own file, its identifiers prefixed with docN- to keep them unique in this corpus.",
        members.len(),
        crate::tei::header::TOOL,
        crate::tei::header::VERSION
    )));
    x.push_str("</p>\n      </projectDesc>\n      <appInfo>\n");
    x.push_str(&format!(
        "        <application ident=\"{}\" version=\"{}\"><label>{}</label></application>\n",
        crate::tei::header::TOOL,
        crate::tei::header::VERSION,
        crate::tei::header::TOOL
    ));
    x.push_str("      </appInfo>\n    </encodingDesc>\n  </teiHeader>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_pointers_get_the_document_prefix() {
        let xml = "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><p xml:id=\"a\"><name ref=\"#a #x http://e/#a\">A &amp; B</name></p></text></TEI>\n";
        let m = survey(xml, Path::new("t.xml")).unwrap();
        let out = String::from_utf8(embed(xml, Path::new("t.xml"), &m, "doc2").unwrap()).unwrap();
        assert_eq!(
            out,
            "<TEI xml:id=\"doc2\" xmlns=\"http://www.tei-c.org/ns/1.0\"><text><p xml:id=\"doc2-a\"><name ref=\"#doc2-a #x http://e/#a\">A &amp; B</name></p></text></TEI>"
        );
    }
}
