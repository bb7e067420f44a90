//! Reader: bytes of an OCR text file (or standard input) into a [`SourceText`].
//!
//! The reader refuses what it cannot keep losslessly (invalid UTF-8, an empty
//! file, a directory) with an error that names the file and the reason.
#![warn(missing_docs, unreachable_pub)]

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::SourceText;

/// Reads `path` (`-` for standard input) into a source text.
pub fn read_path(path: &Path) -> Result<SourceText> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        buf
    } else {
        if path.is_dir() {
            return Err(Error::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".to_string());
    read_bytes(&name, path, &bytes)
}

/// Decodes bytes as UTF-8 and splits them into lines; `name` goes into the header.
pub fn read_bytes(name: &str, path: &Path, bytes: &[u8]) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset,
            line,
        }
    })?;
    let sha256 = sha256_hex(bytes);
    Ok(SourceText::from_text(
        name,
        text,
        bytes.len() as u64,
        sha256,
    ))
}

/// Lower-case hex SHA-256 of `bytes` (one implementation, in `tei-rng`).
pub use tei_rng::sha256_hex;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let e = read_bytes("x.txt", Path::new("x.txt"), b"ab\ncd\xffe").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("x.txt") && msg.contains("byte 5") && msg.contains("line 2"),
            "{msg}"
        );
    }

    #[test]
    fn empty_is_an_error() {
        assert!(matches!(
            read_bytes("e", Path::new("e"), b""),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn checksum_is_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
