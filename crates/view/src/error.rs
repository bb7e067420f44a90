//! The viewer's errors: which file, what went wrong.

use std::path::PathBuf;

/// Errors of the page builder, the CETEIcean loader and the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or socket could not be read, written or bound.
    #[error("{path}: {source}")]
    Io {
        /// The file (or address).
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file is not what it should be (a CETEIcean script without CETEI in it).
    #[error("{path}: {message}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Bad usage: CETEIcean not installed, a directory that is not one.
    #[error("{0}")]
    Usage(String),
}

/// A result with the viewer's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
