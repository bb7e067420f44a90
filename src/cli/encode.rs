//! `tei-encoder encode` and the default job.

use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::clean::confusion::ConfusionModel;
use crate::clean::lexicon::{self, Lexicon};
use crate::clean::{CleanConfig, corrections_report};
use crate::error::Error;
use crate::header::Metadata;
use crate::model::Certainty;
use crate::pipeline::{self, EncodeOptions};
use crate::read;
use crate::tei::{StateElement, WriteOptions, write_tei};

#[derive(Debug, Args)]
pub struct EncodeArgs {
    /// OCR text files (UTF-8) to encode, or directories of `*.txt` files (a
    /// corpus); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the TEI (`-` for standard output); one input only.
    /// Default: next to each input, `NAME.tei.xml` (standard output when
    /// reading standard input).
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write every output into this directory (created if missing); files
    /// found in an input directory keep their sub-directories.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Metadata file (TOML) with the bibliographic facts for the header, for
    /// every input. Without it, `NAME.meta.toml` beside an input is used if present.
    #[arg(long, value_name = "META.toml")]
    pub meta: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by `encode` and the default job.
#[derive(Debug, Clone, Args, Default)]
pub struct CommonArgs {
    /// Encoding date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, the metadata's
    /// encoding.date, or today). Fix it for byte-identical output.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// How states are tagged: `org` (orgName type="state") or `place` (placeName type="state").
    #[arg(long, value_enum, default_value_t = StateElement::Org)]
    pub states_as: StateElement,
    /// An extra gazetteer file (TOML: [[person]], [[org]], [[state]], [[place]],
    /// [rules]); repeatable. Added to the embedded gazetteer.
    #[arg(long, value_name = "GAZETTEER.toml")]
    pub gazetteer: Vec<PathBuf>,
    /// Print counts of what the passes did (headings, pages, joins, corrections, names).
    #[arg(long)]
    pub report: bool,
    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Make no OCR corrections (diplomatic text; line-end joins are still marked).
    #[arg(long)]
    pub no_corrections: bool,
    /// Make only corrections at least this certain: low, medium (default) or high.
    #[arg(long, value_name = "low|medium|high", value_parser = parse_cert)]
    pub min_cert: Option<Certainty>,
    /// Word list for the cleaning passes, one word a line
    /// [default: /usr/share/dict/british-english, Debian package wbritish].
    #[arg(long, value_name = "PATH")]
    pub lexicon: Option<PathBuf>,
    /// Extra words to accept (one a line); repeat for several files.
    #[arg(long = "words", value_name = "PATH")]
    pub words: Vec<PathBuf>,
    /// OCR confusion table (TOML, like data/lexicon/ocr-confusions.toml) instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    pub confusions: Option<PathBuf>,
    /// Extra common phrases (one a line, like data/lexicon/collocations-en.txt)
    /// that context corrections may restore; repeatable. Added to the built-in list.
    #[arg(long = "phrases", value_name = "PATH")]
    pub phrases: Vec<PathBuf>,
    /// The schema the output's <?xml-model?> names: `local` (tei-encoder.rng,
    /// written beside the output), `tei-all` (its URL; `tei-all=URL` for another) or `none`.
    #[arg(long, value_name = "local|tei-all|none", default_value = "local", value_parser = crate::tei::schema_ref::parse)]
    pub schema_ref: crate::tei::SchemaRef,
}

fn parse_cert(s: &str) -> Result<Certainty, String> {
    Certainty::parse(s).ok_or_else(|| format!("{s:?} is not one of low, medium, high"))
}

/// Loads what the cleaning passes need, as the options say.
fn clean_config(common: &CommonArgs) -> Result<CleanConfig, Error> {
    let path = common
        .lexicon
        .clone()
        .unwrap_or_else(|| PathBuf::from(lexicon::DEFAULT_LEXICON_PATH));
    let mut lex = Lexicon::load_default(&path)?;
    for w in &common.words {
        lex.add_word_file(w)?;
    }
    let mut cfg = CleanConfig::new(lex);
    cfg.corrections = !common.no_corrections;
    if let Some(c) = common.min_cert {
        cfg.min_cert = c;
    }
    if let Some(p) = &common.confusions {
        cfg.confusions = ConfusionModel::from_path(p)?;
    }
    if !common.phrases.is_empty() {
        let mut phrases = crate::clean::context::Collocations::builtin();
        for p in &common.phrases {
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

/// The default job: the embedded pamphlet to `output/`.
pub fn run_default() -> anyhow::Result<ExitCode> {
    let source = read::read_bytes(
        pipeline::DEFAULT_NAME,
        Path::new(pipeline::DEFAULT_NAME),
        pipeline::DEFAULT_TEXT,
    )?;
    let meta = Metadata::from_toml(pipeline::DEFAULT_META)
        .map_err(|m| anyhow::anyhow!("embedded metadata: {m}"))?;
    let out = PathBuf::from(pipeline::DEFAULT_OUTPUT);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let common = CommonArgs::default();
    let mut opts = encode_options(&common)?;
    encode_and_write(source, meta, &out, &common, &mut opts)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: EncodeArgs) -> anyhow::Result<ExitCode> {
    let jobs = super::corpus::plan(
        &args.inputs,
        args.output.as_deref(),
        args.out_dir.as_deref(),
    )?;
    let shared_meta = match &args.meta {
        Some(p) => Some(Metadata::from_path(p)?),
        None => None,
    };
    // Lexicon, confusion model and gazetteer are loaded once for all inputs.
    let mut opts = encode_options(&args.common)?;
    if let [job] = jobs.as_slice() {
        let meta = job_metadata(job, shared_meta.as_ref())?;
        let source = read::read_path(&job.input)?;
        encode_and_write(source, meta, &job.output, &args.common, &mut opts)?;
        return Ok(ExitCode::SUCCESS);
    }
    let progress = super::corpus::Progress::new(jobs.len(), args.common.quiet);
    let mut failed = 0usize;
    for job in &jobs {
        let started = std::time::Instant::now();
        let result = job_metadata(job, shared_meta.as_ref())
            .and_then(|meta| Ok((meta, read::read_path(&job.input)?)))
            .map_err(anyhow::Error::from)
            .and_then(|(meta, source)| {
                let quiet = CommonArgs {
                    quiet: true,
                    ..args.common.clone()
                };
                encode_and_write(source, meta, &job.output, &quiet, &mut opts)
            });
        match result {
            Ok(doc_summary) => progress.done(job, &doc_summary, started.elapsed()),
            Err(e) => {
                failed += 1;
                progress.failed(job, &e);
            }
        }
    }
    progress.finish(failed);
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// The metadata for one input: `--meta`, else `NAME.meta.toml` beside it, else none.
fn job_metadata(job: &super::corpus::Job, shared: Option<&Metadata>) -> Result<Metadata, Error> {
    if let Some(m) = shared {
        return Ok(m.clone());
    }
    match &job.sidecar_meta {
        Some(p) => Metadata::from_path(p),
        None => Ok(Metadata::default()),
    }
}

/// `dir/name.txt` → `dir/name.tei.xml`.
pub fn default_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    input.with_file_name(format!("{stem}.tei.xml"))
}

/// Loads everything a run needs besides the document: the passes' resources.
fn encode_options(common: &CommonArgs) -> anyhow::Result<EncodeOptions> {
    Ok(EncodeOptions {
        names: crate::names::NamesConfig::with_files(&common.gazetteer)?,
        write: WriteOptions {
            state_element: common.states_as,
            schema_ref: common.schema_ref.clone(),
        },
        clean: Some(clean_config(common)?),
        ..EncodeOptions::default()
    })
}

/// What one encoded document amounts to, for progress lines.
pub struct DocSummary {
    pub lines: usize,
    pub log: crate::model::EditLog,
}

fn encode_and_write(
    source: crate::model::SourceText,
    meta: Metadata,
    out: &Path,
    common: &CommonArgs,
    opts: &mut EncodeOptions,
) -> anyhow::Result<DocSummary> {
    opts.date = pipeline::resolve_date(common.date.as_deref(), &meta)?;
    let doc = pipeline::encode(source, meta, opts)?;
    let xml = write_tei(&doc, &opts.write);
    crate::tei::schema_ref::write_beside(out, &opts.write.schema_ref)?;
    write_atomically(out, xml.as_bytes())?;
    if common.report {
        eprintln!("{}", crate::tei::header::summary(&doc.log));
        eprint!("{}", corrections_report(&doc.log));
    }
    if let Some(known) = doc.log.corrections_withheld
        && !common.quiet
    {
        eprintln!(
            "tei-encoder: warning: {}: the word list knows only {:.0}% of the text's words (is the text in another language?): no OCR corrections made; give a word list of the text's language with --lexicon",
            doc.source.name,
            f64::from(known) / 10.0
        );
    }
    if !common.quiet {
        eprintln!(
            "tei-encoder: wrote {} ({} lines encoded)",
            if out == Path::new("-") {
                "standard output".into()
            } else {
                out.display().to_string()
            },
            doc.source.lines.len()
        );
    }
    Ok(DocSummary {
        lines: doc.source.lines.len(),
        log: doc.log,
    })
}

/// Writes to a temporary file beside `path`, then renames: never a half-written output.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).map_err(io)?;
        return out.flush().map_err(io);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.flush().map_err(io)?;
    // Temporary files are private; the output should be as readable as any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
