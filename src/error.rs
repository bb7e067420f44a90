//! Typed errors with the context a user needs: which file, what went wrong, where.
#![warn(missing_docs, unreachable_pub)]

use std::path::PathBuf;

/// Errors of the encoder's library functions.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A directory was given where a text file was expected.
    #[error("{path}: is a directory, not a text file")]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// The input is empty.
    #[error("{path}: the file is empty (0 bytes); there is nothing to encode")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The input is not UTF-8.
    #[error(
        "{path}: not valid UTF-8 at byte {offset} (line {line}); convert the file to UTF-8 first, e.g. with iconv"
    )]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// The first byte that is not UTF-8, from 0.
        offset: usize,
        /// Its line, from 1.
        line: usize,
    },
    /// A metadata file could not be read as metadata.
    #[error("{path}: bad metadata: {message}")]
    Metadata {
        /// The metadata file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A data file (gazetteer, word list, phrase list) is not as expected.
    #[error("{path}: {message}")]
    Data {
        /// The data file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A TEI file this tool did not write, or cannot read back.
    #[error("{path}: not a TEI document this tool can read: {message}")]
    Tei {
        /// The TEI file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The output would replace the input.
    #[error("{path}: would overwrite the input; name another output with -o")]
    WouldOverwriteInput {
        /// The input (and output).
        path: PathBuf,
    },
    /// The word list the cleaning passes need is not installed.
    #[error(
        "{path}: word list not found; the cleaning passes need it. Install the Debian package {package} (apt-get install {package}, or run .ci/setup), or name another list with --lexicon PATH"
    )]
    LexiconMissing {
        /// Where the list was looked for.
        path: PathBuf,
        /// The Debian package that installs it.
        package: String,
    },
    /// Bad usage: an option or a value the tool cannot take.
    #[error("{0}")]
    Usage(String),
}

/// A result with the encoder's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
