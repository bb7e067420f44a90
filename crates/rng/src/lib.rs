//! tei-rng: RELAX NG validation in process, agreeing with jing.
//!
//! The engine is our own: James Clark's derivative algorithm over
//! hash-consed patterns with memoised derivatives, XSD datatypes checked as
//! jing checks them, and jing-style messages that name what was expected.
//! It depends on nothing of the encoder.
//!
//! ```
//! use tei_rng::{FileResolver, Schema, Session, parse_document};
//!
//! let schema = Schema::compile(
//!     r#"<element name="p" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>"#,
//!     "p.rng",
//!     &FileResolver,
//! )
//! .unwrap();
//! let mut session = Session::new(&schema);
//! let doc = parse_document("<p>fine</p>").unwrap();
//! assert!(session.validate(&doc).is_empty());
//! let doc = parse_document("<q/>").unwrap();
//! assert_eq!(session.validate(&doc).len(), 1);
//! ```
//!
//! Inside (all private): the XML syntax is read (`parse`), grammars resolved
//! and patterns interned (`grammar`, `pattern`), the restrictions of section 7
//! checked (`restrict`); documents are matched by derivatives (`derive`),
//! walked by `instance`; `ids` adds the checks TEI users expect beyond
//! RELAX NG ([`check_ids`]); `limits` guards against hostile input
//! ([`parse_document`]); `cache` keeps compiled schemas by hash
//! ([`Schema::compile_file`]).

#![warn(missing_docs, unreachable_pub)]

mod ast;
mod cache;
mod datatype;
mod derive;
mod error;
mod grammar;
mod ids;
mod instance;
mod limits;
mod parse;
mod pattern;
mod restrict;
mod schema;
mod uri;

pub use cache::default_dir as default_cache_dir;
pub use error::Error;
pub use ids::{IdAttributes, check_ids};
pub use instance::{Check, Diagnostic, Session, Severity};
pub use limits::{Refused, parse as parse_document};
pub use parse::{FileResolver, Resolver};
pub use schema::Schema;

/// The SHA-256 of some bytes, as 64 lower-case hexadecimal digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}
