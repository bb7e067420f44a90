//! Naming rules for places the gazetteer lacks (issue 15), run from the
//! organisation rules' walk over capitalised words: a street, square,
//! river or province by its head noun (`Abbas Street`, `Jordan River`,
//! `River Thames`), and districts (`Abbas Street, Heliopolis`, `the
//! Heliopolis district`, `in Heliopolis, Cairo`). The words are data
//! (`place_heads`, `place_prefixes`, `district_words`, `place_prepositions`
//! in `data/gazetteer/rules.toml`). Split from `rules.rs` to keep it short.

use rustc_hash::FxHashMap;

use super::super::candidate::{Candidate, NewEntity, Source, Target};
use super::super::gazetteer::RuleWords;
use super::super::tokens::{TokKind, is_titlecase};
use super::{BlockText, DocFacts, Rules};
use crate::model::{Certainty, NameKind};

/// Most capitalised words before a place's head noun.
const MAX_PLACE_WORDS: usize = 3;

/// Roles of a place rule word (bits): a head noun after the name, a noun
/// before it, a district word, a preposition before a district and its city.
pub(super) const HEAD: u8 = 1;
pub(super) const PREFIX: u8 = 2;
pub(super) const DISTRICT: u8 = 4;
pub(super) const PREPOSITION: u8 = 8;

/// The roles of every place rule word.
pub(super) fn roles(w: &RuleWords) -> FxHashMap<String, u8> {
    let mut out: FxHashMap<String, u8> = FxHashMap::default();
    for (list, role) in [
        (&w.place_heads, HEAD),
        (&w.place_prefixes, PREFIX),
        (&w.district_words, DISTRICT),
        (&w.place_prepositions, PREPOSITION),
    ] {
        for word in list {
            *out.entry(word.clone()).or_default() |= role;
        }
    }
    out
}

pub(super) fn place(start: usize, end: usize, name: &str, cert: Certainty) -> Candidate {
    Candidate {
        start,
        end,
        kind: NameKind::Place,
        target: Target::New(NewEntity::new(NameKind::Place, name, cert)),
        source: Source::Rule,
        inner: Vec::new(),
    }
}

impl Rules {
    /// A capitalised word that may name a place the gazetteer lacks: a
    /// name word the document never prints in small letters, no given
    /// name and no head noun of an organisation.
    fn place_word(&self, w: &str, facts: &DocFacts) -> bool {
        self.is_name_word(w)
            && !facts.vocabulary.contains(&w.to_lowercase())
            && !self.org_heads.contains(w)
            && self.place_roles.get(w).is_none_or(|r| r & HEAD == 0)
            && !self.honorific_words.contains(&w.to_lowercase())
    }

    /// The role a word plays in the place rules, if any (no look-up for
    /// most words: too long, or another first letter).
    fn place_role(&self, w: &str) -> u8 {
        let Some(&first) = w.as_bytes().first() else {
            return 0;
        };
        if w.len() > self.place_word_max || !self.place_first[first as usize] {
            return 0;
        }
        self.place_roles.get(w).copied().unwrap_or(0)
    }

    /// The place rules around the capitalised word at token `i` (called
    /// from the organisation rules' walk over capitalised words: every
    /// place rule needs one, and most words are not visited twice).
    pub(super) fn places_at(
        &self,
        b: &BlockText,
        facts: &DocFacts,
        i: usize,
        out: &mut Vec<Candidate>,
    ) {
        let Some(w) = b.word(i) else { return };
        let role = self.place_role(w);
        let headed = role & HEAD != 0 && self.headed_place(b, facts, i, out);
        if !headed && role & PREFIX != 0 {
            self.prefixed_place(b, facts, i, out);
        }
        let before = |k: usize| if i >= k { b.word(i - k) } else { None };
        match before(2) {
            // `in Dokki, Cairo`
            Some(p) if self.place_role(p) & PREPOSITION != 0 => {
                self.district_before_city(b, facts, i - 2, out);
            }
            // `the district of Heliopolis`
            Some("of") if before(4).is_some_and(|d| self.place_role(d) & DISTRICT != 0) => {
                self.district_around(b, facts, i - 4, out);
            }
            // `the Heliopolis district`, `the Abu Rish district`
            Some("the") => {
                for k in [i + 2, i + 4] {
                    if b.word(k)
                        .is_some_and(|d| self.place_role(d) & DISTRICT != 0)
                    {
                        self.district_around(b, facts, k, out);
                        break;
                    }
                }
            }
            _ => {}
        }
    }

    /// `Abbas Street` (the head at token `i`), and a district after it;
    /// false when no place ends there.
    fn headed_place(
        &self,
        b: &BlockText,
        facts: &DocFacts,
        i: usize,
        out: &mut Vec<Candidate>,
    ) -> bool {
        let toks = b.toks;
        let word = |k: usize| b.word(k);
        let space = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokKind::Space);
        // `District Attorney`, `Street Maintenance`: the head is a word of
        // another name.
        if space(i + 1) && word(i + 2).is_some_and(is_titlecase) {
            return false;
        }
        let mut j = i;
        while i - j < 2 * MAX_PLACE_WORDS
            && j >= 2
            && space(j - 1)
            && word(j - 2).is_some_and(|m| self.is_name_word(m))
        {
            j -= 2;
        }
        if j == i {
            return false;
        }
        // A word that starts a sentence or an entry before two or more
        // (`2:45 p.m. Arrive Olivera Street`) is no name word.
        if i - j >= 4 && self.starts_sentence(b, j) {
            j += 2;
        }
        // A house number before it: a postal address, where only the city
        // is a name (`600 E Street`, `55 Wimpole Street`).
        if j >= 2
            && space(j - 1)
            && word(j - 2).is_some_and(|n| n.chars().any(|c| c.is_ascii_digit()))
        {
            return false;
        }
        let (start, end) = (toks[j].start, toks[i].end);
        out.push(place(start, end, &b.text[start..end], Certainty::Medium));
        self.district_after(b, facts, i + 1, out);
        true
    }

    /// `River Thames` (the noun at token `i`): one or two capitalised
    /// words after it.
    fn prefixed_place(&self, b: &BlockText, facts: &DocFacts, i: usize, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        let word = |k: usize| b.word(k);
        let space = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokKind::Space);
        let mut k = i;
        while k - i < 4 && space(k + 1) && word(k + 2).is_some_and(|n| self.place_word(n, facts)) {
            k += 2;
        }
        if k == i || (space(k + 1) && word(k + 2).is_some_and(is_titlecase)) {
            return;
        }
        let (start, end) = (toks[i].start, toks[k].end);
        out.push(place(start, end, &b.text[start..end], Certainty::Medium));
    }

    /// Token `k` starts the block or follows a sentence's or a list
    /// entry's end (`.`, `:`, `;`, `!`, `?`, `-`).
    fn starts_sentence(&self, b: &BlockText, k: usize) -> bool {
        let before = b.text[..b.toks[k].start].trim_end();
        before.is_empty() || before.ends_with(['.', ':', ';', '!', '?', '-'])
    }

    /// One or two place words from token `k` on, ending on a word
    /// boundary that is no further capitalised word: their end token.
    fn place_words_from(&self, b: &BlockText, facts: &DocFacts, k: usize) -> Option<usize> {
        let toks = b.toks;
        let space = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokKind::Space);
        let ok = |k: usize| b.word(k).is_some_and(|w| self.place_word(w, facts));
        if !ok(k) || self.given_name(b.word(k)?).is_some() {
            return None;
        }
        let mut end = k;
        if space(k + 1) && ok(k + 2) {
            end = k + 2;
        }
        if space(end + 1) && b.word(end + 2).is_some_and(is_titlecase) {
            return None;
        }
        Some(end)
    }

    /// `Abbas Street, Heliopolis`: the district printed after a street
    /// (token `k` follows the street's head).
    fn district_after(&self, b: &BlockText, facts: &DocFacts, k: usize, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        let comma = toks
            .get(k)
            .is_some_and(|t| t.kind == TokKind::Punct && t.text(b.text) == ",");
        if !comma || !toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Space) {
            return;
        }
        if let Some(e) = self.place_words_from(b, facts, k + 2) {
            let (start, end) = (toks[k + 2].start, toks[e].end);
            out.push(place(start, end, &b.text[start..end], Certainty::Low));
        }
    }

    /// `the Heliopolis district`, `the district of Heliopolis` (the
    /// district word at token `i`): the name is the place.
    fn district_around(&self, b: &BlockText, facts: &DocFacts, i: usize, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        let space = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokKind::Space);
        // Before: `the X district`, `the X Y district`.
        let mut j = i;
        while i - j < 4
            && j >= 2
            && space(j - 1)
            && b.word(j - 2).is_some_and(|w| self.place_word(w, facts))
        {
            j -= 2;
        }
        if j < i && j >= 2 && space(j - 1) && b.word(j - 2) == Some("the") {
            let (start, end) = (toks[j].start, toks[i - 2].end);
            out.push(place(start, end, &b.text[start..end], Certainty::Low));
            return;
        }
        // After: `district of X`.
        if space(i + 1)
            && b.word(i + 2) == Some("of")
            && space(i + 3)
            && let Some(e) = self.place_words_from(b, facts, i + 4)
        {
            let (start, end) = (toks[i + 4].start, toks[e].end);
            out.push(place(start, end, &b.text[start..end], Certainty::Low));
        }
    }

    /// `in Heliopolis, Cairo` (the preposition at token `i`): a name the
    /// gazetteer lacks printed before a gazetteer city or state is a
    /// district of it.
    fn district_before_city(
        &self,
        b: &BlockText,
        facts: &DocFacts,
        i: usize,
        out: &mut Vec<Candidate>,
    ) {
        let toks = b.toks;
        if !toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Space) {
            return;
        }
        // Cheap first: a comma one or two words on (`in Dokki, Cairo`).
        let comma = |k: usize| {
            toks.get(k)
                .is_some_and(|t| t.kind == TokKind::Punct && t.text(b.text) == ",")
        };
        if !(comma(i + 3) || comma(i + 5)) {
            return;
        }
        let Some(e) = self.place_words_from(b, facts, i + 2) else {
            return;
        };
        let (start, end) = (toks[i + 2].start, toks[e].end);
        let name = &b.text[start..end];
        if self.place_forms.contains(name) || self.known_surnames.contains(name) {
            return;
        }
        let Some(rest) = b.text[end..].strip_prefix(", ") else {
            return;
        };
        // The city: a gazetteer place or state of up to three words.
        let mut at = 0;
        for _ in 0..3 {
            let w = rest[at..]
                .find(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
                .map_or(rest.len(), |n| at + n);
            let city = &rest[..w];
            if self.place_forms.contains(city)
                || self.place_forms.contains(city.trim_end_matches('.'))
            {
                out.push(place(start, end, name, Certainty::Low));
                return;
            }
            if !rest[w..].starts_with(' ') {
                return;
            }
            at = w + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::gazetteer::Gazetteer;
    use super::super::super::tokens::tokenize;
    use super::*;

    fn places(text: &str) -> Vec<(String, Certainty)> {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let toks = tokenize(text);
        let b = BlockText {
            text,
            toks: &toks,
            is_head: false,
        };
        let facts = DocFacts {
            vocabulary: ["main", "the", "in"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            ..DocFacts::default()
        };
        rules
            .find(&g, &b, &facts)
            .into_iter()
            .filter(|c| c.kind == NameKind::Place)
            .map(|c| {
                let Target::New(n) = &c.target else {
                    panic!("a place by rule has no gazetteer entry")
                };
                (text[c.start..c.end].to_string(), n.cert)
            })
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        places(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn streets_squares_rivers_by_their_head_noun() {
        assert_eq!(
            places("the crowd in Abbas Street, Heliopolis, cheered"),
            vec![
                ("Abbas Street".to_string(), Certainty::Medium),
                ("Heliopolis".to_string(), Certainty::Low)
            ]
        );
        assert_eq!(
            names("across Tahrir Square and the Jordan River"),
            ["Tahrir Square", "Jordan River"]
        );
        assert_eq!(names("on the River Thames."), ["River Thames"]);
        assert_eq!(
            names("swollen shoot in the Eastern Province; the"),
            ["Eastern Province"]
        );
        // A postal address: only its city is a name.
        assert!(names("600 E Street NW, and 55 Wimpole Street.").is_empty());
        // The head inside another name, a word that starts an entry.
        assert!(names("the Deputy District Attorney said").is_empty());
        assert_eq!(
            names("2:45 p.m. Arrive Olivera Street - Rally"),
            ["Olivera Street"]
        );
        assert!(names("the Street and the river").is_empty());
    }

    #[test]
    fn districts_by_context() {
        assert_eq!(
            names("a flat in the Heliopolis district of the city"),
            ["Heliopolis"]
        );
        assert_eq!(
            names("the district of Heliopolis was quiet"),
            ["Heliopolis"]
        );
        assert_eq!(
            names("he lived in Heliopolis, Cairo, until"),
            ["Heliopolis"]
        );
        // Not before a known city, a given name, a known surname.
        assert!(names("he lived in Heliopolis until").is_empty());
        assert!(names("in Harold, Cairo").is_empty());
        assert!(names("in Stalin, Moscow").is_empty());
    }
}
