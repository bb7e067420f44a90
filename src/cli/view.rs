//! `tei-encoder view` and `serve`: placeholders until the viewer lands (issue 6).

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ViewArgs {
    /// The TEI file to show.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Directory of TEI files.
    pub dir: PathBuf,
}

pub fn run_view(_args: ViewArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("view is not available in this build yet")
}

pub fn run_serve(_args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("serve is not available in this build yet")
}
