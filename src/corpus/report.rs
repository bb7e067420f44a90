//! What a batch did: one report per document, and the totals.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::plan::Job;
use crate::model::Document;

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not yet run.
    Pending,
    /// Encoded and written.
    Encoded,
    /// The output was newer than the input and metadata (resumed run).
    Skipped,
    /// Not written: see [`DocReport::error`].
    Failed,
}

/// One document's counts, as `--report-json` writes them.
#[derive(Debug, Clone, Serialize)]
pub struct DocReport {
    /// The text file.
    pub input: PathBuf,
    /// Its TEI.
    pub output: PathBuf,
    /// What became of it.
    pub status: Status,
    /// Why it failed: the file and the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Bytes read.
    pub input_bytes: u64,
    /// Bytes of TEI written.
    pub output_bytes: u64,
    /// Source lines.
    pub lines: usize,
    /// Page breaks (`pb`).
    pub pages: usize,
    /// Divisions (`div`) with a heading.
    pub divisions: usize,
    /// Headings found.
    pub headings: usize,
    /// Line-end joins.
    pub joins: usize,
    /// OCR corrections.
    pub corrections: usize,
    /// Name mentions by kind (person, org, state, place).
    pub names: BTreeMap<String, usize>,
    /// What the user should know (no corrections made, say).
    pub warnings: Vec<String>,
    /// Wall time of the document.
    pub seconds: f64,
}

impl DocReport {
    pub(crate) fn new(job: &Job) -> DocReport {
        DocReport {
            input: job.input.clone(),
            output: job.output.clone(),
            status: Status::Pending,
            error: None,
            input_bytes: 0,
            output_bytes: 0,
            lines: 0,
            pages: 0,
            divisions: 0,
            headings: 0,
            joins: 0,
            corrections: 0,
            names: BTreeMap::new(),
            warnings: Vec::new(),
            seconds: 0.0,
        }
    }

    /// Takes the counts of an encoded document.
    pub(crate) fn fill(&mut self, doc: &Document, output_bytes: u64) {
        let log = &doc.log;
        self.input_bytes = doc.source.size;
        self.output_bytes = output_bytes;
        self.lines = doc.source.lines.len();
        self.pages = log.page_breaks;
        self.divisions = doc.divisions().len();
        self.headings = log.headings[0] + log.headings[1];
        self.joins = log.joins;
        self.corrections = log.corrections.values().sum();
        for (kind, n) in &log.names {
            *self.names.entry(kind.as_str().to_string()).or_default() += n;
        }
        if let Some(known) = log.corrections_withheld {
            self.warnings.push(format!(
                "the word list knows only {:.0}% of the text's words (is the text in another language?): no OCR corrections made",
                f64::from(known) / 10.0
            ));
        }
    }

    /// Name mentions, all kinds.
    pub fn names_total(&self) -> usize {
        self.names.values().sum()
    }
}

/// The totals of a run, and every document's report in plan order.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Documents planned.
    pub documents: usize,
    /// Documents encoded.
    pub encoded: usize,
    /// Documents skipped as up to date.
    pub skipped: usize,
    /// Documents that failed.
    pub failed: usize,
    /// Bytes read, all documents.
    pub input_bytes: u64,
    /// Bytes of TEI written.
    pub output_bytes: u64,
    /// Source lines.
    pub lines: usize,
    /// Page breaks (`pb`).
    pub pages: usize,
    /// Divisions with a heading.
    pub divisions: usize,
    /// Line-end joins.
    pub joins: usize,
    /// OCR corrections.
    pub corrections: usize,
    /// Name mentions by kind.
    pub names: BTreeMap<String, usize>,
    /// Warnings, all documents.
    pub warnings: usize,
    /// Worker threads used.
    pub threads: usize,
    /// Wall time of the run.
    pub seconds: f64,
    /// Input megabytes (10^6 bytes) encoded per second of wall time.
    pub mb_per_second: f64,
    /// Every document's report, in plan order.
    pub reports: Vec<DocReport>,
}

impl Summary {
    pub(crate) fn new(reports: Vec<DocReport>, threads: usize, seconds: f64) -> Summary {
        let mut s = Summary {
            documents: reports.len(),
            encoded: 0,
            skipped: 0,
            failed: 0,
            input_bytes: 0,
            output_bytes: 0,
            lines: 0,
            pages: 0,
            divisions: 0,
            joins: 0,
            corrections: 0,
            names: BTreeMap::new(),
            warnings: 0,
            threads,
            seconds,
            mb_per_second: 0.0,
            reports: Vec::new(),
        };
        for r in &reports {
            match r.status {
                Status::Encoded => s.encoded += 1,
                Status::Skipped => s.skipped += 1,
                Status::Failed => s.failed += 1,
                Status::Pending => {}
            }
            s.input_bytes += r.input_bytes;
            s.output_bytes += r.output_bytes;
            s.lines += r.lines;
            s.pages += r.pages;
            s.divisions += r.divisions;
            s.joins += r.joins;
            s.corrections += r.corrections;
            s.warnings += r.warnings.len();
            for (k, n) in &r.names {
                *s.names.entry(k.clone()).or_default() += n;
            }
        }
        if seconds > 0.0 {
            s.mb_per_second = s.input_bytes as f64 / 1e6 / seconds;
        }
        s.reports = reports;
        s
    }

    /// The summary as a few lines of text, for people.
    pub fn text(&self) -> String {
        let names: Vec<String> = self.names.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let names_total: usize = self.names.values().sum();
        let mut out = format!(
            "documents: {} ({} encoded, {} up to date and skipped, {} failed)\n",
            self.documents, self.encoded, self.skipped, self.failed
        );
        out.push_str(&format!(
            "pages: {}  divisions: {}  joins: {}  corrections: {}\n",
            self.pages, self.divisions, self.joins, self.corrections
        ));
        out.push_str(&format!(
            "names: {names_total}{}\n",
            if names.is_empty() {
                String::new()
            } else {
                format!(" ({})", names.join(", "))
            }
        ));
        out.push_str(&format!(
            "warnings: {}  failures: {}\n",
            self.warnings, self.failed
        ));
        out.push_str(&format!(
            "time: {:.2} s on {} thread{}, {:.1} MB in, {:.2} MB/s\n",
            self.seconds,
            self.threads,
            if self.threads == 1 { "" } else { "s" },
            self.input_bytes as f64 / 1e6,
            self.mb_per_second
        ));
        out
    }

    /// The summary and every document's report as JSON.
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
