//! Output of `tei-encoder validate`: jing's `file:line:col: error: message`
//! lines for people, one JSON document for machines.

use std::fmt::Write;
use tei_encoder::validate::{Diagnostic, FileReport, Severity};

/// `file:line:col: severity: message`, one line per diagnostic.
pub(super) fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for d in &r.diagnostics {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(
                out,
                "{}:{}:{}: {severity}: {}",
                r.path.display(),
                d.line,
                d.column,
                d.message
            );
        }
    }
    out
}

#[derive(serde::Serialize)]
struct JsonRun<'a> {
    valid: bool,
    files: Vec<JsonFile<'a>>,
}

#[derive(serde::Serialize)]
struct JsonFile<'a> {
    file: String,
    valid: bool,
    schemas: &'a [String],
    diagnostics: &'a [Diagnostic],
}

/// The whole run as one JSON object: `{"valid": …, "files": [{file, valid, schemas, diagnostics}]}`.
pub(super) fn json(reports: &[FileReport], strict: bool) -> String {
    let files: Vec<JsonFile> = reports
        .iter()
        .map(|r| JsonFile {
            file: r.path.display().to_string(),
            valid: r.is_valid(strict),
            schemas: &r.schemas,
            diagnostics: &r.diagnostics,
        })
        .collect();
    let run = JsonRun {
        valid: files.iter().all(|f| f.valid),
        files,
    };
    serde_json::to_string_pretty(&run).expect("plain data serialises") + "\n"
}
