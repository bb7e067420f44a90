//! An archival package of a batch's results: a BagIt bag (RFC 8493).
//!
//! `data/tei/` holds each TEI file as encoded, `data/text/` its source text,
//! `data/meta/` its metadata: a Dublin Core record (`NAME.dc.xml`, from the
//! TEI header) and the metadata file it was encoded with (when it had one). The source is copied
//! from the corpus folder when it is given (`--sources`), else regenerated
//! from the TEI (the encoding keeps every byte); either way its SHA-256 must
//! be the one the TEI header records, or the bag is not made. The bag is
//! built beside its target under a hidden name and renamed when complete.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::Metadata;
use tei_rng::sha256_hex;

/// What goes into a bag besides the TEI.
#[derive(Debug, Clone, Default)]
pub struct BagOptions {
    /// The corpus folder the TEI was encoded from (sources and sidecars).
    pub sources: Option<PathBuf>,
    /// Collection metadata: `encoding.publisher` → Source-Organization,
    /// `title` → External-Description, `encoding.encoder` → Contact-Name.
    pub meta: Option<Metadata>,
    /// Bagging-Date (YYYY-MM-DD).
    pub date: String,
}

/// What a bag holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BagSummary {
    /// TEI documents in the payload.
    pub documents: usize,
    /// Files in the payload (TEI, sources, metadata).
    pub payload_files: usize,
    /// Bytes of the payload.
    pub payload_bytes: u64,
}

/// The software agent written into `bag-info.txt`.
pub(crate) fn software_agent() -> String {
    format!("tei-encoder {}", env!("CARGO_PKG_VERSION"))
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `*.tei.xml` files below `dir` (not hidden), relative, in name order.
pub(crate) fn tei_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
        for e in std::fs::read_dir(d).map_err(io_err(d))? {
            let e = e.map_err(io_err(d))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let p = e.path();
            if e.file_type().map_err(io_err(&p))?.is_dir() {
                walk(base, &p, out)?;
            } else if name.ends_with(".tei.xml") {
                out.push(p.strip_prefix(base).unwrap_or(&p).to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The header facts a bag needs from one TEI file.
struct HeaderFacts {
    sha256: Option<String>,
    publisher: Option<String>,
}

fn header_facts(xml: &str) -> Result<HeaderFacts, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| e.to_string())?;
    let text = |n: roxmltree::Node| -> String {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect::<String>()
            .trim()
            .to_string()
    };
    let sha256 = doc
        .descendants()
        .find(|n| n.has_tag_name("idno") && n.attribute("type") == Some("sha256"))
        .map(text);
    let publisher = doc
        .descendants()
        .find(|n| n.has_tag_name("publicationStmt"))
        .and_then(|p| p.children().find(|n| n.has_tag_name("publisher")))
        .map(text)
        .filter(|s| !s.is_empty());
    Ok(HeaderFacts { sha256, publisher })
}

/// A simple Dublin Core record (OAI-DC) of a document, from its TEI header:
/// the descriptive metadata an archive indexes without reading TEI.
pub(crate) fn dublin_core(xml: &str) -> Result<String, String> {
    use crate::tei::xml::escape_text;
    let doc = roxmltree::Document::parse(xml).map_err(|e| e.to_string())?;
    let header = doc
        .descendants()
        .find(|n| n.has_tag_name("teiHeader"))
        .ok_or("no teiHeader")?;
    let text = |n: roxmltree::Node| -> String {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let find = |parent: &str, child: &str, typ: Option<&str>| -> Vec<String> {
        header
            .descendants()
            .filter(|n| n.has_tag_name(parent))
            .flat_map(|p| p.children().filter(|c| c.has_tag_name(child)))
            .filter(|c| typ.is_none_or(|t| c.attribute("type") == Some(t)))
            .map(text)
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    for t in find("titleStmt", "title", Some("main")) {
        fields.push(("title", t));
    }
    for a in find("titleStmt", "author", None) {
        fields.push(("creator", a));
    }
    let created = header
        .descendants()
        .find(|n| n.has_tag_name("creation"))
        .and_then(|c| c.descendants().find(|n| n.has_tag_name("date")))
        .and_then(|d| d.attribute("when"));
    if let Some(d) = created {
        fields.push(("date", d.to_string()));
    }
    for p in find("publicationStmt", "publisher", None) {
        fields.push(("publisher", p));
    }
    for l in header.descendants().filter(|n| n.has_tag_name("language")) {
        if let Some(tag) = l.attribute("ident") {
            fields.push(("language", tag.to_string()));
        }
    }
    for t in find("keywords", "term", None) {
        fields.push(("subject", t));
    }
    for r in find("availability", "licence", None) {
        fields.push(("rights", r));
    }
    fields.push(("type", "Text".into()));
    fields.push(("format", "application/tei+xml".into()));
    for f in find("bibl", "title", Some("file")) {
        fields.push(("source", f));
    }
    for i in header
        .descendants()
        .filter(|n| n.has_tag_name("idno") && n.attribute("type") == Some("sha256"))
    {
        fields.push(("identifier", format!("sha256:{}", text(i))));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
    );
    for (k, v) in fields {
        out.push_str(&format!("  <dc:{k}>{}</dc:{k}>\n", escape_text(&v)));
    }
    out.push_str("</oai_dc:dc>\n");
    Ok(out)
}

/// `sub/a.tei.xml` → `sub/a` (the stem the source and metadata share).
fn stem(rel: &Path) -> PathBuf {
    let s = rel.to_string_lossy();
    PathBuf::from(s.strip_suffix(".tei.xml").unwrap_or(&s))
}

fn with_suffix(stem: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", stem.display()))
}

/// A path as a manifest line writes it: `/` separators; CR, LF and `%`
/// percent-encoded (RFC 8493, 2.1.3).
fn manifest_path(p: &Path) -> String {
    let s: Vec<String> = p
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    s.join("/")
        .replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

struct BagWriter {
    root: PathBuf,
    payload: Vec<(String, String, u64)>,
}

impl BagWriter {
    fn put(&mut self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        let path = self.root.join("data").join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        std::fs::write(&path, bytes).map_err(io_err(&path))?;
        self.payload.push((
            sha256_hex(bytes),
            format!("data/{}", manifest_path(rel)),
            bytes.len() as u64,
        ));
        Ok(())
    }

    fn tag(&self, name: &str, text: &str) -> Result<String, Error> {
        let path = self.root.join(name);
        std::fs::write(&path, text).map_err(io_err(&path))?;
        Ok(format!("{}  {name}\n", sha256_hex(text.as_bytes())))
    }
}

/// Writes a bag of the TEI files below `out` at `bag` (which must not exist).
pub fn write_bag(out: &Path, bag: &Path, opts: &BagOptions) -> Result<BagSummary, Error> {
    if bag.exists() {
        return Err(Error::Usage(format!(
            "{}: already exists; a bag is written to a new folder",
            bag.display()
        )));
    }
    let files = tei_files(out)?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no .tei.xml files to package",
            out.display()
        )));
    }
    let name = bag
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Usage(format!("{}: not a folder name", bag.display())))?;
    let tmp = bag.with_file_name(format!(".{name}.tei-encoder-tmp"));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    }
    std::fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
    let result = fill_bag(out, &files, &tmp, opts);
    match result {
        Ok(summary) => {
            std::fs::rename(&tmp, bag).map_err(io_err(bag))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

fn fill_bag(
    out: &Path,
    files: &[PathBuf],
    root: &Path,
    opts: &BagOptions,
) -> Result<BagSummary, Error> {
    let mut w = BagWriter {
        root: root.to_path_buf(),
        payload: Vec::new(),
    };
    let mut first_publisher = None;
    for rel in files {
        let path = out.join(rel);
        let xml = std::fs::read_to_string(&path).map_err(io_err(&path))?;
        let bad = |message: String| Error::Tei {
            path: path.clone(),
            message,
        };
        let facts = header_facts(&xml).map_err(bad)?;
        if first_publisher.is_none() {
            first_publisher = facts.publisher.clone();
        }
        let stem = stem(rel);
        let copied = opts
            .sources
            .as_ref()
            .map(|d| d.join(with_suffix(&stem, ".txt")))
            .filter(|p| p.is_file());
        let text = match &copied {
            Some(p) => std::fs::read(p).map_err(io_err(p))?,
            None => crate::tei::reader::diplomatic_text(&xml)
                .map_err(bad)?
                .into_bytes(),
        };
        let sha = sha256_hex(&text);
        if facts.sha256.as_deref() != Some(sha.as_str()) {
            return Err(bad(format!(
                "its source ({}) has SHA-256 {sha}, the header records {}: not packaged",
                match &copied {
                    Some(p) => p.display().to_string(),
                    None => "regenerated from the TEI".into(),
                },
                facts.sha256.as_deref().unwrap_or("none")
            )));
        }
        w.put(&Path::new("tei").join(rel), xml.as_bytes())?;
        w.put(&Path::new("text").join(with_suffix(&stem, ".txt")), &text)?;
        let dc = dublin_core(&xml).map_err(bad)?;
        w.put(
            &Path::new("meta").join(with_suffix(&stem, ".dc.xml")),
            dc.as_bytes(),
        )?;
        if let Some(meta) = opts
            .sources
            .as_ref()
            .map(|d| d.join(with_suffix(&stem, ".meta.toml")))
            .filter(|p| p.is_file())
        {
            let bytes = std::fs::read(&meta).map_err(io_err(&meta))?;
            w.put(
                &Path::new("meta").join(with_suffix(&stem, ".meta.toml")),
                &bytes,
            )?;
        }
    }
    w.payload.sort_by(|a, b| a.1.cmp(&b.1));
    let mut manifest = String::new();
    let mut octets = 0u64;
    for (hash, p, size) in &w.payload {
        let _ = writeln!(manifest, "{hash}  {p}");
        octets += size;
    }
    let meta = opts.meta.clone().unwrap_or_default();
    let mut info = String::new();
    let organisation = meta
        .encoding
        .publisher
        .clone()
        .or(first_publisher)
        .unwrap_or_else(|| "unknown".into());
    let _ = writeln!(info, "Source-Organization: {}", one_line(&organisation));
    if let Some(c) = &meta.encoding.encoder {
        let _ = writeln!(info, "Contact-Name: {}", one_line(c));
    }
    let _ = writeln!(
        info,
        "External-Description: {}",
        one_line(&meta.title.clone().unwrap_or_else(|| format!(
            "{} TEI P5 documents encoded from raw OCR text by tei-encoder, with their source texts and metadata",
            files.len()
        )))
    );
    if let Some(l) = &meta.encoding.licence {
        let _ = writeln!(info, "Rights: {}", one_line(l));
    }
    let _ = writeln!(info, "Bagging-Date: {}", opts.date);
    let _ = writeln!(info, "Payload-Oxum: {octets}.{}", w.payload.len());
    let _ = writeln!(info, "Bag-Software-Agent: {}", software_agent());
    let mut tags = String::new();
    tags.push_str(&w.tag(
        "bagit.txt",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
    )?);
    tags.push_str(&w.tag("bag-info.txt", &info)?);
    tags.push_str(&w.tag("manifest-sha256.txt", &manifest)?);
    let tm = root.join("tagmanifest-sha256.txt");
    std::fs::write(&tm, tags).map_err(io_err(&tm))?;
    Ok(BagSummary {
        documents: files.len(),
        payload_files: w.payload.len(),
        payload_bytes: octets,
    })
}

/// A bag-info value on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_escape_line_ends_and_percent() {
        assert_eq!(manifest_path(Path::new("a/b 100%.txt")), "a/b 100%25.txt");
        assert_eq!(manifest_path(Path::new("x\ny")), "x%0Ay");
    }

    #[test]
    fn stems_drop_the_tei_suffix() {
        assert_eq!(stem(Path::new("sub/a.tei.xml")), PathBuf::from("sub/a"));
    }
}
