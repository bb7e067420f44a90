//! Arbitrary (often hostile) XML into `validate` and `text`: neither may
//! panic, hang or exhaust memory; each answers with a report or an error.
#![no_main]

use std::cell::RefCell;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tei_encoder::tei::reader;
use tei_encoder::validate::{Options, SchemaSpec, Validator};

thread_local! {
    static V: RefCell<Validator> = RefCell::new(Validator::new(Options {
        schema: Some(SchemaSpec::Project),
        cache_dir: None,
    }));
}

fuzz_target!(|data: &[u8]| {
    // The CLI reads files with read_to_string: non-UTF-8 is an I/O error there.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    V.with(|v| {
        let report = v
            .borrow_mut()
            .validate_text(text, Path::new("fuzz.xml"))
            .expect("the embedded schema compiles");
        // A document refused by the parser's limits is reported, never accepted.
        if tei_encoder::validate::parse_document(text).is_err() {
            assert!(!report.is_valid(false));
        }
    });
    let _ = reader::diplomatic_text(text);
    let _ = reader::reading_text(text);
});
