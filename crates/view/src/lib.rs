//! Reading-edition HTML pages for TEI documents, rendered in the browser by
//! CETEIcean, the TEI community's custom-elements viewer.
//!
//! `page` builds the page: one template, its CSS and its script (data files
//! under `crates/view/src/assets/`), with the TEI either embedded (`view`: works
//! offline and from `file://`) or fetched (`serve`). `ceteicean` finds the
//! CETEIcean script the project installs with npm. `serve` ([`Server`]) is a small
//! loopback HTTP server for a directory of `.tei.xml` files.
//!
//! The crate knows nothing of the encoder: it reads any TEI P5 file.
#![warn(missing_docs, unreachable_pub)]

mod ceteicean;
mod error;
mod page;
mod serve;

pub use ceteicean::Ceteicean;
pub use error::{Error, Result};
pub use page::{PageSource, ScriptSource, TeiFacts, render_page};
pub use serve::{Limits, Response, Server, Site};

/// The TEI namespace, `http://www.tei-c.org/ns/1.0`.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
