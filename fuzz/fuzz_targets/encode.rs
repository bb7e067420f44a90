//! Arbitrary bytes into the encoder with every pass on (structure, joins,
//! OCR corrections, names). Asserts: no panic; a clear error exactly for
//! empty or invalid UTF-8 input; otherwise well-formed XML whose diplomatic
//! text is the input byte for byte, whose reading text is the model's, and
//! which the project schema accepts.
#![no_main]

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tei_encoder::clean::CleanConfig;
use tei_encoder::clean::lexicon::{DEFAULT_LEXICON_PATH, Lexicon};
use tei_encoder::model::Metadata;
use tei_encoder::names::NamesConfig;
use tei_encoder::pipeline::{EncodeOptions, encode};
use tei_encoder::read::read_bytes;
use tei_encoder::tei::{reader, write_tei};
use tei_encoder::validate::{Options, SchemaSpec, Validator};

fn options() -> &'static EncodeOptions {
    static OPTS: OnceLock<EncodeOptions> = OnceLock::new();
    OPTS.get_or_init(|| {
        let lexicon = Lexicon::load_default(Path::new(DEFAULT_LEXICON_PATH))
            .expect("word lists: run `bash .ci/setup`");
        EncodeOptions {
            date: "2026-01-01".into(),
            clean: Some(CleanConfig::new(lexicon)),
            names: NamesConfig::default(),
            ..Default::default()
        }
    })
}

thread_local! {
    static V: RefCell<Validator> = RefCell::new(Validator::new(Options {
        schema: Some(SchemaSpec::Project),
        cache_dir: None,
    }));
}

fuzz_target!(|data: &[u8]| {
    let opts = options();
    let source = match read_bytes("fuzz.txt", Path::new("fuzz.txt"), data) {
        Ok(s) => s,
        Err(e) => {
            assert!(
                data.is_empty() || std::str::from_utf8(data).is_err(),
                "valid UTF-8 refused: {e}"
            );
            return;
        }
    };
    let doc = encode(source, Metadata::default(), opts).expect("encode");
    let xml = write_tei(&doc, &opts.write);
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("not well-formed: {e}\n{xml}");
    }
    let back = reader::diplomatic_text(&xml).expect("diplomatic text");
    assert!(back.as_bytes() == data, "round trip differs:\n{xml}");
    assert_eq!(
        reader::reading_text(&xml).expect("reading text"),
        doc.reading_text()
    );
    V.with(|v| {
        let report = v
            .borrow_mut()
            .validate_text(&xml, Path::new("fuzz.tei.xml"))
            .expect("the embedded schema compiles");
        assert!(
            report.is_valid(true),
            "invalid: {:?}\n{xml}",
            report.diagnostics
        );
    });
});
