//! Batch encoding of a corpus: plan the jobs (inputs, outputs, shard,
//! resume), run them in parallel, report what happened; package the
//! results as a BagIt bag or a `teiCorpus`. The command line
//! (`src/cli/encode.rs`, `src/cli/corpus.rs`, `src/cli/package.rs`) is a
//! thin layer over this module.
#![warn(missing_docs, unreachable_pub)]

pub(crate) mod bag;
pub(crate) mod collection;
pub(crate) mod io;
pub(crate) mod plan;
pub(crate) mod report;
pub(crate) mod run;

pub use io::write_schema_beside;
pub(crate) use io::{DEFAULT_MAX_INPUT_BYTES, read_input, write_atomically};
pub(crate) use plan::{Shard, plan};
pub(crate) use report::{DocReport, Status, Summary};
pub(crate) use run::{Encoder, Observer, RunOptions};
