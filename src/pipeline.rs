//! The encoding pipeline: source → structure → cleaning → names → TEI.
#![warn(missing_docs, unreachable_pub)]

use std::path::PathBuf;

use crate::clean::confusion::ConfusionModel;
use crate::clean::lexicon::{self, Lexicon};
use crate::clean::{self, CleanConfig, corrections_report};
use crate::error::{Error, Result};
use crate::model::{Certainty, Document, EditLog, Inline, SourceText};
use crate::model::{Metadata, is_iso_date};
use crate::names::{NamesConfig, tag_names};
use crate::structure::{self, StructureConfig};
use crate::tei::{WriteOptions, write_tei};

/// Everything a run of the encoder can be told.
#[derive(Debug, Clone, Default)]
pub struct EncodeOptions {
    /// Encoding date (`YYYY-MM-DD`); see [`resolve_date`].
    pub date: String,
    /// The structure pass: headings, pages, furniture.
    pub structure: StructureConfig,
    /// Cleaning passes (joins, OCR repair); `None` leaves the text as structured.
    pub clean: Option<CleanConfig>,
    /// The name pass: gazetteer and rules.
    pub names: NamesConfig,
    /// How the TEI is written (schema reference, standoff form).
    pub write: WriteOptions,
}

/// The files the passes read besides the document, and the cleaning
/// switches: what [`EncodeOptions::load`] loads (the command line's
/// `--lexicon`, `--words`, `--confusions`, `--phrases`, `--gazetteer`,
/// `--no-corrections` and `--min-cert`).
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// The word list; `None` is [`lexicon::DEFAULT_LEXICON_PATH`].
    pub lexicon: Option<PathBuf>,
    /// Extra word lists, one word a line, added to the lexicon.
    pub words: Vec<PathBuf>,
    /// A confusion model replacing the built-in one.
    pub confusions: Option<PathBuf>,
    /// Phrase lists added to the built-in collocations.
    pub phrases: Vec<PathBuf>,
    /// Gazetteer files added to the embedded gazetteer.
    pub gazetteer: Vec<PathBuf>,
    /// No OCR corrections (line-end joins only).
    pub no_corrections: bool,
    /// The least certainty a correction needs to be made; `None` is the default.
    pub min_cert: Option<Certainty>,
}

impl EncodeOptions {
    /// Loads every resource the passes need (word lists through their cache,
    /// confusion model, phrases, gazetteer and its form index) and writes
    /// with `write`. The lexicon loads on a second thread while the
    /// gazetteer is decoded: start-up is the longer of the two, not their
    /// sum. The gazetteer's thousands of small allocations stay on the main
    /// thread: a second thread's heap grows a page at a time, one system
    /// call each (some 270 of them, measured with `strace -c`).
    pub fn load(resources: &Resources, write: WriteOptions) -> Result<EncodeOptions> {
        let (names, clean) = std::thread::scope(|s| {
            let clean = s.spawn(|| clean_config(resources));
            let names = NamesConfig::with_files(&resources.gazetteer);
            let clean = clean
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (names, clean)
        });
        Ok(EncodeOptions {
            names: names?,
            write,
            clean: Some(clean?),
            // Not `..EncodeOptions::default()`: that would build (and drop) a
            // second gazetteer and form index.
            date: String::new(),
            structure: StructureConfig::default(),
        })
    }
}

/// Loads what the cleaning passes need, as the resources say.
fn clean_config(resources: &Resources) -> Result<CleanConfig> {
    let path = resources
        .lexicon
        .clone()
        .unwrap_or_else(|| PathBuf::from(lexicon::DEFAULT_LEXICON_PATH));
    let mut lex = Lexicon::load_default_cached(&path, lexicon::cache::default_dir().as_deref())?;
    for w in &resources.words {
        lex.add_word_file(w)?;
    }
    let mut cfg = CleanConfig::new(lex);
    cfg.corrections = !resources.no_corrections;
    if let Some(c) = resources.min_cert {
        cfg.min_cert = c;
    }
    if let Some(p) = &resources.confusions {
        cfg.confusions = ConfusionModel::from_path(p)?;
    }
    if !resources.phrases.is_empty() {
        let mut phrases = crate::clean::context::Collocations::builtin();
        for p in &resources.phrases {
            let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            phrases.add_text(&text);
        }
        cfg.collocations = std::sync::Arc::new(phrases);
    }
    Ok(cfg)
}

/// What a run did, for `--report`: the header's summary line, then the
/// cleaning passes' counts, one line each.
pub fn report(log: &EditLog) -> String {
    format!(
        "{}\n{}",
        crate::tei::header::summary(log),
        corrections_report(log)
    )
}

/// Picks the encoding date: `--date`, else `SOURCE_DATE_EPOCH`, else the
/// metadata's `encoding.date`, else today (UTC).
pub fn resolve_date(cli: Option<&str>, meta: &Metadata) -> Result<String> {
    if let Some(d) = cli {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() || !is_iso_date(d) {
            return Err(Error::Usage(format!(
                "--date {d:?} is not a calendar date YYYY-MM-DD"
            )));
        }
        return Ok(d.to_string());
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH={epoch:?} is not a number of seconds"
            ))
        })?;
        let dt = chrono::DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| Error::Usage(format!("SOURCE_DATE_EPOCH={epoch} is out of range")))?;
        return Ok(dt.format("%Y-%m-%d").to_string());
    }
    if let Some(d) = &meta.encoding.date {
        return Ok(d.clone());
    }
    Ok(chrono::Utc::now().format("%Y-%m-%d").to_string())
}

/// Runs the passes over a source and returns the encoded document model.
pub fn encode(source: SourceText, meta: Metadata, opts: &EncodeOptions) -> Result<Document> {
    let s = structure::structure(&source, &opts.structure);
    let mut doc = Document {
        source,
        meta,
        front: s.front,
        title_page: s.title_page,
        body: s.body,
        standoff: Default::default(),
        log: EditLog::default(),
        date: opts.date.clone(),
    };
    // Headings that open divisions (the title is not one of them).
    let mut headings = [0usize; 2];
    for d in doc.divisions().iter().filter(|d| d.head.is_some()) {
        headings[usize::from(d.level.clamp(1, 2)) - 1] += 1;
    }
    doc.log.headings = headings;
    // Names are found on the cleaned reading text.
    if let Some(cfg) = &opts.clean {
        clean::clean(&mut doc, cfg)?;
    }
    tag_names(&mut doc, &opts.names)?;
    count_layout(&mut doc);
    Ok(doc)
}

/// Records page breaks and control characters in the edit log.
fn count_layout(doc: &mut Document) {
    let mut log = std::mem::take(&mut doc.log);
    for b in doc.blocks() {
        crate::model::visit_inlines(&b.content, &mut |n| match n {
            Inline::PageBreak(pb) => {
                log.page_breaks += 1;
                match (&pb.n, pb.inferred) {
                    (Some(_), false) => log.page_numbers_printed += 1,
                    (Some(_), true) => log.page_numbers_inferred += 1,
                    _ => {}
                }
            }
            Inline::Control(_) => log.control_chars += 1,
            _ => {}
        });
    }
    doc.log = log;
}

/// Encodes and serialises in one step.
pub fn encode_to_tei(source: SourceText, meta: Metadata, opts: &EncodeOptions) -> Result<String> {
    let doc = encode(source, meta, opts)?;
    Ok(write_tei(&doc, &opts.write))
}
