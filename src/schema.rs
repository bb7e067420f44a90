//! The project's TEI customisation (`schema/tei-encoder.rng`), embedded: the
//! writer names it in `<?xml-model?>`, the corpus writer puts it beside the
//! outputs, and the validator knows it by name and by its bytes.
#![warn(missing_docs, unreachable_pub)]

/// The schema's text, embedded in the binary.
pub const PROJECT_SCHEMA: &str = include_str!("../schema/tei-encoder.rng");
/// Its name on the command line (`--schema tei-encoder`).
pub const PROJECT_SCHEMA_NAME: &str = "tei-encoder";
/// The `<?xml-model href?>` tei-encoder writes for it. Relative, so that other
/// tools find `schema/tei-encoder.rng` when it is copied next to the file; the
/// validator knows the name and uses the embedded copy when no such file exists.
pub const PROJECT_SCHEMA_HREF: &str = "tei-encoder.rng";
