//! `tei-encoder package OUT --bag BAGDIR`: a BagIt bag that the Library of
//! Congress `bagit` package (installed by `.ci/setup`) validates, and that
//! fails validation once a file in it is changed.

mod batch_support;
use batch_support::*;
use std::path::Path;
use std::process::Command;

/// `python3 -m bagit --validate BAG`: (valid, its messages).
fn bagit_validate(bag: &Path) -> (bool, String) {
    let o = Command::new("python3")
        .args(["-m", "bagit", "--validate"])
        .arg(bag)
        .output()
        .expect("python3 is needed for this test");
    let msg = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        !msg.contains("No module named bagit"),
        "the bagit package is needed for this test: run `bash .ci/setup`"
    );
    (o.status.success(), msg)
}

#[test]
fn a_package_is_a_valid_bag_until_a_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    std::fs::copy(
        root().join("data/seed/cult-of-the-individual-1956.meta.toml"),
        c.join("seed.meta.toml"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let r = encode_dir(&c, &out, &["-q"]);
    assert!(r.status.success(), "{}", stderr(&r));
    let collection = dir.path().join("collection.toml");
    std::fs::write(
        &collection,
        "title = \"Test collection of OCR texts\"\n[encoding]\npublisher = \"Example Archive\"\nencoder = \"A. Tester\"\n",
    )
    .unwrap();
    let bag = dir.path().join("bag");
    let r = run(&[
        "package",
        out.to_str().unwrap(),
        "--bag",
        bag.to_str().unwrap(),
        "--sources",
        c.to_str().unwrap(),
        "--meta",
        collection.to_str().unwrap(),
        "--date",
        "2026-02-03",
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    for f in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
    ] {
        assert!(bag.join(f).is_file(), "{f}");
    }
    for f in [
        "data/tei/seed.tei.xml",
        "data/text/seed.txt",
        "data/meta/seed.meta.toml",
        "data/tei/1960s/b.tei.xml",
        "data/text/1960s/b.txt",
        "data/meta/1960s/b.meta.toml",
    ] {
        assert!(bag.join(f).is_file(), "{f}");
    }
    assert_eq!(
        std::fs::read(bag.join("data/text/seed.txt")).unwrap(),
        seed_text()
    );
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    for needle in [
        "Source-Organization: Example Archive",
        "External-Description: Test collection of OCR texts",
        "Bagging-Date: 2026-02-03",
        "Payload-Oxum: ",
        "Bag-Software-Agent: tei-encoder ",
    ] {
        assert!(info.contains(needle), "{needle}\n{info}");
    }
    let (ok, msg) = bagit_validate(&bag);
    assert!(ok, "{msg}");
    // A bag is never written over.
    let again = run(&[
        "package",
        out.to_str().unwrap(),
        "--bag",
        bag.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    // One changed byte in the payload: the bag no longer validates.
    let a = bag.join("data/text/a.txt");
    let mut bytes = std::fs::read(&a).unwrap();
    bytes[0] ^= 0x20;
    std::fs::write(&a, bytes).unwrap();
    let (ok, msg) = bagit_validate(&bag);
    assert!(!ok, "a changed file still validates: {msg}");
    assert!(msg.contains("a.txt"), "{msg}");
}

#[test]
fn without_sources_the_texts_are_regenerated_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    let out = dir.path().join("out");
    let r = encode_dir(&c, &out, &["-q"]);
    assert!(r.status.success(), "{}", stderr(&r));
    let bag = dir.path().join("bag");
    let r = run(&[
        "package",
        out.to_str().unwrap(),
        "--bag",
        bag.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert_eq!(
        std::fs::read(bag.join("data/text/seed.txt")).unwrap(),
        seed_text()
    );
    let (ok, msg) = bagit_validate(&bag);
    assert!(ok, "{msg}");
    // A source that is not the one the TEI was made from is refused.
    std::fs::write(c.join("a.txt"), "Another text.\n").unwrap();
    let bag2 = dir.path().join("bag2");
    let r = run(&[
        "package",
        out.to_str().unwrap(),
        "--bag",
        bag2.to_str().unwrap(),
        "--sources",
        c.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("SHA-256"), "{}", stderr(&r));
    assert!(!bag2.exists());
}
