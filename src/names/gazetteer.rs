//! The gazetteer: people, organisations, states and places as TOML data, with
//! the surface forms (aliases, dotted and undotted abbreviations, initials) a
//! text may use for them. Nothing about any one document lives in code.
//!
//! The embedded files are compiled at build time (`build.rs`, with
//! [`compile`]) into entries and forms in a compact binary form
//! ([`codec`]); start-up decodes that. Files the user adds (`--gazetteer`) are parsed at run time
//! and added after the embedded ones, with the same result as compiling
//! them all together.

mod codec;
mod compile;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::NameKind;

pub use compile::{
    DEFAULT_FILES, Entry, Form, FormRole, Gazetteer, Organ, RuleWords, StateBody,
    is_dotted_acronym, is_xml_id, variants,
};

/// The embedded gazetteer files, compiled by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

impl Gazetteer {
    /// The embedded default gazetteer.
    pub fn embedded() -> Result<Self> {
        codec::decode(EMBEDDED).map_err(|message| Error::Data {
            path: PathBuf::from("data/gazetteer (embedded)"),
            message,
        })
    }

    /// The embedded gazetteer plus user files (`--gazetteer`).
    pub fn with_files(paths: &[PathBuf]) -> Result<Self> {
        let g = Self::embedded()?;
        if paths.is_empty() {
            return Ok(g);
        }
        let mut b = compile::Builder::from_gazetteer(g);
        for p in paths {
            let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            add_file(&mut b, p, &text)?;
        }
        Ok(b.finish())
    }

    /// Number of entries of a kind (for reports).
    pub fn count(&self, kind: NameKind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}

/// Adds one gazetteer file's records; errors name the file.
fn add_file(b: &mut compile::Builder, path: &Path, text: &str) -> Result<()> {
    b.add_str(text).map_err(|message| Error::Data {
        path: path.to_path_buf(),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_abbreviations_get_undotted_and_spaced_forms() {
        let v = variants("C.P.S.U.");
        for f in ["C.P.S.U.", "C.P.S.U", "C. P. S. U.", "CPSU"] {
            assert!(v.contains(&f.to_string()), "{f} missing from {v:?}");
        }
        // Two letters: no undotted form, it would be an English word.
        assert!(!variants("U.S.").contains(&"US".to_string()));
    }

    #[test]
    fn names_get_capital_forms_but_short_words_do_not() {
        assert!(variants("Poland").contains(&"POLAND".to_string()));
        assert!(!variants("Ulm").contains(&"ULM".to_string()));
    }

    #[test]
    fn apostrophes_are_both_straight_and_curly() {
        let v = variants("People's Daily");
        assert!(v.contains(&"People\u{2019}s Daily".to_string()));
    }

    #[test]
    fn embedded_gazetteer_loads_with_every_kind() {
        let g = Gazetteer::embedded().expect("embedded gazetteer parses");
        for k in [
            NameKind::Person,
            NameKind::Org,
            NameKind::State,
            NameKind::Place,
        ] {
            assert!(g.count(k) > 10, "too few {k:?} entries");
        }
        assert!(!g.rules.honorifics.is_empty());
        assert!(!g.rules.organs.is_empty());
    }

    #[test]
    fn duplicate_ids_and_bad_ids_are_errors_naming_the_file() {
        let mut b = compile::Builder::default();
        let one = "[[state]]\nid = \"zz\"\nname = \"Zembla\"\n";
        add_file(&mut b, Path::new("a.toml"), one).unwrap();
        let err = add_file(&mut b, Path::new("b.toml"), one)
            .unwrap_err()
            .to_string();
        assert!(err.contains("b.toml") && err.contains("twice"), "{err}");
        let bad = "[[org]]\nid = \"1x\"\nname = \"X\"\n";
        let err = add_file(&mut b, Path::new("c.toml"), bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("c.toml") && err.contains("xml:id"), "{err}");
        let unknown = "[[org]]\nid = \"x\"\nname = \"X\"\ncolour = 1\n";
        assert!(add_file(&mut b, Path::new("d.toml"), unknown).is_err());
    }

    #[test]
    fn person_forms_include_initials() {
        let mut b = compile::Builder::default();
        let p = "[[person]]\nid = \"vl\"\nforename = \"Vladimir Ilyich\"\nsurname = \"Lenin\"\nbare = true\n";
        add_file(&mut b, Path::new("p.toml"), p).unwrap();
        let g = b.finish();
        let texts: Vec<&str> = g.forms.iter().map(|f| f.text.as_str()).collect();
        for f in [
            "Vladimir Ilyich Lenin",
            "V.I. Lenin",
            "V. I. Lenin",
            "Lenin",
            "LENIN",
        ] {
            assert!(texts.contains(&f), "{f} missing from {texts:?}");
        }
    }

    /// The TOML files compiled now, from the package's root.
    fn compile_files(extra: &[&str]) -> Gazetteer {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut b = compile::Builder::default();
        for f in DEFAULT_FILES {
            let text = std::fs::read_to_string(root.join(f)).unwrap();
            add_file(&mut b, Path::new(f), &text).unwrap();
        }
        for text in extra {
            add_file(&mut b, Path::new("extra.toml"), text).unwrap();
        }
        b.finish()
    }

    #[test]
    fn the_build_time_gazetteer_is_the_toml_files_compiled() {
        let g = Gazetteer::embedded().unwrap();
        // Every field, as the TOML files give it now.
        let fresh = compile_files(&[]);
        assert_eq!(format!("{:?}", g.entries), format!("{:?}", fresh.entries));
        assert_eq!(format!("{:?}", g.forms), format!("{:?}", fresh.forms));
        assert_eq!(format!("{:?}", g.rules), format!("{:?}", fresh.rules));
        assert_eq!(codec::encode(&g), EMBEDDED);
        assert_eq!(codec::encode(&compile_files(&[])), EMBEDDED);
        let mut surnames: Vec<_> = g.by_surname.iter().collect();
        surnames.sort();
        let fresh = compile_files(&[]);
        let mut want: Vec<_> = fresh.by_surname.iter().collect();
        want.sort();
        assert_eq!(surnames, want);
    }

    #[test]
    fn user_files_come_after_the_embedded_ones_as_if_compiled_with_them() {
        let extra = "[[person]]\nid = \"zz-stalin\"\nforename = \"Josef\"\nsurname = \"Stalin\"\n\
            [[org]]\nid = \"zz-t\"\nname = \"Trotskyists\"\nshort = [\"Communist Party\"]\n\
            [[place]]\nid = \"zz-p\"\nname = \"Poznan\"\naliases = [\"Soviet Union\"]\n\
            [rules]\nhonorifics = [\"Citizen\"]\ngiven_names = [\"Nikita\"]\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("extra.toml");
        std::fs::write(&path, extra).unwrap();
        let g = Gazetteer::with_files(&[path]).unwrap();
        let want = compile_files(&[extra]);
        assert_eq!(codec::encode(&g), codec::encode(&want));
        assert_eq!(g.by_surname["Stalin"], want.by_surname["Stalin"]);
        assert!(g.by_surname["Stalin"].len() >= 2);
        // An id of the embedded gazetteer may not be defined again.
        let path2 = dir.path().join("again.toml");
        let embedded_id = &Gazetteer::embedded().unwrap().entries[0].id;
        let dup = format!("[[state]]\nid = \"{embedded_id}\"\nname = \"Zembla\"\n");
        std::fs::write(&path2, dup).unwrap();
        let err = Gazetteer::with_files(&[path2]).unwrap_err().to_string();
        assert!(err.contains("again.toml") && err.contains("twice"), "{err}");
    }

    #[test]
    fn dotted_acronyms_are_single_capitals_between_dots() {
        // The definition, as it was written first.
        let reference = |s: &str| {
            let parts: Vec<&str> = s.trim_end_matches('.').split('.').collect();
            parts.len() >= 2
                && parts
                    .iter()
                    .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()))
        };
        let g = Gazetteer::embedded().unwrap();
        let samples = [
            "U.S.", "U.S", "C.P.S.U.", "A.", "A..B", ".A.B", "Ab.C", "É.Ü.", "", "..", "a.b",
        ];
        for s in g.forms.iter().map(|f| f.text.as_str()).chain(samples) {
            assert_eq!(is_dotted_acronym(s), reference(s), "{s:?}");
        }
    }
}
