//! `tei-encoder validate`: placeholder until the validator lands (issue 5).

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// TEI files or directories to validate.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: ValidateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("validate is not available in this build yet")
}
