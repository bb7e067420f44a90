//! The `tei-encoder` command line: clap definitions; each subcommand lives
//! in its own file and hands over to the libraries (`tei-encoder` for
//! encoding, batches, bags and validation; `tei-view` for pages and the
//! server).
#![warn(missing_docs, unreachable_pub)]

mod corpus;
mod encode;
mod package;
mod report;
mod text;
mod validate;
mod view;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Encode raw OCR text of printed historical documents as TEI P5 XML.
///
/// Without a subcommand, encodes the embedded default document (the 1956
/// pamphlet "Overcoming the cult of the individual and its consequences")
/// and writes output/cult-of-the-individual-1956.tei.xml.
#[derive(Debug, Parser)]
#[command(name = "tei-encoder", version, about, long_about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Encode OCR text files (or directories of them, a corpus) as TEI P5.
    #[command(
        after_help = "Exit status: 0 done; 1 some documents of a batch failed (the others were written); 2 bad usage or bad input."
    )]
    Encode(Box<encode::EncodeArgs>),
    /// Print the source text (diplomatic) or the cleaned reading text regenerated from a TEI file.
    Text(text::TextArgs),
    /// Validate TEI files against RELAX NG (the project schema, tei_all or a given .rng).
    Validate(validate::ValidateArgs),
    /// Write a reading-edition HTML page (CETEIcean) for a TEI file.
    View(view::ViewArgs),
    /// Package a folder of TEI with its sources and metadata as a BagIt bag (RFC 8493).
    Package(package::PackageArgs),
    /// Serve a directory of TEI files with a CETEIcean viewer page on loopback.
    Serve(view::ServeArgs),
}

/// Runs the command line and maps errors to exit codes (2 for usage and I/O errors).
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => encode::run_default(),
        Some(Command::Encode(args)) => encode::run(*args),
        Some(Command::Text(args)) => text::run(args),
        Some(Command::Validate(args)) => validate::run(args),
        Some(Command::View(args)) => view::run_view(args),
        Some(Command::Serve(args)) => view::run_serve(args),
        Some(Command::Package(args)) => package::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tei-encoder: {e:#}");
            ExitCode::from(2)
        }
    }
}
