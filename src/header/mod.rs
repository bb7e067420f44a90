//! Metadata for the TEI header: what the user supplies and what the passes record.

mod metadata;

pub use metadata::{
    Agent, AgentKind, Edition, Encoding, Language, Metadata, Original, is_iso_date,
};
