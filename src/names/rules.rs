//! Naming rules for names the gazetteer lacks: titles before a person's name,
//! initials before a surname, organisation names built on a head noun
//! (`X Party`, `Society for …`), bodies of a party or state (`Central
//! Committee of …`), dotted abbreviations and quoted periodical titles.
//! All words they rely on are data (`[rules]` in the gazetteer files); every
//! rule needs a capitalised word that is not a sentence word, so headings in
//! capitals and sentence-initial adjectives never make names.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, Match, MatchKind, StartKind};
use rustc_hash::FxHashSet;

use super::candidate::Candidate;
use super::gazetteer::{FormRole, Gazetteer, Organ, is_dotted_acronym};
use super::tokens::{Tok, TokKind, is_titlecase};
use crate::error::{Error, Result};
use crate::model::NameKind;

mod addresses;
mod orgs;
mod people;
mod places;
pub use people::{person_candidate, words_after_lone_initials};

/// Most capitalised words an organisation's name takes before its head
/// noun, and in its `of …` phrase: a long run of capitalised words (a
/// heading, OCR noise) then yields short candidates, not one per head
/// spanning the whole run (quadratic time and memory).
const MAX_NAME_WORDS: usize = 12;

/// The compiled rule word lists.
#[derive(Debug, Clone)]
pub struct Rules {
    honorifics: AhoCorasick,
    /// The first bytes of the titles.
    honorific_first: [bool; 256],
    honorific_words: HashSet<String>,
    organs: Vec<Organ>,
    organ_names: HashSet<String>,
    state_prefixes: Vec<String>,
    org_heads: HashSet<String>,
    stop: HashSet<String>,
    not_person: HashSet<String>,
    bare_heads: HashSet<String>,
    on_heads: HashSet<String>,
    /// `org_heads` in capitals (`COMMITTEE`), for names printed in capitals.
    org_heads_caps: HashSet<String>,
    not_acronyms: HashSet<String>,
    periodical_before: HashSet<String>,
    periodical_after: HashSet<String>,
    particles: HashSet<String>,
    /// Given names of the packaged list (`Harold`), as printed in title case.
    given_names: FxHashSet<String>,
    /// One-word gazetteer forms of places, states and bodies (`Virginia`):
    /// such a given name starts no person.
    place_words: FxHashSet<String>,
    /// The last words of those forms, longer ones too (`Carolina`): a
    /// person's name may start right after one (a list in two columns).
    place_last_words: FxHashSet<String>,
    title_initials: HashSet<String>,
    /// Letters of the gazetteer's dotted abbreviations (`US` for `U.S.`).
    known_acronyms: HashSet<String>,
    /// Head nouns of places (`Street`), nouns before a place's name
    /// (`River`), district words (`district`), prepositions before a
    /// district and its city (`in`): [`places`].
    /// One look-up per word: the roles ([`places::HEAD`]…) a word plays.
    place_roles: HashMap<String, u8>,
    /// The longest of those words, in bytes, and their first bytes.
    place_word_max: usize,
    place_first: [bool; 256],
    /// Gazetteer forms of places and states (`Cairo`, `Texas`).
    place_forms: FxHashSet<String>,
    /// The first bytes of those forms.
    place_form_first: [bool; 256],
    /// Surnames of the gazetteer's people.
    known_surnames: FxHashSet<String>,
    /// The gazetteer's people whose surname names them alone (`bare`).
    bare_people: FxHashSet<usize>,
    /// Abbreviations that begin a two-word surname (`St. Clair`).
    surname_prefixes: HashSet<String>,
    /// Nouns that end a postal address's street ([`addresses`]).
    street_words: HashSet<String>,
    /// Letters OCR reads for a house number's digits.
    digit_letters: Vec<char>,
}

/// One block's reading text and tokens.
pub struct BlockText<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub is_head: bool,
}

impl<'a> BlockText<'a> {
    /// The text of token `k` if it is a word.
    pub(crate) fn word(&self, k: usize) -> Option<&'a str> {
        self.toks
            .get(k)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| t.text(self.text))
    }
}

/// Facts about the whole document the rules consult.
#[derive(Debug, Default)]
pub struct DocFacts {
    /// Words the document prints in small letters (`introduction`): a
    /// capitalised one is then a sentence word, not a surname.
    pub vocabulary: HashSet<String>,
    /// For each letter the document prints as a lone initial (`M. Ricord`,
    /// not `John M. Deutch`), how many different capitalised words follow
    /// it. One initial shared by several names is a title (`M.`, Monsieur,
    /// for letters listed as `title_initials`) or no initial at all (`R.`
    /// before a prescription's ingredients, `B.` before a section title).
    pub lone_initials: HashMap<String, usize>,
}

impl DocFacts {
    /// The lone initial `letter` abbreviates a title in this document.
    pub fn title_initial(&self, rules: &Rules, letter: &str) -> bool {
        rules.title_initials.contains(letter) && self.lone_count(letter) >= 2
    }

    /// The lone `letter` is used for so many names that it is no initial.
    pub fn not_an_initial(&self, rules: &Rules, letter: &str) -> bool {
        !rules.title_initials.contains(letter) && self.lone_count(letter) >= 3
    }

    fn lone_count(&self, letter: &str) -> usize {
        self.lone_initials.get(letter).copied().unwrap_or(0)
    }
}

fn letters_of(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Rules {
    pub fn new(g: &Gazetteer) -> Result<Self> {
        let w = &g.rules;
        // Searched anchored, only where a title may start ([`Rules::titles`]).
        let honorifics = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&w.honorifics)
            .map_err(|e| Error::Usage(format!("honorific list cannot be compiled: {e}")))?;
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>();
        let honorific_words = w
            .honorifics
            .iter()
            .flat_map(|h| h.split_whitespace())
            .map(|s| s.trim_end_matches('.').to_lowercase())
            .collect();
        let place_forms: FxHashSet<String> = place_forms(g).map(str::to_string).collect();
        let place_form_first = first_bytes(&place_forms);
        Ok(Rules {
            honorifics,
            honorific_first: first_bytes(&w.honorifics),
            honorific_words,
            organs: w.organs.clone(),
            organ_names: w.organs.iter().map(|o| o.name.clone()).collect(),
            state_prefixes: w.state_prefixes.clone(),
            org_heads: w.org_heads.iter().cloned().collect(),
            stop: lower(&w.stop_words),
            not_person: lower(&w.not_person_words),
            bare_heads: w.bare_heads.iter().cloned().collect(),
            on_heads: w.on_heads.iter().cloned().collect(),
            org_heads_caps: w.org_heads.iter().map(|h| h.to_uppercase()).collect(),
            not_acronyms: w.not_acronyms.iter().map(|s| letters_of(s)).collect(),
            periodical_before: lower(&w.periodical_before),
            periodical_after: lower(&w.periodical_after),
            particles: w.particles.iter().cloned().collect(),
            given_names: w.given_names.iter().cloned().collect(),
            title_initials: w.title_initials.iter().cloned().collect(),
            place_words: non_person_forms(g)
                .filter(|f| !f.contains(' '))
                .map(str::to_string)
                .collect(),
            place_last_words: non_person_forms(g)
                .filter_map(|f| f.split(' ').next_back())
                .filter(|w| is_titlecase(w))
                .map(str::to_string)
                .collect(),
            known_acronyms: g
                .forms
                .iter()
                .filter(|f| is_dotted_acronym(&f.text))
                .map(|f| letters_of(&f.text))
                .collect(),
            place_roles: places::roles(w),
            place_word_max: places::roles(w).keys().map(String::len).max().unwrap_or(0),
            place_first: places::roles(w)
                .keys()
                .filter_map(|k| k.bytes().next())
                .fold([false; 256], |mut t, b| {
                    t[b as usize] = true;
                    t
                }),
            place_forms,
            place_form_first,
            known_surnames: g.by_surname.keys().cloned().collect(),
            bare_people: bare_people(g),
            surname_prefixes: w.surname_prefixes.iter().cloned().collect(),
            street_words: w.street_words.iter().cloned().collect(),
            digit_letters: w.digit_letters.iter().flat_map(|s| s.chars()).collect(),
        })
    }

    /// The titles printed in `text`, as an unanchored leftmost-longest
    /// search finds them (the leftmost start, there the longest, then on
    /// after its end), but tried only at bytes a title starts with.
    fn titles<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match> + 't {
        let bytes = text.as_bytes();
        let mut p = 0;
        std::iter::from_fn(move || {
            while p < bytes.len() {
                if self.honorific_first[usize::from(bytes[p])] {
                    let input = Input::new(text)
                        .span(p..bytes.len())
                        .anchored(Anchored::Yes);
                    if let Some(m) = self.honorifics.find(input) {
                        p = m.end().max(p + 1);
                        return Some(m);
                    }
                }
                p += 1;
            }
            None
        })
    }

    fn is_stop(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.stop.contains(&l)
    }

    /// A capitalised word that may be part of a person's name.
    fn is_person_word(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.is_name_word(w) && !self.not_person.contains(&l) && !self.honorific_words.contains(&l)
    }

    /// A capitalised word that may be part of a name.
    fn is_name_word(&self, w: &str) -> bool {
        is_titlecase(w) && !self.is_stop(w) && !w.chars().next().is_some_and(|c| c.is_numeric())
    }

    /// All rule candidates of one block.
    pub fn find(&self, g: &Gazetteer, b: &BlockText, facts: &DocFacts) -> Vec<Candidate> {
        let mut out = Vec::new();
        self.honorific_names(g, b, &mut out);
        self.initial_names(g, b, facts, &mut out);
        self.given_name_people(g, b, facts, &mut out);
        self.headed_orgs(b, facts, &mut out);
        self.acronyms(b, &mut out);
        self.periodicals(b, &mut out);
        self.address_cities(b.text, &mut out);
        out
    }
}

/// The gazetteer's people whose surname names them alone (`bare`).
pub(crate) fn bare_people(g: &Gazetteer) -> FxHashSet<usize> {
    g.forms
        .iter()
        .flat_map(|f| &f.targets)
        .filter(|(_, r)| *r == FormRole::Surname { bare: true })
        .map(|(e, _)| *e)
        .collect()
}

/// The gazetteer's forms of places, states and bodies.
fn non_person_forms(g: &Gazetteer) -> impl Iterator<Item = &str> {
    g.forms
        .iter()
        .filter(|f| {
            f.targets
                .iter()
                .any(|&(e, _)| g.entries[e].kind != NameKind::Person)
        })
        .map(|f| f.text.as_str())
}

/// Which bytes the words start with.
fn first_bytes<'a>(words: impl IntoIterator<Item = &'a String>) -> [bool; 256] {
    let mut t = [false; 256];
    for b in words.into_iter().filter_map(|w| w.bytes().next()) {
        t[usize::from(b)] = true;
    }
    t
}

/// The gazetteer's forms of places and states.
fn place_forms(g: &Gazetteer) -> impl Iterator<Item = &str> {
    g.forms
        .iter()
        .filter(|f| {
            f.targets
                .iter()
                .any(|&(e, _)| matches!(g.entries[e].kind, NameKind::Place | NameKind::State))
        })
        .map(|f| f.text.as_str())
}

fn is_apostrophe(s: &str) -> bool {
    matches!(s, "'" | "\u{2019}")
}

fn punct_is(b: &BlockText, i: usize, p: &str) -> bool {
    b.toks
        .get(i)
        .is_some_and(|t| t.kind == TokKind::Punct && t.text(b.text) == p)
}

/// The token starting at byte `at`.
fn tok_at(toks: &[Tok], at: usize) -> Option<usize> {
    toks.binary_search_by_key(&at, |t| t.start).ok()
}

#[cfg(test)]
mod tests {
    use super::super::candidate::Target;
    use super::super::tokens::tokenize;
    use super::*;

    fn found(text: &str) -> Vec<(String, NameKind)> {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let toks = tokenize(text);
        let b = BlockText {
            text,
            toks: &toks,
            is_head: false,
        };
        let facts = DocFacts::default();
        rules
            .find(&g, &b, &facts)
            .into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.kind))
            .collect()
    }

    fn has(text: &str, name: &str, kind: NameKind) -> bool {
        found(text).contains(&(name.to_string(), kind))
    }

    /// The anchored search at title-starting bytes finds what an
    /// unanchored leftmost-longest search over the whole text finds.
    #[test]
    fn titles_are_found_as_a_whole_text_search_finds_them() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let whole = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&g.rules.honorifics)
            .unwrap();
        let seed = include_str!("../../data/seed/cult-of-the-individual-1956.txt");
        for text in [
            seed,
            "Mr. Mrs. Dr. Mr. Smith, USA Senator, xVice President Nixon, SAs SA Señor",
        ] {
            let span = |m: Match| (m.start(), m.end());
            let found: Vec<_> = rules.titles(text).map(span).collect();
            let all: Vec<_> = whole.find_iter(text).map(span).collect();
            assert!(found.len() > 3);
            assert_eq!(found, all);
        }
    }

    #[test]
    fn titles_stay_outside_the_name() {
        assert!(has(
            "Comrade Eugene Dennis, General",
            "Eugene Dennis",
            NameKind::Person
        ));
        assert!(has(
            "said President Zog Mbeki today",
            "Zog Mbeki",
            NameKind::Person
        ));
        assert!(has("Mr. H. Wilson's view", "H. Wilson", NameKind::Person));
        assert!(found("the General Secretary of the Party").is_empty());
    }

    #[test]
    fn initials_before_a_surname() {
        assert!(has(
            "(K. Marx and P. Sngels, Works",
            "P. Sngels",
            NameKind::Person
        ));
        assert!(has(
            "by John F. Kennedy in",
            "John F. Kennedy",
            NameKind::Person
        ));
        // A known abbreviation is not a person's initials.
        assert!(
            !found("the U.S. Congress")
                .iter()
                .any(|(_, k)| *k == NameKind::Person)
        );
    }

    #[test]
    fn organisations_around_a_head_noun() {
        assert!(has("the Ishevik Party, of", "Ishevik Party", NameKind::Org));
        assert!(has(
            "shooting at the San Gabriel Valley Gun Club, Duarte",
            "San Gabriel Valley Gun Club",
            NameKind::Org
        ));
        assert!(has(
            "the Viet Cong's Liberation Front has",
            "Liberation Front",
            NameKind::Org
        ));
        assert!(has(
            "the Zembla Farmers's Party was",
            "Zembla Farmers's Party",
            NameKind::Org
        ));
        assert!(has(
            "by contacting the Church of the Nazarene in",
            "Church of the Nazarene",
            NameKind::Org
        ));
        assert!(has(
            "the South African Society for Peace and Friendship with the Soviet Union has",
            "South African Society for Peace and Friendship with the Soviet Union",
            NameKind::Org
        ));
        assert!(has(
            "the Workers' Party of Zembla.",
            "Workers' Party of Zembla",
            NameKind::Org
        ));
        // Bare bodies and a bare Party are not names.
        assert!(found("The Central Committee notes that the Party Congress").is_empty());
        assert!(found("The Party took this step").is_empty());
    }

    #[test]
    fn dotted_abbreviations_and_periodicals() {
        assert!(has("the T.U.C. said", "T.U.C.", NameKind::Org));
        assert!(found("at 10 A.M. today").is_empty());
        assert!(has(
            "the magazine \"Nuovi Argomenti\", besides",
            "Nuovi Argomenti",
            NameKind::Org
        ));
        assert!(has(
            "\"Jenminjikpao\", organ of the",
            "Jenminjikpao",
            NameKind::Org
        ));
        assert!(found("the heading \"On the Historic Experience\" the").is_empty());
    }

    #[test]
    fn headings_and_sentence_adjectives_make_no_names() {
        assert!(found("OVERCOMING THE CULT OF THE INDIVIDUAL AND ITS CONSEQUENCES").is_empty());
        assert!(
            found("Soviet people have rallied. American monopoly capital continues").is_empty()
        );
    }

    #[test]
    fn regnal_numbers_and_traditional_titles() {
        assert!(has(
            "received by Pope Zoltan VI in",
            "Zoltan VI",
            NameKind::Person
        ));
        assert!(has(
            "by Nana Kofi Mensah II, the",
            "Kofi Mensah II",
            NameKind::Person
        ));
        assert!(has(
            "the Minister, Sardar Zorawar Singh, made",
            "Zorawar Singh",
            NameKind::Person
        ));
        // A lone `I` is a pronoun, not a numeral.
        assert!(has(
            "President Zog Mbeki I think",
            "Zog Mbeki",
            NameKind::Person
        ));
    }

    #[test]
    fn ministries_are_organisations_ministers_are_offices() {
        assert!(has(
            "published by the Ministry of Foreign Affairs.",
            "Ministry of Foreign Affairs",
            NameKind::Org
        ));
        assert!(has(
            "the Zembla Cocoa Marketing Board bought",
            "Zembla Cocoa Marketing Board",
            NameKind::Org
        ));
        assert!(has(
            "Chairman of the Zemblan Committee on the Alliance for Progress,",
            "Zemblan Committee on the Alliance for Progress",
            NameKind::Org
        ));
        assert!(found("The Minister of Mines has laid the bills").is_empty());
        assert!(has(
            "the Committee on Armed Services.",
            "Committee on Armed Services",
            NameKind::Org
        ));
        assert!(found("the Committee of the Party to").is_empty());
        assert!(found("a letter to the Party Congress in 1922").is_empty());
    }

    #[test]
    fn a_given_name_and_a_capitalised_word_are_a_person() {
        assert!(has(
            "said Harold Holt today",
            "Harold Holt",
            NameKind::Person
        ));
        assert!(has(
            "signed HAROLD HOLT and",
            "HAROLD HOLT",
            NameKind::Person
        ));
        assert!(has(
            "Byrd, and Harry Flood Byrd, Virginia",
            "Harry Flood Byrd",
            NameKind::Person
        ));
        assert!(has(
            "Counsel, T. Jeremy Gunn, at",
            "T. Jeremy Gunn",
            NameKind::Person
        ));
        let people = |t: &str| {
            found(t)
                .into_iter()
                .filter(|(_, k)| *k == NameKind::Person)
                .count()
        };
        // Alone, after a place name's first word, or before a head noun: no person.
        assert_eq!(people("Harold said so"), 0);
        // After a place's last word a name may start (a list in two
        // columns), and a comma OCR read for an initial's stop still ends it.
        assert!(has(
            "in North Carolina Clifford P, Case",
            "Clifford P, Case",
            NameKind::Person
        ));
        assert_eq!(people("the Albert Schweitzer College in"), 0);
        assert_eq!(people("Virginia Beach and Virginia Smith"), 0);
        // A comma and a stop for the stop; a surname begun by `St.`.
        assert!(has(
            "SA JOHN E,. SMITH and",
            "JOHN E,. SMITH",
            NameKind::Person
        ));
        assert!(has(
            "by Agent PAUL R. ST. JOHN/abc",
            "PAUL R. ST. JOHN",
            NameKind::Person
        ));
        assert_eq!(people("in Santa Fe Springs today"), 0);
    }

    #[test]
    fn a_surname_alone_names_a_gazetteer_person_only_with_evidence() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let target = |text: &str, name: &str| {
            let toks = tokenize(text);
            let b = BlockText {
                text,
                toks: &toks,
                is_head: false,
            };
            rules
                .find(&g, &b, &DocFacts::default())
                .into_iter()
                .find(|c| &text[c.start..c.end] == name)
                .map(|c| c.target)
                .expect("a candidate")
        };
        let id = |t: Target| match t {
            Target::Entry(e) => Some(g.entries[e].id.clone()),
            _ => None,
        };
        // `Mr. Hoover` of a 1964 transcript is not Herbert Hoover: the
        // gazetteer's person only if the document names him in full.
        assert!(matches!(
            target("Mr. Hoover. I think so.", "Hoover"),
            Target::OneOf {
                fallback: crate::names::candidate::Fallback::New(_),
                ..
            }
        ));
        assert_eq!(
            id(target("by Herbert Hoover in", "Herbert Hoover")).as_deref(),
            Some("hoover-herbert")
        );
        // A surname that suffices alone, or a title of the person's office.
        assert_eq!(
            id(target("Mr. Stalin said", "Stalin")).as_deref(),
            Some("stalin")
        );
        assert_eq!(
            id(target("President Kennedy said", "Kennedy")).as_deref(),
            Some("kennedy")
        );
        assert!(id(target("Senator Kennedy said", "Kennedy")).is_none());
    }

    #[test]
    fn a_lone_m_is_monsieur_where_the_document_says_so() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let text = "at the present day, M. Ricord has shown, as John M. Deutch did";
        let toks = tokenize(text);
        assert_eq!(
            people::words_after_lone_initials(text, &toks),
            vec![("M", "Ricord")]
        );
        let b = BlockText {
            text,
            toks: &toks,
            is_head: false,
        };
        let facts = DocFacts {
            lone_initials: [("M".to_string(), 2), ("R".to_string(), 4)]
                .into_iter()
                .collect(),
            ..DocFacts::default()
        };
        let names: Vec<&str> = rules
            .find(&g, &b, &facts)
            .into_iter()
            .filter(|c| c.kind == NameKind::Person)
            .map(|c| &text[c.start..c.end])
            .collect();
        assert!(names.contains(&"Ricord"), "{names:?}");
        assert!(names.contains(&"John M. Deutch"), "{names:?}");
        let text = "R. Aquae destillatae";
        let toks = tokenize(text);
        let b = BlockText {
            text,
            toks: &toks,
            is_head: false,
        };
        assert!(rules.find(&g, &b, &facts).is_empty());
    }

    #[test]
    fn single_words_listed_after_by_are_people() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let text = "admitted by Fallopius, Astruc, Gibert, and lately by Strom Thurmond, Zog";
        let toks = tokenize(text);
        let b = BlockText {
            text,
            toks: &toks,
            is_head: false,
        };
        let mut v = Vec::new();
        rules.listed_people(&g, &b, &DocFacts::default(), &mut v);
        let names: Vec<&str> = v.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(names, vec!["Fallopius", "Astruc", "Gibert"]);
    }

    #[test]
    fn a_typists_code_after_a_name_is_no_word_of_it() {
        assert!(has(
            "SAS MARTIN LAUER and CHARLES W. BADGLEY CWB/pjc",
            "CHARLES W. BADGLEY",
            NameKind::Person
        ));
        assert!(has(
            "by SA THOMAS E. LAVIN TEL/namb",
            "THOMAS E. LAVIN",
            NameKind::Person
        ));
        // Not when the word is no initials of the name.
        assert!(has(
            "ALBERT L. HERTZ said",
            "ALBERT L. HERTZ",
            NameKind::Person
        ));
    }

    #[test]
    fn organs_in_capitals() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let t = "EMBASSY OF CHILE";
        let (organ, at, the) = rules.organ_before(t, t.find("CHILE").unwrap()).unwrap();
        assert_eq!(organ.abbr, "embassy");
        assert_eq!(at, 0);
        assert!(!the);
    }

    #[test]
    fn organ_prefix_is_found() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let t = "by the Central Committee of the C.P.S.U.";
        let (organ, at, the) = rules.organ_before(t, t.find("C.P.S.U.").unwrap()).unwrap();
        assert_eq!(organ.name, "Central Committee");
        assert_eq!(&t[at..at + 7], "Central");
        assert!(the);
    }
}
