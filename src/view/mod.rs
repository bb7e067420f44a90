//! Reading-edition HTML pages for TEI documents, rendered in the browser by
//! CETEIcean, the TEI community's custom-elements viewer.
//!
//! `page` builds the page: one template, its CSS and its script (data files
//! under `src/view/assets/`), with the TEI either embedded (`view`: works
//! offline and from `file://`) or fetched (`serve`). `ceteicean` finds the
//! CETEIcean script the project installs with npm. `serve` ([`Server`]) is a small
//! loopback HTTP server for a directory of `.tei.xml` files.
#![warn(missing_docs, unreachable_pub)]

pub(crate) mod ceteicean;
pub(crate) mod page;
pub(crate) mod serve;

pub use ceteicean::Ceteicean;
pub(crate) use page::{PageSource, TeiFacts, render_page};
pub use serve::{Limits, Server, Site};
