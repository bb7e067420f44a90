//! Compiles the embedded gazetteer (`data/gazetteer/*.toml`) into the
//! compact binary form the library decodes at start-up
//! (`src/names/gazetteer/compile.rs` and `codec.rs`, shared with the
//! library): parsing the TOML and deriving every name's variants then costs
//! nothing per process.

#[allow(dead_code)] // the decoder and parts of the model are the library's
#[path = "src/names/gazetteer/compile.rs"]
mod compile;

#[allow(dead_code)] // the decoder is the library's
#[path = "src/names/gazetteer/codec.rs"]
mod codec;

/// The library's `NameKind` (`src/model/inline.rs`), which `compile.rs` and
/// `codec.rs` take from its parent module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Person,
    Org,
    State,
    Place,
}

fn main() {
    println!("cargo::rerun-if-changed=src/names/gazetteer/compile.rs");
    println!("cargo::rerun-if-changed=src/names/gazetteer/codec.rs");
    let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let mut b = compile::Builder::default();
    for f in compile::DEFAULT_FILES {
        println!("cargo::rerun-if-changed={f}");
        let text = std::fs::read_to_string(root.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        b.add_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    std::fs::write(out.join("gazetteer.bin"), codec::encode(&b.finish()))
        .expect("OUT_DIR is writable");
}
