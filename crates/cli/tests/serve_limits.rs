//! `serve` under hostile clients, on 127.0.0.1 only and bounded in time:
//! paths out of the root (`..`, `%2e%2e`, absolute, symbolic links) get 403
//! or 404; an over-long request line or header gets 414 or 431; slow and
//! silent clients neither block others nor hold a connection for ever;
//! `HEAD` and unknown methods get correct answers. The server runs in this
//! process (library API) with short limits, so each test takes seconds.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use tei_view::{Ceteicean, Limits, Server, Site};

const TEI: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Harbour</title></titleStmt></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"#;

/// A served directory beside a secret file and a symbolic link to it.
struct Fixture {
    _tmp: tempfile::TempDir,
    port: u16,
}

fn start(limits: Limits) -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("harbour.tei.xml"), TEI).unwrap();
    std::fs::write(dir.join("private.txt"), "not for the web").unwrap();
    std::fs::write(tmp.path().join("outside.tei.xml"), "SECRET outside").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.path().join("outside.tei.xml"), dir.join("link.tei.xml"))
            .unwrap();
        std::os::unix::fs::symlink(tmp.path(), dir.join("up.tei.xml")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.tei.xml")).unwrap();
    }
    let cetei = Ceteicean {
        script: "var CETEI=1;".into(),
        version: "1.0.0".into(),
        path: "CETEI.js".into(),
    };
    let site = Site::new(&dir, cetei).unwrap();
    let server = Server::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), site)
        .unwrap()
        .with_limits(limits);
    let port = server.local_addr().unwrap().port();
    // The thread ends with the test process.
    std::thread::spawn(move || server.run());
    Fixture { _tmp: tmp, port }
}

fn quick() -> Limits {
    Limits {
        max_head: 4096,
        head_timeout: Duration::from_millis(1500),
        write_timeout: Duration::from_secs(5),
        max_connections: 64,
    }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Sends `raw` and reads the whole answer: (status, head, body).
fn exchange(port: u16, raw: &[u8]) -> (u16, String, Vec<u8>) {
    let mut s = connect(port);
    // The server may answer and close before it has read everything sent.
    let _ = s.write_all(raw);
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> (u16, String, Vec<u8>) {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            // A reset after the response was read is fine.
            Err(_) if !out.is_empty() => break,
            Err(e) => panic!("no response: {e}"),
        }
    }
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(&out)));
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    (status, head, out[split + 4..].to_vec())
}

fn get(port: u16, target: &str) -> (u16, String, Vec<u8>) {
    exchange(
        port,
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

#[test]
fn paths_outside_the_root_are_refused() {
    let f = start(quick());
    assert_eq!(get(f.port, "/tei/harbour.tei.xml").0, 200);
    for target in [
        "/tei/../outside.tei.xml",
        "/tei/..%2Foutside.tei.xml",
        "/tei/%2e%2e/outside.tei.xml",
        "/tei/%2e%2e%2foutside.tei.xml",
        "/tei/%2E%2E%2Foutside.tei.xml",
        "/tei/%252e%252e%252foutside.tei.xml",
        "/tei/..%5Coutside.tei.xml",
        "/tei/.%2e/outside.tei.xml",
        "/view/%2e%2e%2foutside.tei.xml",
        "/../outside.tei.xml",
        "/tei//etc/passwd",
        "/tei/%2Fetc%2Fpasswd",
        "/tei/%2fetc%2fpasswd.tei.xml",
        "//etc/passwd",
        "/tei/link.tei.xml",
        "/view/link.tei.xml",
        "/tei/up.tei.xml",
        "/tei/passwd.tei.xml",
        "/tei/private.txt",
        "/tei/%00.tei.xml",
        "/tei/harbour.tei.xml%00",
    ] {
        let (status, _, body) = get(f.port, target);
        assert!(matches!(status, 403 | 404), "{target}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("SECRET")
                && !body.contains("not for the web")
                && !body.contains("root:"),
            "{target}: {body}"
        );
    }
    // Absolute-form and asterisk targets are no paths of this server.
    for target in [
        "http://127.0.0.1/../outside.tei.xml",
        "file:///etc/passwd",
        "*",
    ] {
        let (status, _, body) = get(f.port, target);
        assert!(matches!(status, 400 | 403 | 404), "{target}: {status}");
        assert!(!String::from_utf8_lossy(&body).contains("SECRET"));
    }
    // The listing shows neither the link nor the private file.
    let index = String::from_utf8(get(f.port, "/").2).unwrap();
    assert!(index.contains("harbour.tei.xml"));
    assert!(!index.contains("link.tei.xml") && !index.contains("private.txt"));
}

#[test]
fn head_and_unknown_methods_are_answered_correctly() {
    let f = start(quick());
    let (status, head, body) = get(f.port, "/tei/harbour.tei.xml");
    assert_eq!(status, 200);
    let (hstatus, hhead, hbody) = exchange(
        f.port,
        b"HEAD /tei/harbour.tei.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    );
    assert_eq!(hstatus, 200);
    assert!(hbody.is_empty(), "HEAD has no body");
    let length = |h: &str| {
        h.lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .map(str::to_string)
    };
    assert_eq!(length(&hhead), length(&head));
    assert_eq!(length(&head), Some(body.len().to_string()));
    // HEAD of a missing file: the status of a GET, still no body.
    let (s, _, b) = exchange(f.port, b"HEAD /tei/missing.tei.xml HTTP/1.1\r\n\r\n");
    assert_eq!((s, b.len()), (404, 0));
    // Methods HTTP defines but this server does not allow: 405 with Allow.
    for m in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"] {
        let (s, h, _) = exchange(
            f.port,
            format!("{m} /tei/harbour.tei.xml HTTP/1.1\r\nContent-Length: 0\r\n\r\n").as_bytes(),
        );
        assert_eq!(s, 405, "{m}");
        assert!(h.contains("Allow: GET, HEAD"), "{m}: {h}");
    }
    // Methods nobody defined: 501; methods are case-sensitive.
    for m in ["BREW", "get", "FROB"] {
        let (s, h, _) = exchange(f.port, format!("{m} / HTTP/1.1\r\n\r\n").as_bytes());
        assert_eq!(s, 501, "{m}");
        assert!(h.contains("Allow: GET, HEAD"), "{m}: {h}");
    }
    // Malformed request lines: 400.
    for raw in [
        &b"GET\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"G(T / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\n\r\n",
        b"GET / SMTP/1.0\r\n\r\n",
        b"\xff\xfe / HTTP/1.1\r\n\r\n",
        b"\r\n\r\n",
    ] {
        assert_eq!(
            exchange(f.port, raw).0,
            400,
            "{:?}",
            String::from_utf8_lossy(raw)
        );
    }
    // A POST with a body it does not read still gets its answer.
    let mut big = b"POST / HTTP/1.1\r\nContent-Length: 200000\r\n\r\n".to_vec();
    big.extend(std::iter::repeat_n(b'x', 200_000));
    assert_eq!(exchange(f.port, &big).0, 405);
}

#[test]
fn over_long_request_lines_and_headers_are_refused() {
    let f = start(quick());
    let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(100_000));
    assert_eq!(exchange(f.port, long_target.as_bytes()).0, 414);
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n",
        "b".repeat(100_000)
    );
    assert_eq!(exchange(f.port, long_header.as_bytes()).0, 431);
    let many_headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: 1\r\n".repeat(5000));
    assert_eq!(exchange(f.port, many_headers.as_bytes()).0, 431);
    // A request line that never ends, streamed: refused once past the limit,
    // long before the client stops sending.
    let mut s = connect(f.port);
    let started = Instant::now();
    let mut sent = 0usize;
    let chunk = [b'a'; 1024];
    let _ = s.write_all(b"GET /");
    while sent < 10_000_000 && s.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    assert!(
        sent < 10_000_000,
        "the server kept reading a never-ending line"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // The server is still there.
    assert_eq!(get(f.port, "/tei/harbour.tei.xml").0, 200);
}

#[test]
fn slow_and_silent_clients_block_no_one() {
    let f = start(quick());
    // Silent clients, and slow ones sending a byte now and then.
    let mut idle: Vec<TcpStream> = (0..20).map(|_| connect(f.port)).collect();
    for s in idle.iter_mut().take(10) {
        s.write_all(b"GET /tei/harb").unwrap();
    }
    // Others are served meanwhile, at once.
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(get(f.port, "/tei/harbour.tei.xml").0, 200);
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
    }
    // A client trickling a byte every 200 ms is cut off at the head deadline
    // (1.5 s here), with 408, however long it would go on.
    let mut slow = connect(f.port);
    let started = Instant::now();
    for b in b"GET /tei/harbour.tei.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
        if slow.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        if started.elapsed() > Duration::from_secs(4) {
            break;
        }
    }
    let (status, _, _) = read_response(&mut slow);
    assert_eq!(status, 408);
    assert!(started.elapsed() < Duration::from_secs(5));
    // The silent ones were dropped too: each reads a 408 and the end.
    for s in idle.iter_mut() {
        assert_eq!(read_response(s).0, 408);
    }
}

#[test]
fn connections_past_the_limit_get_503_and_the_server_recovers() {
    let f = start(Limits {
        max_connections: 4,
        head_timeout: Duration::from_millis(800),
        ..quick()
    });
    let held: Vec<TcpStream> = (0..4).map(|_| connect(f.port)).collect();
    // Give the server time to take all four.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(get(f.port, "/").0, 503);
    drop(held);
    // Once the held ones are timed out or gone, service resumes.
    let started = Instant::now();
    loop {
        let (status, _, _) = get(f.port, "/");
        if status == 200 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "still {status}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_cli_listens_on_loopback_unless_told() {
    let exe = Path::new(env!("CARGO_BIN_EXE_tei-encoder"));
    let out = std::process::Command::new(exe)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("[default: 127.0.0.1]"), "{help}");
}
