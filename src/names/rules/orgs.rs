//! Naming rules for organisations the gazetteer lacks: capitalised words
//! around a head noun (`X Party`, `Society for …`), bodies in capitals,
//! dotted abbreviations, quoted periodical titles, and the official long
//! forms and bodies printed before a state or organisation. Split from
//! `rules.rs` to keep it short.

use super::super::candidate::{Candidate, NewEntity, Source, Target};
use super::super::gazetteer::Organ;
use super::super::tokens::{TokKind, is_capital_letter, is_titlecase};
use super::{BlockText, DocFacts, MAX_NAME_WORDS, Rules, is_apostrophe, punct_is};
use crate::model::{Certainty, NameKind};

impl Rules {
    /// `Ishevik Party`, `National Union of Mineworkers`, `South African Society
    /// for Peace and Friendship with the Soviet Union`: capitalised words around
    /// an organisation's head noun. Bare bodies (`Central Committee`) are left
    /// alone: alone they are descriptions, with `of …` they are compounds.
    /// The place rules ([`places`]) run from the same walk over capitalised words.
    pub(super) fn headed_orgs(&self, b: &BlockText, facts: &DocFacts, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        for (i, t) in toks.iter().enumerate() {
            // Heads start with a capital: most words are looked up no further.
            let bytes = &b.text.as_bytes()[t.start..t.end];
            if t.kind != TokKind::Word || bytes.first().is_none_or(|c| c.is_ascii_lowercase()) {
                continue;
            }
            if bytes.len() >= 4 && bytes[1].is_ascii_uppercase() {
                self.capital_org(b, i, out);
                continue;
            }
            self.places_at(b, facts, i, out);
            let head = t.text(b.text);
            if !self.org_heads.contains(head) {
                continue;
            }
            let mut j = i;
            let mut modifiers = 0;
            loop {
                if j >= 2
                    && toks[j - 1].kind == TokKind::Space
                    && toks[j - 2].kind == TokKind::Word
                    && self.is_name_word(toks[j - 2].text(b.text))
                {
                    j -= 2;
                } else if j >= 3
                    && toks[j - 1].kind == TokKind::Space
                    && is_apostrophe(toks[j - 2].text(b.text))
                    && self.is_name_word(toks[j - 3].text(b.text))
                {
                    j -= 3; // Workers' Party
                } else if j >= 4
                    && toks[j - 1].kind == TokKind::Space
                    && toks[j - 2].text(b.text) == "s"
                    && is_apostrophe(toks[j - 3].text(b.text))
                    && self.is_name_word(toks[j - 4].text(b.text))
                    // A known name's possessive is no word of this one
                    // (`Viet Cong's Liberation Front`, `Oswald's Office of
                    // Security file`).
                    && !self.place_last_words.contains(toks[j - 4].text(b.text))
                    && !self.known_surnames.contains(toks[j - 4].text(b.text))
                {
                    j -= 4; // People's Party
                } else {
                    break;
                }
                modifiers += 1;
                if modifiers == MAX_NAME_WORDS {
                    break;
                }
            }
            let core = &b.text[toks[j].start..t.end];
            if self.organ_names.contains(core) {
                continue;
            }
            // `Party Congress`: a body of the party, not a name.
            if modifiers == 1 && self.org_heads.contains(toks[j].text(b.text)) {
                continue;
            }
            let forward = self.of_phrase(b, i + 1);
            let bare_ok = self.bare_heads.contains(head)
                || self.on_heads.contains(head) && b.text[t.end..].starts_with(" on ");
            if modifiers == 0 && (forward.is_none() || !bare_ok) {
                continue;
            }
            let end = forward.unwrap_or(t.end);
            out.push(org_candidate(b.text, toks[j].start, end, Certainty::Medium));
        }
    }

    /// `PREPAREDNESS INVESTIGATING SUBCOMMITTEE`, `COMMITTEE ON ARMED
    /// SERVICES` (head at token `i`): a body's name printed in capitals (a title page, a
    /// heading), read as [`Rules::headed_orgs`] reads it in small letters.
    /// Headings stack names line under line with nothing between
    /// (`COMMITTEE ON ARMED SERVICES` / `UNITED STATES SENATE`), so a phrase
    /// after the head takes at most two words before a connector.
    pub(super) fn capital_org(&self, b: &BlockText, i: usize, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        let t = &toks[i];
        let caps_word = |k: usize| -> Option<&str> {
            let w = b.word(k)?;
            let ok = w.chars().count() >= 2
                && w.chars().all(|c| c.is_uppercase())
                && !self.stop.contains(&w.to_lowercase());
            ok.then_some(w)
        };
        let space = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokKind::Space);
        {
            if !self.org_heads_caps.contains(t.text(b.text)) {
                return;
            }
            let mut j = i;
            while j >= 2 && i - j < 2 * 4 && space(j - 1) && caps_word(j - 2).is_some() {
                j -= 2;
            }
            let modifiers = (i - j) / 2;
            // ` ON ARMED SERVICES`: a connector and one or two words.
            let mut end = None;
            let mut k = i + 1;
            let mut connector = None;
            while space(k) && matches!(b.word(k + 1), Some("OF" | "ON" | "FOR" | "AND")) {
                connector = connector.or(b.word(k + 1));
                let mut m = k + 2;
                if space(m) && b.word(m + 1) == Some("THE") {
                    m += 2;
                }
                let mut words = 0;
                while words < 2 && space(m) && caps_word(m + 1).is_some() {
                    words += 1;
                    end = Some(toks[m + 1].end);
                    m += 2;
                }
                if words == 0 {
                    break;
                }
                k = m;
            }
            let head = t.text(b.text);
            let title = {
                let mut cs = head.chars();
                cs.next()
                    .map(|c| c.to_string() + &cs.as_str().to_lowercase())
                    .unwrap_or_default()
            };
            let bare_ok = self.bare_heads.contains(&title)
                || self.on_heads.contains(&title) && connector == Some("ON");
            if modifiers == 0 && (end.is_none() || !bare_ok) {
                return;
            }
            out.push(org_candidate(
                b.text,
                toks[j].start,
                end.unwrap_or(t.end),
                Certainty::Medium,
            ));
        }
    }

    /// ` of the Soviet Union`, ` for Peace and Friendship`, ` on Trade`: the
    /// end of an `of`/`for`/`on` phrase of capitalised words starting at token `i` (a space).
    pub(super) fn of_phrase(&self, b: &BlockText, i: usize) -> Option<usize> {
        let toks = b.toks;
        let word = |k: usize| b.word(k);
        let space = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokKind::Space);
        if !(space(i) && matches!(word(i + 1), Some("of" | "for" | "on")) && space(i + 2)) {
            return None;
        }
        let mut k = i + 3;
        let mut end = None;
        let mut words = 0;
        loop {
            if word(k) == Some("the") && space(k + 1) {
                k += 2;
            }
            let mut any = false;
            while let Some(w) = word(k) {
                if !self.is_name_word(w) {
                    break;
                }
                any = true;
                end = Some(toks[k].end);
                words += 1;
                if words == MAX_NAME_WORDS {
                    return end;
                }
                if space(k + 1) && word(k + 2).is_some_and(|w| self.is_name_word(w)) {
                    k += 2;
                } else {
                    k += 1;
                    break;
                }
            }
            if !any {
                break;
            }
            // Connectors inside a long name; `and the` starts another name.
            match (space(k), word(k + 1), space(k + 2), word(k + 3)) {
                (true, Some("and"), true, Some(w)) if w != "the" => k += 3,
                (true, Some("of" | "for" | "with" | "on"), true, Some(_)) => k += 3,
                _ => break,
            }
        }
        end
    }

    /// Unknown dotted abbreviations of three letters or more: `T.U.C.`.
    pub(super) fn acronyms(&self, b: &BlockText, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        let mut i = 0;
        while i < toks.len() {
            // One letter is at most four bytes: longer words are no letter.
            let starts = toks[i].kind == TokKind::Word
                && toks[i].end - toks[i].start <= 4
                && is_capital_letter(toks[i].text(b.text))
                && punct_is(b, i + 1, ".")
                && (i == 0
                    || toks[i - 1].kind == TokKind::Space
                    || toks[i - 1].kind == TokKind::Punct);
            if !starts || (i > 0 && b.text[..toks[i].start].ends_with('.')) {
                i += 1;
                continue;
            }
            let mut letters = String::new();
            let mut j = i;
            while toks
                .get(j)
                .is_some_and(|t| t.kind == TokKind::Word && is_capital_letter(t.text(b.text)))
                && punct_is(b, j + 1, ".")
            {
                letters.push_str(toks[j].text(b.text));
                j += 2;
            }
            let end = toks[j - 1].end;
            let followed_by_name = toks.get(j).is_some_and(|t| t.kind == TokKind::Space)
                && toks
                    .get(j + 1)
                    .is_some_and(|t| is_titlecase(t.text(b.text)));
            let glued = toks.get(j).is_some_and(|t| t.kind == TokKind::Word);
            if letters.chars().count() >= 3
                && !followed_by_name
                && !glued
                && !self.not_acronyms.contains(&letters)
            {
                out.push(org_candidate(b.text, toks[i].start, end, Certainty::Low));
            }
            i = j.max(i + 1);
        }
    }

    /// `the magazine "Nuovi Argomenti"`, `"Pravda", organ of …`: a quoted title
    /// of capitalised words with a periodical word before or after it.
    pub(super) fn periodicals(&self, b: &BlockText, out: &mut Vec<Candidate>) {
        let toks = b.toks;
        for (i, t) in toks.iter().enumerate() {
            let bytes = &b.text.as_bytes()[t.start..t.end];
            if bytes != b"\"" && bytes != "\u{201c}".as_bytes() {
                continue;
            }
            // The title: capitalised words (and a few small ones) up to a closing quote.
            let mut k = i + 1;
            let mut close = None;
            while k < toks.len() && k < i + 16 {
                let w = toks[k].text(b.text);
                match toks[k].kind {
                    TokKind::Punct if matches!(w, "\"" | "\u{201d}") => {
                        close = Some(k);
                        break;
                    }
                    TokKind::Word if is_titlecase(w) || self.particles.contains(w) => {}
                    TokKind::Space => {}
                    _ => break,
                }
                k += 1;
            }
            let Some(close) = close else { continue };
            if close < i + 2 || !is_titlecase(toks[i + 1].text(b.text)) {
                continue;
            }
            let before = i >= 2
                && toks[i - 1].kind == TokKind::Space
                && self
                    .periodical_before
                    .contains(&toks[i - 2].text(b.text).to_lowercase());
            let rest = &b.text[toks[close].end..];
            let after = rest.strip_prefix(", ").is_some_and(|r| {
                let r = r.strip_prefix("the ").unwrap_or(r);
                let w: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
                self.periodical_after.contains(&w.to_lowercase())
            });
            if !(before || after) {
                continue;
            }
            let (start, end) = (toks[i + 1].start, toks[close - 1].end);
            out.push(org_candidate(b.text, start, end, Certainty::Medium));
        }
    }

    /// Where an official long form (`People's Republic of `) ending at `start`
    /// begins, for a state named at `start`.
    pub fn state_prefix_before(&self, text: &str, start: usize) -> Option<usize> {
        let before = text[..start].strip_suffix(' ')?;
        self.state_prefixes
            .iter()
            .filter_map(|p| before.strip_suffix(p.as_str()))
            .filter(|rest| {
                rest.chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|rest| rest.len())
            .min()
    }

    /// A body named before an organisation or state: `Central Committee of the `
    /// ending at `start`. Returns the body, where its name starts, and whether
    /// `the` was printed.
    pub fn organ_before(&self, text: &str, start: usize) -> Option<(&Organ, usize, bool)> {
        let before = &text[..start];
        // Every form ends in one of these: most names follow none, and then
        // no organ is tried (nor its name put in capitals).
        let caps = before.ends_with(" OF THE ") || before.ends_with(" OF ");
        if !caps && !before.ends_with(" of the ") && !before.ends_with(" of ") {
            return None;
        }
        for organ in &self.organs {
            // Headings print the whole name in capitals: `EMBASSY OF CHILE`
            // (only tried after ` OF `: the string is made only then).
            let upper = if caps {
                organ.name.to_uppercase()
            } else {
                String::new()
            };
            let forms = [
                (organ.name.as_str(), " of the ", true),
                (organ.name.as_str(), " of ", false),
                (upper.as_str(), " OF THE ", true),
                (upper.as_str(), " OF ", false),
            ];
            for (name, tail, with_the) in forms {
                let Some(rest) = before.strip_suffix(tail) else {
                    continue;
                };
                let Some(rest) = rest.strip_suffix(name) else {
                    continue;
                };
                if rest
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                {
                    return Some((organ, rest.len(), with_the));
                }
            }
        }
        None
    }
}

/// A new organisation found by a rule: the span `start..end` of `text`,
/// with no authority.
fn org_candidate(text: &str, start: usize, end: usize, cert: Certainty) -> Candidate {
    Candidate {
        start,
        end,
        kind: NameKind::Org,
        target: Target::New(NewEntity::new(NameKind::Org, &text[start..end], cert)),
        source: Source::Rule,
        inner: Vec::new(),
    }
}
