//! Name tagging (issue 4): people, organisations, states and places, found by
//! a gazetteer and by naming rules, tagged on the reading text and linked to
//! standoff entries.
//!
//! Steps: every taggable block's reading text is built with a map back to its
//! nodes ([`reading`]); the gazetteer automaton ([`matcher`]) and the rules
//! ([`rules`]) propose candidates; shared and ambiguous forms are resolved with
//! what the whole document names explicitly; the longest candidate wins where
//! candidates overlap (a name inside a longer name is not tagged on its own);
//! bodies of parties and states (`Central Committee of …`) are joined to the
//! name they belong to; mentions of one person or body are linked to one
//! target ([`cluster`]: given name and surname, surname alone, capitals,
//! short forms of a body's name); the spans are wrapped into `Name` nodes and every
//! entity gets one standoff entry with a stable, readable id.

pub mod acronyms;
pub mod bodies;
pub mod candidate;
pub mod cluster;
pub mod damage;
pub mod eval;
pub mod gazetteer;
pub mod matcher;
pub mod reading;
pub mod rules;
pub mod tokens;
pub mod variants;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use candidate::{Candidate, Fallback, NewEntity, Source, Target};
use gazetteer::Gazetteer;
use matcher::FormMatcher;
use reading::{ReadingMap, Span, wrap};
use rules::{BlockText, DocFacts, Rules};
use tokens::{Tok, TokKind, tokenize};

use crate::error::Result;
use crate::model::{BlockKind, Certainty, Document, Entity, NameKind, Standoff};

/// The name pass's configuration: the compiled gazetteer and rules.
#[derive(Debug, Clone)]
pub struct NamesConfig {
    /// False skips the pass (no names, no standoff).
    pub enabled: bool,
    compiled: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    gazetteer: Gazetteer,
    matcher: FormMatcher,
    rules: Rules,
    /// OCR confusions and surnames for damaged names ([`damage`]).
    repair: damage::NameRepair,
    /// The confusion table as the spelling groups read it ([`variants`]).
    variants: variants::VariantCosts,
}

impl NamesConfig {
    pub fn new(gazetteer: Gazetteer) -> Result<Self> {
        let matcher = FormMatcher::new(&gazetteer)?;
        let rules = Rules::new(&gazetteer)?;
        let repair = damage::NameRepair::new(&gazetteer)?;
        let variants = variants::VariantCosts::new(repair.confusions());
        Ok(NamesConfig {
            enabled: true,
            compiled: Arc::new(Compiled {
                gazetteer,
                matcher,
                rules,
                repair,
                variants,
            }),
        })
    }

    /// The embedded gazetteer plus the user's files (`--gazetteer`).
    pub fn with_files(paths: &[PathBuf]) -> Result<Self> {
        Self::new(Gazetteer::with_files(paths)?)
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.compiled.gazetteer
    }
}

impl Default for NamesConfig {
    /// The embedded gazetteer (its parsing is covered by unit tests).
    fn default() -> Self {
        Self::new(Gazetteer::embedded().expect("embedded gazetteer is valid"))
            .expect("embedded gazetteer compiles")
    }
}

fn taggable(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::Head | BlockKind::TitlePart
    )
}

/// Tags names in every paragraph, heading and title, fills `doc.standoff`
/// with one entry per named entity and counts mentions in `doc.log.names`.
pub fn tag_names(doc: &mut Document, cfg: &NamesConfig) -> Result<()> {
    if !cfg.enabled {
        return Ok(());
    }
    let c = &*cfg.compiled;
    let g = &c.gazetteer;
    let taken = document_ids(doc);
    let mut blocks: Vec<&mut crate::model::Block> = doc
        .blocks_mut()
        .into_iter()
        .filter(|b| taggable(b.kind))
        .collect();
    let maps: Vec<ReadingMap> = blocks
        .iter()
        .map(|b| ReadingMap::build(&b.content))
        .collect();
    let toks: Vec<Vec<Tok>> = maps.iter().map(|m| tokenize(&m.text)).collect();
    let facts = doc_facts(&maps, &toks);

    let mut cands: Vec<Vec<Candidate>> = Vec::with_capacity(blocks.len());
    for (k, b) in blocks.iter().enumerate() {
        let text = &maps[k].text;
        let mut v = c.matcher.find(g, text);
        extend_over_initials(g, text, &mut v);
        let bt = BlockText {
            text,
            toks: &toks[k],
            is_head: b.kind == BlockKind::Head,
        };
        v.extend(c.rules.find(g, &bt, &facts));
        v.extend(bodies::alone(&g.rules.state_bodies, text, &toks[k]));
        cands.push(v);
    }
    confirm_capital_orgs(&maps, &mut cands);
    let counts = explicit_counts(&cands);
    for v in &mut cands {
        v.retain_mut(|cand| resolve(g, cand, &counts));
    }
    propagate_surnames(&mut cands, &maps, &toks, &facts);
    propagate_places(&mut cands, &maps, &toks);
    let mut selected: Vec<Vec<Candidate>> = cands
        .into_iter()
        .zip(&maps)
        .map(|(v, m)| select(&m.text, v))
        .collect();
    for (k, v) in selected.iter_mut().enumerate() {
        let bt = BlockText {
            text: &maps[k].text,
            toks: &toks[k],
            is_head: blocks[k].kind == BlockKind::Head,
        };
        c.rules.listed_people(g, &bt, &facts, v);
        c.rules.addresses(&maps[k].text, v);
        extend_state_forms(&c.rules, &maps[k].text, v);
        join_organs(&c.rules, g, &maps[k].text, v);
        bodies::join(&g.rules.state_bodies, g, &maps[k].text, v);
    }
    bodies::link_alone(&g.rules.state_bodies, &mut selected);
    let texts: Vec<&str> = maps.iter().map(|m| m.text.as_str()).collect();
    acronyms::link(&texts, &toks, &mut selected);
    cluster::cluster(g, &texts, &mut selected);
    let repairs = damage::repair(g, &c.repair, &maps, &toks, &facts, &mut selected);
    variants::link(
        &c.variants,
        c.repair.confusions(),
        &facts,
        &texts,
        &mut selected,
    );

    let mut registry = Registry::new(g, taken);
    let mut counts_by_kind: HashMap<NameKind, usize> = HashMap::default();
    for (k, b) in blocks.iter_mut().enumerate() {
        let spans = spans_of(&selected[k], &mut registry, &mut counts_by_kind);
        let mut fixed: Vec<(String, damage::Repair)> = repairs[k]
            .iter()
            .filter_map(|(at, r)| {
                let i = selected[k].iter().position(|c| c.start == *at)?;
                Some((spans[i].entity.clone(), r.clone()))
            })
            .collect();
        let content = std::mem::take(&mut b.content);
        b.content = wrap(content, &maps[k], &spans);
        if !fixed.is_empty() {
            damage::record(&mut b.content, &mut fixed);
        }
    }
    drop(blocks);
    doc.standoff = Standoff {
        entities: registry.entities,
    };
    doc.log.names = counts_by_kind.into_iter().collect();
    Ok(())
}

/// The spans to wrap for selected candidates, nested ones inside their
/// names, each linked to its standoff entry (made on first use).
fn spans_of(
    cands: &[Candidate],
    registry: &mut Registry,
    counts: &mut HashMap<NameKind, usize>,
) -> Vec<Span> {
    cands
        .iter()
        .map(|cand| {
            let (entity, kind) = registry.id_for(&cand.target);
            *counts.entry(kind).or_default() += 1;
            Span {
                start: cand.start,
                end: cand.end,
                kind,
                entity,
                inner: spans_of(&cand.inner, registry, counts),
            }
        })
        .collect()
}

/// Ids already used by the document's blocks and divisions.
fn document_ids(doc: &Document) -> HashSet<String> {
    let mut ids: HashSet<String> = doc.blocks().iter().map(|b| b.id.clone()).collect();
    ids.extend(doc.divisions().iter().map(|d| d.id.clone()));
    ids
}

/// Words the document prints in small letters, and whether it prints `M.`
/// as Monsieur.
fn doc_facts(maps: &[ReadingMap], toks: &[Vec<Tok>]) -> DocFacts {
    let mut vocabulary = rustc_hash::FxHashSet::default();
    let mut after_initial: HashSet<(&str, &str)> = HashSet::default();
    for (m, ts) in maps.iter().zip(toks) {
        after_initial.extend(rules::words_after_lone_initials(&m.text, ts));
        for t in ts.iter().filter(|t| t.kind == TokKind::Word) {
            let w = t.text(&m.text);
            if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                // Most words recur: no new string for one already seen.
                if !w.chars().any(char::is_uppercase) {
                    if !vocabulary.contains(w) {
                        vocabulary.insert(w.to_string());
                    }
                } else {
                    vocabulary.insert(w.to_lowercase());
                }
            }
        }
    }
    DocFacts {
        vocabulary,
        lone_initials: after_initial.into_iter().fold(
            rustc_hash::FxHashMap::default(),
            |mut counts, (letter, _)| {
                *counts.entry(letter.to_string()).or_default() += 1;
                counts
            },
        ),
    }
}

/// `J.V. Stalin`, `V.I.\nLenin`, `J.V, Stalin`: initials before a gazetteer
/// surname join the mention when they fit the person.
fn extend_over_initials(g: &Gazetteer, text: &str, v: &mut [Candidate]) {
    for c in v.iter_mut().filter(|c| c.source == Source::Surname) {
        let Some((start, letters)) = initials_before(text, c.start) else {
            continue;
        };
        let entries = match &c.target {
            Target::Entry(e) => vec![*e],
            Target::OneOf { entries, .. } => entries.clone(),
            Target::New(_) => continue,
        };
        let fit: Vec<usize> = entries
            .into_iter()
            .filter(|&e| g.entries[e].initial_letters.contains(&letters[0]))
            .collect();
        if let [e] = fit[..] {
            c.start = start;
            c.target = Target::Entry(e);
            c.source = Source::Gazetteer;
        }
    }
}

/// Up to three initials (`J.V.`, `J. V.`, `J.V,`) ending just before `pos`.
fn initials_before(text: &str, pos: usize) -> Option<(usize, Vec<char>)> {
    let mut s = &text[..pos];
    s = s.strip_suffix(' ').unwrap_or(s);
    let mut letters = Vec::new();
    let mut start = None;
    while letters.len() < 3 {
        let mut it = s.chars().rev();
        let (p, l, before) = (it.next(), it.next(), it.next());
        match (p, l) {
            (Some('.' | ','), Some(c)) if c.is_uppercase() => {
                if before.is_some_and(|b| b.is_alphanumeric()) {
                    break;
                }
                s = &s[..s.len() - 1 - c.len_utf8()];
                letters.push(c);
                start = Some(s.len());
                if s.ends_with(' ') && s[..s.len() - 1].ends_with('.') {
                    s = &s[..s.len() - 1];
                }
            }
            _ => break,
        }
    }
    letters.reverse();
    start.map(|st| (st, letters))
}

/// A body's name the rules read in capitals (`COMMITTEE ON ARMED SERVICES`)
/// is kept only where the document also prints it in small letters: lines
/// in capitals (title pages, letterheads, stamps) run into each other, and
/// their words are no evidence of where a name ends.
fn confirm_capital_orgs(maps: &[ReadingMap], cands: &mut [Vec<Candidate>]) {
    // Words in capitals, more than one (not an acronym: `T.U.C.`).
    let caps = |s: &str| !s.chars().any(char::is_lowercase) && s.contains(' ') && !s.contains('.');
    let is_rule_org = |c: &Candidate| {
        c.kind == NameKind::Org && c.source == Source::Rule && matches!(c.target, Target::New(_))
    };
    let mut any_caps = false;
    let mut small: HashSet<String> = HashSet::default();
    for (k, v) in cands.iter().enumerate() {
        for c in v.iter().filter(|c| is_rule_org(c)) {
            let text = &maps[k].text[c.start..c.end];
            if caps(text) {
                any_caps = true;
            } else {
                small.insert(crate::model::fold_whitespace(text).to_lowercase());
            }
        }
    }
    if !any_caps {
        return;
    }
    for (k, v) in cands.iter_mut().enumerate() {
        v.retain(|c| {
            let text = &maps[k].text[c.start..c.end];
            !is_rule_org(c)
                || !caps(text)
                || small.contains(&crate::model::fold_whitespace(text).to_lowercase())
        });
    }
}

/// How often each gazetteer entry is named unambiguously in the document.
fn explicit_counts(cands: &[Vec<Candidate>]) -> HashMap<usize, usize> {
    let mut counts = HashMap::default();
    for c in cands.iter().flatten() {
        if let Target::Entry(e) = c.target {
            *counts.entry(e).or_default() += 1;
        }
    }
    counts
}

/// Settles an ambiguous candidate on the entry the document names most;
/// false when it is no name on its own.
fn resolve(g: &Gazetteer, c: &mut Candidate, counts: &HashMap<usize, usize>) -> bool {
    let Target::OneOf { entries, fallback } = &c.target else {
        return true;
    };
    let best = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| counts.get(e).copied().unwrap_or(0) > 0)
        .max_by_key(|(k, e)| (counts[e], std::cmp::Reverse(*k)))
        .map(|(_, e)| *e);
    c.target = match (best, fallback) {
        (Some(e), _) => Target::Entry(e),
        (None, Fallback::First) => Target::Entry(entries[0]),
        (None, Fallback::Drop) => return false,
        (None, Fallback::New(n)) => Target::New(n.clone()),
    };
    c.kind = match &c.target {
        Target::Entry(e) => g.entries[*e].kind,
        Target::New(n) => n.kind,
        Target::OneOf { .. } => c.kind,
    };
    true
}

/// A person the rules found (`Comrade Eugene Dennis`) is tagged again where
/// the document names them by surname alone (also in capitals, in a
/// heading), unless that surname is also a word the document prints in
/// small letters.
fn propagate_surnames(
    cands: &mut [Vec<Candidate>],
    maps: &[ReadingMap],
    toks: &[Vec<Tok>],
    facts: &DocFacts,
) {
    let mut people: HashMap<String, NewEntity> = HashMap::default();
    for c in cands.iter().flatten() {
        if let Target::New(n) = &c.target
            && let Some(s) = &n.surname
            && n.kind == NameKind::Person
            && !facts.vocabulary.contains(&s.to_lowercase())
        {
            people.entry(s.clone()).or_insert_with(|| n.clone());
            // Headings print the surname in capitals (`DEATH OF PRESIDENT MACHEL`).
            if s.chars().count() > 2 {
                people.entry(s.to_uppercase()).or_insert_with(|| n.clone());
            }
        }
    }
    if people.is_empty() {
        return;
    }
    for (k, v) in cands.iter_mut().enumerate() {
        let text = &maps[k].text;
        for t in toks[k].iter().filter(|t| t.kind == TokKind::Word) {
            if let Some(n) = people.get(t.text(text)) {
                v.push(Candidate {
                    start: forename_before(text, t.start, n.forename.as_deref()),
                    end: t.end,
                    kind: NameKind::Person,
                    target: Target::New(n.clone()),
                    source: Source::Rule,
                    inner: Vec::new(),
                });
            }
        }
    }
}

/// A place the rules found (`Abbas Street`, the district `Heliopolis`) is
/// tagged again wherever the document prints its name alone. Looked up by
/// first word: one hash look-up per capitalised word, not a scan of the
/// text per place.
fn propagate_places(cands: &mut [Vec<Candidate>], maps: &[ReadingMap], toks: &[Vec<Tok>]) {
    let mut by_first: HashMap<String, Vec<(String, Target)>> = HashMap::default();
    for (k, v) in cands.iter().enumerate() {
        for c in v {
            if c.kind == NameKind::Place
                && c.source == Source::Rule
                && matches!(c.target, Target::New(_))
            {
                let name = &maps[k].text[c.start..c.end];
                // The first token (`Sekondi-Takoradi` keeps its hyphen).
                let first = name.split(' ').next().unwrap_or(name);
                let known = by_first.entry(first.to_string()).or_default();
                if !known.iter().any(|(n, _)| n == name) {
                    known.push((name.to_string(), c.target.clone()));
                }
            }
        }
    }
    if by_first.is_empty() {
        return;
    }
    for (k, v) in cands.iter_mut().enumerate() {
        let text = &maps[k].text;
        let mut added = Vec::new();
        for t in toks[k].iter().filter(|t| t.kind == TokKind::Word) {
            // Names by rule start with a capital: most words are looked up no further.
            if text.as_bytes()[t.start].is_ascii_lowercase() {
                continue;
            }
            let Some(places) = by_first.get(t.text(text)) else {
                continue;
            };
            for (name, target) in places {
                let end = t.start + name.len();
                // After a house number: a postal address, where only the
                // city is a name (as the rule reads it).
                let numbered = text[..t.start]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| {
                        w.ends_with(|c: char| c.is_ascii_digit()) && !w.contains(['/', ':', '.'])
                    });
                if numbered
                    || !text[t.start..].starts_with(name.as_str())
                    || !matcher::stands_alone(text, t.start, end)
                    || v.iter()
                        .any(|c| c.start == t.start && c.end == end && c.kind == NameKind::Place)
                {
                    continue;
                }
                added.push(Candidate {
                    start: t.start,
                    end,
                    kind: NameKind::Place,
                    target: target.clone(),
                    source: Source::Rule,
                    inner: Vec::new(),
                });
            }
        }
        v.extend(added);
    }
}

/// Where the known forename printed right before a surname at `at` begins
/// (`Harold Holt`, `HAROLD HOLT`), else `at`: the whole name is one mention.
pub(crate) fn forename_before(text: &str, at: usize, forename: Option<&str>) -> usize {
    let Some(f) = forename else { return at };
    let Some(before) = text[..at].strip_suffix(' ') else {
        return at;
    };
    let starts = |rest: &str| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    for form in [f.to_string(), f.to_uppercase()] {
        if let Some(rest) = before.strip_suffix(form.as_str())
            && starts(rest)
        {
            return rest.len();
        }
    }
    at
}

/// Non-overlapping candidates: leftmost first, then longest, then the
/// strongest source. A name inside a longer name is not tagged on its own,
/// but an organisation's name holds, as nested mentions, the states and
/// bodies it names ([`nests_in`]).
fn select(text: &str, mut v: Vec<Candidate>) -> Vec<Candidate> {
    v.sort_by_key(|c| (c.start, std::cmp::Reverse(c.span_len()), c.source));
    let mut out: Vec<Candidate> = Vec::new();
    // The candidates inside each selected one.
    let mut held: Vec<Vec<Candidate>> = Vec::new();
    for c in v {
        match (out.last(), held.last_mut()) {
            (Some(l), Some(h)) if c.start < l.end => {
                // Another reading of the same span is no name inside it.
                if c.end <= l.end && (c.start, c.end) != (l.start, l.end) {
                    h.push(c);
                }
            }
            _ => {
                out.push(c);
                held.push(Vec::new());
            }
        }
    }
    // Inside a name, too, the longest name wins (`Latin America`, not
    // the state `America` in it); of those, the ones that nest are kept.
    // The name's own words as a shorter body's name (`Communist Party of
    // the United States` in `… of America`) are no name inside it.
    for (o, mut h) in out.iter_mut().zip(held) {
        h.retain(|c| c.kind != NameKind::Org || nests_in(text, o, c));
        if o.kind == NameKind::Org && !h.is_empty() {
            let mut inner = select(text, h);
            inner.retain(|c| nests_in(text, o, c));
            o.inner = inner;
        }
    }
    out
}

/// Whether `c`, inside `outer`'s span, is a name of its own nested in it:
/// only an organisation's name holds others; a state anywhere in it
/// (`United States Government`, `Communist Party of the Soviet Union`), a
/// body after `of` (the party of `Central Committee of the Communist
/// Party`); never a person or another place, never words of the name's
/// own (`Agriculture Organization` in `Food and Agriculture Organization`)
/// or the same referent.
pub(crate) fn nests_in(text: &str, outer: &Candidate, c: &Candidate) -> bool {
    if outer.kind != NameKind::Org || (c.start, c.end) == (outer.start, outer.end) {
        return false;
    }
    match c.kind {
        NameKind::State => true,
        NameKind::Org => {
            let before = text.get(outer.start..c.start).unwrap_or_default();
            let before = before
                .strip_suffix("the ")
                .or_else(|| before.strip_suffix("THE "))
                .unwrap_or(before);
            c.start > outer.start
                && c.target != outer.target
                && (before.ends_with(" of ") || before.ends_with(" OF "))
        }
        NameKind::Person | NameKind::Place => false,
    }
}

/// `People's Republic of` + a state's short name is one mention of that state.
fn extend_state_forms(rules: &Rules, text: &str, v: &mut [Candidate]) {
    for k in 0..v.len() {
        if v[k].kind != NameKind::State {
            continue;
        }
        if let Some(at) = rules.state_prefix_before(text, v[k].start)
            && (k == 0 || v[k - 1].end <= at)
        {
            v[k].start = at;
        }
    }
}

/// `Central Committee of the` + a party or state mention becomes one
/// organisation (`cc-cpsu`), repeatedly (`Political Bureau of the Central
/// Committee of the …`). A body the gazetteer names on its own (`National
/// People's Congress`) joins the same way when its mention is the whole body.
fn join_organs(rules: &Rules, g: &Gazetteer, text: &str, v: &mut Vec<Candidate>) {
    let mut k = 0;
    while k < v.len() {
        loop {
            let c = &v[k];
            if !matches!(c.kind, NameKind::Org | NameKind::State) {
                break;
            }
            let Some((organ, at, with_the)) = rules.organ_before(text, c.start) else {
                break;
            };
            if k > 0 && v[k - 1].end > at {
                let prev = &v[k - 1];
                let whole_body = prev.start == at && text[prev.end..].starts_with(" of");
                if !whole_body {
                    break;
                }
                v.remove(k - 1);
                k -= 1;
            }
            let c = &v[k];
            let (parent_id, parent_key, parent_name) = match &c.target {
                // A state as printed (`Government of the United Arab
                // Republic`, `Government of India`): its normalised name
                // may not take the article the text gives it.
                Target::Entry(e)
                    if c.kind == NameKind::State
                        && text[c.start..c.end].chars().any(char::is_lowercase) =>
                {
                    let e = &g.entries[*e];
                    let printed = crate::model::fold_whitespace(&text[c.start..c.end]);
                    (e.id.clone(), e.id.clone(), printed)
                }
                Target::Entry(e) => {
                    let e = &g.entries[*e];
                    (e.id.clone(), e.id.clone(), e.name.clone())
                }
                Target::New(n) => (n.preferred_id.clone(), n.key.clone(), n.name.clone()),
                Target::OneOf { .. } => break,
            };
            let the = if with_the { "the " } else { "" };
            let new = NewEntity {
                kind: NameKind::Org,
                key: format!("organ:{}:{parent_key}", organ.abbr),
                preferred_id: format!("{}-{parent_id}", organ.abbr),
                name: format!("{} of {the}{parent_name}", organ.name),
                forename: None,
                surname: None,
                cert: Certainty::Medium,
            };
            let end = c.end;
            // The party or state stays a mention inside the body's name.
            let parent = v[k].clone();
            v[k] = Candidate {
                start: at,
                end,
                kind: NameKind::Org,
                target: Target::New(new),
                source: Source::Rule,
                inner: Vec::new(),
            };
            if nests_in(text, &v[k], &parent) {
                v[k].inner = vec![parent];
            }
        }
        k += 1;
    }
}

/// Standoff entries in order of first mention, with unique ids.
struct Registry<'g> {
    g: &'g Gazetteer,
    taken: HashSet<String>,
    gazetteer_ids: rustc_hash::FxHashSet<&'g str>,
    by_key: HashMap<String, usize>,
    entities: Vec<Entity>,
}

impl<'g> Registry<'g> {
    fn new(g: &'g Gazetteer, taken: HashSet<String>) -> Self {
        Registry {
            g,
            taken,
            gazetteer_ids: g.entries.iter().map(|e| e.id.as_str()).collect(),
            by_key: HashMap::default(),
            entities: Vec::new(),
        }
    }

    /// The id (and kind) of a resolved target's entry, made on first use.
    fn id_for(&mut self, t: &Target) -> (String, NameKind) {
        let t = match t {
            Target::OneOf { entries, .. } => &Target::Entry(entries[0]),
            other => other,
        };
        match t {
            Target::Entry(e) => {
                let key = format!("entry:{e}");
                if let Some(&k) = self.by_key.get(&key) {
                    return (self.entities[k].id.clone(), self.entities[k].kind);
                }
                let entry = &self.g.entries[*e];
                let id = self.unique(&entry.id, false);
                self.push(
                    key,
                    Entity {
                        id: id.clone(),
                        kind: entry.kind,
                        name: entry.name.clone(),
                        forename: entry.forename.clone(),
                        surname: entry.surname.clone(),
                        idnos: entry.idnos.clone(),
                        cert: None,
                    },
                );
                (id, entry.kind)
            }
            Target::New(n) => {
                if let Some(&k) = self.by_key.get(&n.key) {
                    let e = &mut self.entities[k];
                    // Keep the fullest form a person is named by.
                    if n.name.len() > e.name.len() {
                        e.name = n.name.clone();
                        e.forename = n.forename.clone();
                    }
                    return (e.id.clone(), e.kind);
                }
                let id = self.unique(&n.preferred_id, true);
                self.push(
                    n.key.clone(),
                    Entity {
                        id: id.clone(),
                        kind: n.kind,
                        name: n.name.clone(),
                        forename: n.forename.clone(),
                        surname: n.surname.clone(),
                        idnos: Vec::new(),
                        cert: Some(n.cert),
                    },
                );
                (id, n.kind)
            }
            Target::OneOf { .. } => unreachable!("replaced above"),
        }
    }

    fn push(&mut self, key: String, e: Entity) {
        self.by_key.insert(key, self.entities.len());
        self.entities.push(e);
    }

    /// `base`, or `base-2`, `base-3`…: not used by the document, and for new
    /// entities not a gazetteer id either.
    fn unique(&mut self, base: &str, avoid_gazetteer: bool) -> String {
        let free = |s: &str, r: &Self| {
            let reserved = avoid_gazetteer && r.gazetteer_ids.contains(s);
            !r.taken.contains(s) && !reserved
        };
        let mut id = base.to_string();
        let mut k = 2;
        while !free(&id, self) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_read_backwards() {
        let t = "of J.V. Stalin";
        assert_eq!(
            initials_before(t, t.find("Stalin").unwrap()),
            Some((3, vec!['J', 'V']))
        );
        let t = "of J. V. Stalin";
        assert_eq!(
            initials_before(t, t.find("Stalin").unwrap()),
            Some((3, vec!['J', 'V']))
        );
        let t = "J.V, Stalin";
        assert_eq!(
            initials_before(t, t.find("Stalin").unwrap()),
            Some((0, vec!['J', 'V']))
        );
        let t = "the Stalin";
        assert_eq!(initials_before(t, t.find("Stalin").unwrap()), None);
        let t = "ABC. Stalin";
        assert_eq!(initials_before(t, t.find("Stalin").unwrap()), None);
    }

    #[test]
    fn longest_wins_then_gazetteer() {
        let g = Gazetteer::embedded().unwrap();
        let mk = |start, end, source| Candidate {
            start,
            end,
            kind: NameKind::Org,
            target: Target::New(NewEntity::new(NameKind::Org, "x", Certainty::Low)),
            source,
            inner: Vec::new(),
        };
        let v = select(
            &"x".repeat(20),
            vec![
                mk(4, 8, Source::Gazetteer),
                mk(0, 10, Source::Rule),
                mk(0, 10, Source::Gazetteer),
                mk(12, 14, Source::Rule),
            ],
        );
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].start, v[0].end, v[0].source),
            (0, 10, Source::Gazetteer)
        );
        assert!(
            v[0].inner.is_empty(),
            "an org's first words are no name inside it"
        );
        assert!(!g.entries.is_empty());
    }

    #[test]
    fn an_organisation_holds_its_state_and_its_party() {
        let t = "the Central Committee of the Communist Party of the Soviet Union and the Food and Agriculture Organization";
        let at = |s: &str| t.find(s).unwrap();
        let mk = |s: &str, kind, source, name: &str| Candidate {
            start: at(s),
            end: at(s) + s.len(),
            kind,
            target: Target::New(NewEntity::new(kind, name, Certainty::Low)),
            source,
            inner: Vec::new(),
        };
        let v = select(
            t,
            vec![
                mk(
                    "Central Committee of the Communist Party of the Soviet Union",
                    NameKind::Org,
                    Source::Rule,
                    "cc",
                ),
                mk(
                    "Communist Party of the Soviet Union",
                    NameKind::Org,
                    Source::Gazetteer,
                    "cpsu",
                ),
                mk("Communist Party", NameKind::Org, Source::Gazetteer, "cp"),
                mk("Soviet Union", NameKind::State, Source::Gazetteer, "ussr"),
                mk(
                    "Food and Agriculture Organization",
                    NameKind::Org,
                    Source::Gazetteer,
                    "fao",
                ),
                mk(
                    "Agriculture Organization",
                    NameKind::Org,
                    Source::Rule,
                    "ao",
                ),
            ],
        );
        type Tree<'a> = Vec<(&'a str, Vec<(&'a str, Vec<&'a str>)>)>;
        let tree: Tree = v
            .iter()
            .map(|c| {
                let inner = c
                    .inner
                    .iter()
                    .map(|i| {
                        let deeper = i.inner.iter().map(|d| &t[d.start..d.end]).collect();
                        (&t[i.start..i.end], deeper)
                    })
                    .collect();
                (&t[c.start..c.end], inner)
            })
            .collect();
        assert_eq!(
            tree,
            vec![
                (
                    "Central Committee of the Communist Party of the Soviet Union",
                    vec![("Communist Party of the Soviet Union", vec!["Soviet Union"])]
                ),
                ("Food and Agriculture Organization", vec![]),
            ]
        );
    }
}
