//! `tei-encoder package OUT --bag BAGDIR`: the TEI of a batch, its sources
//! and metadata as a BagIt bag (the work is `tei_encoder::corpus::bag`).

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use tei_encoder::corpus::{BagOptions, write_bag};
use tei_encoder::model::Metadata;

#[derive(Debug, Args)]
pub(crate) struct PackageArgs {
    /// The folder of TEI files (`encode … --out-dir OUT`).
    #[arg(value_name = "OUT")]
    pub(crate) out: PathBuf,
    /// The bag to write (a new folder).
    #[arg(long, value_name = "BAGDIR")]
    pub(crate) bag: PathBuf,
    /// The corpus folder the TEI was encoded from: its `NAME.txt` and
    /// `NAME.meta.toml` go into the bag. Without it, each source text is
    /// regenerated from its TEI (checked against the header's SHA-256).
    #[arg(long, value_name = "DIR")]
    pub(crate) sources: Option<PathBuf>,
    /// Collection metadata (TOML, like `encode --meta`): `encoding.publisher`
    /// is the bag's Source-Organization, `title` its External-Description.
    #[arg(long, value_name = "META.toml")]
    pub(crate) meta: Option<PathBuf>,
    /// Bagging-Date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) date: Option<String>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

pub(super) fn run(args: PackageArgs) -> anyhow::Result<ExitCode> {
    let meta = match &args.meta {
        Some(p) => Some(Metadata::from_path(p)?),
        None => None,
    };
    let date = tei_encoder::pipeline::resolve_date(args.date.as_deref(), &Metadata::default())?;
    let opts = BagOptions {
        sources: args.sources.clone(),
        meta,
        date,
    };
    let s = write_bag(&args.out, &args.bag, &opts)?;
    if !args.quiet {
        eprintln!(
            "tei-encoder: wrote {}: {} documents, {} payload files, {} bytes",
            args.bag.display(),
            s.documents,
            s.payload_files,
            s.payload_bytes
        );
    }
    Ok(ExitCode::SUCCESS)
}
