//! `tei-encoder encode` and the default job.

use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tei_encoder::corpus::{self, Encoder, RunOptions};
use tei_encoder::model::Certainty;
use tei_encoder::model::Metadata;
use tei_encoder::pipeline::{EncodeOptions, Resources};
use tei_encoder::read;
use tei_encoder::tei::{SchemaRef, StateElement, WriteOptions, write_tei_to};

/// The embedded default document: the 1956 pamphlet and its metadata.
pub(super) const DEFAULT_NAME: &str = "cult-of-the-individual-1956.txt";
/// The default document's text.
pub(super) const DEFAULT_TEXT: &[u8] =
    include_bytes!("../../../data/seed/cult-of-the-individual-1956.txt");
/// The default document's metadata.
pub(super) const DEFAULT_META: &str =
    include_str!("../../../data/seed/cult-of-the-individual-1956.meta.toml");
/// Where the default job writes.
pub(super) const DEFAULT_OUTPUT: &str = "output/cult-of-the-individual-1956.tei.xml";

#[derive(Debug, Args)]
pub(crate) struct EncodeArgs {
    /// OCR text files (UTF-8) to encode, or directories of `*.txt` files (a
    /// corpus); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Where to write the TEI (`-` for standard output); one input only.
    /// Default: next to each input, `NAME.tei.xml` (standard output when
    /// reading standard input).
    #[arg(short, long, conflicts_with = "out_dir")]
    pub(crate) output: Option<PathBuf>,
    /// Write every output into this directory (created if missing); files
    /// found in an input directory keep their sub-directories.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
    /// Metadata file (TOML) with the bibliographic facts for the header, for
    /// every input. Without it, `NAME.meta.toml` beside an input is used if present.
    #[arg(long, value_name = "META.toml")]
    pub(crate) meta: Option<PathBuf>,
    /// Documents encoded at once in a batch (default: one per core).
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub(crate) jobs: usize,
    /// Refuse inputs larger than this (bytes, or with K, M, G) [default: 64M].
    #[arg(long, value_name = "SIZE", value_parser = corpus::parse_size)]
    pub(crate) max_input_bytes: Option<u64>,
    /// Encode every document again, even where its output is newer than its
    /// input and metadata (a batch otherwise skips those: a resumed run).
    #[arg(long)]
    pub(crate) force: bool,
    /// Encode only the K-th of N disjoint parts of the inputs (K from 1), so N
    /// workers (a Slurm job array, a Kubernetes indexed Job, GNU parallel)
    /// cover a corpus exactly once. The split hashes each file's path below
    /// its input directory.
    #[arg(long, value_name = "K/N", value_parser = corpus::Shard::parse)]
    pub(crate) shard: Option<corpus::Shard>,
    /// Write the run's summary and every document's report as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) report_json: Option<PathBuf>,
    /// Also write a teiCorpus to FILE: a collection header (metadata, counts,
    /// sources) and every document embedded; valid against tei_all.
    #[arg(long, value_name = "FILE")]
    pub(crate) corpus_file: Option<PathBuf>,
    /// Collection metadata for --corpus-file (TOML, like --meta: title,
    /// [encoding] publisher, licence, …).
    #[arg(long, value_name = "META.toml", requires = "corpus_file")]
    pub(crate) corpus_meta: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

/// Options shared by `encode` and the default job.
#[derive(Debug, Clone, Args, Default)]
pub(crate) struct CommonArgs {
    /// Encoding date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, the metadata's
    /// encoding.date, or today). Fix it for byte-identical output.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) date: Option<String>,
    /// How states are tagged: `org` (orgName type="state") or `place` (placeName type="state").
    #[arg(long, value_enum, default_value_t = StateElement::Org)]
    pub(crate) states_as: StateElement,
    /// An extra gazetteer file (TOML: [[person]], [[org]], [[state]], [[place]],
    /// [rules]); repeatable. Added to the embedded gazetteer.
    #[arg(long, value_name = "GAZETTEER.toml")]
    pub(crate) gazetteer: Vec<PathBuf>,
    /// Print counts of what the passes did (headings, pages, joins, corrections, names).
    #[arg(long)]
    pub(crate) report: bool,
    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Make no OCR corrections (diplomatic text; line-end joins are still marked).
    #[arg(long)]
    pub(crate) no_corrections: bool,
    /// Make only corrections at least this certain: low, medium (default) or high.
    #[arg(long, value_name = "low|medium|high", value_parser = parse_cert)]
    pub(crate) min_cert: Option<Certainty>,
    /// Word list for the cleaning passes, one word a line
    /// [default: /usr/share/dict/british-english, Debian package wbritish].
    #[arg(long, value_name = "PATH")]
    pub(crate) lexicon: Option<PathBuf>,
    /// Extra words to accept (one a line); repeat for several files.
    #[arg(long = "words", value_name = "PATH")]
    pub(crate) words: Vec<PathBuf>,
    /// OCR confusion table (TOML, like data/lexicon/ocr-confusions.toml) instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    pub(crate) confusions: Option<PathBuf>,
    /// Extra common phrases (one a line, like data/lexicon/collocations-en.txt)
    /// that context corrections may restore; repeatable. Added to the built-in list.
    #[arg(long = "phrases", value_name = "PATH")]
    pub(crate) phrases: Vec<PathBuf>,
    /// The schema the output's <?xml-model?> names: `local` (tei-encoder.rng,
    /// written beside the output), `tei-all` (its URL; `tei-all=URL` for another) or `none`.
    #[arg(long, value_name = "local|tei-all|none", default_value = "local", value_parser = SchemaRef::parse)]
    pub(crate) schema_ref: SchemaRef,
}

fn parse_cert(s: &str) -> Result<Certainty, String> {
    Certainty::parse(s).ok_or_else(|| format!("{s:?} is not one of low, medium, high"))
}

/// The default job: the embedded pamphlet to `output/`.
pub(super) fn run_default() -> anyhow::Result<ExitCode> {
    let source = read::read_bytes(DEFAULT_NAME, Path::new(DEFAULT_NAME), DEFAULT_TEXT)?;
    let meta =
        Metadata::from_toml(DEFAULT_META).map_err(|m| anyhow::anyhow!("embedded metadata: {m}"))?;
    let out = PathBuf::from(DEFAULT_OUTPUT);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let common = CommonArgs::default();
    let encoder = Encoder::new(encode_options(&common)?, RunOptions::default())?;
    encode_and_write(&encoder, source, meta, &out, &common)?;
    exit_without_freeing(encoder);
    Ok(ExitCode::SUCCESS)
}

/// The process ends after one document: the document and the
/// word lists, gazetteer and automaton are left to the system to reclaim
/// rather than freed one allocation at a time (about 4% of a one-line
/// file's instructions, 1% of a large file's).
fn exit_without_freeing<T>(x: T) {
    std::mem::forget(x);
}

/// Exit status of a batch in which some documents failed (the others were
/// written). Bad usage or a bad single input is 2.
pub(super) const EXIT_SOME_FAILED: u8 = 1;

pub(super) fn run(args: EncodeArgs) -> anyhow::Result<ExitCode> {
    let batch = args.inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let mut jobs = corpus::plan(
        &args.inputs,
        args.output.as_deref(),
        args.out_dir.as_deref(),
    )?;
    if let Some(shard) = args.shard {
        jobs.retain(|j| shard.contains(&j.relative));
    }
    let run = RunOptions {
        jobs: args.jobs,
        max_input_bytes: args
            .max_input_bytes
            .unwrap_or(corpus::DEFAULT_MAX_INPUT_BYTES),
        force: args.force,
        date: args.common.date.clone(),
        shared_meta: args.meta.clone(),
    };
    // Lexicon, confusion model and gazetteer are loaded once for all inputs.
    let encoder = Encoder::new(encode_options(&args.common)?, run)?;
    if !batch && let [job] = jobs.as_slice() {
        // Single-file mode: any error is bad input, exit status 2.
        if args.out_dir.is_some() {
            corpus::create_output_dirs(&jobs)?;
        }
        let meta = encoder.metadata(job)?;
        let source = corpus::read_input(&job.input, encoder.run_options().max_input_bytes)?;
        encode_and_write(&encoder, source, meta, &job.output, &args.common)?;
        exit_without_freeing(encoder);
        return Ok(ExitCode::SUCCESS);
    }
    if args.out_dir.is_some() {
        corpus::create_output_dirs(&jobs)?;
    }
    let progress = super::corpus::Progress::new(jobs.len(), args.common.quiet);
    let summary = encoder.run_all(&jobs, &progress)?;
    progress.finish(&summary);
    if let Some(path) = &args.report_json {
        corpus::write_atomically(path, summary.json().as_bytes())?;
    }
    if let Some(path) = &args.corpus_file {
        let meta = match &args.corpus_meta {
            Some(p) => Metadata::from_path(p)?,
            None => Metadata::default(),
        };
        corpus::write_corpus_file(path, &summary, &meta, &encoder)?;
        if !args.common.quiet {
            eprintln!("tei-encoder: wrote {}", path.display());
        }
    }
    Ok(if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    })
}

/// Loads everything a run needs besides the document: the passes' resources.
fn encode_options(common: &CommonArgs) -> anyhow::Result<EncodeOptions> {
    let resources = Resources {
        lexicon: common.lexicon.clone(),
        words: common.words.clone(),
        confusions: common.confusions.clone(),
        phrases: common.phrases.clone(),
        gazetteer: common.gazetteer.clone(),
        no_corrections: common.no_corrections,
        min_cert: common.min_cert,
    };
    let write = WriteOptions {
        state_element: common.states_as,
        schema_ref: common.schema_ref.clone(),
    };
    Ok(EncodeOptions::load(&resources, write)?)
}

/// Single-file mode: encodes one source, writes it, and says so.
fn encode_and_write(
    encoder: &Encoder,
    source: tei_encoder::model::SourceText,
    meta: Metadata,
    out: &Path,
    common: &CommonArgs,
) -> anyhow::Result<()> {
    let doc = encoder.encode(source, meta)?;
    corpus::write_schema_beside(out, &encoder.options.write.schema_ref)?;
    // Streamed into the temporary file (or standard output): the TEI, about
    // twice the input, is never held whole.
    corpus::write_atomically_with(out, |w| write_tei_to(&doc, &encoder.options.write, w))?;
    if common.report {
        eprint!("{}", tei_encoder::pipeline::report(&doc.log));
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
    exit_without_freeing(doc);
    Ok(())
}
