//! Corrections decided by context: the words round a token, as the document
//! itself uses them elsewhere, or as a list of common English phrases has
//! them. This finds what a token alone cannot settle: real-word errors
//! (`arms rice` where the document says `arms race` elsewhere, `hear in
//! mind`), and damaged tokens with several possible readings (`can bi`,
//! `principlee of`).
//!
//! Precision comes first: a real word is changed only by one edit, only
//! when the phrase it stands in occurs nowhere else in the document while
//! the corrected phrase does (or is a listed collocation).

use std::cell::{Cell, Ref, RefCell};

use rustc_hash::FxHashMap;

use super::distance::within_one_edit;
use super::index::{BlockTokens, Interner, NO_FORM, TokenTable};
use super::lexicon::{fold, fold_cow};
use super::ocr::{OcrContext, Proposal};
use super::tokens::match_case;
use super::vocabulary::Vocabulary;
use crate::model::{Certainty, CorrectionKind, Inline};

mod phrases;
mod rules;

use phrases::*;
pub(crate) use phrases::{Collocations, Ngrams};
use rules::*;

/// `J.V.`, `U.S.S.R.`: single characters each followed by a point.
fn is_initials(core: &str) -> bool {
    let parts: Vec<&str> = core.trim_end_matches('.').split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)
}

impl Slot {
    fn core<'t>(&self, table: &'t TokenTable) -> &'t str {
        table.core(self.id)
    }
    fn lead<'t>(&self, table: &'t TokenTable) -> &'t str {
        table.lead(self.id)
    }
    fn trail<'t>(&self, table: &'t TokenTable) -> &'t str {
        table.trail(self.id)
    }
}

/// A word of a block, where it is and what surrounds it (its text and
/// parts are the token's, in the token table).
#[derive(Debug, Clone, Copy)]
struct Slot {
    node: u32,
    /// The token and the id of its folded core ([`NO_FORM`] if no plain word).
    id: u32,
    form: u32,
    /// Byte range of the core in the node's text (as the tokens keep it,
    /// in 32 bits: a slot is written once per word of the text).
    start: u32,
    end: u32,
    /// Continues or is cut by a word split at a line end: left alone.
    protected: bool,
    sentence_initial: bool,
    /// Linked to the next slot as a phrase (no punctuation, no cut between).
    linked: bool,
}

/// The slots of a block, into `out` (cleared first).
fn block_slots(content: &[Inline], toks: &BlockTokens, table: &TokenTable, out: &mut Vec<Slot>) {
    out.clear();
    out.reserve(toks.all().len());
    let mut after_join = false;
    let mut sentence_start = true;
    for (i, n) in content.iter().enumerate() {
        match n {
            Inline::Text(_) => {}
            Inline::LineStart { joins_word, .. } => {
                after_join = *joins_word;
                if *joins_word && let Some(last) = out.last_mut() {
                    last.protected = true;
                    last.linked = false;
                }
                continue;
            }
            Inline::PrintedHyphen(_) | Inline::PageBreak(_) | Inline::Furniture(_) => continue,
            _ => {
                if let Some(last) = out.last_mut() {
                    last.linked = false;
                }
                continue;
            }
        };
        let first = out.len();
        for t in toks.node(i) {
            let info = table.info(t.id);
            let start = t.start + info.lead;
            if info.lead > 0
                && let Some(last) = out.last_mut()
            {
                last.linked = false;
            }
            out.push(Slot {
                node: i as u32,
                id: t.id,
                form: info.form,
                start,
                end: start + info.core,
                protected: false,
                sentence_initial: sentence_start,
                linked: info.trail == 0 && info.plain,
            });
            sentence_start = info.ends_sentence;
        }
        // The first word of a line that continues a cut word.
        if after_join && let Some(s) = out.get_mut(first) {
            s.protected = true;
        }
        after_join = false;
    }
    if let Some(last) = out.last_mut() {
        last.linked = false;
    }
}

/// What the context pass consults besides the token-level context.
pub(crate) struct ContextData<'a> {
    pub(crate) ngrams: &'a Ngrams,
    pub(crate) collocations: &'a Collocations,
    /// Per form of the document, the lengths of the phrase words that follow
    /// and that precede it in the collocations (see [`Anchors`]).
    anchors: Anchors,
    /// Per form, what [`real_word`] asks of it by the vocabulary and the
    /// phrase words (bits [`NO_LOWER`], [`NEAR_PHRASE`], [`ONE_CAPITALISED`],
    /// each with a bit above saying it is known): most occurrences stop
    /// there, and a form recurs.
    facts: Vec<Cell<u8>>,
    /// Per form, the phrase words that may stand for it (see
    /// [`Collocations::candidates_for`]) as a range of `candidate_lists`,
    /// known with its [`NEAR_PHRASE`] fact.
    candidates: Vec<Cell<(u32, u32)>>,
    candidate_lists: RefCell<Vec<u32>>,
    /// Per phrase word id, the document's form of that word ([`NO_FORM`] if
    /// the document never uses it): a phrase is matched against the words
    /// round a slot by form ids.
    phrase_forms: Vec<u32>,
    /// The slots of the block at hand, kept to be refilled by the next block.
    slots: Cell<Vec<Slot>>,
    /// Per token id, what the pass can make of it wherever it stands (see
    /// [`token_class`]): most occurrences are settled by this one byte.
    classes: Cell<Vec<u8>>,
}

impl<'a> ContextData<'a> {
    pub(crate) fn new(ngrams: &'a Ngrams, collocations: &'a Collocations) -> Self {
        let phrase_forms: Vec<u32> = collocations
            .phrase_words
            .words
            .iter()
            .map(|w| ngrams.forms.get(w).unwrap_or(NO_FORM))
            .collect();
        // Only a phrase word has phrase words next to it: the masks of the
        // few the document uses are made now, the others stay empty.
        let mut anchors = vec![[0; 2]; ngrams.forms.len()];
        for (w, &form) in collocations.phrase_words.words.iter().zip(&phrase_forms) {
            if form != NO_FORM {
                anchors[form as usize] = [
                    length_mask(collocations.followers.get(w)),
                    length_mask(collocations.preceders.get(w)),
                ];
            }
        }
        ContextData {
            ngrams,
            collocations,
            anchors: Anchors(anchors),
            facts: vec![Cell::new(0); ngrams.forms.len()],
            candidates: vec![Cell::new((0, 0)); ngrams.forms.len()],
            candidate_lists: RefCell::new(Vec::new()),
            phrase_forms,
            slots: Cell::new(Vec::new()),
            classes: Cell::new(Vec::new()),
        }
    }

    /// Whether the form is known to have no phrase word that may stand for it.
    #[inline]
    fn known_far_from_phrases(&self, form: u32) -> bool {
        self.facts[form as usize].get() & (NEAR_PHRASE << 1 | NEAR_PHRASE) == NEAR_PHRASE << 1
    }

    /// Whether a form has the fact `fact` ([`NO_LOWER`], [`NEAR_PHRASE`] or
    /// [`ONE_CAPITALISED`]).
    #[inline]
    fn form_has(&self, form: u32, fact: u8, vocabulary: &Vocabulary) -> bool {
        let mut facts = self.facts[form as usize].get();
        if facts & (fact << 1) == 0 {
            facts = self.learn_fact(form, fact, vocabulary);
        }
        facts & fact != 0
    }

    /// A fact of a form, computed and kept at its first use.
    #[inline(never)]
    fn learn_fact(&self, form: u32, fact: u8, vocabulary: &Vocabulary) -> u8 {
        let folded = self.ngrams.forms.resolve(form);
        let has = match fact {
            NO_LOWER => vocabulary.lower_count(folded) == 0,
            NEAR_PHRASE => {
                let found = self.collocations.candidates_for(folded);
                let mut lists = self.candidate_lists.borrow_mut();
                let range = (lists.len() as u32, (lists.len() + found.len()) as u32);
                lists.extend(found);
                self.candidates[form as usize].set(range);
                range.1 > range.0
            }
            _ => vocabulary.count(folded) - vocabulary.lower_count(folded) == 1,
        };
        let cell = &self.facts[form as usize];
        let facts = cell.get() | fact << 1 | if has { fact } else { 0 };
        cell.set(facts);
        facts
    }

    /// The phrase words that may stand for a form whose [`NEAR_PHRASE`]
    /// fact is known.
    fn phrase_candidates(&self, form: u32) -> Ref<'_, [u32]> {
        let (from, to) = self.candidates[form as usize].get();
        Ref::map(self.candidate_lists.borrow(), |l| {
            &l[from as usize..to as usize]
        })
    }
}

/// A fact of a form: the document never writes it in lower case (the bit
/// above: known).
const NO_LOWER: u8 = 1;
/// A fact of a form: some phrase word is one edit from it (the bit above:
/// known).
const NEAR_PHRASE: u8 = 4;
/// A fact of a form: the document writes it capitalised exactly once (the
/// bit above: known).
const ONE_CAPITALISED: u8 = 16;

/// For each form of the document, `[after, before]`: bit `L` of `after` set
/// when a listed phrase has a word of `L - 1` to `L + 1` bytes (4 or more)
/// after the form, and the same for before it. Most words of a text have no
/// phrase word of their length next to their neighbour, and one bit test
/// says so without a lookup per occurrence. Words longer than
/// [`LONG_ANCHOR`] bytes are checked exactly.
struct Anchors(Vec<[u64; 2]>);

/// The longest phrase word the masks hold (its bits reach bit 63).
const LONG_ANCHOR: usize = 62;

fn length_mask(list: Option<&Vec<PhraseEntry>>) -> u64 {
    list.map_or(0, |l| {
        l.iter()
            .filter(|e| (4..=LONG_ANCHOR).contains(&e.0))
            .fold(0, |m, e| m | 0b111 << (e.0 - 1))
    })
}

impl<'a> ContextData<'a> {
    /// Does a listed phrase have a word of `len` bytes, give or take one (4
    /// or more), after slot `n` (`after`), or before it? Most words of a
    /// text are no candidates for a phrase correction, and this says so.
    #[inline]
    fn anchored(&self, n: &Slot, len: usize, after: bool, table: &TokenTable) -> bool {
        if n.form == NO_FORM || len + 1 > LONG_ANCHOR {
            return self.anchored_exactly(n.core(table), len, after);
        }
        self.anchors.0[n.form as usize][usize::from(!after)] >> len & 1 != 0
    }

    /// [`Self::anchored`] by the phrase lists, for the few words the masks
    /// do not hold.
    #[inline(never)]
    fn anchored_exactly(&self, core: &str, len: usize, after: bool) -> bool {
        let lists = if after {
            &self.collocations.followers
        } else {
            &self.collocations.preceders
        };
        lists
            .get(fold_cow(core).as_ref())
            .is_some_and(|list| of_length_near(list, len).iter().any(|e| e.0 >= 4))
    }
}

/// Proposals by context for one block (not in headings): `(node, proposal)`,
/// proposal ranges relative to the node's text. `taken(node, start, end)`
/// tells whether a token-level proposal already covers a range.
pub(crate) fn propose_block(
    content: &[Inline],
    toks: &BlockTokens,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
    taken: impl Fn(usize, usize, usize) -> bool,
) -> Vec<(usize, Proposal)> {
    let mut slots = data.slots.take();
    let mut classes = data.classes.take();
    if classes.len() < ctx.table.len() {
        classes.resize(ctx.table.len(), UNCLASSED);
    }
    let mut out = Vec::new();
    block_slots(content, toks, ctx.table, &mut slots);
    for i in 0..slots.len() {
        let s = &slots[i];
        let class = &mut classes[s.id as usize];
        if *class == UNCLASSED {
            *class = token_class(s.id, ctx);
        }
        // What `real_word` would refuse here by the token, its form or its
        // place, refused before any other work; what its form settles for
        // good makes the token's class nothing. A capital inside a sentence
        // on a word the document writes in lower case is an anomaly; on one
        // it only capitalises, a name: left.
        let refused = match *class {
            NOTHING => true,
            REAL_LOWER => data.known_far_from_phrases(s.form),
            REAL_CAPITAL => {
                s.sentence_initial || {
                    let name = data.form_has(s.form, NO_LOWER, ctx.vocabulary);
                    if name {
                        *class = NOTHING;
                    }
                    name
                }
            }
            _ => false,
        };
        if refused {
            if *class == REAL_LOWER {
                *class = NOTHING;
            }
            continue;
        }
        let class = *class;
        let (node, start, end) = (s.node as usize, s.start as usize, s.end as usize);
        if s.protected || taken(node, start, end) {
            continue;
        }
        let p = match class {
            REAL_LOWER | REAL_CAPITAL => real_word(&slots, i, class == REAL_CAPITAL, ctx, data),
            FOOTNOTE => footnote_mark(&slots, i, ctx),
            AMBIGUOUS => ambiguous_word(&slots, i, ctx, data),
            _ => damaged_initials(s, ctx.table, data),
        };
        if let Some(p) = p {
            out.push((node, p));
        }
    }
    data.slots.set(slots);
    data.classes.set(classes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::confusion::ConfusionModel;
    use crate::clean::lexicon::{Lexicon, Words};
    use crate::clean::vocabulary::Vocabulary;
    use std::collections::HashSet;

    const WORDS: &str = "the party part and masses role of a in mind bear hear can be by bi freely \
        pace pave way for to arms race rice construction stage said we it is that plan plans";

    /// Runs the context pass over one paragraph of `text` (lines joined by
    /// spaces) in a document whose other paragraphs are `others`.
    fn run(text: &str, others: &[&str]) -> Vec<(String, String)> {
        let mut lex = Lexicon::from_words(&WORDS.split_whitespace().collect::<Vec<_>>().join("\n"));
        lex.add_suspects("bi\n");
        let words = Words::new(&lex);
        let mut all: Vec<&str> = others.to_vec();
        all.push(text);
        let vocab = Vocabulary::from_texts(all.iter().copied());
        let conf = ConfusionModel::builtin();
        let fw: HashSet<String> = ["the", "of", "and", "a", "in", "to", "for", "by", "it", "is"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let blocks: Vec<Vec<Inline>> = all
            .iter()
            .map(|t| vec![Inline::Text(t.to_string())])
            .collect();
        let mut table = TokenTable::default();
        let toks: Vec<BlockTokens> = blocks.iter().map(|b| table.index_block(b, false)).collect();
        let ngrams = Ngrams::build(&table, blocks.iter().map(Vec::as_slice).zip(&toks));
        let ctx = OcrContext::new(&words, &vocab, &conf, &fw, &table);
        let colls = Collocations::builtin();
        let data = ContextData::new(&ngrams, &colls);
        let last = blocks.len() - 1;
        propose_block(&blocks[last], &toks[last], &ctx, &data, |_, _, _| false)
            .into_iter()
            .map(|(_, p)| (text[p.start..p.end].to_string(), p.corr))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    /// Every phrase word, other than `w`, one edit from it, by trying them all.
    fn near_by_scan(c: &Collocations, w: &str) -> Vec<u32> {
        (0..c.phrase_words.words.len() as u32)
            .filter(|&id| {
                let x = &c.phrase_words.words[id as usize];
                x != w && within_one_edit(w, x)
            })
            .collect()
    }

    /// The hash of a string as [`any_deletion_key`] gives it first.
    fn whole_key(w: &str) -> u64 {
        let mut key = None;
        any_deletion_key(w, |k| {
            key = Some(k);
            true
        });
        key.unwrap_or_default()
    }

    #[test]
    fn deletion_keys_are_the_keys_of_the_shorter_strings() {
        for w in ["party", "naïve", "a", "ab", "Ωmega", "coöperate", "aa"] {
            let mut keys = Vec::new();
            any_deletion_key(w, |k| {
                keys.push(k);
                false
            });
            let mut expected = vec![whole_key(w)];
            for (i, c) in w.char_indices() {
                expected.push(whole_key(&format!("{}{}", &w[..i], &w[i + c.len_utf8()..])));
            }
            assert_eq!(keys, expected, "{w}");
        }
        assert_ne!(whole_key("party"), whole_key("pray"));
        assert_ne!(whole_key("ab"), whole_key("ba"));
    }

    #[test]
    fn near_phrase_words_as_a_scan_finds_them() {
        let c = Collocations::builtin();
        let mut probes: Vec<String> = ["naïve", "naive", "café", "cafe", "x", "", "zzzz"]
            .map(String::from)
            .to_vec();
        for w in &c.phrase_words.words {
            for (i, ch) in w.char_indices() {
                let rest = &w[i + ch.len_utf8()..];
                probes.push(format!("{}{rest}", &w[..i]));
                probes.push(format!("{}e{rest}", &w[..i]));
                probes.push(format!("{}{ch}q{rest}", &w[..i]));
            }
            probes.push(w.clone());
        }
        let mut some_candidates = 0;
        for w in &probes {
            let mut near = Vec::new();
            c.phrase_words.any_near(w, |id| {
                near.push(id);
                false
            });
            near.sort_unstable();
            near.dedup();
            let scan = near_by_scan(&c, w);
            assert_eq!(near, scan, "{w}");
            // The candidates: those of the near words an OCR edit makes.
            let by_scan: Vec<u32> = (scan.into_iter())
                .filter(|&id| {
                    let x = &c.phrase_words.words[id as usize];
                    x.len().abs_diff(w.len()) <= 1 && x.chars().count() >= 4 && real_word_edit(w, x)
                })
                .collect();
            some_candidates += usize::from(!by_scan.is_empty());
            assert_eq!(c.candidates_for(w), by_scan, "{w}");
        }
        assert!(some_candidates > 0);
    }

    #[test]
    fn ngrams_stop_at_punctuation() {
        let n = Ngrams::from_blocks(&[vec![Inline::Text(
            "the arms race. The arms race, and".into(),
        )]]);
        assert_eq!(n.count(&["arms", "race"]), 2);
        assert_eq!(n.count(&["the", "arms", "race"]), 2);
        assert_eq!(n.count(&["race", "the"]), 0);
        assert_eq!(n.count(&["race", "and"]), 0);
    }

    #[test]
    fn collocations_correct_one_letter() {
        assert_eq!(run("we bear in mind", &[]), vec![]);
        assert_eq!(run("we hear in mind that", &[]), vec![pair("hear", "bear")]);
        assert_eq!(run("to the arms rice", &[]), vec![pair("rice", "race")]);
        // Inflection is the writer's choice, not damage.
        let c = Collocations::builtin();
        assert!(!near_by_scan(&c, "rises").is_empty());
        assert!(c.candidates_for("rises").is_empty());
        assert!(collocation(&["give"], "rises", &["to"], &c).is_none());
        assert_eq!(
            collocation(&["give"], "rioe", &["to"], &c).as_deref(),
            Some("rise")
        );
        // A phrase that does not fit round the word gives nothing.
        assert!(collocation(&["take"], "rioe", &["to"], &c).is_none());
    }

    #[test]
    fn document_phrases_need_two_other_uses() {
        let others = [
            "the role of the Party and the masses",
            "of the Party and the",
            "a part",
        ];
        assert_eq!(
            run("the role of the Part and the masses", &others),
            vec![pair("Part", "Party")]
        );
        // One other use does not say which of the two is the error.
        let once = ["the Party and the masses", "a part"];
        assert_eq!(run("of the Part and", &once), vec![]);
        // A word the document never writes in lower case is a name.
        assert_eq!(
            run("of the Part and", &["the Party and", "the Party and"]),
            vec![]
        );
    }

    #[test]
    fn damaged_words_read_by_their_neighbours() {
        let others = ["it can be said", "that can be"];
        assert_eq!(
            run("it can bi freely said", &others),
            vec![pair("bi", "be")]
        );
        assert_eq!(run("it can bi freely said", &[]), vec![]);
    }

    #[test]
    fn footnote_marks_and_initials() {
        assert_eq!(run("to the* construction", &[]), vec![pair("the*", "the")]);
        assert_eq!(run("the construction*", &[]), vec![]);
        let others = ["the U.S.S.R. and", "the U.S.S.R."];
        assert_eq!(
            run("in the U.S.3.R. and", &others),
            vec![pair("U.S.3.R.", "U.S.S.R.")]
        );
    }
}
