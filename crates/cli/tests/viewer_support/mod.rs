//! Helpers shared by the viewer's integration tests: the binary, the fixture,
//! counts taken from the XML, and a bounded `serve` process.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tei-encoder"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn fixture() -> PathBuf {
    repo().join("tests/data/viewer/fixture.tei.xml")
}

/// The set-up must have installed CETEIcean; say how when it has not.
pub fn require_ceteicean() {
    let p = repo().join("viewer/node_modules/CETEIcean/dist/CETEI.js");
    assert!(
        p.is_file(),
        "{} is missing: run the set-up, `bash .ci/setup` (npm ci in viewer/)",
        p.display()
    );
}

/// Elements named `name` in the TEI namespace: in the whole file, and inside `<text>`.
pub fn count(xml: &str, name: &str) -> (usize, usize) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let is = |n: &roxmltree::Node| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(TEI_NS)
    };
    let all = doc.descendants().filter(is).count();
    let in_text = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "text")
        .map(|t| t.descendants().filter(is).count())
        .unwrap_or(0);
    (all, in_text)
}

/// A running `tei-encoder serve`, killed when dropped.
pub struct Served {
    pub child: Child,
    pub port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve DIR --port 0` and reads the URL it prints.
pub fn serve(dir: &Path) -> Served {
    let mut child = bin()
        .args(["serve", "--port", "0"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let mut served = Served { child, port: 0 };
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("serve printed its URL in time");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no loopback URL in {line:?}"));
    served.port = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .expect("port number");
    served
}

/// One raw HTTP/1.1 request on loopback; returns (status, headers, body).
pub fn http(port: u16, method: &str, target: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    (status, head, raw[split + 4..].to_vec())
}

/// Runs a command to its end or kills it after `limit`; returns (success, stdout, stderr).
pub fn run_bounded(mut cmd: Command, limit: Duration) -> (bool, String, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break Some(st);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (o, e) = (out_t.join().unwrap(), err_t.join().unwrap());
    match status {
        Some(st) => (st.success(), o, e),
        None => (false, o, format!("{e}\n(killed after {limit:?})")),
    }
}
