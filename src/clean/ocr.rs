//! OCR error repair: candidate corrections for tokens that are not words.
//!
//! Precision comes first. A token is corrected only when it is not a word of
//! the lexicon (nor a form the document repeats), and a candidate is a
//! trusted lexicon word reached by a small, explained change: dropping junk,
//! a pair of the OCR confusion model, splitting a run-together pair, or, for
//! longer words, one edit to a word the document itself uses. `@cert` grows
//! with the evidence: unique candidate, and used elsewhere in the document.
//! Capitalised words inside a sentence are taken for names: only changes
//! that leave their letters alone (junk, punctuation) or that lead to a word
//! the document writes in lower case are made.

use std::cell::RefCell;
use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use super::confusion::{ConfusionModel, JunkSet, PairIndex};
use super::index::{Tok, TokenTable};
use super::lexicon::{Words, fold, fold_cow, short_key};
use super::tokens::{Anatomy, Token, anatomy, is_plain_word, letter_stats, match_case};
use super::vocabulary::{Candidates, Vocabulary};
use crate::model::{Certainty, CorrectionKind};

/// A token's core is a trusted word.
const TRUSTED_CORE: u8 = 1;
/// A token is a trusted word with ordinary punctuation round it.
const FINE: u8 = 2;

/// [`token`] leaves the token as it is (see [`token_flags`]).
const AS_IS: u8 = 4;
/// The token is junk standing alone (see [`is_junk_token`]).
const JUNK: u8 = 8;

/// What [`token_flags`] remembers of a folded form: the lexicon trusts it.
const FORM_TRUSTED: u8 = 1;
/// The form (and so the core: folding keeps hyphens) is a compound.
const FORM_COMPOUND: u8 = 2;

/// [`TRUSTED_CORE`], [`FINE`] and [`AS_IS`] for a plain-word token,
/// [`JUNK`] for another. `trusted_forms` remembers per folded form the
/// lexicon's answer and whether it holds a hyphen ([`FORM_TRUSTED`],
/// [`FORM_COMPOUND`]; `u8::MAX`: not asked yet): `The` and `the` ask once.
fn token_flags(
    table: &TokenTable,
    lexicon: &Words<'_>,
    junk: &JunkSet,
    id: u32,
    trusted_forms: &mut [u8],
) -> u8 {
    let info = table.info(id);
    if !info.plain {
        return if is_junk_token(table.text(id), junk) {
            JUNK
        } else {
            0
        };
    }
    let known = &mut trusted_forms[info.form as usize];
    if *known == u8::MAX {
        // The lexicon folds what it is asked: the form answers for the core.
        let form = table.forms().resolve(info.form);
        *known = if lexicon.word_and_trusted(form).1 {
            FORM_TRUSTED
                // A core of letters only has no hyphen to look for.
                | if !info.letters && form.as_bytes().contains(&b'-') {
                    FORM_COMPOUND
                } else {
                    0
                }
        } else {
            0
        };
    }
    if *known & FORM_TRUSTED == 0 {
        return 0;
    }
    let compound = *known & FORM_COMPOUND != 0;
    if info.lead == 0 && info.trail == 0 {
        return TRUSTED_CORE | FINE | if compound { 0 } else { AS_IS };
    }
    let text = table.text(id);
    let (lead, trail) = (
        &text[..info.lead as usize],
        &text[(info.lead + info.core) as usize..],
    );
    let plain_marks = lead.chars().all(is_sentence_mark)
        && trail
            .chars()
            .all(|c| is_sentence_mark(c) || matches!(c, ',' | ';' | ':' | '!' | '?'));
    // What [`token`] changes in a trusted word: junk stuck to it, a speck
    // before it, a damaged part of a compound.
    let as_is =
        !compound && lead != "." && !lead.chars().chain(trail.chars()).any(|c| junk.contains(c));
    TRUSTED_CORE | if plain_marks { FINE } else { 0 } | if as_is { AS_IS } else { 0 }
}

/// The word two tokens make together, and how certain it is.
type Merged = Option<(String, Certainty)>;

/// What candidate generation consults.
pub struct OcrContext<'a> {
    pub lexicon: &'a Words<'a>,
    pub vocabulary: &'a Vocabulary,
    /// The vocabulary's forms the lexicon trusts: the only ones proposed.
    pub candidates: Candidates<'a>,
    pub confusions: &'a ConfusionModel,
    /// Its pairs by first byte, for [`confusion_reading`].
    pairs: PairIndex<'a>,
    /// Its junk characters, asked of every token's punctuation.
    junk: JunkSet,
    /// The configured function words, hashed with Fx (the splitting passes
    /// ask for every cut of a token).
    pub function_words: FxHashSet<&'a str>,
    /// Bit `n` for each byte length `n` below 64 a function word has: most
    /// cuts of a token are no function word by their length alone.
    function_word_lengths: u64,
    /// The function words of up to seven bytes (nearly all) by their
    /// [`short_key`]: a cut is asked without hashing a string.
    short_function_words: FxHashSet<u64>,
    /// The document's tokens: the caches below are indexed by token id.
    pub table: &'a TokenTable,
    /// Decisions already taken for a token (as printed), when it does not
    /// and when it does start a sentence: a document repeats its tokens,
    /// errors included.
    /// Per token and sentence position, 0 (not yet decided) or 1 + the
    /// index of the decision in `decisions`.
    memo: RefCell<Vec<[u32; 2]>>,
    decisions: RefCell<Vec<Option<Proposal>>>,
    /// Per token: [`TRUSTED_CORE`] and [`FINE`], decided once for every
    /// plain-word token of the document (each is needed).
    flags: Vec<u8>,
    /// What two neighbouring tokens make as one word (see [`merge`]).
    merges: RefCell<FxHashMap<(u32, u32), Merged>>,
    /// [`one_pair_reading`] per core as printed, when not and when
    /// name-like: a core comes back with other punctuation round it.
    readings: RefCell<[FxHashMap<String, Reading>; 2]>,
}

impl<'a> OcrContext<'a> {
    pub fn new(
        lexicon: &'a Words<'a>,
        vocabulary: &'a Vocabulary,
        confusions: &'a ConfusionModel,
        function_words: &'a HashSet<String>,
        table: &'a TokenTable,
    ) -> Self {
        let n = table.len();
        let mut trusted_forms = vec![u8::MAX; table.forms().len()];
        let junk = JunkSet::new(confusions);
        let flags = (0..n as u32)
            .map(|id| token_flags(table, lexicon, &junk, id, &mut trusted_forms))
            .collect();
        OcrContext {
            lexicon,
            vocabulary,
            confusions,
            pairs: PairIndex::new(confusions),
            junk,
            function_words: function_words.iter().map(String::as_str).collect(),
            function_word_lengths: function_words
                .iter()
                .filter(|w| w.len() < 64)
                .fold(0, |m, w| m | 1 << w.len()),
            short_function_words: function_words.iter().filter_map(|w| short_key(w)).collect(),
            table,
            memo: RefCell::new(vec![[0, 0]; n]),
            decisions: RefCell::default(),
            flags,
            // The forms of the table are known already (after `flags`).
            candidates: vocabulary.candidates(|id, w| match trusted_forms.get(id as usize) {
                Some(&k) if (id as usize) < vocabulary.table_forms() && k != u8::MAX => {
                    k & FORM_TRUSTED != 0
                }
                _ => lexicon.trusts_candidate(w),
            }),
            merges: RefCell::default(),
            readings: RefCell::default(),
        }
    }

    /// The share of the document's plain-word occurrences (as first
    /// indexed) whose word the lexicon trusts; 1 for a text without words.
    pub fn known_share(&self) -> f64 {
        let (mut known, mut all) = (0u64, 0u64);
        for (id, n) in self.table.counted() {
            if self.table.info(id).plain {
                all += u64::from(n);
                if self.flags[id as usize] & TRUSTED_CORE != 0 {
                    known += u64::from(n);
                }
            }
        }
        if all == 0 {
            1.0
        } else {
            known as f64 / all as f64
        }
    }

    /// A word of the lexicon with ordinary punctuation round it: nothing to do.
    fn is_fine(&self, id: u32) -> bool {
        self.flags[id as usize] & FINE != 0
    }

    /// Is the core of token `id` a trusted word of the lexicon?
    pub fn trusted_core(&self, id: u32) -> bool {
        if self.table.info(id).plain {
            self.flags[id as usize] & TRUSTED_CORE != 0
        } else {
            self.lexicon.word_and_trusted(self.table.core(id)).1
        }
    }

    /// [`token`], remembered per token.
    fn token_memo(&self, t: Token<'_>, id: u32, sentence_initial: bool) -> Option<Proposal> {
        let shift = |p: Proposal| Proposal {
            start: p.start + t.start,
            end: p.end + t.start,
            ..p
        };
        let slot = usize::from(sentence_initial);
        let known = self.memo.borrow()[id as usize][slot];
        if known > 0 {
            return self.decisions.borrow()[known as usize - 1]
                .clone()
                .map(shift);
        }
        let local = Token {
            start: 0,
            end: t.text.len(),
            text: t.text,
        };
        // The table split the token when it first saw it.
        let info = self.table.info(id);
        let (lead, core) = (info.lead as usize, info.core as usize);
        let a = Anatomy {
            lead: &t.text[..lead],
            core: &t.text[lead..lead + core],
            trail: &t.text[lead + core..],
        };
        let p = token(local, a, sentence_initial, self);
        let mut decisions = self.decisions.borrow_mut();
        decisions.push(p.clone());
        self.memo.borrow_mut()[id as usize][slot] = decisions.len() as u32;
        p.map(shift)
    }
}

/// A proposed correction of bytes `start..end` of a text node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub start: usize,
    pub end: usize,
    pub corr: String,
    pub kind: CorrectionKind,
    pub cert: Certainty,
}

/// The tokens of one text node, as [`Token`]s made on demand from the
/// indexed occurrences.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    ids: &'a [Tok],
}

impl<'a> Line<'a> {
    fn at(&self, k: usize) -> Token<'a> {
        let t = self.ids[k];
        let (start, end) = (t.start as usize, t.end as usize);
        Token {
            start,
            end,
            text: &self.text[start..end],
        }
    }

    fn get(&self, k: usize) -> Option<Token<'a>> {
        (k < self.ids.len()).then(|| self.at(k))
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Where a text node sits, for the decisions that depend on it.
#[derive(Debug, Clone, Copy, Default)]
pub struct NodePlace {
    /// Its first token continues a word cut at the previous line end: leave it.
    pub protect_first: bool,
    /// Its last token is cut at the line end: leave it.
    pub protect_last: bool,
    /// The text before this node ended a sentence (or the block starts here).
    pub sentence_start: bool,
    /// The node is the last text of its block.
    pub block_end: bool,
    /// The block is a heading.
    pub in_head: bool,
}

const DASHES: [char; 3] = ['—', '–', '‒'];

impl OcrContext<'_> {
    /// Is a token of the text a trusted word?
    fn trusted(&self, w: &str) -> bool {
        self.lexicon.is_trusted_word(w)
    }

    /// Is a generated candidate a trusted word?
    fn candidate(&self, w: &str) -> bool {
        self.lexicon.trusts_candidate(w)
    }

    /// Is `w` a configured function word? (Its length is asked first.)
    fn is_function_word(&self, w: &str) -> bool {
        let by_length = w.len() >= 64 || self.function_word_lengths & 1 << w.len() != 0;
        by_length
            && match short_key(w) {
                Some(key) => self.short_function_words.contains(&key),
                None => self.function_words.contains(w),
            }
    }

    fn in_doc(&self, w: &str) -> u32 {
        self.vocabulary.count(&fold_cow(w))
    }

    /// A capitalised token the document repeats is one of its words (a name).
    fn document_word(&self, core: &str) -> bool {
        self.in_doc(core) >= 2
    }
}

/// Proposals for one text node (its tokens as indexed in the context's
/// table), left to right, not overlapping.
pub fn propose(text: &str, ids: &[Tok], place: NodePlace, ctx: &OcrContext<'_>) -> Vec<Proposal> {
    let n = ids.len();
    let toks = Line { text, ids };
    let mut out: Vec<Proposal> = Vec::new();
    let mut last = n;
    if place.block_end && !(place.protect_last) {
        let (props, first_done) = block_end(toks, place.in_head, ctx);
        last = first_done;
        out.extend(props);
    }
    let first = usize::from(place.protect_first);
    let end = if place.protect_last && last == n {
        n.saturating_sub(1)
    } else {
        last
    };
    // Is token `k` fine (true past the last token)? A run of fine tokens
    // is skipped carrying each answer to the next step.
    let fine = |k: usize| ids.get(k).is_none_or(|t| ctx.is_fine(t.id));
    let mut carried: Option<bool> = None;
    let mut i = first;
    while i < end {
        let fine_here = carried.take().unwrap_or_else(|| fine(i));
        let fine_next = fine(i + 1);
        if fine_here && fine_next {
            i += 1;
            carried = Some(fine_next);
            continue;
        }
        let sentence_initial = if i == 0 {
            place.sentence_start
        } else {
            ctx.table.info(ids[i - 1].id).ends_sentence
        };
        // Junk standing alone (`■ ••`).
        let letter_spaced = |k: usize| {
            toks.get(k).is_some_and(|t| {
                t.text.chars().count() == 1 && t.text.chars().all(char::is_alphabetic)
            })
        };
        if ctx.flags[ids[i].id as usize] & JUNK != 0
            && !(i > 0 && letter_spaced(i - 1))
            && !letter_spaced(i + 1)
        {
            let mut j = i;
            while j + 1 < end && ctx.flags[ids[j + 1].id as usize] & JUNK != 0 {
                j += 1;
            }
            out.push(Proposal {
                start: toks.at(i).start,
                end: toks.at(j).end,
                corr: String::new(),
                kind: CorrectionKind::Junk,
                cert: Certainty::High,
            });
            i = j + 1;
            continue;
        }
        if i + 1 < end
            && let Some(p) = merge(toks, ids, i, sentence_initial, ctx)
        {
            out.push(p);
            i += 2;
            continue;
        }
        if i + 1 < n
            && may_be_stray_mark(ctx.table, ids[i].id, ids[i + 1].id)
            && let Some(p) = stray_mark(toks.at(i), toks.at(i + 1), ctx)
        {
            out.push(p);
            i += 1;
            continue;
        }
        // A trusted word that is no compound, with no junk round it and no
        // point before it, is left as it is: [`token`] has nothing to say.
        if ctx.flags[ids[i].id as usize] & AS_IS != 0 {
            i += 1;
            continue;
        }
        if let Some(p) = ctx.token_memo(
            toks.at(i),
            ids[i].id,
            sentence_initial || place.in_head && i == 0,
        ) {
            out.push(p);
        }
        i += 1;
    }
    out.sort_by_key(|p| p.start);
    out
}

fn is_junk_token(t: &str, junk: &JunkSet) -> bool {
    !t.chars().any(char::is_alphanumeric)
        && t.chars().any(|c| junk.contains(c))
        && t.chars()
            .all(|c| junk.contains(c) || (!c.is_alphanumeric() && !is_sentence_mark(c)))
}

fn is_sentence_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')')
}

/// Damaged punctuation at the end of a block: a stray letter after the last
/// word (`Restricted i`, `information s`, `Conditionss !l`), a doubled final
/// letter in a heading (`Riotss`). Returns the proposals and the index of the
/// first token they cover (tokens from there on are handled).
fn block_end(toks: Line<'_>, in_head: bool, ctx: &OcrContext<'_>) -> (Vec<Proposal>, usize) {
    let table = ctx.table;
    let mut out = Vec::new();
    let mut k = toks.len();
    // Stray short tokens after the last word. The table split each token
    // when it first saw it; whether the last one may be stray is asked
    // first (it seldom is), the word before it only then.
    while k >= 2 {
        let (id, prev) = (toks.ids[k - 1].id, toks.ids[k - 2].id);
        let info = table.info(id);
        let core = table.core(id);
        let single_lower = info.chars == 1 && core.chars().all(char::is_lowercase) && core != "a";
        let stray = if in_head {
            let (_, letters, digits) = letter_counts(core);
            digits == 0
                && letters >= 1
                && info.chars <= 2
                && (single_lower || !ctx.lexicon.is_word(core))
        } else {
            single_lower && info.lead == 0 && info.trail == 0
        };
        if !stray {
            break;
        }
        let before = table.info(prev);
        let before_core = table.core(prev);
        let prev_is_word = before.plain
            && (ctx.lexicon.is_word(before_core)
                || in_head && before_core.chars().all(char::is_alphabetic));
        if prev_is_word && before.trail == 0 {
            out.push(Proposal {
                start: toks.at(k - 1).start,
                end: toks.at(k - 1).end,
                corr: String::new(),
                kind: CorrectionKind::Punctuation,
                cert: Certainty::Medium,
            });
            k -= 1;
        } else {
            break;
        }
        if !in_head {
            break;
        }
    }
    if in_head && k >= 1 {
        let t = toks.at(k - 1);
        let info = table.info(toks.ids[k - 1].id);
        let core_start = t.start + info.lead as usize;
        let core = &t.text[info.lead as usize..(info.lead + info.core) as usize];
        let m = info.chars as usize;
        // The last two characters and what comes before each.
        let mut rev = core.char_indices().rev();
        let (last, second) = (rev.next(), rev.next());
        if let (Some((at_last, last)), Some((at_second, second))) = (last, second) {
            if m >= 4 && info.plain && last == second && !ctx.lexicon.is_word(core) {
                let shorter = &core[..at_last];
                if ctx.lexicon.is_word(shorter) {
                    out.push(Proposal {
                        start: core_start,
                        end: core_start + core.len(),
                        corr: shorter.to_string(),
                        kind: CorrectionKind::Punctuation,
                        cert: Certainty::High,
                    });
                    k -= 1;
                }
            } else if m >= 3 && last.is_alphabetic() && matches!(second, '"' | '\'' | '”' | '’')
            {
                // `Struggle"s`: a letter after the closing quote.
                let word = &core[..at_second];
                if is_plain_word(word) && ctx.lexicon.is_word(word) {
                    out.push(Proposal {
                        start: core_start,
                        end: core_start + core.len(),
                        corr: core[..at_last].to_string(),
                        kind: CorrectionKind::Punctuation,
                        cert: Certainty::Medium,
                    });
                    k -= 1;
                }
            }
        }
    }
    (out, k)
}

/// A word broken in two (`O n`, `cons quences`). The checks that need no
/// lookup come first (most pairs stop there); what the two tokens make
/// together is decided once per pair of tokens.
fn merge(
    toks: Line<'_>,
    ids: &[Tok],
    i: usize,
    sentence_initial: bool,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let table = ctx.table;
    let (id1, id2) = (ids[i].id, ids[i + 1].id);
    let (i1, i2) = (table.info(id1), table.info(id2));
    if i1.lead > 0 || i1.trail > 0 || i2.lead > 0 {
        return None;
    }
    if !i1.letters || !i2.letters {
        return None;
    }
    // The second part must be a lower-case fragment that is no word.
    if i2.capital || ctx.trusted_core(id2) {
        return None;
    }
    if i1.capital && !sentence_initial {
        return None;
    }
    // Letter-spaced runs (`N e w`, `o r ^ n s`) are typography or worse:
    // leave them. A character takes at most four bytes.
    let single = |t: &Tok| {
        t.end - t.start <= 4 && toks.text[t.start as usize..t.end as usize].chars().count() == 1
    };
    if (i > 0 && single(&ids[i - 1])) || ids.get(i + 2).is_some_and(single) {
        return None;
    }
    let key = (id1, id2);
    let found = ctx.merges.borrow().get(&key).cloned();
    let (corr, cert) = match found {
        Some(f) => f?,
        None => {
            let f = merged(table.core(id1), table.core(id2), ctx);
            ctx.merges.borrow_mut().insert(key, f.clone());
            f?
        }
    };
    Some(Proposal {
        start: ids[i].start as usize,
        end: (ids[i + 1].start + i2.core) as usize,
        corr,
        kind: CorrectionKind::Merge,
        cert,
    })
}

/// The word two fragments make: joined as they are, or with one letter
/// lost in the gap.
fn merged(c1: &str, c2: &str, ctx: &OcrContext<'_>) -> Option<(String, Certainty)> {
    let mut joined = String::with_capacity(c1.len() + c2.len() + 1);
    joined.push_str(c1);
    joined.push_str(c2);
    if ctx.candidate(&joined) && ctx.in_doc(&joined) >= 1 {
        return Some((joined, Certainty::High));
    }
    // A letter lost in the gap (`cons quences`, `app aise`).
    let long_parts = c1.chars().count() >= 3 && c2.chars().count() >= 3;
    if long_parts && joined.chars().count() >= 7 {
        let mut cands: Vec<String> = Vec::new();
        // The lexicon folds what it is asked: an ASCII candidate is asked
        // as built and folded only when it is a word (most are not).
        if c1.is_ascii() && c2.is_ascii() {
            ctx.lexicon
                .for_each_trusted_fill(c1, c2, |w| cands.push(w.to_ascii_lowercase()));
        } else {
            let mut w = String::with_capacity(joined.len() + 1);
            w.push_str(c1);
            for l in 'a'..='z' {
                w.truncate(c1.len());
                w.push(l);
                w.push_str(c2);
                let f = fold_cow(&w);
                if ctx.candidate(&f) {
                    cands.push(f.into_owned());
                }
            }
        }
        if cands.len() > 1 {
            cands.retain(|w| ctx.in_doc(w) > 0);
        }
        if cands.len() == 1 {
            return Some((match_case(&joined, &cands[0]), Certainty::Medium));
        }
    }
    None
}

/// Words of the document two edits away from a long token (`ideolical`).
fn doc_edits2(folded: &str, ctx: &OcrContext<'_>) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .candidates
        .near_long_forms(folded)
        .filter(|w| levenshtein_at_most(folded, w, 2))
        .map(str::to_string)
        .collect();
    out.sort();
    out
}

/// Is the edit distance of `a` and `b` at most `k`?
fn levenshtein_at_most(a: &str, b: &str, k: usize) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return levenshtein_slices(a.as_bytes(), b.as_bytes(), k);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein_slices(&a, &b, k)
}

/// [`levenshtein_at_most`] over letters (bytes for ASCII, else chars). A
/// common prefix and suffix cost nothing; after them the first letters
/// differ, so an alignment within `k` begins by deleting, inserting or
/// substituting one letter: three branches, `k` deep (k is at most 2 here).
fn levenshtein_slices<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    let s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - s], &b[..b.len() - s]);
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len()) <= k;
    }
    if k == 0 || a.len().abs_diff(b.len()) > k {
        return false;
    }
    levenshtein_slices(&a[1..], b, k - 1)
        || levenshtein_slices(a, &b[1..], k - 1)
        || levenshtein_slices(&a[1..], &b[1..], k - 1)
}

/// A correction of one token, if it needs one and the evidence allows.
/// `a` is the anatomy of `t`.
fn token<'t>(
    t: Token<'t>,
    a: Anatomy<'t>,
    sentence_initial: bool,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let core_start = t.start + a.lead.len();
    let core_end = core_start + a.core.len();
    let junk = |c: char| ctx.junk.contains(c);
    // Junk stuck to the edges of a word (`•shut`, `Communism^`).
    if a.lead.chars().any(junk) || a.trail.chars().any(junk) {
        if !(is_plain_word(a.core) && ctx.lexicon.is_word(a.core)) {
            return None;
        }
        let corr: String = t.text.chars().filter(|c| !junk(*c)).collect();
        return Some(Proposal {
            start: t.start,
            end: t.end,
            corr,
            kind: CorrectionKind::Junk,
            cert: Certainty::High,
        });
    }
    if a.lead == "."
        && a.core.chars().next().is_some_and(char::is_lowercase)
        && is_plain_word(a.core)
        && ctx.trusted(a.core)
    {
        // A speck before a word (`.countries`).
        return Some(Proposal {
            start: t.start,
            end: core_end,
            corr: a.core.to_string(),
            kind: CorrectionKind::Junk,
            cert: Certainty::Medium,
        });
    }
    // Anything else before a word but quotes and brackets: too damaged to guess.
    if !a
        .lead
        .chars()
        .all(|c| is_sentence_mark(c) || matches!(c, '[' | '‘' | '“'))
    {
        return None;
    }
    let core = a.core;
    let (upper, letters, digits) = letter_counts(core);
    if let Some(p) = number_or_initials(t, a, core_start, digits) {
        return Some(p);
    }
    if let Some(p) = quote_read_as_one(a, core_start, ctx) {
        return Some(p);
    }
    let starts_letter = core.chars().next().is_some_and(char::is_alphabetic);
    let ends_letter = core
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() || c == ']');
    // Capitals (acronyms, headings set in capitals) are left as printed;
    // a compound may capitalise each part (`Co-Existance`).
    let max_upper = if core.contains('-') {
        core.split('-')
            .map(|p| letter_counts(p).0)
            .max()
            .unwrap_or(0)
    } else {
        // One part: the core's own count.
        upper
    };
    if letters < 2
        || digits > letters
        || max_upper >= 2
        || !starts_letter
        || !ends_letter
        || core.contains(DASHES)
    {
        return None;
    }
    let capitalised = core.chars().next().is_some_and(char::is_uppercase);
    let name_like = capitalised && !sentence_initial;
    let cased = |w: &str| {
        let c = match_case(core, w);
        if sentence_initial && upper > 0 {
            match_case("A", &c)
        } else {
            c
        }
    };
    let fix = |corr: String, kind, cert| {
        Some(Proposal {
            start: core_start,
            end: core_end,
            corr,
            kind,
            cert,
        })
    };
    if is_plain_word(core) {
        if core.contains('-') {
            return compound_part(core, core_start, name_like, ctx);
        }
        let (suspect, trusted) = ctx.lexicon.word_and_trusted(core);
        if trusted {
            return None;
        }
        if let Some(k) = core.find(['\'', '’']) {
            // Two words run together at an apostrophe (`for'it`).
            let mark = core[k..].chars().next()?;
            let (left, right) = (&core[..k], &core[k + mark.len_utf8()..]);
            return split_at_mark(left, mark, right, ctx)
                .and_then(|(c, cert)| fix(c, CorrectionKind::Split, cert));
        }
        // A mark glued to the end that the OCR made of a letter (`th;`, `nov/`).
        if let Some(m) = a.trail.chars().next()
            && ctx
                .confusions
                .pairs
                .iter()
                .any(|(seen, _)| seen.contains(m))
        {
            let with = format!("{core}{m}");
            if let Reading::Word(w, cert) = one_pair_reading(&with, name_like, ctx) {
                return Some(Proposal {
                    start: core_start,
                    end: core_end + m.len_utf8(),
                    corr: cased(&w),
                    kind: CorrectionKind::Confusion,
                    cert,
                });
            }
        }
        match one_pair_reading(core, name_like, ctx) {
            Reading::Word(w, cert) => return fix(cased(&w), CorrectionKind::Confusion, cert),
            Reading::Ambiguous => return None,
            Reading::Nothing => {}
        }
        // A suspect entry of the lexicon is left to the confusion model.
        if suspect {
            return None;
        }
        let folded = fold(core);
        if let Some(split) = split_damaged_run(&folded, name_like, ctx) {
            return fix(cased(&split), CorrectionKind::Split, Certainty::Medium);
        }
        // A capitalised form the document repeats is one of its names: only
        // the confusion model, with a word the document uses, may change it.
        if name_like || (capitalised && ctx.document_word(core)) {
            return None;
        }
        if let Some(split) = split_run_together(&folded, ctx) {
            return fix(cased(&split), CorrectionKind::Split, Certainty::High);
        }
        // A capitalised token (at a sentence start: inside one it is taken
        // for a name above) may be a name: an edit of its initial that is no
        // typical OCR confusion (`Milly` → `silly`) is too weak to make.
        let other_initial = |w: &str| capitalised && w.chars().next() != folded.chars().next();
        if letters >= 4 {
            let cands = doc_edits(&folded, ctx);
            if !cands.is_empty() {
                return choose(cands, ctx, Certainty::Medium).and_then(|(w, cert)| {
                    let cert = if other_initial(&w) {
                        Certainty::Low
                    } else {
                        cert
                    };
                    fix(cased(&w), CorrectionKind::Confusion, cert)
                });
            }
        }
        if letters >= 8 {
            // Two letters lost or misread in a long word the document uses (`ideolical`).
            let cands = doc_edits2(&folded, ctx);
            if cands.len() == 1 {
                let cert = if ctx.in_doc(&cands[0]) >= 2 && !other_initial(&cands[0]) {
                    Certainty::Medium
                } else {
                    Certainty::Low
                };
                return fix(cased(&cands[0]), CorrectionKind::Confusion, cert);
            }
        }
        return None;
    }
    // Marks inside the word: punctuation, junk or digits.
    let chars: Vec<char> = core.chars().collect();
    let is_mark = |c: char| !c.is_alphabetic();
    let marks: Vec<usize> = (0..chars.len()).filter(|&k| is_mark(chars[k])).collect();
    if marks.len() == 1 {
        let k = marks[0];
        let (left, right): (String, String) =
            (chars[..k].iter().collect(), chars[k + 1..].iter().collect());
        let mark = chars[k];
        // A possessive with a damaged apostrophe (`Stalin:s`).
        if matches!(mark, ':' | ';' | ',') && right == "s" && ctx.lexicon.is_word(&left) {
            return fix(
                format!("{left}'s"),
                CorrectionKind::Punctuation,
                Certainty::High,
            );
        }
        // Two words run together at a mark (`a.pretext`, `consequences,and`).
        if let Some(p) = split_at_mark(&left, mark, &right, ctx) {
            return fix(p.0, CorrectionKind::Split, p.1);
        }
    }
    // Deleting the marks leaves a word (`w„orld`, `s.ince`), or the marks
    // are letters misread (`stil]`, `be^n`, `mil1ions`).
    let without: String = chars.iter().filter(|c| !is_mark(**c)).collect();
    let deleted = if ctx.candidate(&without) {
        vec![fold(&without)]
    } else {
        Vec::new()
    };
    let only_dots = marks.iter().all(|&k| chars[k] == '.');
    if name_like {
        // A name keeps its letters: only junk and points may go.
        if deleted.is_empty() || marks.iter().any(|&k| chars[k].is_ascii_digit()) {
            return None;
        }
        return fix(without, CorrectionKind::Junk, Certainty::Medium);
    }
    match confusion_reading(core, 2, false, deleted, ctx) {
        Reading::Word(w, cert) => {
            let kind = if only_dots && fold(&without) == w {
                CorrectionKind::Merge
            } else {
                CorrectionKind::Junk
            };
            return fix(cased(&w), kind, cert);
        }
        Reading::Ambiguous => return None,
        Reading::Nothing => {}
    }
    // One damaged character: any letter in its place (`re?r`, `deg.neration`).
    if marks.len() == 1 && !matches!(chars[marks[0]], '\'' | '’') {
        let k = marks[0];
        let cands: Vec<String> = ('a'..='z')
            .map(|l| {
                let mut w: String = chars[..k].iter().collect();
                w.push(l);
                w.extend(&chars[k + 1..]);
                fold(&w)
            })
            .filter(|w| ctx.candidate(w))
            .collect();
        if let Some((w, cert)) = choose_for(cands, ctx, Certainty::High, true) {
            return fix(cased(&w), CorrectionKind::Junk, cert);
        }
    }
    None
}

/// A number with letters for digits (`43l`), initials whose last point was
/// read as a comma (`J.V,`).
fn number_or_initials(
    t: Token<'_>,
    a: Anatomy<'_>,
    core_start: usize,
    digits: usize,
) -> Option<Proposal> {
    let core = a.core;
    let digit_like = |c: char| matches!(c, 'l' | 'I' | 'O' | 'o');
    if digits >= 2
        && core.chars().all(|c| c.is_ascii_digit() || digit_like(c))
        && digits < core.chars().count()
    {
        let corr: String = core
            .chars()
            .map(|c| match c {
                'l' | 'I' => '1',
                'O' | 'o' => '0',
                d => d,
            })
            .collect();
        return Some(Proposal {
            start: core_start,
            end: core_start + core.len(),
            corr,
            kind: CorrectionKind::Confusion,
            cert: Certainty::Medium,
        });
    }
    // Capitals alone between points (at least two of them), a comma after.
    let one_capital = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
    };
    if a.trail.starts_with(',')
        && a.lead.is_empty()
        && core.contains('.')
        && core.split('.').all(one_capital)
    {
        return Some(Proposal {
            start: t.start,
            end: t.start + core.len() + 1,
            corr: format!("{core}."),
            kind: CorrectionKind::Punctuation,
            cert: Certainty::Medium,
        });
    }
    None
}

/// [`letter_stats`] (capitals, letters, digits), a byte at a time for an
/// ASCII string (most cores).
fn letter_counts(s: &str) -> (usize, usize, usize) {
    if !s.is_ascii() {
        return letter_stats(s);
    }
    let (mut upper, mut letters, mut digits) = (0, 0, 0);
    for &b in s.as_bytes() {
        upper += usize::from(b.is_ascii_uppercase());
        letters += usize::from(b.is_ascii_alphabetic());
        digits += usize::from(b.is_ascii_digit());
    }
    (upper, letters, digits)
}

/// What [`stray_mark`] needs, read from the token table: one hyphen or
/// point after the first token, no punctuation before either.
fn may_be_stray_mark(table: &TokenTable, id: u32, next: u32) -> bool {
    let (a, n) = (table.info(id), table.info(next));
    a.lead == 0 && a.trail == 1 && n.lead == 0 && table.trail(id).starts_with(['-', '.'])
}

/// A stray mark after a whole word inside a sentence: a hyphen (`was- gradually`)
/// or a point (`in all. countries`) before a lower-case word.
fn stray_mark(t: Token<'_>, next: Token<'_>, ctx: &OcrContext<'_>) -> Option<Proposal> {
    let a = anatomy(t.text);
    let n = anatomy(next.text);
    if !a.lead.is_empty()
        || !(a.trail == "-" || a.trail == ".")
        || !n.lead.is_empty()
        || !n.core.chars().next().is_some_and(char::is_lowercase)
        || !a.core.chars().all(char::is_lowercase)
        || a.core.chars().count() < 2
        || !ctx.trusted(a.core)
        || !is_plain_word(n.core)
    {
        return None;
    }
    if a.trail == "-" {
        let compound = format!("{}-{}", a.core, n.core);
        let closed = format!("{}{}", a.core, n.core);
        if ctx.in_doc(&compound) > 0
            || ctx.lexicon.contains_folded(&fold(&compound))
            || ctx.lexicon.is_word(&closed)
        {
            return None;
        }
    } else if ctx.lexicon.is_abbreviation(a.core) {
        return None;
    }
    Some(Proposal {
        start: t.start,
        end: t.end,
        corr: a.core.to_string(),
        kind: CorrectionKind::Punctuation,
        cert: Certainty::Medium,
    })
}

/// A hyphenated compound with one damaged part (`Co-Existance`): that part
/// is corrected by the confusion model alone.
fn compound_part(
    core: &str,
    core_start: usize,
    name_like: bool,
    ctx: &OcrContext<'_>,
) -> Option<Proposal> {
    let mut offset = 0;
    let mut damaged: Option<(usize, &str)> = None;
    for part in core.split('-') {
        if !ctx.lexicon.is_word(part) {
            if damaged.is_some() {
                return None;
            }
            damaged = Some((offset, part));
        }
        offset += part.len() + 1;
    }
    let (at, part) = damaged?;
    if part.chars().count() < 4 {
        return None;
    }
    match one_pair_reading(part, name_like, ctx) {
        Reading::Word(w, cert) => Some(Proposal {
            start: core_start + at,
            end: core_start + at + part.len(),
            corr: match_case(part, &w),
            kind: CorrectionKind::Confusion,
            cert,
        }),
        _ => None,
    }
}

/// `left` and `right` are two words the OCR ran together at `mark`.
fn split_at_mark(
    left: &str,
    mark: char,
    right: &str,
    ctx: &OcrContext<'_>,
) -> Option<(String, Certainty)> {
    let word = |s: &str| s.chars().all(char::is_alphabetic) && ctx.candidate(s);
    if !word(left) || !word(right) || right.chars().count() < 2 {
        return None;
    }
    let right_lower = right.chars().next().is_some_and(char::is_lowercase);
    let both_in_doc = ctx.in_doc(left) > 0 && ctx.in_doc(right) > 0;
    let corr = match mark {
        ',' | ';' | ':' | '?' | '!' if right_lower => format!("{left}{mark} {right}"),
        '.' if right_lower || ctx.lexicon.is_word(left) && left.chars().count() <= 3 => {
            format!("{left} {right}")
        }
        '\'' | '’' if both_in_doc => format!("{left} {right}"),
        m if ctx.junk.contains(m) => format!("{left} {right}"),
        _ => return None,
    };
    let cert = if both_in_doc {
        Certainty::High
    } else {
        Certainty::Medium
    };
    Some((corr, cert))
}

/// `thecult` → `the cult`: two words, one of them a function word, both used
/// in the document.
fn split_run_together(folded: &str, ctx: &OcrContext<'_>) -> Option<String> {
    let n = folded.chars().count();
    if n < 5 {
        return None;
    }
    let mut found: Option<String> = None;
    // The left part at least two letters long, the right one at least one.
    for (at, _) in folded.char_indices().skip(2).take(n - 3) {
        let (l, r) = folded.split_at(at);
        let fw = ctx.is_function_word(l) || ctx.is_function_word(r);
        if fw && ctx.candidate(l) && ctx.candidate(r) && ctx.in_doc(l) > 0 && ctx.in_doc(r) > 0 {
            if found.is_some() {
                return None;
            }
            found = Some(format!("{l} {r}"));
        }
    }
    found
}

/// `partvand` → `party and`: a function word run together with a word
/// the OCR damaged by one confusion pair, both used in the document (the
/// repaired word at least twice). Only an unambiguous split is taken; a
/// capitalised token inside a sentence needs a word the document capitalises.
fn split_damaged_run(folded: &str, name_like: bool, ctx: &OcrContext<'_>) -> Option<String> {
    let n = folded.chars().count();
    if n < 6 {
        return None;
    }
    let mut found: Option<String> = None;
    for (at, _) in folded.char_indices().skip(2).take(n - 3) {
        let (l, r) = folded.split_at(at);
        for (fw, other, fw_left) in [(l, r, true), (r, l, false)] {
            if !ctx.is_function_word(fw)
                || ctx.in_doc(fw) == 0
                || other.chars().count() < 4
                || ctx.lexicon.is_word(other)
            {
                continue;
            }
            // The one repair (a variant found twice is two), if only one.
            let (mut repaired, mut count) = (None, 0);
            ctx.pairs.for_each_variant(other, |v| {
                // A capital inside a sentence: the repaired word must be
                // one the document mostly capitalises (`Party`).
                if count < 2
                    && ctx.in_doc(v) >= 2
                    && ctx.candidate(v)
                    && (!name_like || {
                        let lower = ctx.vocabulary.lower_count(v);
                        ctx.in_doc(v) - lower > lower
                    })
                {
                    count += 1;
                    repaired = Some(v.to_string());
                }
            });
            if let (1, Some(v)) = (count, repaired) {
                if found.is_some() {
                    return None;
                }
                found = Some(if fw_left {
                    format!("{fw} {v}")
                } else {
                    format!("{v} {fw}")
                });
            }
        }
    }
    found
}

/// A closing double quote read as a quote and a `1` (`"crusades'1`): a
/// quote when one opens the token; after a plural with no opening quote,
/// the `1` is a speck after a possessive apostrophe (`Friends'1`).
fn quote_read_as_one(a: Anatomy<'_>, core_start: usize, ctx: &OcrContext<'_>) -> Option<Proposal> {
    let core = a.core;
    let (stem, quote) = core
        .strip_suffix("'1")
        .map(|s| (s, '\''))
        .or_else(|| core.strip_suffix("’1").map(|s| (s, '’')))?;
    if !is_plain_word(stem) || !ctx.lexicon.is_word(stem) || !a.trail.is_empty() && a.trail != "." {
        return None;
    }
    let corr = if a.lead.contains(['"', '“']) {
        format!("{stem}\"")
    } else if stem.ends_with('s') && a.lead.is_empty() {
        format!("{stem}{quote}")
    } else {
        return None;
    };
    Some(Proposal {
        start: core_start,
        end: core_start + core.len(),
        corr,
        kind: CorrectionKind::Punctuation,
        cert: Certainty::Medium,
    })
}

/// What the confusion model makes of a token.
#[derive(Clone)]
enum Reading {
    /// No word within reach.
    Nothing,
    /// Several words, none preferred: leave the token.
    Ambiguous,
    Word(String, Certainty),
}

/// [`confusion_reading`] with one pair and no other candidates, remembered
/// per core.
fn one_pair_reading(core: &str, name_like: bool, ctx: &OcrContext<'_>) -> Reading {
    let slot = usize::from(name_like);
    if let Some(r) = ctx.readings.borrow()[slot].get(core) {
        return r.clone();
    }
    let r = confusion_reading(core, 1, name_like, Vec::new(), ctx);
    ctx.readings.borrow_mut()[slot].insert(core.to_string(), r.clone());
    r
}

/// Words reached by applying up to `depth` confusion pairs (to the token as
/// printed and folded, so that case-bearing pairs like `iV` → `W` apply),
/// plus `extra` candidates found another explained way.
fn confusion_reading(
    core: &str,
    depth: usize,
    name_like: bool,
    extra: Vec<String>,
    ctx: &OcrContext<'_>,
) -> Reading {
    let damaged = core.chars().any(|c| !c.is_alphabetic());
    let mut cands: Vec<String> = extra;
    if depth == 1 {
        // One pair: no frontier to keep, variants checked in place.
        let folded = fold_cow(core);
        // A name's variants are folded here, in one reused buffer.
        let mut folded_v = String::new();
        let mut consider = |v: &str| {
            // A name keeps only words of the document (see [`settle`]),
            // asked of the few variants the lexicon trusts.
            if ctx.candidate(v)
                && (!name_like || {
                    let f: &str = if v.is_ascii() {
                        folded_v.clear();
                        folded_v.push_str(v);
                        folded_v.make_ascii_lowercase();
                        &folded_v
                    } else {
                        folded_v = fold(v);
                        &folded_v
                    };
                    document_supports(f, ctx)
                })
            {
                cands.push(fold(v));
            }
        };
        // The candidates are sorted in the end: the order variants come in
        // does not matter. A variant differs from the string it was made
        // of (see [`PairIndex`]); only the other form need be compared.
        let differs = folded != core;
        ctx.pairs.for_each_variant(core, |v| {
            if !differs || v != folded {
                consider(v);
            }
        });
        if differs {
            // An ASCII core capitalised only at its first letter is its folded
            // form from the second letter on: a pair applied there gives a
            // variant that folds to one already checked.
            let initial_only =
                core.is_ascii() && core.bytes().skip(1).all(|b| !b.is_ascii_uppercase());
            let mut other = |v: &str| {
                if v != core {
                    consider(v);
                }
            };
            if initial_only {
                ctx.pairs.for_each_variant_at_start(&folded, &mut other);
            } else {
                ctx.pairs.for_each_variant(&folded, &mut other);
            }
        }
        return settle(cands, name_like, damaged, ctx);
    }
    let mut frontier = vec![core.to_string(), fold(core)];
    let mut seen: FxHashSet<String> = frontier.iter().cloned().collect();
    for _ in 0..depth {
        let mut next = Vec::new();
        for s in &frontier {
            for v in ctx.confusions.variants(s) {
                if !seen.insert(v.clone()) {
                    continue;
                }
                if ctx.candidate(&v) {
                    cands.push(fold(&v));
                }
                next.push(v);
            }
        }
        if !cands.is_empty() {
            break;
        }
        frontier = next;
    }
    settle(cands, name_like, damaged, ctx)
}

/// A capitalised word becomes another only if the document uses that one
/// (`folded`) in lower case, or more than once.
fn document_supports(folded: &str, ctx: &OcrContext<'_>) -> bool {
    ctx.vocabulary.lower_count(folded) > 0 || ctx.vocabulary.count(folded) >= 2
}

/// The reading the candidates of [`confusion_reading`] give.
fn settle(mut cands: Vec<String>, name_like: bool, damaged: bool, ctx: &OcrContext<'_>) -> Reading {
    if name_like {
        cands.retain(|c| document_supports(c, ctx));
    }
    if cands.is_empty() {
        return Reading::Nothing;
    }
    match choose_for(cands, ctx, Certainty::High, damaged) {
        Some((w, c)) => Reading::Word(w, c),
        None => Reading::Ambiguous,
    }
}

/// Words of the document one edit (delete, insert, substitute, transpose a
/// letter) away, that the lexicon trusts.
fn doc_edits(folded: &str, ctx: &OcrContext<'_>) -> Vec<String> {
    ctx.candidates
        .one_edit_from(folded)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Picks one candidate: the only one, or the only one the document uses, or
/// one the document uses far more than the rest. `best` is the certainty of
/// an unambiguous candidate the document uses; each doubt lowers it. A word
/// the document does not use is taken only when it is long (a short word
/// has too many neighbours to trust the confusion model alone).
fn choose(
    cands: Vec<String>,
    ctx: &OcrContext<'_>,
    best: Certainty,
) -> Option<(String, Certainty)> {
    choose_for(cands, ctx, best, false)
}

/// [`choose`] for a token that is certainly damaged (it holds marks no word
/// has): a four-letter candidate needs less support.
fn choose_for(
    mut cands: Vec<String>,
    ctx: &OcrContext<'_>,
    best: Certainty,
    damaged: bool,
) -> Option<(String, Certainty)> {
    cands.sort();
    cands.dedup();
    let lower = |c: Certainty| match c {
        Certainty::High => Certainty::Medium,
        _ => Certainty::Low,
    };
    match cands.len() {
        0 => None,
        1 => {
            let w = cands.pop()?;
            let len = w.chars().count();
            if ctx.in_doc(&w) > 0 {
                Some((w, best))
            } else if len >= 5 || (damaged && len >= 4) {
                Some((w, lower(best)))
            } else if len >= 4 {
                Some((w, Certainty::Low))
            } else {
                None
            }
        }
        _ => {
            let mut scored: Vec<(u32, String)> =
                cands.into_iter().map(|w| (ctx.in_doc(&w), w)).collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let (top, second) = (scored[0].0, scored[1].0);
            if top > 0 && second == 0 {
                Some((scored.swap_remove(0).1, lower(best)))
            } else if top >= 3 * second.max(1) {
                Some((scored.swap_remove(0).1, Certainty::Low))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lexicon::Lexicon;

    struct Fixture {
        lex: Lexicon,
        voc: Vocabulary,
        conf: ConfusionModel,
        fw: HashSet<String>,
    }

    fn fixture(doc: &str) -> Fixture {
        let mut lex = Lexicon::from_words(
            "the\npublic\nonce\nmore\nof\ncult\nworld\nstill\nbeen\nbean\ngave\nby\nparty\nconsequences\nand\nlife\na\npretext\nrear\ndegeneration\ncongress\nriots\nrestricted\nsince\non\nbasis\nfor\npeople\ntoy\nstalin\nsngels\nengels\nit\nthat\nwhole\nmillions\nthis\nwith\nprance\nfrance\ntho\n",
        );
        lex.add_suspects("tho\n");
        lex.add_words("all\netc\nwas\ngradually\nin\n");
        lex.add_abbreviations("etc\n");
        let fw = ["the", "of", "for", "by", "on", "and", "a", "it"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        Fixture {
            lex,
            voc: Vocabulary::from_texts([doc]),
            conf: ConfusionModel::builtin(),
            fw,
        }
    }

    fn proposals(f: &Fixture, text: &str, place: NodePlace) -> Vec<Proposal> {
        let words = Words::new(&f.lex);
        let mut table = TokenTable::default();
        let toks = table.index_block(&[crate::model::Inline::Text(text.into())], false);
        let ctx = OcrContext::new(&words, &f.voc, &f.conf, &f.fw, &table);
        propose(text, toks.node(0), place, &ctx)
    }

    /// The (as printed, corrected) pairs of [`run`]'s result.
    fn pairs(got: &[(String, String, CorrectionKind)]) -> Vec<(&str, &str)> {
        got.iter()
            .map(|(s, c, _)| (s.as_str(), c.as_str()))
            .collect()
    }

    fn run(f: &Fixture, text: &str, place: NodePlace) -> Vec<(String, String, CorrectionKind)> {
        proposals(f, text, place)
            .into_iter()
            .map(|p| (text[p.start..p.end].to_string(), p.corr, p.kind))
            .collect()
    }

    const DOC: &str = "the public once more the cult of the world still been the Party Congress Congress Congress consequences and the life for the people on the basis Engels";

    #[test]
    fn confusions_junk_and_splits() {
        let f = fixture(DOC);
        let got = run(
            &f,
            "the publio onoe more stil] be^n thecult w„orld tho",
            NodePlace::default(),
        );
        let corr = pairs(&got);
        assert_eq!(
            corr,
            vec![
                ("publio", "public"),
                ("onoe", "once"),
                ("stil]", "still"),
                ("be^n", "been"),
                ("thecult", "the cult"),
                ("w„orld", "world"),
                ("tho", "the"),
            ]
        );
    }

    #[test]
    fn words_and_names_are_left_alone() {
        let f = fixture(DOC);
        // A real word that is an OCR error (`toy` for `by`) needs context: left.
        assert!(run(&f, "issued toy the Party", NodePlace::default()).is_empty());
        // Capitalised inside a sentence: a name, even if one edit from a word.
        assert!(
            run(
                &f,
                "from the works of Sngels and Prance",
                NodePlace::default()
            )
            .is_empty()
        );
        // Capitals: not touched.
        assert!(
            run(
                &f,
                "THE CULT OF THE INDIVIDUAL PUBLIO",
                NodePlace::default()
            )
            .is_empty()
        );
        // A word the document repeats is its own.
        let f = fixture("Jenminjikpao said Jenminjikpao");
        assert!(run(&f, "the Jenminjikpao", NodePlace::default()).is_empty());
    }

    #[test]
    fn capitalised_at_sentence_start_is_corrected() {
        let f = fixture(DOC);
        let got = run(&f, "of the Party. Oongress met", NodePlace::default());
        assert_eq!(got[0].1, "Congress");
    }

    #[test]
    fn a_capitalised_initial_is_not_edited_at_default_certainty() {
        // `Milly` is one edit from `silly`, a word the document uses; at a
        // sentence start it may well be a name: the edit is only `low`.
        // `Peoxle` differs from `people` after its initial: made as before.
        let mut f = fixture("the people were silly and the people were kind");
        f.lex.add_words("silly\nkind\nwere\nsaid\nso\n");
        let certs = |t: &str| {
            let place = NodePlace {
                sentence_start: true,
                ..NodePlace::default()
            };
            proposals(&f, t, place)
                .into_iter()
                .map(|p| (p.corr, p.cert))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            certs("Milly said so."),
            vec![("Silly".into(), Certainty::Low)]
        );
        assert_eq!(
            certs("Peoxle said so."),
            vec![("People".into(), Certainty::Medium)]
        );
    }

    #[test]
    fn broken_words_and_marks() {
        let f = fixture(DOC);
        let got = run(
            &f,
            "Party. O n the basis, a.pretext consequences,and s.ince re?r Stalin:s",
            NodePlace::default(),
        );
        let corr = pairs(&got);
        assert_eq!(
            corr,
            vec![
                ("O n", "On"),
                ("a.pretext", "a pretext"),
                ("consequences,and", "consequences, and"),
                ("s.ince", "since"),
                ("re?r", "rear"),
                ("Stalin:s", "Stalin's"),
            ]
        );
    }

    #[test]
    fn junk_alone_and_at_edges() {
        let f = fixture(DOC);
        let got = run(
            &f,
            "the world ■ •• the •cult of life^",
            NodePlace::default(),
        );
        let corr = pairs(&got);
        assert_eq!(
            corr,
            vec![("■ ••", ""), ("•cult", "cult"), ("life^", "life")]
        );
    }

    #[test]
    fn heading_ends() {
        let f = fixture(DOC);
        let head = NodePlace {
            block_end: true,
            in_head: true,
            sentence_start: true,
            ..NodePlace::default()
        };
        let got = run(&f, "Poznan Riotss", head);
        assert_eq!(
            got,
            vec![("Riotss".into(), "Riots".into(), CorrectionKind::Punctuation)]
        );
        let got = run(&f, "Stalin Restricted i", head);
        assert_eq!(
            got,
            vec![("i".into(), "".into(), CorrectionKind::Punctuation)]
        );
        // A real word ending in a double letter is left.
        assert!(run(&f, "Congress", head).is_empty());
    }

    #[test]
    fn edit_distance_bound() {
        // Against the textbook table on every pair of short strings over
        // three letters (lengths 0 to 5).
        use crate::clean::vocabulary::edit_distance;
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=5 {
            for mut x in 0..3usize.pow(len) {
                let mut w = Vec::new();
                for _ in 0..len {
                    w.push(b"abc"[x % 3]);
                    x /= 3;
                }
                words.push(w);
            }
        }
        for a in &words {
            for b in &words {
                let d = edit_distance(a, b);
                for k in 0..=2 {
                    assert_eq!(levenshtein_slices(a, b, k), d <= k, "{a:?} {b:?} {k}");
                }
            }
        }
        assert!(levenshtein_at_most("ideolical", "ideological", 2));
        assert!(!levenshtein_at_most("ideolical", "ideologically", 2));
        assert!(levenshtein_at_most("abc", "abc", 0));
    }

    #[test]
    fn stray_marks_and_numbers() {
        let f = fixture(DOC);
        let got = run(
            &f,
            "Stalin was- gradually 43l J.V, Stalin in all. the etc. the",
            NodePlace::default(),
        );
        let corr = pairs(&got);
        assert_eq!(
            corr,
            vec![
                ("was-", "was"),
                ("43l", "431"),
                ("J.V,", "J.V."),
                ("all.", "all")
            ]
        );
    }

    #[test]
    fn quotes_read_as_one_and_damaged_runs() {
        let mut f = fixture("the Party and the Party of the crusades");
        f.lex.add_words("crusades\nfriends\n");
        let got = run(
            &f,
            "new \"crusades'1 against Friends'1 of the Partvand the",
            NodePlace::default(),
        );
        let corr = pairs(&got);
        assert_eq!(
            corr,
            vec![
                ("crusades'1", "crusades\""),
                ("Friends'1", "Friends'"),
                ("Partvand", "Party and"),
            ]
        );
        // A word not the document's is not repaired into a split.
        assert!(run(&f, "the Cultvand", NodePlace::default()).is_empty());
    }

    #[test]
    fn protected_edges_are_left() {
        let f = fixture(DOC);
        let place = NodePlace {
            protect_first: true,
            protect_last: true,
            ..NodePlace::default()
        };
        assert!(run(&f, "ment of the publio", place).is_empty());
    }
}
