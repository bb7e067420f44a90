//! How a batch shows itself on standard error: a progress bar with ETA on a
//! terminal (indicatif), plain lines otherwise, and the summary at the end.
//! The work itself is the library's (`tei_encoder::corpus`).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use tei_encoder::corpus::{DocReport, Observer, Status, Summary};

/// Progress of a batch: a bar on a terminal, else one line a document.
pub(super) struct Progress {
    total: usize,
    done: AtomicUsize,
    quiet: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub(super) fn new(total: usize, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents, ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            // Redrawn (elapsed time, ETA) while a long document is encoded.
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
            bar.tick();
            bar
        });
        Progress {
            total,
            done: AtomicUsize::new(0),
            quiet,
            bar,
        }
    }

    fn line(&self, text: String) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    /// Clears the bar and prints the summary (unless quiet).
    pub(super) fn finish(&self, summary: &Summary) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if !self.quiet {
            eprint!("{}", summary.text());
        }
        eprintln!(
            "tei-encoder: encoded {} of {} files in {:.1} s{}{}",
            summary.encoded,
            summary.documents,
            summary.seconds,
            if summary.skipped > 0 {
                format!(
                    "; {} up to date (skipped; --force redoes them)",
                    summary.skipped
                )
            } else {
                String::new()
            },
            if summary.failed > 0 {
                format!("; {} failed (see above)", summary.failed)
            } else {
                String::new()
            }
        );
    }
}

impl Observer for Progress {
    fn finished(&self, r: &DocReport) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let width = self.total.to_string().len();
        let tick = format!("[{n:>width$}/{}]", self.total);
        if let Some(bar) = &self.bar {
            bar.set_position(n as u64);
        }
        match r.status {
            Status::Failed => self.line(format!(
                "{tick} {}: FAILED: {}",
                r.input.display(),
                r.error.as_deref().unwrap_or("unknown error")
            )),
            _ if self.quiet => {}
            Status::Skipped => {
                if self.bar.is_none() {
                    self.line(format!("{tick} {}: up to date, skipped", r.input.display()));
                }
            }
            _ => {
                for w in &r.warnings {
                    self.line(format!("{tick} {}: warning: {w}", r.input.display()));
                }
                if self.bar.is_none() {
                    self.line(format!(
                        "{tick} {} -> {}: {} lines, {} headings, {} pages, {} joins, {} corrections, {} names ({} ms)",
                        r.input.display(),
                        r.output.display(),
                        r.lines,
                        r.headings,
                        r.pages,
                        r.joins,
                        r.corrections,
                        r.names_total(),
                        (r.seconds * 1000.0).round()
                    ));
                }
            }
        }
    }
}
