//! `tei-encoder serve`: a small HTTP server for a directory of `.tei.xml`
//! files, with the viewer page fetching them the way CETEIcean is usually
//! used. It answers GET and HEAD on four kinds of path and nothing else, so
//! it is written on `std::net` (one thread per connection) rather than
//! pulling in an HTTP framework.
//!
//! Paths: `/` lists the files, `/view/NAME` is the viewer page for one,
//! `/tei/NAME` is the file itself, `/CETEI.js` is CETEIcean. NAME must be one
//! file name ending in `.tei.xml` inside the directory: no separators, no
//! `..`, and a symbolic link must not lead outside the directory.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::ceteicean::Ceteicean;
use super::page::{PageSource, ScriptSource, TeiFacts, escape_html, render_page};
use crate::error::{Error, Result};

/// File names the server shows and serves.
pub const TEI_SUFFIX: &str = ".tei.xml";

/// Characters escaped in a file name put in a URL path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// Longest request head read; longer ones get 431.
const MAX_HEAD: usize = 16 * 1024;

/// A slow or silent client is dropped after this.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// What the server serves: the directory and CETEIcean.
#[derive(Debug)]
pub struct Site {
    dir: PathBuf,
    cetei: Ceteicean,
}

/// An HTTP response before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status: 200,
            content_type,
            body: body.into(),
        }
    }

    fn error(status: u16, message: &str) -> Self {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {}: {message}\n", reason(status)).into_bytes(),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}

impl Site {
    /// A site for `dir`, which must be a directory.
    pub fn new(dir: &Path, cetei: Ceteicean) -> Result<Self> {
        let dir = dir.canonicalize().map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "{}: not a directory; serve takes a directory of {TEI_SUFFIX} files",
                dir.display()
            )));
        }
        Ok(Site { dir, cetei })
    }

    /// The `.tei.xml` files directly in the directory, sorted by name.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| self.resolve(n).is_ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The file a decoded NAME stands for, or the status to answer with.
    pub fn resolve(&self, name: &str) -> std::result::Result<PathBuf, u16> {
        let one_component = !name.is_empty()
            && !name.contains(['/', '\\', '\0'])
            && name != "."
            && name != ".."
            && !name.starts_with('.');
        if !one_component {
            return Err(403);
        }
        if !name.ends_with(TEI_SUFFIX) {
            return Err(404);
        }
        let path = self.dir.join(name);
        let real = path.canonicalize().map_err(|_| 404u16)?;
        if !real.starts_with(&self.dir) {
            return Err(403);
        }
        if !real.is_file() {
            return Err(404);
        }
        Ok(real)
    }

    /// The response to a GET of `target` (path and optional query).
    pub fn respond(&self, target: &str) -> Response {
        let path = target.split(['?', '#']).next().unwrap_or("");
        let decoded = match percent_decode_str(path).decode_utf8() {
            Ok(p) => p.into_owned(),
            Err(_) => return Response::error(400, "the path is not UTF-8"),
        };
        if decoded == "/" || decoded == "/index.html" {
            return Response::ok("text/html; charset=utf-8", self.index_page());
        }
        if decoded == "/CETEI.js" {
            return Response::ok(
                "text/javascript; charset=utf-8",
                self.cetei.script.as_bytes(),
            );
        }
        if let Some(name) = decoded.strip_prefix("/tei/") {
            return match self
                .resolve(name)
                .and_then(|p| std::fs::read(p).map_err(|_| 404))
            {
                Ok(bytes) => Response::ok("application/xml; charset=utf-8", bytes),
                Err(status) => Response::error(status, "no such TEI file in the served directory"),
            };
        }
        if let Some(name) = decoded.strip_prefix("/view/") {
            let file = match self.resolve(name) {
                Ok(p) => p,
                Err(status) => {
                    return Response::error(status, "no such TEI file in the served directory");
                }
            };
            let xml = match std::fs::read_to_string(&file) {
                Ok(x) => x,
                Err(_) => return Response::error(404, "the file cannot be read as UTF-8"),
            };
            let facts = match TeiFacts::read(&xml) {
                Ok(f) => f,
                Err(m) => return Response::error(404, &format!("{name}: {m}")),
            };
            let url = format!("/tei/{}", utf8_percent_encode(name, SEGMENT));
            let page = render_page(
                &facts,
                PageSource::Fetch(&url),
                ScriptSource::Link {
                    url: "/CETEI.js",
                    version: &self.cetei.version,
                },
            );
            return Response::ok("text/html; charset=utf-8", page);
        }
        Response::error(404, "unknown path")
    }

    fn index_page(&self) -> String {
        let files = self.files();
        let items: String = if files.is_empty() {
            format!("<li>No {TEI_SUFFIX} files in this directory.</li>")
        } else {
            files
                .iter()
                .map(|n| {
                    let enc = utf8_percent_encode(n, SEGMENT).to_string();
                    format!(
                        "<li><a href=\"/view/{enc}\">{}</a> <small>(<a href=\"/tei/{enc}\">XML</a>)</small></li>",
                        escape_html(n)
                    )
                })
                .collect()
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>TEI files</title><style>body{{font:1.1rem/1.6 Georgia,serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}</style>\
             </head><body><h1>TEI files</h1><p>{}</p><ul>{items}</ul></body></html>\n",
            escape_html(&self.dir.display().to_string())
        )
    }
}

/// A listening server.
pub struct Server {
    listener: TcpListener,
    site: Arc<Site>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port).
    pub fn bind(addr: SocketAddr, site: Site) -> Result<Self> {
        let listener = TcpListener::bind(addr).map_err(|source| Error::Io {
            path: PathBuf::from(addr.to_string()),
            source,
        })?;
        Ok(Server {
            listener,
            site: Arc::new(site),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends, one thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let site = Arc::clone(&self.site);
            std::thread::spawn(move || {
                // A client that hangs up early is not the server's problem.
                let _ = handle(&site, stream);
            });
        }
    }
}

fn handle(site: &Site, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    stream.set_write_timeout(Some(CLIENT_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    let mut head_size = reader.read_line(&mut request_line)?;
    // Read and ignore the header fields, up to the blank line.
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        head_size += n;
        if n == 0 || line == "\r\n" || line == "\n" || head_size > MAX_HEAD {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let response = if head_size > MAX_HEAD {
        Response::error(431, "request head too large")
    } else if !target.starts_with('/') {
        Response::error(400, "malformed request line")
    } else if method != "GET" && method != "HEAD" {
        Response::error(405, "only GET and HEAD")
    } else {
        site.respond(target)
    };
    write_response(stream, &response, method == "HEAD")
}

fn write_response(mut stream: TcpStream, r: &Response, head_only: bool) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        r.status,
        reason(r.status),
        r.content_type,
        r.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEI: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A &amp; B</title></titleStmt></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"#;

    fn site() -> (tempfile::TempDir, Site) {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("served");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("a b.tei.xml"), TEI).unwrap();
        std::fs::write(dir.join("notes.txt"), "private").unwrap();
        std::fs::write(root.path().join("secret.tei.xml"), "outside").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.path().join("secret.tei.xml"), dir.join("link.tei.xml"))
            .unwrap();
        let cetei = Ceteicean {
            script: "var CETEI=1;".into(),
            version: "1.0.0".into(),
            path: "CETEI.js".into(),
        };
        let site = Site::new(&dir, cetei).unwrap();
        (root, site)
    }

    #[test]
    fn lists_only_tei_files_inside_the_directory() {
        let (_root, site) = site();
        assert_eq!(site.files(), vec!["a b.tei.xml".to_string()]);
        let index = String::from_utf8(site.respond("/").body).unwrap();
        assert!(index.contains("href=\"/view/a%20b.tei.xml\""), "{index}");
    }

    #[test]
    fn serves_the_file_the_page_and_ceteicean() {
        let (_root, site) = site();
        let r = site.respond("/tei/a%20b.tei.xml?x=1");
        assert_eq!((r.status, r.body.as_slice()), (200, TEI.as_bytes()));
        let page = site.respond("/view/a%20b.tei.xml");
        assert_eq!(page.status, 200);
        let page = String::from_utf8(page.body).unwrap();
        assert!(page.contains("<title>A &amp; B</title>"));
        assert!(page.contains("\"url\":\"/tei/a%20b.tei.xml\""));
        assert_eq!(site.respond("/CETEI.js").body, b"var CETEI=1;");
    }

    #[test]
    fn refuses_paths_out_of_the_directory() {
        let (_root, site) = site();
        for target in [
            "/tei/../secret.tei.xml",
            "/tei/..%2Fsecret.tei.xml",
            "/tei/%2E%2E%2Fsecret.tei.xml",
            "/tei/link.tei.xml",
            "/tei/..",
            "/tei/.%2F..%2Fsecret.tei.xml",
            "/view/..%2Fsecret.tei.xml",
            "/tei/%2Fetc%2Fpasswd",
        ] {
            let r = site.respond(target);
            assert!(matches!(r.status, 403 | 404), "{target}: {}", r.status);
            assert!(
                !String::from_utf8_lossy(&r.body).contains("outside"),
                "{target}"
            );
        }
        assert_eq!(site.respond("/tei/notes.txt").status, 404);
        assert_eq!(site.respond("/tei/missing.tei.xml").status, 404);
        assert_eq!(site.respond("/nothing").status, 404);
        assert_eq!(site.respond("/tei/%FF.tei.xml").status, 400);
    }
}
