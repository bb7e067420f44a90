//! TEI P5 serialisation (writer) and the reverse reading used for round trips.

pub mod header;
pub mod reader;
pub mod schema_ref;
pub mod standoff;
pub mod writer;
pub mod xml;

pub use schema_ref::SchemaRef;
pub use standoff::StateElement;
pub use writer::{TEI_ALL_URL, TEI_NS, WriteOptions, write_tei};
