//! Batch encoding of a corpus: plan the jobs (inputs, outputs, shard,
//! resume), run them in parallel, report what happened; package the
//! results as a BagIt bag or a `teiCorpus`. The command line
//! (`src/cli/encode.rs`, `src/cli/corpus.rs`, `src/cli/package.rs`) is a
//! thin layer over this module.

pub mod bag;
pub mod collection;
pub mod io;
pub mod plan;
pub mod report;
pub mod run;

pub use io::{DEFAULT_MAX_INPUT_BYTES, read_input, write_atomically};
pub use plan::{Job, Shard, default_output, plan};
pub use report::{DocReport, Status, Summary};
pub use run::{Encoder, Observer, RunOptions, Silent};
