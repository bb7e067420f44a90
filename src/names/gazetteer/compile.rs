//! The gazetteer from its TOML files to its entries and forms (the compact
//! binary form the embedded gazetteer is stored in is `codec.rs`).
//!
//! This file is compiled twice: into the library (`names::gazetteer`), and
//! into the build script (`build.rs`), which compiles the embedded files
//! once at build time, so that start-up decodes finished entries and forms
//! instead of parsing TOML and deriving name variants (most of start-up
//! before). It therefore uses nothing of the library but `super::NameKind`.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::NameKind;

/// The gazetteer files shipped with the encoder (embedded), from the
/// package's root.
pub const DEFAULT_FILES: &[&str] = &[
    "data/gazetteer/states.toml",
    "data/gazetteer/organisations.toml",
    "data/gazetteer/people.toml",
    "data/gazetteer/places.toml",
    "data/gazetteer/rules.toml",
    // Generated from maintained data packages (data/SOURCES.md).
    "data/gazetteer/iso-3166.toml",
    "data/gazetteer/given-names.toml",
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
    /// Abbreviations that begin a two-word surname (`St. Clair`).
    #[serde(default)]
    pub surname_prefixes: Vec<String>,
    /// Nouns that end a postal address's street with no house number.
    #[serde(default)]
    pub street_words: Vec<String>,
    /// Letters OCR reads for a house number's digits (`9O1LL`).
    #[serde(default)]
    pub digit_letters: Vec<String>,
}

impl RuleWords {
    /// The plain word lists, in a fixed order (for the binary form).
    /// Every field is named here (no `..`): a new list does not compile
    /// until it is placed, so the binary form cannot drop it unseen.
    pub fn lists_mut(&mut self) -> [&mut Vec<String>; 20] {
        let RuleWords {
            honorifics,
            organs: _,
            state_prefixes,
            org_heads,
            stop_words,
            not_person_words,
            bare_heads,
            on_heads,
            not_acronyms,
            periodical_before,
            periodical_after,
            particles,
            given_names,
            title_initials,
            state_bodies: _,
            place_heads,
            place_prefixes,
            district_words,
            place_prepositions,
            surname_prefixes,
            street_words,
            digit_letters,
        } = self;
        [
            honorifics,
            state_prefixes,
            org_heads,
            stop_words,
            not_person_words,
            bare_heads,
            on_heads,
            not_acronyms,
            periodical_before,
            periodical_after,
            particles,
            given_names,
            title_initials,
            place_heads,
            place_prefixes,
            district_words,
            place_prepositions,
            surname_prefixes,
            street_words,
            digit_letters,
        ]
    }

    /// Adds another file's words after these.
    fn extend(&mut self, mut w: RuleWords) {
        for (mine, theirs) in self.lists_mut().into_iter().zip(w.lists_mut()) {
            mine.append(theirs);
        }
        self.organs.append(&mut w.organs);
        self.state_bodies.append(&mut w.state_bodies);
    }
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

/// Collects records from several files, checking ids as it goes. A form
/// is kept once, where it first occurs, with every (entry, role) that
/// names it in the order they occur.
#[derive(Default)]
pub struct Builder {
    entries: Vec<Entry>,
    forms: Vec<Form>,
    /// Form text → index in `forms`.
    form_index: HashMap<String, usize>,
    ids: HashSet<String>,
    rules: RuleWords,
}

impl Builder {
    /// A builder that goes on from a finished gazetteer: what later files
    /// add comes after it, as if they had been added with it.
    pub fn from_gazetteer(g: Gazetteer) -> Self {
        Builder {
            ids: g.entries.iter().map(|e| e.id.clone()).collect(),
            form_index: g
                .forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.text.clone(), i))
                .collect(),
            entries: g.entries,
            forms: g.forms,
            rules: g.rules,
        }
    }

    /// Adds one file's records; the error says what is wrong (not where).
    pub fn add_str(&mut self, text: &str) -> Result<(), String> {
        let file: GazetteerFile = toml::from_str(text).map_err(|e| e.to_string())?;
        for (kind, records) in [
            (NameKind::Org, file.org),
            (NameKind::State, file.state),
            (NameKind::Place, file.place),
        ] {
            for r in records {
                let idx = self.new_entry(&r.id, kind, &r.name)?;
                let e = &mut self.entries[idx];
                push_idnos(&mut e.idnos, r.wikidata, r.viaf, r.geonames);
                for alias in std::iter::once(&r.name).chain(&r.aliases) {
                    for v in variants(alias) {
                        self.add_form(v, idx, FormRole::Full);
                    }
                }
                for s in &r.short {
                    for v in variants(s) {
                        self.add_form(v, idx, FormRole::Short);
                    }
                }
            }
        }
        for r in file.person {
            if r.surname.trim().is_empty() {
                return Err(format!("person {:?} has an empty surname", r.id));
            }
            let full = match &r.forename {
                Some(f) => format!("{f} {}", r.surname),
                None => r.surname.clone(),
            };
            let idx = self.new_entry(&r.id, NameKind::Person, &full)?;
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
                    self.add_form(v, idx, FormRole::Full);
                }
            }
            let role = FormRole::Surname { bare: r.bare };
            self.add_form(r.surname.clone(), idx, role);
            if r.bare {
                let upper = r.surname.to_uppercase();
                if upper != r.surname {
                    self.add_form(upper, idx, role);
                }
            }
        }
        self.rules.extend(file.rules);
        Ok(())
    }

    fn new_entry(&mut self, id: &str, kind: NameKind, name: &str) -> Result<usize, String> {
        if !is_xml_id(id) {
            return Err(format!(
                "id {id:?} is not usable as xml:id (letters, digits, '-', '_', '.', starting with a letter)"
            ));
        }
        if !self.ids.insert(id.to_string()) {
            return Err(format!("id {id:?} is defined twice"));
        }
        if name.trim().is_empty() {
            return Err(format!("entry {id:?} has an empty name"));
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

    fn add_form(&mut self, text: String, entry: usize, role: FormRole) {
        let k = match self.form_index.get(&text) {
            Some(&k) => k,
            None => {
                self.form_index.insert(text.clone(), self.forms.len());
                self.forms.push(Form {
                    text,
                    targets: Vec::new(),
                });
                self.forms.len() - 1
            }
        };
        let targets = &mut self.forms[k].targets;
        if !targets.contains(&(entry, role)) {
            targets.push((entry, role));
        }
    }

    pub fn finish(self) -> Gazetteer {
        Gazetteer {
            by_surname: by_surname(&self.entries),
            entries: self.entries,
            forms: self.forms,
            rules: self.rules,
        }
    }
}

/// Surname → person entries with that surname.
pub fn by_surname(entries: &[Entry]) -> HashMap<String, Vec<usize>> {
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(s) = &e.surname {
            by_surname.entry(s.clone()).or_default().push(i);
        }
    }
    by_surname
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
    // One part only (most names).
    if !s.contains('.') {
        return false;
    }
    let mut parts = 0;
    for p in s.trim_end_matches('.').split('.') {
        let mut chars = p.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_uppercase() => parts += 1,
            _ => return false,
        }
    }
    parts >= 2
}

/// The forms a text may print for one alias: the alias itself, curly and
/// straight apostrophes, dotted abbreviations with and without dots and
/// spaces, and capitals (for headings) where that is safe.
pub fn variants(alias: &str) -> Vec<String> {
    // Words joined by single spaces (the library's `fold_whitespace`).
    let alias = alias.split_whitespace().collect::<Vec<_>>().join(" ");
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
