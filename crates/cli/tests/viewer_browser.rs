//! The viewer in a real browser: Debian's chromium driven by playwright-core
//! (tests/browser/view.mjs). Pages are built with the binary from the seed
//! (encoded afresh) and from the hand-made fixture; the script measures, this
//! test compares with counts taken from the XML by roxmltree.
//!
//! Writes output/cult-of-the-individual-1956.png (and -narrow.png), the
//! screenshots the README shows.

mod viewer_support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use viewer_support::*;

const COUNTED: [&str; 6] = ["div", "head", "persName", "orgName", "placeName", "pb"];

fn node_available() -> bool {
    Command::new("node").arg("--version").output().is_ok()
}

fn first_choice(xml: &str) -> Option<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let choice = doc.descendants().find(|n| {
        n.has_tag_name((TEI_NS, "choice"))
            && n.ancestors().any(|a| a.has_tag_name((TEI_NS, "text")))
    })?;
    let text = |name: &str| {
        choice
            .children()
            .find(|c| c.has_tag_name((TEI_NS, name)))
            .map(|c| {
                c.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect::<String>()
            })
    };
    Some((text("sic")?, text("corr")?))
}

fn page_numbers(xml: &str) -> Vec<Option<String>> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((TEI_NS, "pb")))
        .map(|n| n.attribute("n").map(str::to_string))
        .collect()
}

/// Names in the text that stand in no other name.
fn outermost_names(xml: &str) -> usize {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let is_name = |n: &roxmltree::Node| {
        n.is_element()
            && n.tag_name().namespace() == Some(TEI_NS)
            && ["persName", "orgName", "placeName"].contains(&n.tag_name().name())
    };
    doc.descendants()
        .find(|n| n.has_tag_name((TEI_NS, "text")))
        .map(|t| {
            t.descendants()
                .filter(|n| is_name(n) && !n.ancestors().skip(1).any(|a| is_name(&a)))
                .count()
        })
        .unwrap_or(0)
}

fn header_value(xml: &str, name: &str, ty: Option<&str>) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name((TEI_NS, name)) && (ty.is_none() || n.attribute("type") == ty))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
}

/// The checks every page must pass: counts, page markers, metadata, contents link.
fn check_page(label: &str, r: &Value, xml: &str, from_file: bool) {
    assert_eq!(
        r["ready"], "true",
        "{label}: page did not render: {}",
        r["status"]
    );
    assert_eq!(r["errors"], Value::Array(vec![]), "{label}: script errors");
    if from_file {
        assert_eq!(
            r["externalRequests"],
            Value::Array(vec![]),
            "{label}: a file:// page must load nothing from the network"
        );
    }
    for name in COUNTED {
        let (all, in_text) = count(xml, name);
        let c = &r["counts"][name];
        println!(
            "{label}: {name}: XML {all} ({in_text} in text); rendered {} ({} in text, {} visible)",
            c["all"], c["inText"], c["visibleInText"]
        );
        assert_eq!(c["all"], all, "{label}: rendered tei-{name} elements");
        assert_eq!(c["inText"], in_text, "{label}: tei-{name} in the text");
        assert_eq!(
            c["visibleInText"], in_text,
            "{label}: every {name} of the text is shown"
        );
    }
    // The viewer highlights each outermost name; a name nested in an
    // organisation's (issue 15) shows inside it.
    let names = outermost_names(xml);
    assert_eq!(
        r["counts"]["highlightedNames"], names,
        "{label}: highlighted names"
    );
    let pbs = page_numbers(xml);
    assert_eq!(
        r["counts"]["pageMarkersShown"],
        pbs.len(),
        "{label}: page markers"
    );
    let labels = r["pageLabels"].as_array().unwrap();
    for (n, shown) in pbs.iter().zip(labels) {
        if let Some(n) = n {
            assert!(
                shown.as_str().unwrap().contains(&format!("p. {n}")),
                "{label}: marker {shown} for page {n}"
            );
        }
    }
    let (divs, _) = count(xml, "div");
    let title_pages = count(xml, "titlePage").1;
    assert_eq!(
        r["counts"]["tocLinks"],
        divs + title_pages,
        "{label}: one contents link per division and title page"
    );
    let toc = &r["toc"]["after"];
    assert_eq!(
        toc["hash"], r["toc"]["href"],
        "{label}: contents link followed"
    );
    let (top, height) = (
        toc["top"].as_i64().unwrap(),
        toc["innerHeight"].as_i64().unwrap(),
    );
    assert!(
        (0..height).contains(&top) && toc["scrollY"].as_i64().unwrap() > 0,
        "{label}: the contents link scrolled its division into view: {toc}"
    );
    let sha = header_value(xml, "idno", Some("sha256")).expect("a checksum in the header");
    assert_eq!(
        r["metadata"]["Checksum (SHA-256)"],
        sha.as_str(),
        "{label}: checksum shown"
    );
    let publisher = header_value(xml, "publisher", None).expect("a publisher");
    assert!(
        r["metadata"]["Publisher"]
            .as_str()
            .unwrap()
            .contains(publisher.trim()),
        "{label}: publisher shown: {}",
        r["metadata"]
    );
    assert!(
        r["metadata"]["Encoded"].as_str().is_some(),
        "{label}: encoding date shown"
    );
}

/// The first correction flips between the reading and the diplomatic text.
fn check_flip(label: &str, flip: &Value, sic: &str, corr: &str) {
    println!("{label}: correction {sic:?} -> {corr:?}: {flip}");
    let (reading, diplomatic, back) = (&flip["reading"], &flip["diplomatic"], &flip["back"]);
    assert_eq!(
        (reading["sic"].as_str(), reading["corr"].as_str()),
        (Some(sic), Some(corr))
    );
    assert_eq!(
        (
            reading["sicVisible"].as_bool(),
            reading["corrVisible"].as_bool()
        ),
        (Some(false), Some(true))
    );
    assert_eq!(
        (
            diplomatic["sicVisible"].as_bool(),
            diplomatic["corrVisible"].as_bool()
        ),
        (Some(true), Some(false))
    );
    assert!(reading["blockText"].as_str().unwrap().contains(corr));
    assert!(diplomatic["blockText"].as_str().unwrap().contains(sic));
    if !corr.contains(sic) {
        assert!(!diplomatic["blockText"].as_str().unwrap().contains(corr) || sic.contains(corr));
    }
    assert_eq!(
        back["sicVisible"], false,
        "{label}: arrow key switched back to the reading"
    );
    assert_eq!(back["corrVisible"], true);
}

#[test]
fn viewer_pages_render_in_chromium() {
    require_ceteicean();
    assert!(
        Path::new("/usr/bin/chromium").exists() || std::env::var_os("CHROMIUM").is_some(),
        "chromium is not installed: run the set-up, `bash .ci/setup`"
    );
    assert!(node_available(), "node is not installed");
    let tmp = tempfile::tempdir().unwrap();

    // The seed, encoded afresh by the binary's default job.
    let out = bin().current_dir(tmp.path()).output().unwrap();
    assert!(
        out.status.success(),
        "encoding the seed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seed_xml_path = tmp
        .path()
        .join("output/cult-of-the-individual-1956.tei.xml");
    let seed_xml = std::fs::read_to_string(&seed_xml_path).unwrap();
    let fixture_xml = std::fs::read_to_string(fixture()).unwrap();
    let seed_html = tmp.path().join("seed.html");
    let fixture_html = tmp.path().join("fixture.html");
    for (xml, html) in [(&seed_xml_path, &seed_html), (&fixture(), &fixture_html)] {
        let out = bin()
            .arg("view")
            .arg(xml)
            .arg("-o")
            .arg(html)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // The same seed through `serve`, the usual fetch() set-up.
    let served_dir = tmp.path().join("served");
    std::fs::create_dir(&served_dir).unwrap();
    std::fs::copy(&seed_xml_path, served_dir.join("seed.tei.xml")).unwrap();
    let server = serve(&served_dir);

    let screenshots = repo().join("output");
    let seed_choice = first_choice(&seed_xml);
    let spec = serde_json::json!({
        "pages": [
            {
                "name": "seed",
                "url": format!("file://{}", seed_html.display()),
                "screenshot": screenshots.join("cult-of-the-individual-1956.png"),
                "narrowScreenshot": screenshots.join("cult-of-the-individual-1956-narrow.png"),
                "checkFlip": seed_choice.is_some(),
            },
            {
                "name": "fixture",
                "url": format!("file://{}", fixture_html.display()),
                "checkFlip": true,
                "checkJoin": { "id": "p-L8", "reading": "international inquiry", "diplomatic": "inter- national" },
                "nameSelector": "tei-text tei-placename.name",
            },
            {
                "name": "served",
                "url": format!("http://127.0.0.1:{}/view/seed.tei.xml", server.port),
            },
        ]
    });
    let spec_path = tmp.path().join("spec.json");
    std::fs::write(&spec_path, serde_json::to_string(&spec).unwrap()).unwrap();
    let mut node = Command::new("node");
    node.arg(repo().join("tests/browser/view.mjs"))
        .arg(&spec_path);
    let (ok, stdout, stderr) = run_bounded(node, Duration::from_secs(240));
    drop(server);
    assert!(ok, "browser script failed:\n{stderr}\n{stdout}");
    let results: Value = serde_json::from_str(&stdout).expect("JSON from the browser script");

    check_page("seed", &results["seed"], &seed_xml, true);
    check_page("fixture", &results["fixture"], &fixture_xml, true);
    check_page("served", &results["served"], &seed_xml, false);
    assert_eq!(results["served"]["counts"], results["seed"]["counts"]);

    // Corrections: the seed's first one when it has any, and the fixture's.
    if let Some((sic, corr)) = seed_choice {
        check_flip("seed", &results["seed"]["flip"], &sic, &corr);
    }
    let (sic, corr) = first_choice(&fixture_xml).unwrap();
    check_flip("fixture", &results["fixture"]["flip"], &sic, &corr);

    // A word cut at a line end: joined in the reading, hyphen and break in the diplomatic.
    let join = &results["fixture"]["join"];
    println!("fixture: joined word: {join}");
    assert_eq!(join["readingHas"], true);
    assert_eq!(join["readingHasDiplomatic"], false);
    assert_eq!(join["diplomaticHas"], true);

    // Names: the card shows the standoff entry; the index jumps to a mention.
    let names = &results["fixture"]["names"];
    println!("fixture: names: {names}");
    assert_eq!(names["mention"]["ref"], "#place-durban");
    assert_eq!(names["onHover"]["hidden"], false);
    assert_eq!(names["onHover"]["name"], "Durban");
    assert_eq!(names["onHover"]["kind"], "Place");
    assert_eq!(
        names["onHover"]["links"],
        serde_json::json!(["https://www.geonames.org/1007311"])
    );
    assert_eq!(
        names["onFocus"]["hidden"], false,
        "keyboard focus shows the card"
    );
    assert_eq!(
        names["afterEscape"]["hidden"], true,
        "Escape hides the card"
    );
    assert_eq!(names["index"]["isName"], true);
    assert_eq!(names["index"]["inView"], true);
    assert_eq!(results["fixture"]["counts"]["indexEntries"], 5);

    // Narrow window: no sideways scrolling.
    let narrow = &results["seed"]["narrow"];
    println!("seed: narrow window: {narrow}");
    assert!(narrow["scrollWidth"].as_i64() <= narrow["clientWidth"].as_i64());
    assert_eq!(
        narrow["panelsOpen"], 0,
        "navigation folds away on a narrow window"
    );
    for shot in [
        "cult-of-the-individual-1956.png",
        "cult-of-the-individual-1956-narrow.png",
    ] {
        let bytes = std::fs::read(screenshots.join(shot)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{shot} is a PNG");
    }
}
