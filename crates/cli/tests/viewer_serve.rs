//! `tei-encoder serve` on loopback: starts, answers a few requests, refuses
//! paths out of its directory, and is stopped. Bounded in time by the
//! support module's timeouts.

mod viewer_support;

use viewer_support::*;

#[test]
fn serve_answers_on_loopback_and_keeps_to_its_directory() {
    require_ceteicean();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixture(), dir.join("harbour.tei.xml")).unwrap();
    std::fs::write(dir.join("private.txt"), "not for the web").unwrap();
    std::fs::write(tmp.path().join("outside.tei.xml"), "SECRET outside").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("outside.tei.xml"), dir.join("link.tei.xml"))
        .unwrap();

    let server = serve(&dir);

    let (status, head, body) = http(server.port, "GET", "/");
    assert_eq!(status, 200, "{head}");
    let index = String::from_utf8(body).unwrap();
    assert!(index.contains("/view/harbour.tei.xml"), "{index}");
    assert!(!index.contains("private.txt") && !index.contains("link.tei.xml"));

    let (status, head, body) = http(server.port, "GET", "/view/harbour.tei.xml");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("<script src=\"/CETEI.js\"></script>"));
    assert!(page.contains("\"url\":\"/tei/harbour.tei.xml\""));

    let (status, head, body) = http(server.port, "GET", "/tei/harbour.tei.xml");
    assert_eq!(status, 200);
    assert!(head.contains("application/xml"));
    assert_eq!(body, std::fs::read(fixture()).unwrap());

    let (status, _, body) = http(server.port, "GET", "/CETEI.js");
    assert_eq!(status, 200);
    let installed =
        std::fs::read(repo().join("viewer/node_modules/CETEIcean/dist/CETEI.js")).unwrap();
    assert_eq!(body, installed);

    let (status, head, body) = http(server.port, "HEAD", "/tei/harbour.tei.xml");
    assert_eq!(status, 200);
    assert!(body.is_empty() && head.contains("Content-Length"));
    assert_eq!(http(server.port, "POST", "/").0, 405);

    for target in [
        "/tei/../outside.tei.xml",
        "/tei/..%2Foutside.tei.xml",
        "/tei/%2e%2e/outside.tei.xml",
        "/view/..%2Foutside.tei.xml",
        "/tei/link.tei.xml",
        "/tei/private.txt",
        "/../outside.tei.xml",
        "/tei/%2Fetc%2Fpasswd",
    ] {
        let (status, _, body) = http(server.port, "GET", target);
        assert!(matches!(status, 403 | 404), "{target}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("SECRET") && !body.contains("not for the web"),
            "{target}"
        );
    }
    drop(server);
}

#[test]
fn serve_refuses_a_missing_directory() {
    let out = bin()
        .args(["serve", "--port", "0", "/nonexistent/dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/dir"));
}
