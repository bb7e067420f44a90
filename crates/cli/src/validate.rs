//! `tei-encoder validate`: RELAX NG validation in process (no Java), plus the
//! ID and pointer checks TEI users expect. Exit status: 0 all valid, 1 any
//! invalid, 2 usage or I/O errors and schemas that are not correct RELAX NG.

use crate::report;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tei_encoder::validate::{FileReport, Options, SchemaSpec, Validator, default_cache_dir};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// `file:line:col: error: message`, as jing prints them.
    Text,
    /// One JSON object for the whole run.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// TEI files or directories (searched for *.xml) to validate.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// `tei-encoder` (the embedded project schema) or a RELAX NG file. Default: the
    /// document's <?xml-model?> when it names a schema the tool has or a local file,
    /// else the project schema.
    #[arg(long, value_name = "tei-encoder|PATH.rng")]
    pub(crate) schema: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
    /// Treat warnings (unresolved `#id` pointers) as errors.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Compile schema files on every run instead of caching the compiled form.
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Files validated at once (default: one per core).
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub(crate) jobs: usize,
}

/// The XML files named by the arguments, directories searched recursively in name order.
fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|e| e == "xml") {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Validates `files` on `threads` workers, each with its own validator (a
/// compiled schema is per worker; the on-disk cache is shared), and returns
/// the results in the order of `files`.
fn validate_all(
    files: &[PathBuf],
    options: &Options,
    threads: usize,
) -> Vec<Result<FileReport, tei_encoder::validate::ValidateError>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    if threads <= 1 {
        let mut validator = Validator::new(options.clone());
        return files.iter().map(|f| validator.validate_file(f)).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<_>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut validator = Validator::new(options.clone());
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    let r = validator.validate_file(f);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every file validated")
        })
        .collect()
}

pub(super) fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let schema = args.schema.as_deref().map(SchemaSpec::parse);
    if let Some(SchemaSpec::File(p)) = &schema
        && !p.is_file()
    {
        anyhow::bail!(
            "--schema {}: no such file (use `tei-encoder` or a path to a .rng file)",
            p.display()
        );
    }
    let options = Options {
        schema,
        cache_dir: if args.no_cache {
            None
        } else {
            default_cache_dir()
        },
    };
    let files = collect(&args.paths)?;
    if files.is_empty() {
        anyhow::bail!("no .xml files found in the given paths");
    }
    let threads = match args.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(files.len());
    let results = validate_all(&files, &options, threads);
    let mut reports: Vec<FileReport> = Vec::new();
    let mut io_errors = 0;
    for r in results {
        match r {
            Ok(r) => reports.push(r),
            Err(e @ tei_encoder::validate::ValidateError::Schema { .. }) => return Err(e.into()),
            Err(e) => {
                eprintln!("tei-encoder: {e}");
                io_errors += 1;
            }
        }
    }
    for r in &reports {
        for n in &r.notes {
            eprintln!("{}: note: {n}", r.path.display());
        }
    }
    match args.format {
        Format::Text => print!("{}", report::text(&reports)),
        Format::Json => print!("{}", report::json(&reports, args.strict)),
    }
    let invalid = reports.iter().filter(|r| !r.is_valid(args.strict)).count();
    if args.format == Format::Text && files.len() > 1 {
        eprintln!(
            "{} files: {} valid, {invalid} invalid{}",
            files.len(),
            reports.len() - invalid,
            if io_errors > 0 {
                format!(", {io_errors} unreadable")
            } else {
                String::new()
            }
        );
    }
    if io_errors > 0 {
        anyhow::bail!("{io_errors} file(s) could not be read");
    }
    Ok(if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
