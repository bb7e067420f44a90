//! Where an output's `<?xml-model?>` points, and making that reference
//! resolve where the file is written.
//!
//! [`SchemaRef::Local`] (the default) names `tei-encoder.rng`, relative to the
//! output, and [`write_beside`] puts the embedded project schema there, byte
//! for byte, so an XML editor or jing opening the file finds it offline.
//! [`SchemaRef::TeiAll`] names tei_all by URL (an editor fetches it, or maps
//! it to its own copy); [`SchemaRef::None`] writes no `<?xml-model?>`.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::validate::{PROJECT_SCHEMA, PROJECT_SCHEMA_HREF};

/// The schema an output references.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SchemaRef {
    /// `tei-encoder.rng` beside the output (written there by [`write_beside`]).
    #[default]
    Local,
    /// tei_all at this URL (see [`super::TEI_ALL_URL`]).
    TeiAll(String),
    /// No `<?xml-model?>`.
    None,
}

impl SchemaRef {
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
pub fn parse(s: &str) -> std::result::Result<SchemaRef, String> {
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

/// For [`SchemaRef::Local`], writes the embedded project schema as
/// `tei-encoder.rng` in the directory of `output`, unless a file with the
/// same bytes is there already (a different one, say from an older version,
/// is replaced: the reference must name the schema the output was written
/// for). Written to a temporary file and renamed, so it is never half there.
/// Returns the path written, if any. Standard output (`-`) and devices get
/// nothing.
pub fn write_beside(output: &Path, schema: &SchemaRef) -> Result<Option<PathBuf>> {
    // Standard output, or a device or FIFO (`-o /dev/null`): no directory
    // of the output's own to write into.
    if *schema != SchemaRef::Local
        || output == Path::new("-")
        || crate::corpus::io::is_special(output)
    {
        return Ok(None);
    }
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let target = dir.join(PROJECT_SCHEMA_HREF);
    // Parallel jobs of one process write into the same directories: one at a time.
    static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let leftover = crate::corpus::io::temp_path(&target);
    if std::fs::read(&target).is_ok_and(|b| b == PROJECT_SCHEMA.as_bytes()) {
        // A run killed while writing the schema left its temporary: remove it.
        let _ = std::fs::remove_file(&leftover);
        return Ok(None);
    }
    // Through the outputs' own atomic write: a temporary of a fixed name
    // beside it, replaced by the next run if a killed one left it.
    crate::corpus::io::write_atomically(&target, PROJECT_SCHEMA.as_bytes())?;
    Ok(Some(target))
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

    #[test]
    fn writes_the_schema_once_and_replaces_a_different_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.tei.xml");
        let rng = dir.path().join(PROJECT_SCHEMA_HREF);
        assert_eq!(
            write_beside(&out, &SchemaRef::Local).unwrap(),
            Some(rng.clone())
        );
        assert_eq!(std::fs::read_to_string(&rng).unwrap(), PROJECT_SCHEMA);
        assert_eq!(write_beside(&out, &SchemaRef::Local).unwrap(), None);
        std::fs::write(&rng, "<grammar/>").unwrap();
        assert_eq!(
            write_beside(&out, &SchemaRef::Local).unwrap(),
            Some(rng.clone())
        );
        assert_eq!(std::fs::read_to_string(&rng).unwrap(), PROJECT_SCHEMA);
        let other = tempfile::tempdir().unwrap();
        let out = other.path().join("b.tei.xml");
        assert_eq!(write_beside(&out, &SchemaRef::None).unwrap(), None);
        assert_eq!(
            write_beside(&out, &SchemaRef::TeiAll("u".into())).unwrap(),
            None
        );
        assert_eq!(
            write_beside(Path::new("-"), &SchemaRef::Local).unwrap(),
            None
        );
        assert!(!other.path().join(PROJECT_SCHEMA_HREF).exists());
    }
}
