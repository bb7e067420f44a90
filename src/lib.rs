//! tei-encoder: raw OCR text of printed documents in, TEI P5 XML out.
//!
//! The crate is a pipeline, like pandoc's: a [`read`]er turns the source into
//! the [`model`] (metadata included), passes ([`structure`], [`clean`],
//! [`names`]) transform the model, and the [`tei`] writer serialises it.
//! [`validate`] checks TEI against RELAX NG on its own; [`view`] renders a
//! reading-edition page. [`cli`] wires it to the command line.

pub mod clean;
pub mod cli;
pub(crate) mod corpus;
pub mod error;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod read;
pub(crate) mod schema;
pub mod structure;
pub mod tei;
pub mod validate;
pub mod view;

pub use corpus::write_schema_beside;
pub use error::{Error, Result};
