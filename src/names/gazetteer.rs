//! The gazetteer: people, organisations, states and places as TOML data, with
//! the surface forms (aliases, dotted and undotted abbreviations, initials) a
//! text may use for them. Nothing about any one document lives in code.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::NameKind;

/// The gazetteer files shipped with the encoder (embedded).
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "data/gazetteer/states.toml",
        include_str!("../../data/gazetteer/states.toml"),
    ),
    (
        "data/gazetteer/organisations.toml",
        include_str!("../../data/gazetteer/organisations.toml"),
    ),
    (
        "data/gazetteer/people.toml",
        include_str!("../../data/gazetteer/people.toml"),
    ),
    (
        "data/gazetteer/places.toml",
        include_str!("../../data/gazetteer/places.toml"),
    ),
    (
        "data/gazetteer/rules.toml",
        include_str!("../../data/gazetteer/rules.toml"),
    ),
    // Generated from maintained data packages (data/SOURCES.md).
    (
        "data/gazetteer/iso-3166.toml",
        include_str!("../../data/gazetteer/iso-3166.toml"),
    ),
    (
        "data/gazetteer/given-names.toml",
        include_str!("../../data/gazetteer/given-names.toml"),
    ),
];

/// One gazetteer file as written: lists of records by type, and rule words.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    person: Vec<PersonRecord>,
    #[serde(default)]
    org: Vec<NamedRecord>,
    #[serde(default)]
    state: Vec<NamedRecord>,
    #[serde(default)]
    place: Vec<NamedRecord>,
    #[serde(default)]
    rules: RuleWords,
}

/// An organisation, a state or a place.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedRecord {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    /// Forms shared with other entries (`Communist Party`): resolved to the
    /// entry the document names most explicitly.
    #[serde(default)]
    short: Vec<String>,
    wikidata: Option<String>,
    viaf: Option<String>,
    geonames: Option<String>,
}

/// A person: names are built from forename, initials and surname.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonRecord {
    id: String,
    forename: Option<String>,
    surname: String,
    /// Initials as printed (`J.V.`); derived from the forename when empty.
    #[serde(default)]
    initials: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// True when the bare surname names this person unambiguously in
    /// political writing (`Stalin`); otherwise a bare surname needs a fuller
    /// mention elsewhere in the document.
    #[serde(default)]
    bare: bool,
    /// Titles of office before which the bare surname names this person
    /// (`President` for John F. Kennedy, not `Senator`).
    #[serde(default)]
    titles: Vec<String>,
    wikidata: Option<String>,
    viaf: Option<String>,
}

/// Word lists the naming rules use; every file may add to them.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleWords {
    /// Titles before a person's name (`Comrade`, `President`, `Mr.`).
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Bodies of a party or state (`Central Committee` → id prefix `cc`).
    #[serde(default)]
    pub organs: Vec<Organ>,
    /// Official long forms before a state's short name (`Republic of`).
    #[serde(default)]
    pub state_prefixes: Vec<String>,
    /// Nouns that head an organisation's name (`Society`, `Federation`).
    #[serde(default)]
    pub org_heads: Vec<String>,
    /// Capitalised words that are never part of a name (`The`, `Every`).
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Capitalised words that are not part of a person's name (`Government`).
    #[serde(default)]
    pub not_person_words: Vec<String>,
    /// Heads that make a name with an `of` phrase and no word before them.
    #[serde(default)]
    pub bare_heads: Vec<String>,
    /// Heads that make a name with an `on` phrase alone (`Committee on
    /// Armed Services`), not with `of` (`Committee of the Party`).
    #[serde(default)]
    pub on_heads: Vec<String>,
    /// Dotted abbreviations that are not organisations (`A.M.`).
    #[serde(default)]
    pub not_acronyms: Vec<String>,
    /// Words before a quoted periodical title (`newspaper`, `magazine`).
    #[serde(default)]
    pub periodical_before: Vec<String>,
    /// Words after a quoted periodical title and a comma (`organ`).
    #[serde(default)]
    pub periodical_after: Vec<String>,
    /// Particles inside personal names (`de`, `van`).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Given names (`Harold`, `Mary`): before a capitalised word they make
    /// a person's name (`data/gazetteer/given-names.toml`, generated).
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Single letters that abbreviate a title (`M.` for Monsieur) where a
    /// document prints them alone before two or more surnames.
    #[serde(default)]
    pub title_initials: Vec<String>,
    /// Bodies a state's name is printed before (`United States Government`,
    /// `U.S. Army`): with the state, one organisation.
    #[serde(default)]
    pub state_bodies: Vec<StateBody>,
    /// Nouns that end a place's name (`Abbas Street`, `Jordan River`).
    #[serde(default)]
    pub place_heads: Vec<String>,
    /// Nouns that begin a place's name (`River Thames`).
    #[serde(default)]
    pub place_prefixes: Vec<String>,
    /// Words in small letters for a district (`the Heliopolis district`).
    #[serde(default)]
    pub district_words: Vec<String>,
    /// Words before a district printed before its city (`in Heliopolis, Cairo`).
    #[serde(default)]
    pub place_prepositions: Vec<String>,
}

/// A body named after its state (`X Government`); `alone` bodies are
/// organisations without the state too (`the Navy`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct StateBody {
    pub name: String,
    pub abbr: String,
    #[serde(default)]
    pub alone: bool,
}

/// A body of a party or state and the id prefix its entries get.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Organ {
    pub name: String,
    pub abbr: String,
}

/// One known entity.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub kind: NameKind,
    pub name: String,
    pub forename: Option<String>,
    pub surname: Option<String>,
    /// First letters of the person's forenames, for checking printed initials.
    pub initial_letters: Vec<char>,
    pub idnos: Vec<(String, String)>,
    /// Titles before which the bare surname names this person.
    pub titles: Vec<String>,
}

/// What a surface form says about its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRole {
    /// A full name or an alias: names the entry on its own.
    Full,
    /// A form several entries share (`Communist Party`).
    Short,
    /// A person's bare surname; `bare` when it suffices on its own.
    Surname { bare: bool },
}

/// A surface form and the entries it can name.
#[derive(Debug, Clone)]
pub struct Form {
    pub text: String,
    pub targets: Vec<(usize, FormRole)>,
}

/// All gazetteer entries and the forms that name them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub forms: Vec<Form>,
    pub rules: RuleWords,
    /// Surname → person entries with that surname.
    pub by_surname: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// The embedded default gazetteer.
    pub fn embedded() -> Result<Self> {
        let mut g = GazetteerBuilder::default();
        for (name, text) in DEFAULT_FILES {
            g.add_str(Path::new(name), text)?;
        }
        Ok(g.finish())
    }

    /// The embedded gazetteer plus user files (`--gazetteer`).
    pub fn with_files(paths: &[PathBuf]) -> Result<Self> {
        let mut g = GazetteerBuilder::default();
        for (name, text) in DEFAULT_FILES {
            g.add_str(Path::new(name), text)?;
        }
        for p in paths {
            let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            g.add_str(p, &text)?;
        }
        Ok(g.finish())
    }

    /// Number of entries of a kind (for reports).
    pub fn count(&self, kind: NameKind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}

/// Collects records from several files, checking ids as it goes.
#[derive(Default)]
struct GazetteerBuilder {
    entries: Vec<Entry>,
    forms: Vec<(String, usize, FormRole)>,
    ids: HashSet<String>,
    rules: RuleWords,
}

impl GazetteerBuilder {
    fn add_str(&mut self, path: &Path, text: &str) -> Result<()> {
        let data_err = |message: String| Error::Data {
            path: path.to_path_buf(),
            message,
        };
        let file: GazetteerFile = toml::from_str(text).map_err(|e| data_err(e.to_string()))?;
        for (kind, records) in [
            (NameKind::Org, file.org),
            (NameKind::State, file.state),
            (NameKind::Place, file.place),
        ] {
            for r in records {
                let idx = self.new_entry(path, &r.id, kind, &r.name)?;
                let e = &mut self.entries[idx];
                push_idnos(&mut e.idnos, r.wikidata, r.viaf, r.geonames);
                for alias in std::iter::once(&r.name).chain(&r.aliases) {
                    for v in variants(alias) {
                        self.forms.push((v, idx, FormRole::Full));
                    }
                }
                for s in &r.short {
                    for v in variants(s) {
                        self.forms.push((v, idx, FormRole::Short));
                    }
                }
            }
        }
        for r in file.person {
            if r.surname.trim().is_empty() {
                return Err(data_err(format!("person {:?} has an empty surname", r.id)));
            }
            let full = match &r.forename {
                Some(f) => format!("{f} {}", r.surname),
                None => r.surname.clone(),
            };
            let idx = self.new_entry(path, &r.id, NameKind::Person, &full)?;
            let mut initials = r.initials.clone();
            if initials.is_empty()
                && let Some(f) = &r.forename
            {
                let derived: String = f
                    .split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .filter(|c| c.is_uppercase())
                    .map(|c| format!("{c}."))
                    .collect();
                if !derived.is_empty() {
                    initials.push(derived);
                }
            }
            let e = &mut self.entries[idx];
            e.forename = r.forename.clone();
            e.surname = Some(r.surname.clone());
            e.titles = r.titles.clone();
            e.initial_letters = initials
                .iter()
                .filter_map(|i| i.chars().next())
                .chain(r.forename.iter().filter_map(|f| f.chars().next()))
                .collect();
            push_idnos(&mut e.idnos, r.wikidata, r.viaf, None);
            let mut full_forms = vec![full.clone()];
            full_forms.extend(r.aliases.iter().cloned());
            for i in &initials {
                let compact: String = i.split_whitespace().collect();
                let spaced = compact.replace('.', ". ").trim_end().to_string();
                full_forms.push(format!("{compact} {}", r.surname));
                full_forms.push(format!("{spaced} {}", r.surname));
            }
            for f in full_forms {
                for v in variants(&f) {
                    self.forms.push((v, idx, FormRole::Full));
                }
            }
            let role = FormRole::Surname { bare: r.bare };
            self.forms.push((r.surname.clone(), idx, role));
            if r.bare {
                let upper = r.surname.to_uppercase();
                if upper != r.surname {
                    self.forms.push((upper, idx, role));
                }
            }
        }
        let w = file.rules;
        let rules = &mut self.rules;
        rules.honorifics.extend(w.honorifics);
        rules.organs.extend(w.organs);
        rules.org_heads.extend(w.org_heads);
        rules.state_prefixes.extend(w.state_prefixes);
        rules.stop_words.extend(w.stop_words);
        rules.not_person_words.extend(w.not_person_words);
        rules.bare_heads.extend(w.bare_heads);
        rules.on_heads.extend(w.on_heads);
        rules.not_acronyms.extend(w.not_acronyms);
        rules.periodical_before.extend(w.periodical_before);
        rules.periodical_after.extend(w.periodical_after);
        rules.particles.extend(w.particles);
        rules.given_names.extend(w.given_names);
        rules.title_initials.extend(w.title_initials);
        rules.state_bodies.extend(w.state_bodies);
        rules.place_heads.extend(w.place_heads);
        rules.place_prefixes.extend(w.place_prefixes);
        rules.district_words.extend(w.district_words);
        rules.place_prepositions.extend(w.place_prepositions);
        Ok(())
    }

    fn new_entry(&mut self, path: &Path, id: &str, kind: NameKind, name: &str) -> Result<usize> {
        let err = |message: String| Error::Data {
            path: path.to_path_buf(),
            message,
        };
        if !is_xml_id(id) {
            return Err(err(format!(
                "id {id:?} is not usable as xml:id (letters, digits, '-', '_', '.', starting with a letter)"
            )));
        }
        if !self.ids.insert(id.to_string()) {
            return Err(err(format!("id {id:?} is defined twice")));
        }
        if name.trim().is_empty() {
            return Err(err(format!("entry {id:?} has an empty name")));
        }
        self.entries.push(Entry {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            forename: None,
            surname: None,
            initial_letters: Vec::new(),
            idnos: Vec::new(),
            titles: Vec::new(),
        });
        Ok(self.entries.len() - 1)
    }

    fn finish(self) -> Gazetteer {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut forms: Vec<Form> = Vec::new();
        for (text, entry, role) in self.forms {
            let k = *index.entry(text.clone()).or_insert_with(|| {
                forms.push(Form {
                    text,
                    targets: Vec::new(),
                });
                forms.len() - 1
            });
            if !forms[k]
                .targets
                .iter()
                .any(|&(e, r)| e == entry && r == role)
            {
                forms[k].targets.push((entry, role));
            }
        }
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(s) = &e.surname {
                by_surname.entry(s.clone()).or_default().push(i);
            }
        }
        Gazetteer {
            entries: self.entries,
            forms,
            rules: self.rules,
            by_surname,
        }
    }
}

fn push_idnos(
    idnos: &mut Vec<(String, String)>,
    wikidata: Option<String>,
    viaf: Option<String>,
    geonames: Option<String>,
) {
    for (ty, v) in [
        ("wikidata", wikidata),
        ("viaf", viaf),
        ("geonames", geonames),
    ] {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            idnos.push((ty.to_string(), v.trim().to_string()));
        }
    }
}

/// True for an NCName-like id that is safe as `xml:id`.
pub fn is_xml_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// True for a dotted abbreviation made of single capitals: `C.P.S.U.`.
pub fn is_dotted_acronym(s: &str) -> bool {
    let parts: Vec<&str> = s.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()))
}

/// The forms a text may print for one alias: the alias itself, curly and
/// straight apostrophes, dotted abbreviations with and without dots and
/// spaces, and capitals (for headings) where that is safe.
pub fn variants(alias: &str) -> Vec<String> {
    let alias = crate::model::fold_whitespace(alias);
    let mut out = vec![alias.clone()];
    if is_dotted_acronym(&alias) {
        let letters: String = alias.chars().filter(|c| *c != '.').collect();
        let dotted: String = letters.chars().map(|c| format!("{c}.")).collect();
        out.push(dotted.clone());
        // The last dot may be lost to OCR or eaten by a sentence end.
        out.push(dotted.trim_end_matches('.').to_string());
        out.push(
            letters
                .chars()
                .map(|c| format!("{c}."))
                .collect::<Vec<_>>()
                .join(" "),
        );
        // Undotted two-letter forms (`US`) are English words in capitals:
        // the data must list them itself.
        if letters.chars().count() >= 3 {
            out.push(letters);
        }
    }
    for v in out.clone() {
        if v.contains('\'') {
            out.push(v.replace('\'', "\u{2019}"));
        }
        if v.contains('\u{2019}') {
            out.push(v.replace('\u{2019}', "'"));
        }
    }
    // Headings in capitals: `POLAND`. Only names with lower-case letters and
    // at least four letters, so that abbreviations and short words stay exact.
    for v in out.clone() {
        if v.chars().any(|c| c.is_lowercase())
            && v.chars().filter(|c| c.is_alphabetic()).count() >= 4
        {
            out.push(v.to_uppercase());
        }
    }
    let mut seen = HashSet::new();
    out.retain(|v| !v.is_empty() && seen.insert(v.clone()));
    out
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
        let mut b = GazetteerBuilder::default();
        let one = "[[state]]\nid = \"zz\"\nname = \"Zembla\"\n";
        b.add_str(Path::new("a.toml"), one).unwrap();
        let err = b.add_str(Path::new("b.toml"), one).unwrap_err().to_string();
        assert!(err.contains("b.toml") && err.contains("twice"), "{err}");
        let bad = "[[org]]\nid = \"1x\"\nname = \"X\"\n";
        let err = b.add_str(Path::new("c.toml"), bad).unwrap_err().to_string();
        assert!(err.contains("c.toml") && err.contains("xml:id"), "{err}");
        let unknown = "[[org]]\nid = \"x\"\nname = \"X\"\ncolour = 1\n";
        assert!(b.add_str(Path::new("d.toml"), unknown).is_err());
    }

    #[test]
    fn person_forms_include_initials() {
        let mut b = GazetteerBuilder::default();
        let p = "[[person]]\nid = \"vl\"\nforename = \"Vladimir Ilyich\"\nsurname = \"Lenin\"\nbare = true\n";
        b.add_str(Path::new("p.toml"), p).unwrap();
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
}
