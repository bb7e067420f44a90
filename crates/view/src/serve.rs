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

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::ceteicean::Ceteicean;
use super::page::{PageSource, ScriptSource, TeiFacts, escape_html, render_page};
use crate::error::{Error, Result};

/// File names the server shows and serves.
pub(crate) const TEI_SUFFIX: &str = ".tei.xml";

/// Characters escaped in a file name put in a URL path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// Longest request head read by default; longer ones get 431.
const MAX_HEAD: usize = 16 * 1024;

/// A slow or silent client is dropped after this by default.
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
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: &'static str,
    /// The body, sent as it is.
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
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        503 => "Service Unavailable",
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

/// Bounds that keep one client from holding the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest request head (request line and header fields) read; longer
    /// ones get 431 (414 when the request line alone is too long).
    pub max_head: usize,
    /// The whole request head must arrive within this, or the client gets
    /// 408 and is dropped: a client sending a byte now and then cannot keep
    /// a connection open.
    pub head_timeout: Duration,
    /// Writing the response must not stall longer than this per write.
    pub write_timeout: Duration,
    /// Connections served at once; beyond, new ones get 503 at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_head: MAX_HEAD,
            head_timeout: CLIENT_TIMEOUT,
            write_timeout: CLIENT_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Connections served at once by default.
const MAX_CONNECTIONS: usize = 128;

/// A listening server.
pub struct Server {
    listener: TcpListener,
    site: Arc<Site>,
    limits: Limits,
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
            limits: Limits::default(),
        })
    }

    /// The same server with other limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends, one thread per connection, at most
    /// `max_connections` at once.
    pub fn run(self) {
        let open = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let limits = self.limits;
            if open.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
                open.fetch_sub(1, Ordering::SeqCst);
                // Answer without reading: the client learns to come back later.
                let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                let busy = Response::error(503, "too many connections; try again");
                let mut stream = stream;
                let _ = write_response(&mut stream, &busy, false);
                continue;
            }
            let site = Arc::clone(&self.site);
            let counter = Arc::clone(&open);
            let spawned = std::thread::Builder::new().spawn(move || {
                // A client that hangs up early is not the server's problem.
                let _ = handle(&site, stream, &limits);
                counter.fetch_sub(1, Ordering::SeqCst);
            });
            if spawned.is_err() {
                // No thread: the connection was dropped with the closure.
                open.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
}

/// Methods HTTP defines that this server does not allow (405 with `Allow`).
const KNOWN_METHODS: &[&str] = &[
    "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

/// A request head as read, or the status to refuse it with.
fn read_head(stream: &mut TcpStream, limits: &Limits) -> std::result::Result<Vec<u8>, u16> {
    let deadline = Instant::now() + limits.head_timeout;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = head_end(&head) {
            head.truncate(end);
            return Ok(head);
        }
        if head.len() > limits.max_head {
            // 414 when even the request line did not end in time.
            return Err(if head.contains(&b'\n') { 431 } else { 414 });
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(408);
        }
        stream.set_read_timeout(Some(left)).map_err(|_| 400u16)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(400),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(408);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Err(400),
        }
    }
}

/// Where the head ends (the blank line), if it has.
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The response to a request head.
fn answer(site: &Site, head: &[u8]) -> (Response, bool) {
    let Ok(head) = std::str::from_utf8(head) else {
        return (Response::error(400, "the request head is not UTF-8"), false);
    };
    let request_line = head.lines().next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let (method, target, version) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let is_token = !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    let head_only = method == "HEAD";
    let response = if !is_token
        || parts.next().is_some()
        || !version.starts_with("HTTP/1.")
        || target.is_empty()
    {
        Response::error(400, "malformed request line")
    } else if method != "GET" && method != "HEAD" {
        if KNOWN_METHODS.contains(&method) {
            Response::error(405, "only GET and HEAD")
        } else {
            Response::error(501, "only GET and HEAD")
        }
    } else if !target.starts_with('/') {
        Response::error(400, "the target must be a path")
    } else {
        site.respond(target)
    };
    (response, head_only)
}

fn handle(site: &Site, mut stream: TcpStream, limits: &Limits) -> std::io::Result<()> {
    stream.set_write_timeout(Some(limits.write_timeout))?;
    let (response, head_only) = match read_head(&mut stream, limits) {
        Ok(head) => answer(site, &head),
        Err(status) => (Response::error(status, "request refused"), false),
    };
    write_response(&mut stream, &response, head_only)?;
    drain(&mut stream);
    Ok(())
}

/// Reads and drops what the client still sends, for a second at most (1 MB
/// at most), so that closing does not reset the connection before the
/// client has read the response.
fn drain(stream: &mut TcpStream) {
    let until = Instant::now() + Duration::from_secs(1);
    let mut buf = [0u8; 8192];
    let mut total = 0usize;
    while total < 1 << 20 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n,
        }
    }
}

fn write_response(stream: &mut TcpStream, r: &Response, head_only: bool) -> std::io::Result<()> {
    let allow = if matches!(r.status, 405 | 501) {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{allow}Cache-Control: no-store\r\n\
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
    stream.flush()?;
    // Close our side first, so a client that sent more than we read still
    // gets the response rather than a reset.
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
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
