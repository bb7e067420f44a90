//! tei-encoder: raw OCR text of printed documents in, TEI P5 XML out.
//!
//! The crate is a pipeline, like pandoc's: a [`read`]er turns the source into
//! the [`model`] (metadata included), passes ([`structure`], [`clean`],
//! [`names`]) transform the model, and the [`tei`] writer serialises it.
//! [`validate`] checks TEI against RELAX NG (the engine is the `tei-rng`
//! crate); [`corpus`] encodes many files at once and packages them. The
//! reading-edition pages and their server are the `tei-view` crate
//! (`crates/view`); the `tei-encoder` command line is the `tei-encoder-cli`
//! crate (`crates/cli`), a thin layer over this one.
//!
//! The surface, re-exported here: read a source ([`read_path`],
//! [`read_bytes`]), [`encode`] it into a [`Document`] with [`EncodeOptions`],
//! write it with [`write_tei`] and [`WriteOptions`] (or both at once:
//! [`encode_to_tei`]), check it with a [`Validator`]. [`EncodeOptions::load`]
//! loads the word lists, gazetteer and models the passes read, as
//! [`Resources`] name them.
//!
//! ```no_run
//! use tei_encoder::{EncodeOptions, Metadata, encode, read_path, write_tei};
//!
//! let source = read_path(std::path::Path::new("pamphlet.txt"))?;
//! let opts = EncodeOptions::default();
//! let doc = encode(source, Metadata::default(), &opts)?;
//! std::fs::write("pamphlet.tei.xml", write_tei(&doc, &opts.write))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Everything else is `pub(crate)` unless a module says otherwise; the
//! modules this crate owns warn on undocumented public items
//! (`missing_docs`) and on `pub` items that are not reachable
//! (`unreachable_pub`).

pub mod clean;
pub mod corpus;
pub mod error;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod read;
pub(crate) mod schema;
pub mod structure;
pub mod tei;
pub mod validate;

pub use corpus::write_schema_beside;
pub use error::{Error, Result};
pub use model::{Document, Metadata, SourceText};
pub use pipeline::{EncodeOptions, Resources, encode, encode_to_tei};
pub use read::{read_bytes, read_path};
pub use tei::{WriteOptions, write_tei};
pub use validate::Validator;
