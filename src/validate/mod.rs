//! `tei-encoder validate`: RELAX NG validation in process, agreeing with jing.
//!
//! The engine ([`rng`]) is our own (James Clark's derivative algorithm);
//! [`datatype`] checks XSD datatypes as jing does. [`instance`] walks a
//! document and turns failed derivatives into jing-style messages;
//! [`ids`] adds the checks TEI users expect beyond RELAX NG.

pub mod datatype;
pub mod instance;
pub mod rng;
