//! Typed errors with the context a user needs: which file, what went wrong, where.
#![warn(unreachable_pub)]

use std::path::PathBuf;

/// Errors of the encoder's library functions.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: is a directory, not a text file")]
    IsDirectory { path: PathBuf },
    #[error("{path}: the file is empty (0 bytes); there is nothing to encode")]
    Empty { path: PathBuf },
    #[error(
        "{path}: not valid UTF-8 at byte {offset} (line {line}); convert the file to UTF-8 first, e.g. with iconv"
    )]
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    #[error("{path}: bad metadata: {message}")]
    Metadata { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Data { path: PathBuf, message: String },
    #[error("{path}: not a TEI document this tool can read: {message}")]
    Tei { path: PathBuf, message: String },
    #[error("{path}: would overwrite the input; name another output with -o")]
    WouldOverwriteInput { path: PathBuf },
    #[error(
        "{path}: word list not found; the cleaning passes need it. Install the Debian package {package} (apt-get install {package}, or run .ci/setup), or name another list with --lexicon PATH"
    )]
    LexiconMissing { path: PathBuf, package: String },
    #[error("{0}")]
    Usage(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
