//! Where an output's `<?xml-model?>` points, and making that reference
//! resolve where the file is written.
//!
//! [`SchemaRef::Local`] (the default) names `tei-encoder.rng`, relative to the
//! output, and `corpus::io::write_schema_beside` puts the embedded project schema there, byte
//! for byte, so an XML editor or jing opening the file finds it offline.
//! [`SchemaRef::TeiAll`] names tei_all by URL (an editor fetches it, or maps
//! it to its own copy); [`SchemaRef::None`] writes no `<?xml-model?>`.

use crate::schema::PROJECT_SCHEMA_HREF;

/// The schema an output references.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SchemaRef {
    /// `tei-encoder.rng` beside the output (written there by `corpus::io::write_schema_beside`).
    #[default]
    Local,
    /// tei_all at this URL (see [`super::TEI_ALL_URL`]).
    TeiAll(String),
    /// No `<?xml-model?>`.
    None,
}

impl SchemaRef {
    /// `local`, `tei-all` (the official URL), `tei-all=URL` or `none`, as on
    /// the command line (`--schema-ref`).
    pub fn parse(s: &str) -> std::result::Result<SchemaRef, String> {
        parse(s)
    }

    /// The `<?xml-model href?>` values, in order.
    pub fn hrefs(&self) -> Vec<String> {
        match self {
            SchemaRef::Local => vec![PROJECT_SCHEMA_HREF.to_string()],
            SchemaRef::TeiAll(url) => vec![url.clone()],
            SchemaRef::None => Vec::new(),
        }
    }
}

/// `local`, `tei-all` (the official URL), `tei-all=URL` or `none`, as on the
/// command line (`--schema-ref`).
pub(crate) fn parse(s: &str) -> std::result::Result<SchemaRef, String> {
    match s {
        "local" => Ok(SchemaRef::Local),
        "tei-all" => Ok(SchemaRef::TeiAll(super::TEI_ALL_URL.to_string())),
        "none" => Ok(SchemaRef::None),
        _ => match s.strip_prefix("tei-all=") {
            Some(url) if !url.is_empty() && !url.contains(['"', '<', '>']) => {
                Ok(SchemaRef::TeiAll(url.to_string()))
            }
            _ => Err(format!(
                "{s:?} is not one of local, tei-all, tei-all=URL, none"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_command_line_values() {
        assert_eq!(parse("local"), Ok(SchemaRef::Local));
        assert_eq!(parse("none"), Ok(SchemaRef::None));
        assert_eq!(
            parse("tei-all"),
            Ok(SchemaRef::TeiAll(super::super::TEI_ALL_URL.into()))
        );
        assert_eq!(
            parse("tei-all=https://example.org/t.rng"),
            Ok(SchemaRef::TeiAll("https://example.org/t.rng".into()))
        );
        assert!(parse("tei-all=").is_err());
        assert!(parse("remote").is_err());
    }
}
