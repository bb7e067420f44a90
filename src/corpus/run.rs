//! Running a plan: documents encoded in parallel (rayon), each reported.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use super::io::{read_input, write_atomically_with};
use super::plan::{Job, is_up_to_date};
use super::report::{DocReport, Status, Summary};
use crate::error::Error;
use crate::model::Metadata;
use crate::model::{Document, SourceText};
use crate::pipeline::{self, EncodeOptions};
use crate::tei::write_tei_to;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Inputs larger than this are refused.
    pub max_input_bytes: u64,
    /// Encode even where the output is newer than input and metadata.
    pub force: bool,
    /// `--date`, for every document (else `SOURCE_DATE_EPOCH`, the
    /// document's metadata, today).
    pub date: Option<String>,
    /// `--meta`: one metadata file for every document, instead of sidecars.
    pub shared_meta: Option<PathBuf>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            jobs: 0,
            max_input_bytes: super::io::DEFAULT_MAX_INPUT_BYTES,
            force: false,
            date: None,
            shared_meta: None,
        }
    }
}

/// Told of each document as it finishes (from worker threads, in the
/// order they finish).
pub trait Observer: Sync {
    /// A document is done (encoded, skipped or failed).
    fn finished(&self, _report: &DocReport) {}
}

/// The resources loaded once and shared by every document of a run.
pub struct Encoder {
    /// The passes' options and resources, shared by every document.
    pub options: EncodeOptions,
    shared_meta: Option<Metadata>,
    run: RunOptions,
}

impl Encoder {
    /// Loads `--meta` (if any) once, and checks `--date` before any work
    /// (a bad date is bad usage, not a failure of every document).
    pub fn new(mut options: EncodeOptions, run: RunOptions) -> Result<Encoder, Error> {
        let shared_meta = match &run.shared_meta {
            Some(p) => Some(Metadata::from_path(p)?),
            None => None,
        };
        // The date most documents get; one whose metadata names another
        // gets a copy of the options with it.
        options.date = pipeline::resolve_date(
            run.date.as_deref(),
            shared_meta.as_ref().unwrap_or(&Metadata::default()),
        )?;
        Ok(Encoder {
            options,
            shared_meta,
            run,
        })
    }

    /// How the batch runs.
    pub fn run_options(&self) -> &RunOptions {
        &self.run
    }

    /// The metadata of one job: `--meta`, else `NAME.meta.toml` beside it, else none.
    pub fn metadata(&self, job: &Job) -> Result<Metadata, Error> {
        if let Some(m) = &self.shared_meta {
            return Ok(m.clone());
        }
        match &job.sidecar_meta {
            Some(p) => Metadata::from_path(p),
            None => Ok(Metadata::default()),
        }
    }

    /// Encodes one source into the document model, as single-file mode
    /// does: the same function for both, so outputs are byte-identical.
    pub fn encode(&self, source: SourceText, meta: Metadata) -> Result<Document, Error> {
        let date = pipeline::resolve_date(self.run.date.as_deref(), &meta)?;
        if date == self.options.date {
            pipeline::encode(source, meta, &self.options)
        } else {
            let mut opts = self.options.clone();
            opts.date = date;
            pipeline::encode(source, meta, &opts)
        }
    }

    /// Reads, encodes and writes one job; never panics the batch.
    pub(crate) fn run_job(&self, job: &Job) -> DocReport {
        let started = Instant::now();
        let mut report = DocReport::new(job);
        if !self.run.force && is_up_to_date(job, self.run.shared_meta.as_deref()) {
            report.status = Status::Skipped;
            return report;
        }
        let result = (|| -> Result<(Document, u64), Error> {
            let meta = self.metadata(job)?;
            let source = read_input(&job.input, self.run.max_input_bytes)?;
            let doc = self.encode(source, meta)?;
            super::io::write_schema_beside(&job.output, &self.options.write.schema_ref)?;
            // Streamed into the temporary file: the TEI is never whole in memory.
            let bytes =
                write_atomically_with(&job.output, |w| write_tei_to(&doc, &self.options.write, w))?;
            Ok((doc, bytes))
        })();
        match result {
            Ok((doc, bytes)) => {
                report.fill(&doc, bytes);
                report.status = Status::Encoded;
            }
            Err(e) => {
                report.status = Status::Failed;
                report.error = Some(e.to_string());
            }
        }
        report.seconds = started.elapsed().as_secs_f64();
        report
    }

    /// Runs every job, `run.jobs` at a time; reports come back in plan order.
    pub fn run_all(&self, jobs: &[Job], observer: &dyn Observer) -> Result<Summary, Error> {
        let started = Instant::now();
        let threads = if self.run.jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            self.run.jobs
        }
        // No more workers than documents.
        .clamp(1, jobs.len().max(1));
        let reports: Vec<DocReport> = if threads <= 1 {
            jobs.iter()
                .map(|j| {
                    let r = self.run_job(j);
                    observer.finished(&r);
                    r
                })
                .collect()
        } else {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
            pool.install(|| {
                jobs.par_iter()
                    // One document per task: documents differ in size by
                    // orders of magnitude, so no batching of small ones.
                    .with_max_len(1)
                    .map(|j| {
                        let r = self.run_job(j);
                        observer.finished(&r);
                        r
                    })
                    .collect()
            })
        };
        Ok(Summary::new(
            reports,
            threads,
            started.elapsed().as_secs_f64(),
        ))
    }
}
