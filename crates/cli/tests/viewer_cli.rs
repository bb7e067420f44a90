//! `tei-encoder view`: the page it writes, its default name, its errors, and
//! the validity of the hand-made fixture the browser test uses.

mod viewer_support;

use std::process::Command;
use viewer_support::*;

#[test]
fn view_embeds_the_tei_and_ceteicean_and_loads_nothing() {
    require_ceteicean();
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("doc.tei.xml");
    std::fs::copy(fixture(), &input).unwrap();
    let out = bin().arg("view").arg(&input).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Default output: NAME.tei.xml -> NAME.html beside it.
    let html = std::fs::read_to_string(tmp.path().join("doc.html")).unwrap();
    assert!(html.contains("<title>Statement on the harbour strike</title>"));
    assert!(
        html.contains("var CETEI="),
        "CETEIcean's script is embedded"
    );
    assert!(
        html.contains("\"tei\":\"\\u003c?xml"),
        "the TEI is embedded"
    );
    assert!(html.contains("Mary Okafor"));
    assert!(
        !html.contains("<script src"),
        "nothing is loaded from elsewhere"
    );
    assert!(!html.contains("cdn"), "no CDN");
    assert_eq!(
        html.matches("<script").count(),
        html.matches("</script>").count()
    );
}

#[test]
fn view_takes_ceteicean_from_the_flag_and_names_it_when_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("p.html");
    let out = bin()
        .arg("view")
        .arg(fixture())
        .args(["-o"])
        .arg(&page)
        .args(["--ceteicean", "/nonexistent/CETEI.js"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/CETEI.js"), "{err}");
    assert!(!page.exists());

    // A stand-in script given by the environment variable is used as is.
    let fake = tmp.path().join("CETEI.js");
    std::fs::write(&fake, "var CETEI = function(){ /* stand-in */ };").unwrap();
    let out = bin()
        .arg("view")
        .arg(fixture())
        .arg("-o")
        .arg(&page)
        .env("TEI_ENCODER_CETEICEAN", &fake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&page).unwrap().contains("stand-in"));
}

#[test]
fn view_refuses_what_is_not_tei_and_never_overwrites_the_input() {
    let tmp = tempfile::tempdir().unwrap();
    let not_tei = tmp.path().join("x.xml");
    std::fs::write(&not_tei, "<html><body/></html>").unwrap();
    let out = bin().arg("view").arg(&not_tei).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not <TEI>") || err.contains("<html>"), "{err}");

    let input = tmp.path().join("doc.tei.xml");
    std::fs::copy(fixture(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = bin()
        .arg("view")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("overwrite"));
    assert_eq!(std::fs::read(&input).unwrap(), before);

    let out = bin()
        .arg("view")
        .arg(tmp.path().join("missing.xml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.xml"));
}

/// The fixture has what the encoder's later passes will write (names, states,
/// corrections, joins, printed hyphens, pb with cert, fw, space, noise) and
/// must stay valid TEI.
#[test]
fn viewer_fixture_is_valid_tei_all() {
    let schema = repo().join("../shared/schema/tei_all.rng");
    assert!(schema.is_file(), "{} is missing", schema.display());
    let out = Command::new("jing")
        .arg(&schema)
        .arg(fixture())
        .output()
        .expect("jing is installed by the set-up (bash .ci/setup)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = std::fs::read_to_string(fixture()).unwrap();
    for element in [
        "persName",
        "orgName",
        "placeName",
        "choice",
        "pc",
        "pb",
        "fw",
        "space",
        "ab",
        "g",
        "titlePage",
        "listPerson",
        "listOrg",
        "listPlace",
    ] {
        assert!(count(&xml, element).0 > 0, "the fixture has no {element}");
    }
    assert!(xml.contains("break=\"no\""));
    assert!(xml.contains("type=\"state\""));
}
