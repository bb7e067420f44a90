//! `teiCorpus`: one file that holds a collection header and includes every
//! document of a batch.

use std::path::Path;

use super::report::Summary;
use super::run::Encoder;
use crate::error::Error;
use crate::header::Metadata;

/// Writes the corpus file at `path`.
pub fn write_corpus_file(
    _path: &Path,
    _summary: &Summary,
    _meta: &Metadata,
    _encoder: &Encoder,
) -> Result<(), Error> {
    Err(Error::Usage("--corpus-file: not yet".into()))
}
