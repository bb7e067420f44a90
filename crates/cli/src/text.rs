//! `tei-encoder text`: the diplomatic or the reading text of an encoded file.

use clap::{ArgGroup, Args};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tei_encoder::Error;
use tei_encoder::tei::reader;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("view").required(true).args(["diplomatic", "reading"])))]
pub(crate) struct TextArgs {
    /// Regenerate the source text byte for byte (sic, original line breaks, page furniture).
    #[arg(long)]
    pub(crate) diplomatic: bool,
    /// Print the cleaned reading text (corrections, joined words), one block a paragraph.
    #[arg(long)]
    pub(crate) reading: bool,
    /// TEI file written by tei-encoder (`-` for standard input).
    pub(crate) file: PathBuf,
}

pub(super) fn run(args: TextArgs) -> anyhow::Result<ExitCode> {
    let xml = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|source| Error::Io {
            path: args.file.clone(),
            source,
        })?
    } else {
        std::fs::read_to_string(&args.file).map_err(|source| Error::Io {
            path: args.file.clone(),
            source,
        })?
    };
    let text = if args.diplomatic {
        reader::diplomatic_text(&xml)
    } else {
        reader::reading_text(&xml)
    }
    .map_err(|message| Error::Tei {
        path: args.file.clone(),
        message,
    })?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
