//! Planning: which inputs, where each output goes, which shard a document
//! belongs to, and which outputs are already up to date.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One input and where its encoding goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The text file to encode.
    pub input: PathBuf,
    /// Where its TEI is written.
    pub output: PathBuf,
    /// The input's path relative to the directory it was found in (its file
    /// name when it was named directly): the key of `--shard`, and the name
    /// it has in a package or a corpus file.
    pub relative: PathBuf,
    /// `NAME.meta.toml` beside the input, when there is one.
    pub(crate) sidecar_meta: Option<PathBuf>,
}

/// `--shard K/N`: the K-th of N disjoint parts of a corpus (K from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1.
    pub index: u32,
    /// N, at least 1.
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not K/N (e.g. 1/4)"))?;
        let k: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("{s:?}: K is not a number"))?;
        let n: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("{s:?}: N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("{s:?}: K must be between 1 and N (N ≥ 1)"));
        }
        Ok(Shard { index: k, count: n })
    }

    /// Whether a document (by its relative path) is in this shard. The split
    /// hashes the relative path (FNV-1a, 64 bits, `/` as separator), so a
    /// document keeps its shard however the corpus grows and whichever
    /// machine lists it; the N shards cover the corpus exactly once.
    pub fn contains(&self, relative: &Path) -> bool {
        shard_of(relative, self.count) == self.index
    }
}

/// The shard (1..=n) a relative path falls in.
pub(crate) fn shard_of(relative: &Path, n: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut first = true;
    for part in relative.components() {
        if !first {
            h ^= u64::from(b'/');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        first = false;
        for &b in part.as_os_str().as_encoded_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (h % u64::from(n)) as u32 + 1
}

/// `dir/name.txt` → `dir/name.tei.xml`.
pub(crate) fn default_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    input.with_file_name(format!("{stem}.tei.xml"))
}

/// Turns inputs (files, directories of `*.txt`, `-`) into jobs, refusing
/// clashes and outputs over inputs before any work. Directories are walked
/// in name order, so every worker plans the same list.
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
                relative: PathBuf::from("-"),
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
                let rel = f.strip_prefix(input).unwrap_or(&f).to_path_buf();
                let out = match out_dir {
                    Some(d) => default_output(&d.join(&rel)),
                    None => default_output(&f),
                };
                jobs.push(job(f, out, rel));
            }
        } else {
            let name = PathBuf::from(input.file_name().unwrap_or_default());
            let out = match (output, out_dir) {
                (Some(o), _) => o.to_path_buf(),
                (None, Some(d)) => default_output(&d.join(&name)),
                (None, None) => default_output(input),
            };
            jobs.push(job(input.clone(), out, name));
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
    Ok(jobs)
}

/// Creates the output directories of `jobs` (under `--out-dir`).
pub fn create_output_dirs(jobs: &[Job]) -> Result<(), Error> {
    let mut made = std::collections::HashSet::new();
    for j in jobs {
        if let Some(parent) = j.output.parent()
            && !parent.as_os_str().is_empty()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
    }
    Ok(())
}

fn job(input: PathBuf, output: PathBuf, relative: PathBuf) -> Job {
    let sidecar = input
        .file_stem()
        .map(|s| input.with_file_name(format!("{}.meta.toml", s.to_string_lossy())))
        .filter(|p| p.is_file());
    Job {
        input,
        output,
        relative,
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

/// Whether `job`'s output exists and is newer than its input and its
/// metadata (the sidecar, or `shared_meta`): then a resumed run skips it.
pub(crate) fn is_up_to_date(job: &Job, shared_meta: Option<&Path>) -> bool {
    if job.output == Path::new("-") || job.input == Path::new("-") {
        return false;
    }
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(out) = mtime(&job.output) else {
        return false;
    };
    let sources = [
        Some(job.input.as_path()),
        job.sidecar_meta.as_deref(),
        shared_meta,
    ];
    sources.into_iter().flatten().all(|p| match mtime(p) {
        Some(t) => out > t,
        None => false,
    })
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
        assert_eq!(jobs[1].relative, Path::new("sub/b.txt"));
        assert_eq!(jobs[1].sidecar_meta, Some(corpus.join("sub/b.meta.toml")));
        create_output_dirs(&jobs).unwrap();
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

    #[test]
    fn shards_partition_and_parse() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "x/2", "3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        let paths: Vec<PathBuf> = (0..500)
            .map(|i| PathBuf::from(format!("d{}/f{i}.txt", i % 7)))
            .collect();
        let mut counts = [0usize; 4];
        for p in &paths {
            let hits: Vec<u32> = (1..=4)
                .filter(|&k| Shard { index: k, count: 4 }.contains(p))
                .collect();
            assert_eq!(hits.len(), 1, "{}", p.display());
            counts[hits[0] as usize - 1] += 1;
        }
        assert!(counts.iter().all(|&c| c > 80), "{counts:?}");
    }
}
