//! Why a schema could not be used (as opposed to an invalid document).

use std::path::PathBuf;

/// Why a schema could not be read or compiled.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The schema is not correct RELAX NG: its syntax, its grammar or the
    /// restrictions of section 7 of the specification; also an included file
    /// that could not be loaded.
    #[error("{schema}: not a correct RELAX NG schema: {message}")]
    Schema {
        /// The schema, as named to the user (its path or base URI).
        schema: String,
        /// What is wrong, and where.
        message: String,
    },
}
