//! Corpus mode of `encode`: many inputs (files and directories of `*.txt`),
//! one output each, progress on standard error, and a failed file that does
//! not stop the others.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::encode::{DocSummary, default_output};
use crate::error::Error;

/// One input and where its encoding goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub input: PathBuf,
    pub output: PathBuf,
    /// `NAME.meta.toml` beside the input, when there is one.
    pub sidecar_meta: Option<PathBuf>,
}

/// Turns the command line's inputs into jobs, refusing clashes before any work.
pub fn plan(
    inputs: &[PathBuf],
    output: Option<&Path>,
    out_dir: Option<&Path>,
) -> Result<Vec<Job>, Error> {
    let mut jobs = Vec::new();
    for input in inputs {
        if input == Path::new("-") {
            let out = output
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("-"));
            jobs.push(Job {
                input: input.clone(),
                output: out,
                sidecar_meta: None,
            });
        } else if input.is_dir() {
            let mut files = Vec::new();
            collect_txt(input, &mut files).map_err(|source| Error::Io {
                path: input.clone(),
                source,
            })?;
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: no .txt files in this directory",
                    input.display()
                )));
            }
            files.sort();
            for f in files {
                let out = match out_dir {
                    Some(d) => {
                        let rel = f.strip_prefix(input).unwrap_or(&f);
                        default_output(&d.join(rel))
                    }
                    None => default_output(&f),
                };
                jobs.push(job(f, out));
            }
        } else {
            let out = match (output, out_dir) {
                (Some(o), _) => o.to_path_buf(),
                (None, Some(d)) => default_output(&d.join(input.file_name().unwrap_or_default())),
                (None, None) => default_output(input),
            };
            jobs.push(job(input.clone(), out));
        }
    }
    if jobs.len() > 1 && output.is_some() {
        return Err(Error::Usage(
            "-o names one output; with several inputs use --out-dir DIR".into(),
        ));
    }
    let mut seen: HashMap<PathBuf, &Path> = HashMap::new();
    for j in &jobs {
        if j.output == Path::new("-") {
            continue;
        }
        if same_file(&j.output, &j.input) {
            return Err(Error::WouldOverwriteInput {
                path: j.output.clone(),
            });
        }
        if let Some(other) = seen.insert(j.output.clone(), &j.input) {
            return Err(Error::Usage(format!(
                "{} and {} would both be written to {}",
                other.display(),
                j.input.display(),
                j.output.display()
            )));
        }
    }
    for j in &jobs {
        if let Some(parent) = j.output.parent()
            && !parent.as_os_str().is_empty()
            && out_dir.is_some()
        {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
    }
    Ok(jobs)
}

fn job(input: PathBuf, output: PathBuf) -> Job {
    let sidecar = input
        .file_stem()
        .map(|s| input.with_file_name(format!("{}.meta.toml", s.to_string_lossy())))
        .filter(|p| p.is_file());
    Job {
        input,
        output,
        sidecar_meta: sidecar,
    }
}

/// `*.txt` files below `dir`, following no symbolic links to directories.
fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Progress lines on standard error: one a file, then a total.
pub struct Progress {
    total: usize,
    done: std::cell::Cell<usize>,
    quiet: bool,
    started: Instant,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Self {
        Progress {
            total,
            done: std::cell::Cell::new(0),
            quiet,
            started: Instant::now(),
        }
    }

    fn tick(&self) -> String {
        self.done.set(self.done.get() + 1);
        let width = self.total.to_string().len();
        format!("[{:>width$}/{}]", self.done.get(), self.total)
    }

    pub fn done(&self, job: &Job, s: &DocSummary, took: Duration) {
        let tick = self.tick();
        if self.quiet {
            return;
        }
        let corrections: usize = s.log.corrections.values().sum();
        let names: usize = s.log.names.values().sum();
        eprintln!(
            "{tick} {} -> {}: {} lines, {} headings, {} pages, {} joins, {} corrections, {} names ({} ms)",
            job.input.display(),
            job.output.display(),
            s.lines,
            s.log.headings[0] + s.log.headings[1],
            s.log.page_breaks,
            s.log.joins,
            corrections,
            names,
            took.as_millis()
        );
    }

    pub fn failed(&self, job: &Job, e: &anyhow::Error) {
        let tick = self.tick();
        eprintln!("{tick} {}: FAILED: {e:#}", job.input.display());
    }

    pub fn finish(&self, failed: usize) {
        eprintln!(
            "tei-encoder: encoded {} of {} files in {:.1} s{}",
            self.total - failed,
            self.total,
            self.started.elapsed().as_secs_f64(),
            if failed > 0 {
                format!("; {failed} failed (see above)")
            } else {
                String::new()
            }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_inputs_mirror_into_out_dir_and_clashes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        std::fs::write(corpus.join("a.txt"), "a\n").unwrap();
        std::fs::write(corpus.join("sub/b.txt"), "b\n").unwrap();
        std::fs::write(corpus.join("sub/b.meta.toml"), "title = \"B\"\n").unwrap();
        std::fs::write(corpus.join("notes.md"), "x\n").unwrap();
        let out = dir.path().join("out");
        let jobs = plan(std::slice::from_ref(&corpus), None, Some(&out)).unwrap();
        assert_eq!(jobs.len(), 2);
        assert_eq!(jobs[0].output, out.join("a.tei.xml"));
        assert_eq!(jobs[1].output, out.join("sub/b.tei.xml"));
        assert_eq!(jobs[1].sidecar_meta, Some(corpus.join("sub/b.meta.toml")));
        assert!(out.join("sub").is_dir());
        // -o with several inputs, and two inputs to one output, are usage errors.
        let two = [corpus.join("a.txt"), corpus.join("sub/b.txt")];
        assert!(plan(&two, Some(Path::new("x.xml")), None).is_err());
        let same = [corpus.join("a.txt"), corpus.join("a.txt")];
        assert!(plan(&same, None, None).is_err());
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(plan(&[empty], None, None).is_err());
    }
}
