//! Naming rules for people: a title before a name (`Comrade Eugene Dennis`),
//! initials before a surname (`K. Marx`, `John F. Kennedy`), and the person
//! candidate those words make. Split from `rules.rs` to keep it short.

use rustc_hash::FxHashSet;

use super::super::candidate::{Candidate, Fallback, NewEntity, Source, Target};
use super::super::gazetteer::Gazetteer;
use super::super::tokens::{Tok, TokKind, is_capital_letter, is_titlecase};
use super::{BlockText, DocFacts, Rules, punct_is, tok_at};
use crate::model::{Certainty, NameKind};

impl Rules {
    /// `Comrade Eugene Dennis`, `President Nixon`: the title stays outside.
    pub(super) fn honorific_names(&self, g: &Gazetteer, b: &BlockText, out: &mut Vec<Candidate>) {
        for m in self.titles(b.text) {
            let before_ok = b.text[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if !before_ok || !b.text[m.end()..].starts_with(' ') {
                continue;
            }
            let Some(i) = tok_at(b.toks, m.end() + 1) else {
                continue;
            };
            if let Some((start, end, words)) = self.person_words(b, i) {
                out.push(person_candidate(
                    g,
                    &self.bare_people,
                    Some(&b.text[m.start()..m.end()]),
                    start,
                    end,
                    &words,
                    Certainty::Medium,
                ));
            }
        }
    }

    /// Reads a person's name from token `i`: initials, capitalised words and
    /// particles, ending on a capitalised word. Returns its span and words.
    fn person_words(&self, b: &BlockText, mut i: usize) -> Option<(usize, usize, Vec<String>)> {
        let toks = b.toks;
        let start = toks.get(i)?.start;
        let mut words: Vec<String> = Vec::new();
        let mut kept = 0;
        let mut end = None;
        while i < toks.len() && words.len() < 6 {
            let t = toks[i];
            let w = t.text(b.text);
            if t.kind != TokKind::Word {
                break;
            }
            if is_capital_letter(w) && punct_is(b, i + 1, ".") {
                words.push(format!("{w}."));
                i += 2;
                if toks.get(i).is_some_and(|t| t.kind == TokKind::Word) {
                    continue;
                }
            } else if self.is_person_word(w) {
                words.push(w.to_string());
                kept = words.len();
                end = Some(t.end);
                i += 1;
            } else if self.particles.contains(w) && !words.is_empty() {
                words.push(w.to_string());
                i += 1;
            } else {
                break;
            }
            if toks.get(i).is_some_and(|t| t.kind == TokKind::Space)
                && toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Word)
            {
                i += 1;
            } else {
                break;
            }
        }
        words.truncate(kept);
        // A regnal number after the name: `Paul VI`, `Ofori Atta II`.
        if let Some(e) = end
            && kept > 0
            && words.len() == kept
        {
            let rest = &b.text[e..];
            if let Some(r) = rest.strip_prefix(' ') {
                let numeral: String = r.chars().take_while(|c| c.is_alphanumeric()).collect();
                if is_regnal_number(&numeral) {
                    words.push(numeral.clone());
                    end = Some(e + 1 + numeral.len());
                }
            }
        }
        Some((start, end?, words))
    }

    /// `K. Marx`, `John F. Kennedy`, `P. Sngels`: initials before a surname.
    pub(super) fn initial_names(
        &self,
        g: &Gazetteer,
        b: &BlockText,
        facts: &DocFacts,
        out: &mut Vec<Candidate>,
    ) {
        let toks = b.toks;
        let first_word = toks.iter().position(|t| t.kind == TokKind::Word);
        let mut i = 0;
        while i < toks.len() {
            let starts_initials = toks[i].kind == TokKind::Word
                && toks[i].end - toks[i].start <= 4
                && is_capital_letter(toks[i].text(b.text))
                && punct_is(b, i + 1, ".")
                && !(i > 0
                    && (toks[i - 1].kind == TokKind::Word || toks[i - 1].text(b.text) == "."));
            if !starts_initials {
                i += 1;
                continue;
            }
            let begin = i;
            let mut letters = String::new();
            let mut j = i;
            while j + 1 < toks.len()
                && toks[j].kind == TokKind::Word
                && is_capital_letter(toks[j].text(b.text))
                && (punct_is(b, j + 1, ".") || (!letters.is_empty() && punct_is(b, j + 1, ",")))
                && letters.len() < 3
            {
                letters.push_str(toks[j].text(b.text));
                j += 2;
                if toks.get(j).is_some_and(|t| t.kind == TokKind::Space)
                    && toks
                        .get(j + 1)
                        .is_some_and(|t| is_capital_letter(t.text(b.text)))
                    && (punct_is(b, j + 2, ".") || punct_is(b, j + 2, ","))
                {
                    j += 1;
                }
            }
            i = j.max(i + 1);
            if self.known_acronyms.contains(&letters) {
                continue;
            }
            if b.is_head && Some(begin) == first_word {
                continue;
            }
            let (Some(sp), Some(sur)) = (toks.get(j), toks.get(j + 1)) else {
                continue;
            };
            let surname = sur.text(b.text);
            if sp.kind != TokKind::Space
                || sur.kind != TokKind::Word
                || !self.is_person_word(surname)
                || surname.chars().count() < 2
                || facts.vocabulary.contains(&surname.to_lowercase())
            {
                continue;
            }
            let mut start = toks[begin].start;
            let mut words: Vec<String> = letters.chars().map(|c| format!("{c}.")).collect();
            // `M. Ricord` where the document prints `M.` as Monsieur: the
            // title stays outside the name.
            let lone = letters.chars().count() == 1 && lone_initial(b, begin);
            if lone && facts.not_an_initial(self, &letters) {
                continue;
            }
            let monsieur = lone && facts.title_initial(self, &letters);
            if monsieur {
                start = sur.start;
                words.clear();
            } else if begin >= 2
                && toks[begin - 1].kind == TokKind::Space
                && toks[begin - 2].kind == TokKind::Word
                && self.is_person_word(toks[begin - 2].text(b.text))
                && !self.place_words.contains(toks[begin - 2].text(b.text))
                && !facts
                    .vocabulary
                    .contains(&toks[begin - 2].text(b.text).to_lowercase())
                && !(begin >= 3 && toks[begin - 3].kind == TokKind::Word)
            {
                start = toks[begin - 2].start;
                words.insert(0, toks[begin - 2].text(b.text).to_string());
            }
            words.push(surname.to_string());
            // A middle name after the initials: `T. Jeremy Gunn`, `J. Edgar Hoover`.
            let mut end = sur.end;
            if let (Some(sp2), Some(last)) = (toks.get(j + 2), toks.get(j + 3))
                && sp2.kind == TokKind::Space
                && sp2.end - sp2.start == 1
                && last.kind == TokKind::Word
                && self.is_person_word(last.text(b.text))
                && last.text(b.text).chars().count() >= 2
                && !facts
                    .vocabulary
                    .contains(&last.text(b.text).to_lowercase())
                // `David G. Marwell Executive Director`: a title after the name.
                && !(toks.get(j + 4).is_some_and(|t| t.kind == TokKind::Space)
                    && toks
                        .get(j + 5)
                        .is_some_and(|t| self.is_name_word(t.text(b.text))))
            {
                words.push(last.text(b.text).to_string());
                end = last.end;
            }
            out.push(person_candidate(
                g,
                &self.bare_people,
                None,
                start,
                end,
                &words,
                Certainty::Medium,
            ));
            i = j + 2;
        }
    }
}

/// True when the initial at token `i` stands alone: no initial or
/// forename before it (`44. M. Desruelles`, not `John M. Deutch`, `P. M.`).
fn lone_initial(b: &BlockText, i: usize) -> bool {
    lone_initial_in(b.text, b.toks, i)
}

fn lone_initial_in(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let prev = toks[i - 1];
    if prev.kind == TokKind::Word || prev.text(text) == "." {
        return false;
    }
    if prev.kind != TokKind::Space || i < 2 {
        return true;
    }
    let w = toks[i - 2];
    let initial_before = w.text(text) == "."
        && i >= 3
        && toks[i - 3].kind == TokKind::Word
        && is_capital_letter(toks[i - 3].text(text));
    let forename_before = w.kind == TokKind::Word && is_titlecase(w.text(text));
    !(initial_before || forename_before)
}

/// Each lone initial and the capitalised word printed right after it in one
/// block's text (`M. Ricord`): the document-wide count of distinct words
/// per letter is [`DocFacts::lone_initials`].
pub fn words_after_lone_initials<'a>(text: &'a str, toks: &[Tok]) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    for i in 0..toks.len().saturating_sub(3) {
        if toks[i].end - toks[i].start == 1
            && toks[i].kind == TokKind::Word
            && is_capital_letter(toks[i].text(text))
            && toks[i + 1].text(text) == "."
            && toks[i + 2].kind == TokKind::Space
            && toks[i + 3].kind == TokKind::Word
            && is_titlecase(toks[i + 3].text(text))
            && lone_initial_in(text, toks, i)
        {
            out.push((toks[i].text(text), toks[i + 3].text(text)));
        }
    }
    out
}

impl Rules {
    /// The given name of the packaged list `w` is, in title case or in
    /// capitals (`Harold`, `HAROLD`); `caps` tells which.
    pub(super) fn given_name(&self, w: &str) -> Option<bool> {
        if self.given_names.contains(w) {
            return Some(false);
        }
        let caps = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
        if !caps {
            return None;
        }
        let mut cs = w.chars();
        let title: String = cs
            .next()
            .into_iter()
            .chain(cs.flat_map(char::to_lowercase))
            .collect();
        self.given_names.contains(&title).then_some(true)
    }

    /// A word that may end a person's name after a given name: capitalised
    /// (or in capitals after one in capitals), no sentence or title word,
    /// and never printed by the document in small letters.
    fn surname_word(&self, w: &str, caps: bool, facts: &DocFacts) -> bool {
        self.surname_shape(w, caps) && !facts.vocabulary.contains(&w.to_lowercase())
    }

    /// [`Rules::surname_word`] but for the document's small-letter words:
    /// after a given name and a middle initial (`Stephen M. Young`) a
    /// common word is a surname too.
    fn surname_shape(&self, w: &str, caps: bool) -> bool {
        let shaped = if caps {
            w.chars().count() >= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().filter(|c| c.is_uppercase()).count() >= 2
                && w.chars().all(char::is_alphabetic)
        } else {
            self.is_person_word(w)
        };
        let l = w.to_lowercase();
        shaped
            && w.chars().count() >= 2
            && !self.is_stop(w)
            && !self.not_person.contains(&l)
            && !self.honorific_words.contains(&l)
    }

    /// `Harold Holt`, `Mary Ann Smith`, `HAROLD HOLT`: a given name of the
    /// packaged list (not a word the document prints in small letters),
    /// at most two more given names or initials, and a capitalised word is
    /// one person. The given name alone is never a name of its own.
    pub(super) fn given_name_people(
        &self,
        g: &Gazetteer,
        b: &BlockText,
        facts: &DocFacts,
        out: &mut Vec<Candidate>,
    ) {
        let toks = b.toks;
        let word = |k: usize| b.word(k);
        let space = |k: usize| {
            toks.get(k)
                .is_some_and(|t| t.kind == TokKind::Space && t.end - t.start == 1)
        };
        for i in 0..toks.len() {
            let Some(first) = word(i) else { continue };
            if !first.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let Some(caps) = self.given_name(first) else {
                continue;
            };
            if self.is_stop(first)
                || facts.vocabulary.contains(&first.to_lowercase())
                || self.place_words.contains(first)
            {
                continue;
            }
            // After a capitalised word the given name is inside a longer
            // name (`North Carolina Clifford`), or, after another given
            // name, the first one starts; a title before it stays outside.
            if i >= 2
                && space(i - 1)
                && word(i - 2).is_some_and(|w| {
                    let l = w.trim_end_matches('.').to_lowercase();
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !self.honorific_words.contains(&l)
                        && !self.is_stop(w)
                        // A name of its own before it (`Washington Barry
                        // Goldwater`, a list set in two columns).
                        && !self.place_last_words.contains(w)
                })
            {
                continue;
            }
            let mut start = toks[i].start;
            let mut words = vec![first.to_string()];
            // A lone initial before it: `T. Jeremy Gunn`.
            if i >= 3
                && space(i - 1)
                && punct_is(b, i - 2, ".")
                && word(i - 3).is_some_and(is_capital_letter)
                && !(i >= 4 && (word(i - 4).is_some() || punct_is(b, i - 4, ".")))
                && !(i >= 5
                    && space(i - 4)
                    && word(i - 5).is_some_and(|w| {
                        self.given_name(w).is_some()
                            && !facts.vocabulary.contains(&w.to_lowercase())
                    }))
            {
                start = toks[i - 3].start;
                words.insert(0, format!("{}.", toks[i - 3].text(b.text)));
            }
            let mut k = i + 1;
            let mut end = None;
            let mut after_initial = false;
            while words.len() < 4 && space(k) {
                let Some(w) = word(k + 1) else { break };
                // A middle initial: `Harold E. Holt`; OCR may read its
                // stop as a comma, or a comma and a stop, before a
                // capitalised word (`Clifford P, Case`, `JAMES E,. ROSS`).
                let comma_stop = usize::from(punct_is(b, k + 3, "."));
                let stop = punct_is(b, k + 2, ".")
                    || punct_is(b, k + 2, ",")
                        && space(k + 3 + comma_stop)
                        && word(k + 4 + comma_stop).is_some_and(|n| self.surname_shape(n, caps));
                if is_capital_letter(w) && stop {
                    words.push(format!("{w}."));
                    k += if punct_is(b, k + 2, ",") {
                        3 + comma_stop
                    } else {
                        3
                    };
                    after_initial = true;
                    continue;
                }
                let surname = if after_initial {
                    self.surname_shape(w, caps)
                } else {
                    self.surname_word(w, caps, facts)
                };
                // The typist's code after a signature is the name's initials
                // (`CHARLES W. BADGLEY CWB/pjc`), no word of it.
                if !surname || initials_of(w, &words) {
                    break;
                }
                words.push(w.to_string());
                end = Some(toks[k + 1].end);
                k += 2;
                // `DAVID R. ST. CLAIR`: an abbreviation that begins a
                // surname goes on over its stop to the next word.
                if self.surname_prefixes.contains(w)
                    && punct_is(b, k, ".")
                    && space(k + 1)
                    && let Some(n) = word(k + 2)
                    && self.surname_shape(n, caps)
                {
                    words.push(n.to_string());
                    end = Some(toks[k + 2].end);
                    k += 3;
                    break;
                }
                // Another given name may go on to the surname (`Mary Ann
                // Smith`), and a middle name to the last (`Harry Flood Byrd`).
                let next_is_last = space(k)
                    && word(k + 1).is_some_and(|n| {
                        self.given_name(n).is_none() && self.surname_word(n, caps, facts)
                    });
                if self.given_name(w).is_none() && !next_is_last {
                    break;
                }
            }
            let Some(end) = end else { continue };
            // `Albert Schweitzer College`, `Jackson Street`: a body or a
            // place named after a person is not that person.
            if space(k) && word(k + 1).is_some_and(|w| self.is_head_word(w)) {
                continue;
            }
            // Words after the last one read are the name's: trim initials read past it.
            while words.last().is_some_and(|w| w.ends_with('.')) {
                words.pop();
            }
            if words.len() < 2 {
                continue;
            }
            out.push(person_candidate(
                g,
                &self.bare_people,
                None,
                start,
                end,
                &words,
                Certainty::Medium,
            ));
        }
    }

    /// `admitted by Fallopius, Astruc, Swediaur, Bertrande, Gibert`: single
    /// capitalised words in a list (two or more, joined by commas or `and`)
    /// after `by`, or in a list with a person already tagged, are people too,
    /// when the document never prints them in small letters and no other
    /// name covers them. Adds to the selected candidates of one block.
    pub fn listed_people(
        &self,
        g: &Gazetteer,
        b: &BlockText,
        facts: &DocFacts,
        selected: &mut Vec<Candidate>,
    ) {
        let toks = b.toks;
        let word = |k: usize| b.word(k);
        // `sel` is sorted by start and does not overlap: the candidate that
        // may cover a token is the last one starting before its end.
        fn around<'c>(t: &Tok, sel: &'c [Candidate]) -> Option<&'c Candidate> {
            let k = sel.partition_point(|c| c.start < t.end);
            k.checked_sub(1)
                .map(|k| &sel[k])
                .filter(|c| t.start < c.end)
        }
        let covered = |t: &Tok, sel: &[Candidate]| around(t, sel).is_some();
        let person_at = |t: &Tok, sel: &[Candidate]| {
            around(t, sel)
                .is_some_and(|c| c.kind == NameKind::Person && c.start <= t.start && t.end <= c.end)
        };
        let listable = |w: &str| {
            self.is_person_word(w)
                && w.chars().count() >= 3
                && !facts.vocabulary.contains(&w.to_lowercase())
                && !self.place_words.contains(w)
        };
        let capital_at =
            |j: usize| word(j).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let space_at = |j: usize| toks.get(j).is_some_and(|t| t.kind == TokKind::Space);
        // One word standing alone: not part of a longer name (`Strom Thurmond`).
        let alone = |j: usize| {
            let after = space_at(j + 1) && capital_at(j + 2);
            let before = j >= 2 && space_at(j - 1) && capital_at(j - 2);
            !(before || after)
        };
        let is_item = |j: usize, sel: &[Candidate]| {
            capital_at(j)
                && (toks.get(j).is_some_and(|t| person_at(t, sel))
                    || word(j).is_some_and(|w| listable(w) && alone(j)))
        };
        // Where a list may start: a word followed by a comma or by `and`.
        let starts_list =
            |i: usize| punct_is(b, i + 1, ",") || (space_at(i + 1) && word(i + 2) == Some("and"));
        let mut added = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !(starts_list(i) && is_item(i, selected)) {
                i += 1;
                continue;
            }
            // A list: word (`,` | `, and` | `and`) word ...
            let mut items = vec![i];
            let mut k = i;
            loop {
                let mut n = k + 1;
                if punct_is(b, n, ",") {
                    n += 1;
                }
                if !toks.get(n).is_some_and(|t| t.kind == TokKind::Space) {
                    break;
                }
                n += 1;
                if word(n) == Some("and")
                    && toks.get(n + 1).is_some_and(|t| t.kind == TokKind::Space)
                {
                    n += 2;
                } else if !punct_is(b, k + 1, ",") {
                    break;
                }
                if !is_item(n, selected) {
                    break;
                }
                items.push(n);
                k = n;
            }
            if items.len() < 2 {
                i += 1;
                continue;
            }
            let after_by =
                i >= 2 && toks[i - 1].kind == TokKind::Space && word(i - 2) == Some("by");
            let with_person = items.iter().any(|&j| person_at(&toks[j], selected));
            if after_by || with_person {
                for &j in &items {
                    let t = &toks[j];
                    if !covered(t, selected) {
                        let w = vec![t.text(b.text).to_string()];
                        let mut c = person_candidate(
                            g,
                            &self.bare_people,
                            None,
                            t.start,
                            t.end,
                            &w,
                            Certainty::Low,
                        );
                        c.source = Source::Rule;
                        added.push(c);
                    }
                }
            }
            i = k + 1;
        }
        if !added.is_empty() {
            selected.extend(added);
            selected.sort_by_key(|c| c.start);
        }
    }

    /// A capitalised noun that heads a body's or a place's name
    /// (`College`, `Street`, `Committee`).
    fn is_head_word(&self, w: &str) -> bool {
        is_titlecase(w)
            && (self.org_heads.contains(w) || self.not_person.contains(&w.to_lowercase()))
    }
}

/// A Roman numeral of two to five letters (`II`, `VI`, `XXIII`); a lone `I`
/// or `V` is a pronoun or an initial.
/// `w` is the first letters of `words`, two or more, in capitals.
fn initials_of(w: &str, words: &[String]) -> bool {
    words.len() >= 2
        && w.chars().count() == words.len()
        && w.chars().all(|c| c.is_uppercase())
        && w.chars().zip(words).all(|(c, word)| word.starts_with(c))
}

fn is_regnal_number(w: &str) -> bool {
    const NUMERALS: &[&str] = &[
        "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI",
        "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII",
    ];
    NUMERALS.contains(&w)
}

/// A person candidate from name words: a gazetteer person when the surname
/// and the first letter of the forename or initials agree, else a new person.
/// A surname alone names the gazetteer's person only where that surname
/// suffices alone (`bare` in the gazetteer: `Stalin`) or the document names
/// the person in full ([`super::super::resolve`]); else it is a new person
/// without authority id, whom the document's own full name may claim
/// (`cluster`): a bare `Hoover` is not Herbert Hoover. A title of office
/// the gazetteer gives the person (`President Kennedy`) names them too.
pub fn person_candidate(
    g: &Gazetteer,
    bare: &FxHashSet<usize>,
    title: Option<&str>,
    start: usize,
    end: usize,
    words: &[String],
    cert: Certainty,
) -> Candidate {
    let (surname, given) = words
        .split_last()
        .map(|(s, g)| (s.as_str(), g))
        .unwrap_or(("", &[]));
    let forename = if given.is_empty() {
        None
    } else {
        Some(given.join(" ").replace(". ", "."))
    };
    let first_letter = given.first().and_then(|w| w.chars().next());
    let known: Vec<usize> = g
        .by_surname
        .get(surname)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&e| match first_letter {
            Some(c) => {
                let letters = &g.entries[e].initial_letters;
                letters.is_empty() || letters.contains(&c)
            }
            None => true,
        })
        .collect();
    let new = NewEntity::person(forename, surname, cert);
    let target = match known.len() {
        0 => Target::New(new),
        1 if first_letter.is_some()
            || bare.contains(&known[0])
            || title.is_some_and(|t| g.entries[known[0]].titles.iter().any(|x| x == t)) =>
        {
            Target::Entry(known[0])
        }
        _ => Target::OneOf {
            entries: known,
            fallback: Fallback::New(new),
        },
    };
    Candidate {
        start,
        end,
        kind: NameKind::Person,
        target,
        source: Source::Rule,
        inner: Vec::new(),
    }
}
