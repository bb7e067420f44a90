//! `tei-encoder validate OUT`: a whole folder, in parallel, with the same
//! report as one worker.

mod batch_support;
use batch_support::*;

#[test]
fn a_folder_validates_in_parallel_with_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let c = small_corpus(dir.path());
    let out = dir.path().join("out");
    let r = encode_dir(&c, &out, &["-q"]);
    assert!(r.status.success(), "{}", stderr(&r));
    // One broken file among them.
    std::fs::write(
        out.join("1960s/broken.xml"),
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><x/></TEI>",
    )
    .unwrap();
    let cache = dir.path().join("cache");
    let validate = |jobs: &str| {
        let o = std::process::Command::new(BIN)
            .args(["validate", out.to_str().unwrap(), "--jobs", jobs])
            .env("TEI_ENCODER_CACHE_DIR", &cache)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr(&o),
        )
    };
    let (code2, out2, err2) = validate("2");
    let (code1, out1, _) = validate("1");
    assert_eq!(code2, Some(1), "{out2}{err2}");
    assert_eq!((code1, &out1), (code2, &out2));
    assert!(out2.contains("broken.xml"), "{out2}");
    assert!(err2.contains("5 files: 4 valid, 1 invalid"), "{err2}");
}
