//! `tei-encoder encode` and the default job.

use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::Error;
use crate::header::Metadata;
use crate::pipeline::{self, EncodeOptions};
use crate::read;
use crate::tei::{StateElement, WriteOptions, write_tei};

#[derive(Debug, Args)]
pub struct EncodeArgs {
    /// OCR text file (UTF-8) to encode; `-` reads standard input.
    pub input: PathBuf,
    /// Where to write the TEI (`-` for standard output). Default: next to the
    /// input, `NAME.tei.xml` (standard output when reading standard input).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Metadata file (TOML) with the bibliographic facts for the header.
    #[arg(long, value_name = "META.toml")]
    pub meta: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by `encode` and the default job.
#[derive(Debug, Args, Default)]
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
    encode_and_write(source, meta, &out, &CommonArgs::default())
}

pub fn run(args: EncodeArgs) -> anyhow::Result<ExitCode> {
    let source = read::read_path(&args.input)?;
    let meta = match &args.meta {
        Some(p) => Metadata::from_path(p)?,
        None => Metadata::default(),
    };
    let out = match args.output {
        Some(o) => o,
        None if args.input == Path::new("-") => PathBuf::from("-"),
        None => default_output(&args.input),
    };
    if out != Path::new("-") && same_file(&out, &args.input) {
        return Err(Error::WouldOverwriteInput { path: out }.into());
    }
    encode_and_write(source, meta, &out, &args.common)
}

/// `dir/name.txt` → `dir/name.tei.xml`.
pub fn default_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    input.with_file_name(format!("{stem}.tei.xml"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn encode_and_write(
    source: crate::model::SourceText,
    meta: Metadata,
    out: &Path,
    common: &CommonArgs,
) -> anyhow::Result<ExitCode> {
    let date = pipeline::resolve_date(common.date.as_deref(), &meta)?;
    let opts = EncodeOptions {
        date,
        names: crate::names::NamesConfig::with_files(&common.gazetteer)?,
        write: WriteOptions {
            state_element: common.states_as,
            ..WriteOptions::default()
        },
        ..EncodeOptions::default()
    };
    let doc = pipeline::encode(source, meta, &opts)?;
    let xml = write_tei(&doc, &opts.write);
    write_atomically(out, xml.as_bytes())?;
    if common.report {
        eprintln!("{}", crate::tei::header::summary(&doc.log));
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
    Ok(ExitCode::SUCCESS)
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
