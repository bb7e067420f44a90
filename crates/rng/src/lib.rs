//! tei-rng: RELAX NG validation in process, agreeing with jing.
//!
//! The engine is our own: James Clark's derivative algorithm over
//! hash-consed patterns with memoised derivatives; [`datatype`] checks XSD
//! datatypes as jing does. [`instance`] walks a document and turns failed
//! derivatives into jing-style messages that name what was expected;
//! [`ids`] adds the checks TEI users expect beyond RELAX NG; [`limits`]
//! guards against hostile input; [`cache`] keeps compiled schemas by hash.
//! It depends on nothing of the encoder.

pub mod ast;
pub mod cache;
pub mod datatype;
pub mod derive;
pub mod grammar;
pub mod ids;
pub mod instance;
pub mod limits;
pub mod parse;
pub mod pattern;
pub mod restrict;
mod schema;
pub mod uri;

pub use parse::{FileResolver, Resolver};
pub use schema::Schema;
