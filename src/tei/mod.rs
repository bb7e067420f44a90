//! TEI P5 serialisation (writer) and the reverse reading used for round trips.
#![warn(missing_docs)]

pub(crate) mod header;
pub mod reader;
pub(crate) mod schema_ref;
pub(crate) mod standoff;
pub(crate) mod writer;
pub(crate) mod xml;

pub use schema_ref::SchemaRef;
pub use standoff::StateElement;
pub use writer::{TEI_ALL_URL, TEI_NS, WriteOptions, write_tei, write_tei_to};
