//! Batch encoding of a corpus: plan the jobs (inputs, outputs, shard,
//! resume), run them in parallel, report what happened; package the
//! results as a BagIt bag or a `teiCorpus`. The command line
//! (`crates/cli/src/encode.rs`, `corpus.rs`, `package.rs`) is a thin layer
//! over this module.
#![warn(missing_docs, unreachable_pub)]

pub(crate) mod bag;
pub(crate) mod collection;
pub(crate) mod io;
pub(crate) mod plan;
pub(crate) mod report;
pub(crate) mod run;

pub use bag::{BagOptions, BagSummary, write_bag};
pub use collection::write_corpus_file;
pub use io::{
    DEFAULT_MAX_INPUT_BYTES, parse_size, read_input, write_atomically, write_atomically_with,
    write_schema_beside,
};
pub use plan::{Job, Shard, create_output_dirs, plan};
pub use report::{DocReport, Status, Summary};
pub use run::{Encoder, Observer, RunOptions};
