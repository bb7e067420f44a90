//! Validation of TEI: RELAX NG validation in process, agreeing with jing.
//!
//! The engine is the `tei-rng` crate (`crates/rng`): James Clark's
//! derivative algorithm over hash-consed patterns, XSD datatypes as jing
//! checks them, ID and pointer checks, limits against hostile input, and a
//! cache of compiled schemas. This module adds what is the encoder's: the
//! embedded project schema and `<?xml-model?>` resolution (the reports
//! `tei-encoder validate` prints are the command line's).
//! Why not the `teixml` crate: see `schema/README.md`.
#![warn(missing_docs, unreachable_pub)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
pub use tei_rng::{
    Check, Diagnostic, Error as ValidateError, Refused, Schema, Severity, default_cache_dir,
    parse_document,
};
use tei_rng::{Resolver, Session};

pub use crate::schema::{PROJECT_SCHEMA, PROJECT_SCHEMA_HREF, PROJECT_SCHEMA_NAME};
/// The RELAX NG namespace, the `schematypens` of an `<?xml-model?>` for RELAX NG.
pub(crate) const RELAXNG_NS: &str = "http://relaxng.org/ns/structure/1.0";

/// Which schema to validate against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SchemaSpec {
    /// The embedded project schema.
    Project,
    /// A RELAX NG file (XML syntax).
    File(PathBuf),
}

impl SchemaSpec {
    /// `tei-encoder` names the embedded schema; anything else is a path.
    pub fn parse(arg: &str) -> SchemaSpec {
        if arg == PROJECT_SCHEMA_NAME {
            SchemaSpec::Project
        } else {
            SchemaSpec::File(PathBuf::from(arg))
        }
    }

    /// How the schema is named in reports.
    pub fn label(&self) -> String {
        match self {
            SchemaSpec::Project => format!("{PROJECT_SCHEMA_NAME} (embedded)"),
            SchemaSpec::File(p) => p.display().to_string(),
        }
    }
}

/// The result for one document.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The document checked.
    pub path: PathBuf,
    /// The schemas it was checked against.
    pub schemas: Vec<String>,
    /// What was found, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Remarks for the user (an `<?xml-model?>` that could not be used).
    pub notes: Vec<String>,
}

impl FileReport {
    /// Valid when there are no errors (and, when strict, no warnings).
    pub fn is_valid(&self, strict: bool) -> bool {
        self.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning && !strict)
    }
}

/// Options of a validation run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Use this schema for every document instead of their `<?xml-model?>`.
    pub schema: Option<SchemaSpec>,
    /// Where compiled schemas are cached (`None`: compile every run).
    pub cache_dir: Option<PathBuf>,
}

/// Validates documents, compiling each schema once per run.
pub struct Validator {
    options: Options,
    sessions: HashMap<SchemaSpec, Session>,
}

/// The embedded schema includes nothing.
struct NoIncludes;

impl Resolver for NoIncludes {
    fn load(&self, uri: &str) -> Result<String, String> {
        Err(format!("{uri}: the embedded schema cannot include files"))
    }
}

/// Compiles the embedded project schema.
pub fn project_schema() -> Result<Schema, ValidateError> {
    Schema::compile(PROJECT_SCHEMA, "tei-encoder.rng", &NoIncludes).map_err(|e| match e {
        ValidateError::Schema { message, .. } => ValidateError::Schema {
            schema: PROJECT_SCHEMA_NAME.to_string(),
            message,
        },
        e => e,
    })
}

/// Compiles a schema file, through the cache when one is given.
pub(crate) fn compile_file(path: &Path, cache_dir: Option<&Path>) -> Result<Schema, ValidateError> {
    Schema::compile_file(path, cache_dir)
}

/// RELAX NG `<?xml-model?>` hrefs of a document, in order.
pub(crate) fn xml_model_hrefs(doc: &roxmltree::Document) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.root().children() {
        let Some(pi) = node.pi() else { continue };
        if pi.target != "xml-model" {
            continue;
        }
        let value = pi.value.unwrap_or("");
        let attr = |name: &str| pseudo_attribute(value, name);
        let Some(href) = attr("href") else { continue };
        let relax_ng = match attr("schematypens") {
            Some(ns) => ns == RELAXNG_NS,
            None => href.ends_with(".rng"),
        };
        if relax_ng {
            out.push(href);
        }
    }
    out
}

/// A pseudo-attribute of a processing instruction (`name="value"`).
fn pseudo_attribute(pi: &str, name: &str) -> Option<String> {
    let mut rest = pi;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest[..i].ends_with(char::is_whitespace);
        let after = rest[i + name.len()..].trim_start();
        if before_ok && let Some(after_eq) = after.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let q = after_eq.chars().next()?;
            if q == '"' || q == '\'' {
                let body = &after_eq[1..];
                let end = body.find(q)?;
                return Some(body[..end].replace("&amp;", "&").replace("&quot;", "\""));
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// The schema an `<?xml-model?>` href stands for, if the tool has it:
/// a local file (relative to the document), else the embedded project schema by name.
pub(crate) fn resolve_href(href: &str, document: &Path) -> Option<SchemaSpec> {
    if !href.contains("://") || href.starts_with("file://") {
        let local = href.strip_prefix("file://").unwrap_or(href);
        let dir = document.parent().unwrap_or(Path::new("."));
        let candidate = dir.join(local);
        if candidate.is_file() {
            // The copy tei-encoder writes beside its outputs is the embedded
            // schema: no need to compile it again.
            if std::fs::read(&candidate).is_ok_and(|b| b == PROJECT_SCHEMA.as_bytes()) {
                return Some(SchemaSpec::Project);
            }
            return Some(SchemaSpec::File(candidate));
        }
    }
    let file_name = href.rsplit(['/', '\\']).next().unwrap_or(href);
    (file_name == PROJECT_SCHEMA_HREF).then_some(SchemaSpec::Project)
}

impl Validator {
    /// A validator; schemas are compiled when first needed.
    pub fn new(options: Options) -> Self {
        Validator {
            options,
            sessions: HashMap::new(),
        }
    }

    fn session(&mut self, spec: &SchemaSpec) -> Result<&mut Session, ValidateError> {
        if !self.sessions.contains_key(spec) {
            let schema = match spec {
                SchemaSpec::Project => project_schema()?,
                SchemaSpec::File(p) => compile_file(p, self.options.cache_dir.as_deref())?,
            };
            self.sessions
                .insert(spec.clone(), Session::from_schema(schema));
        }
        Ok(self.sessions.get_mut(spec).expect("just inserted"))
    }

    /// Reads and validates a file.
    pub fn validate_file(&mut self, path: &Path) -> Result<FileReport, ValidateError> {
        let text = std::fs::read_to_string(path).map_err(|source| ValidateError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.validate_text(&text, path)
    }

    /// Validates a document read from `path`: against `--schema` if given, else
    /// against every RELAX NG `<?xml-model?>` schema the tool has, else the project schema.
    pub fn validate_text(&mut self, text: &str, path: &Path) -> Result<FileReport, ValidateError> {
        let mut report = FileReport {
            path: path.to_path_buf(),
            schemas: Vec::new(),
            diagnostics: Vec::new(),
            notes: Vec::new(),
        };
        let doc = match parse_document(text) {
            Ok(doc) => doc,
            Err(refused) => {
                report.diagnostics.push(Diagnostic {
                    line: refused.line,
                    column: refused.column,
                    severity: Severity::Error,
                    check: Check::RelaxNg,
                    message: refused.message,
                });
                return Ok(report);
            }
        };
        let specs = match &self.options.schema {
            Some(s) => vec![s.clone()],
            None => {
                let mut specs = Vec::new();
                for href in xml_model_hrefs(&doc) {
                    match resolve_href(&href, path) {
                        Some(s) if !specs.contains(&s) => specs.push(s),
                        Some(_) => {}
                        None => report.notes.push(format!(
                            "schema {href} is not available offline; pass --schema PATH.rng to use a local copy"
                        )),
                    }
                }
                if specs.is_empty() {
                    specs.push(SchemaSpec::Project);
                }
                specs
            }
        };
        let mut id_attributes = tei_rng::IdAttributes::default();
        for spec in &specs {
            let session = self.session(spec)?;
            report.diagnostics.extend(session.validate(&doc));
            id_attributes.extend(session.id_attributes());
            report.schemas.push(spec.label());
        }
        report
            .diagnostics
            .extend(tei_rng::check_ids(&doc, &id_attributes));
        report.diagnostics.sort_by_key(|d| (d.line, d.column));
        report.diagnostics.dedup();
        Ok(report)
    }
}
