//! `--corpus-file FILE`: a teiCorpus with a collection header (metadata,
//! counts, sources) and every document embedded, valid against tei_all (jing).

mod batch_support;
use batch_support::*;
use std::process::Command;

#[test]
fn the_corpus_file_embeds_every_document_and_validates_against_tei_all() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    std::fs::write(c.join("broken.txt"), b"caf\xe9\n").unwrap();
    let meta = dir.path().join("collection.toml");
    std::fs::write(
        &meta,
        "title = \"Test collection\"\n[encoding]\npublisher = \"Example Archive\"\nlicence = \"CC BY 4.0\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let json = dir.path().join("r.json");
    let corpus = dir.path().join("corpus.xml");
    let args = [
        "encode",
        c.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--date",
        "2026-01-01",
        "--corpus-file",
        corpus.to_str().unwrap(),
        "--corpus-meta",
        meta.to_str().unwrap(),
        "--report-json",
        json.to_str().unwrap(),
        "-q",
    ];
    let r = run(&args);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let jing = Command::new("jing")
        .arg(root().join("../shared/schema/tei_all.rng"))
        .arg(&corpus)
        .output()
        .expect("jing is needed for this test: run `bash .ci/setup`");
    assert!(
        jing.status.success(),
        "{}",
        String::from_utf8_lossy(&jing.stdout)
    );
    let text = std::fs::read_to_string(&corpus).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root_el = doc.root_element();
    assert_eq!(root_el.tag_name().name(), "teiCorpus");
    let tei: Vec<_> = root_el
        .children()
        .filter(|n| n.has_tag_name("TEI"))
        .collect();
    assert_eq!(tei.len(), 4, "the failed document is not included");
    // Counts in the header are those of the run's report.
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let measure = |unit: &str| -> u64 {
        doc.descendants()
            .find(|n| n.has_tag_name("measure") && n.attribute("unit") == Some(unit))
            .and_then(|n| n.attribute("quantity"))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(measure("documents"), 4);
    assert_eq!(measure("pages"), report["pages"].as_u64().unwrap());
    assert_eq!(measure("divisions"), report["divisions"].as_u64().unwrap());
    assert_eq!(
        measure("corrections"),
        report["corrections"].as_u64().unwrap()
    );
    assert_eq!(
        measure("names-person"),
        report["names"]["person"].as_u64().unwrap()
    );
    assert!(text.contains("<publisher>Example Archive</publisher>"));
    assert!(text.contains("<title type=\"main\">Test collection</title>"));
    assert!(
        text.contains("<ref target=\"#doc1\">out/1960s/b.tei.xml</ref>"),
        "sources"
    );
    // Each embedded document is its file but for the prefixed identifiers.
    let b = std::fs::read_to_string(out.join("1960s/b.tei.xml")).unwrap();
    let b_doc = roxmltree::Document::parse(&b).unwrap();
    let embedded = &tei[0];
    assert_eq!(
        embedded.attribute(("http://www.w3.org/XML/1998/namespace", "id")),
        Some("doc1")
    );
    let texts = |n: roxmltree::Node| {
        n.descendants()
            .filter(|d| d.is_text())
            .map(|d| d.text().unwrap())
            .collect::<String>()
    };
    assert_eq!(texts(*embedded), texts(b_doc.root_element()));
    // A resumed run (everything up to date) writes the same corpus file.
    let before = text.clone();
    let r = run(&args);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&corpus).unwrap(), before);
}
