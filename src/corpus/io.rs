//! Reading inputs with the checks a batch needs (size limit, binary files),
//! and atomic writes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::SourceText;

/// The default `--max-input-bytes`: 64 MiB. The largest OCR texts of whole
/// books are a few MB; encoding takes memory in proportion to the input.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Parses a byte count: `1000`, `512K`, `64M`, `2G` (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mul) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mul = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("{s:?}: unknown unit (use K, M or G)")),
            };
            (&t[..i], mul)
        }
        _ => (t, 1),
    };
    let n: u64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 64M)"))?;
    n.checked_mul(mul)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{s:?}: out of range"))
}

/// Reads and checks one input (`-` for standard input): refused when it is
/// unreadable, larger than `max_bytes`, not text (a known binary signature,
/// UTF-16, or mostly control characters), empty or not UTF-8. The error
/// names the file and the reason.
pub fn read_input(path: &Path, max_bytes: u64) -> Result<SourceText, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(io)?;
        if buf.len() as u64 > max_bytes {
            return Err(too_large(path, None, max_bytes));
        }
        buf
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        if meta.len() > max_bytes {
            return Err(too_large(path, Some(meta.len()), max_bytes));
        }
        let mut buf = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .map_err(io)?
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(io)?;
        if buf.len() as u64 > max_bytes {
            return Err(too_large(path, Some(buf.len() as u64), max_bytes));
        }
        buf
    };
    if let Some(why) = not_text(&bytes) {
        return Err(Error::Data {
            path: path.to_path_buf(),
            message: format!("not a text file ({why})"),
        });
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) && std::str::from_utf8(&bytes).is_err() {
        return Err(Error::Data {
            path: path.to_path_buf(),
            message: "not a text file (NUL bytes and invalid UTF-8: binary data)".into(),
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".to_string());
    crate::read::read_bytes(&name, path, &bytes)
}

fn too_large(path: &Path, size: Option<u64>, max: u64) -> Error {
    Error::Data {
        path: path.to_path_buf(),
        message: match size {
            Some(n) => format!(
                "{n} bytes, over the size limit of {max} bytes (raise it with --max-input-bytes)"
            ),
            None => format!("over the size limit of {max} bytes (raise it with --max-input-bytes)"),
        },
    }
}

/// Why `bytes` are not text, if they are not: a file signature of a binary
/// format, a UTF-16 byte-order mark, or a first 64 KiB of which more than a
/// quarter are control characters other than tab, line ends and form feed.
/// (OCR text with a few stray control characters is text: they are kept as
/// `<g type="control"/>`.)
pub(crate) fn not_text(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"PK\x03\x04", "a ZIP archive (or a DOCX/ODT document)"),
        (b"\x1f\x8b", "a gzip file"),
        (b"\xd0\xcf\x11\xe0", "an MS Office document"),
        (b"\x7fELF", "an executable"),
        (
            b"\xff\xfe",
            "UTF-16 text; convert it to UTF-8, e.g. with iconv",
        ),
        (
            b"\xfe\xff",
            "UTF-16 text; convert it to UTF-8, e.g. with iconv",
        ),
    ];
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Some(what);
        }
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if head.len() >= 16 && controls * 4 > head.len() {
        return Some("mostly control characters: binary data");
    }
    None
}

/// Whether `path` exists as something other than a regular file or a
/// directory (following links): a device, a FIFO, a socket. Such a target
/// is written in place, never replaced.
pub(crate) fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// The temporary file a write to `path` goes through: hidden, beside it,
/// named after it, ending `.tmp` (so no `*.xml` search finds it). A run
/// killed while writing leaves at most this file, which the next write of
/// the same output replaces.
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tei-encoder.tmp"))
}

/// Writes to a temporary file beside `path`, then renames it over `path`:
/// an output is either the old file or the whole new one, never a part.
/// `-` is standard output.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomically_with(path, |w| w.write_all(bytes)).map(|_| ())
}

/// As [`write_atomically`], with the bytes written by `write` as it makes
/// them (the TEI writer streams into the temporary file: no copy of the
/// whole output in memory). Returns the number of bytes written. If
/// `write` fails, the temporary file is removed and `path` is untouched.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<u64, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path == Path::new("-") {
        let mut out = Counting::new(std::io::stdout().lock());
        write(&mut out).and_then(|()| out.flush()).map_err(io)?;
        return Ok(out.bytes);
    }
    if is_special(path) {
        // A device (`-o /dev/null`), a FIFO or a socket is written in place:
        // renaming a file over it would replace, say, /dev/null for everyone.
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(io)?;
        let mut out = Counting::new(f);
        write(&mut out).and_then(|()| out.flush()).map_err(io)?;
        return Ok(out.bytes);
    }
    let tmp = temp_path(path);
    // A leftover of a killed run: replace it. Opened with create_new, so a
    // symbolic link planted under this name is never followed.
    match std::fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644);
    }
    let result = (|| {
        let mut out = Counting::new(options.open(&tmp)?);
        write(&mut out)?;
        out.flush()?;
        let bytes = out.bytes;
        drop(out);
        std::fs::rename(&tmp, path)?;
        Ok(bytes)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// A writer that counts what passes through it (a batch reports each
/// output's size without holding the output).
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W> Counting<W> {
    fn new(inner: W) -> Self {
        Counting { inner, bytes: 0 }
    }
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// For [`SchemaRef::Local`](crate::tei::SchemaRef::Local), writes the embedded project schema as
/// `tei-encoder.rng` in the directory of `output`, unless a file with the
/// same bytes is there already (a different one, say from an older version,
/// is replaced: the reference must name the schema the output was written
/// for). Written to a temporary file and renamed, so it is never half there.
/// Returns the path written, if any. Standard output (`-`) and devices get
/// nothing.
pub fn write_schema_beside(
    output: &Path,
    schema: &crate::tei::SchemaRef,
) -> Result<Option<PathBuf>, Error> {
    // Standard output, or a device or FIFO (`-o /dev/null`): no directory
    // of the output's own to write into.
    if *schema != crate::tei::SchemaRef::Local || output == Path::new("-") || is_special(output) {
        return Ok(None);
    }
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let target = dir.join(crate::schema::PROJECT_SCHEMA_HREF);
    // Parallel jobs of one process write into the same directories: one at a time.
    static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let leftover = temp_path(&target);
    if std::fs::read(&target).is_ok_and(|b| b == crate::schema::PROJECT_SCHEMA.as_bytes()) {
        // A run killed while writing the schema left its temporary: remove it.
        let _ = std::fs::remove_file(&leftover);
        return Ok(None);
    }
    // Through the outputs' own atomic write: a temporary of a fixed name
    // beside it, replaced by the next run if a killed one left it.
    write_atomically(&target, crate::schema::PROJECT_SCHEMA.as_bytes())?;
    Ok(Some(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("0").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn binary_is_not_text_but_stray_controls_are() {
        assert!(not_text(b"%PDF-1.4\n...").is_some());
        assert!(not_text(&[0u8; 100]).is_some());
        assert!(not_text(b"nul\x00here\nform\x0cfeed\x01\x1f\n\x07\n").is_none());
        assert!(not_text(b"plain text\n").is_none());
    }

    #[test]
    fn atomic_write_replaces_a_stale_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.tei.xml");
        std::fs::write(temp_path(&out), "partial").unwrap();
        write_atomically(&out, b"whole").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"whole");
        assert!(!temp_path(&out).exists());
    }

    #[test]
    fn a_failed_streamed_write_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.tei.xml");
        std::fs::write(&out, "old").unwrap();
        let err = write_atomically_with(&out, |w| {
            w.write_all(b"half of the new")?;
            Err(std::io::Error::other("encoder gave up"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("encoder gave up"), "{err}");
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        assert!(!temp_path(&out).exists());
        let n = write_atomically_with(&out, |w| {
            w.write_all(b"new ")?;
            w.write_all(b"whole")
        })
        .unwrap();
        assert_eq!(n, 9);
        assert_eq!(std::fs::read(&out).unwrap(), b"new whole");
    }

    #[test]
    fn writes_the_schema_once_and_replaces_a_different_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.tei.xml");
        let rng = dir.path().join(crate::schema::PROJECT_SCHEMA_HREF);
        assert_eq!(
            write_schema_beside(&out, &crate::tei::SchemaRef::Local).unwrap(),
            Some(rng.clone())
        );
        assert_eq!(
            std::fs::read_to_string(&rng).unwrap(),
            crate::schema::PROJECT_SCHEMA
        );
        assert_eq!(
            write_schema_beside(&out, &crate::tei::SchemaRef::Local).unwrap(),
            None
        );
        std::fs::write(&rng, "<grammar/>").unwrap();
        assert_eq!(
            write_schema_beside(&out, &crate::tei::SchemaRef::Local).unwrap(),
            Some(rng.clone())
        );
        assert_eq!(
            std::fs::read_to_string(&rng).unwrap(),
            crate::schema::PROJECT_SCHEMA
        );
        let other = tempfile::tempdir().unwrap();
        let out = other.path().join("b.tei.xml");
        assert_eq!(
            write_schema_beside(&out, &crate::tei::SchemaRef::None).unwrap(),
            None
        );
        assert_eq!(
            write_schema_beside(&out, &crate::tei::SchemaRef::TeiAll("u".into())).unwrap(),
            None
        );
        assert_eq!(
            write_schema_beside(Path::new("-"), &crate::tei::SchemaRef::Local).unwrap(),
            None
        );
        assert!(
            !other
                .path()
                .join(crate::schema::PROJECT_SCHEMA_HREF)
                .exists()
        );
    }
}
