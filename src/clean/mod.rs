//! Cleaning passes: line-end joins and OCR error repair (issue 3).
//!
//! Both passes only re-segment text nodes: a cut word gets `lb break="no"`
//! (and its dropped hyphen a `pc`), an OCR error becomes `choice/sic/corr`.
//! The diplomatic text never changes; the reading text does. Every change is
//! counted in the document's [`EditLog`](crate::model::EditLog).
#![warn(missing_docs, unreachable_pub)]

pub(crate) mod confusion;
pub(crate) mod context;
pub(crate) mod dehyphenate;
pub(crate) mod distance;
pub(crate) mod index;
pub mod lexicon;
pub(crate) mod ocr;
pub(crate) mod tokens;
pub(crate) mod vocabulary;

use std::collections::HashSet;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::{Block, BlockKind, Certainty, Document, Inline};
use confusion::ConfusionModel;
use context::{Collocations, ContextData, Ngrams};
use dehyphenate::{JoinContext, dehyphenate_block, lines_end_with_space};
use index::{BlockTokens, TokenTable};
use lexicon::{Lexicon, Words};
use ocr::{NodePlace, OcrContext, Proposal};
use vocabulary::Vocabulary;

/// Corrections are made only when the word list knows at least this share
/// of the document's word occurrences (an English OCR text: 0.9 and more;
/// a German or Spanish one read with the English list: under 0.4).
pub const MIN_KNOWN_SHARE: f64 = 0.6;

/// What the cleaning passes need.
#[derive(Debug, Clone)]
pub struct CleanConfig {
    /// Repair OCR errors; `false` keeps the text diplomatic (joins are still marked).
    pub corrections: bool,
    /// Corrections less certain than this are not made.
    pub min_cert: Certainty,
    /// The word list the passes trust.
    pub lexicon: Arc<Lexicon>,
    /// The OCR confusion pairs (`rn` read for `m`).
    pub confusions: ConfusionModel,
    /// Short words that never form a word together across a line end
    /// (`of` / `the`), and that a run-together pair must contain.
    pub function_words: HashSet<String>,
    /// Common phrases: evidence for real-word errors (`hear in mind`).
    pub collocations: Arc<Collocations>,
}

impl CleanConfig {
    /// The default set-up around a loaded lexicon.
    pub fn new(lexicon: Lexicon) -> Self {
        CleanConfig {
            corrections: true,
            min_cert: Certainty::Medium,
            lexicon: Arc::new(lexicon),
            confusions: ConfusionModel::builtin(),
            function_words: crate::structure::parse_word_list(
                crate::structure::DEFAULT_FUNCTION_WORDS,
            ),
            collocations: Arc::new(Collocations::builtin()),
        }
    }
}

/// The cleaning passes' counts for `--report`: joins, then corrections by
/// kind and certainty, one line each.
pub fn corrections_report(log: &crate::model::EditLog) -> String {
    let mut out = format!(
        "line-end joins: {} ({} printed hyphens dropped)\n",
        log.joins, log.hyphens_removed
    );
    let total: usize = log.corrections.values().sum();
    out.push_str(&format!("corrections: {total}\n"));
    if let Some(known) = log.corrections_withheld {
        out.push_str(&format!(
            "  withheld: the word list knows {:.1}% of the words (under {:.0}%)\n",
            f64::from(known) / 10.0,
            MIN_KNOWN_SHARE * 100.0
        ));
    }
    for ((kind, cert), n) in &log.corrections {
        out.push_str(&format!(
            "  {:<12} {:<6} {n}\n",
            kind.as_str(),
            cert.as_str()
        ));
    }
    out
}

/// Blocks whose text is read: paragraphs, headings, the title.
fn is_text_block(b: &Block) -> bool {
    matches!(
        b.kind,
        BlockKind::Paragraph | BlockKind::Head | BlockKind::TitlePart
    )
}

/// Runs dehyphenation, then OCR repair, over the document.
pub fn clean(doc: &mut Document, cfg: &CleanConfig) -> Result<()> {
    if cfg.lexicon.is_empty() {
        return Err(Error::Usage(
            "the cleaning passes need a word list, and the one given is empty".into(),
        ));
    }
    let spaced = lines_end_with_space(doc.source.lines.iter().map(|l| l.text.as_str()));
    // Every token of the text blocks, analysed once per distinct form; the
    // vocabulary of the lines as printed, for join decisions, comes from it.
    let text_bytes: usize = doc.source.lines.iter().map(|l| l.text.len() + 1).sum();
    let mut table = TokenTable::for_text(text_bytes);
    let mut log = std::mem::take(&mut doc.log);
    // The text blocks, walked out of the document once for every pass.
    let mut blocks = doc.blocks_mut();
    blocks.retain(|b| is_text_block(b));
    let mut indexed: Vec<BlockTokens> =
        table.index_blocks(blocks.iter().map(|b| b.content.as_slice()), true);
    let mut line_vocab = Vocabulary::default();
    line_vocab.add_counted(&table);
    let words = Words::new(&cfg.lexicon);
    let function_words: rustc_hash::FxHashSet<&str> =
        cfg.function_words.iter().map(String::as_str).collect();
    let join_ctx = JoinContext {
        lexicon: &words,
        vocabulary: &line_vocab,
        function_words: &function_words,
        lines_end_with_space: spaced,
    };
    let mut joined_words = Vec::new();
    for (k, b) in blocks.iter_mut().enumerate() {
        let c = dehyphenate_block(b, &join_ctx);
        log.joins += c.joins;
        log.hyphens_removed += c.hyphens_removed;
        joined_words.extend(c.words);
        if c.hyphens_removed > 0 {
            // A dropped hyphen splits a text node: index the block again.
            indexed[k] = table.index_block(&b.content, false);
        }
    }
    if cfg.corrections {
        // The reading text's vocabulary: joined words count as words (their
        // halves stay counted too, which only adds weight to short words).
        let mut vocab = line_vocab;
        for w in &joined_words {
            vocab.add_text(w);
        }
        // Word sequences of the text with its joins marked (a cut word is no word).
        let ngrams = Ngrams::build(
            &table,
            blocks.iter().map(|b| b.content.as_slice()).zip(&indexed),
        );
        let ctx = OcrContext::new(&words, &vocab, &cfg.confusions, &cfg.function_words, &table);
        let data = ContextData::new(&ngrams, &cfg.collocations);
        // A word list of another language than the text's would "correct"
        // most of its words: below this share of known words, none is made.
        let known = ctx.known_share();
        if known < MIN_KNOWN_SHARE {
            log.corrections_withheld = Some((known * 1000.0).round() as u32);
            doc.log = log;
            return Ok(());
        }
        // Every block's proposals first (they read the whole document), then
        // the changes.
        let proposals: Vec<Vec<(usize, Vec<Proposal>)>> = blocks
            .iter()
            .zip(&indexed)
            .map(|(b, toks)| propose_block(b, toks, &ctx, &data, cfg.min_cert))
            .collect();
        for (b, edits) in blocks.iter_mut().zip(proposals) {
            for p in apply(b, edits) {
                *log.corrections.entry((p.kind, p.cert)).or_default() += 1;
            }
        }
    }
    doc.log = log;
    Ok(())
}

/// Is the text node at `i` followed, before any other text, by a joined line start?
fn joined_after(content: &[Inline], i: usize) -> bool {
    for n in &content[i + 1..] {
        match n {
            Inline::LineStart { joins_word, .. } => return *joins_word,
            Inline::PrintedHyphen(_) | Inline::PageBreak(_) | Inline::Furniture(_) => {}
            Inline::Text(s) if s.trim().is_empty() => {}
            _ => return false,
        }
    }
    false
}

/// The corrections of one block's text nodes, by node, left to right.
fn propose_block(
    b: &Block,
    toks: &BlockTokens,
    ctx: &OcrContext<'_>,
    data: &ContextData<'_>,
    min_cert: Certainty,
) -> Vec<(usize, Vec<Proposal>)> {
    let in_head = matches!(b.kind, BlockKind::Head | BlockKind::TitlePart);
    let last_text = b
        .content
        .iter()
        .rposition(|n| matches!(n, Inline::Text(s) if !s.trim().is_empty()));
    let mut edits: Vec<(usize, Vec<Proposal>)> = Vec::new();
    let mut sentence_start = true;
    for (i, n) in b.content.iter().enumerate() {
        let Inline::Text(s) = n else { continue };
        if s.trim().is_empty() {
            continue;
        }
        let place = NodePlace {
            protect_first: i > 0
                && matches!(
                    b.content[i - 1],
                    Inline::LineStart {
                        joins_word: true,
                        ..
                    }
                ),
            protect_last: joined_after(&b.content, i),
            sentence_start,
            block_end: Some(i) == last_text,
            in_head,
        };
        let props: Vec<Proposal> = ocr::propose(s, toks.node(i), place, ctx)
            .into_iter()
            .filter(|p| p.cert >= min_cert)
            .collect();
        if let Some(t) = toks.node(i).last() {
            sentence_start = ctx.table.info(t.id).ends_sentence;
        }
        if !props.is_empty() {
            edits.push((i, props));
        }
    }
    if !in_head {
        // What the token alone could not settle, the words round it may.
        // Lookups by node and by span are logarithmic, not a scan of every
        // edit: a block (or a line) with many corrections stays linear.
        let spans: rustc_hash::FxHashMap<usize, Spans> =
            edits.iter().map(|(i, ps)| (*i, Spans::new(ps))).collect();
        let taken = |node: usize, start: usize, end: usize| {
            spans.get(&node).is_some_and(|s| s.overlaps(start, end))
        };
        let found: Vec<(usize, Proposal)> =
            context::propose_block(&b.content, toks, ctx, data, taken)
                .into_iter()
                .filter(|(_, p)| p.cert >= min_cert)
                .collect();
        let mut at: rustc_hash::FxHashMap<usize, usize> = edits
            .iter()
            .enumerate()
            .map(|(k, (i, _))| (*i, k))
            .collect();
        let mut touched = Vec::new();
        for (node, p) in found {
            match at.get(&node) {
                Some(&k) => edits[k].1.push(p),
                None => {
                    at.insert(node, edits.len());
                    edits.push((node, vec![p]));
                }
            }
            touched.push(node);
        }
        // One stable sort per node: the order the sort after every push gave.
        touched.sort_unstable();
        touched.dedup();
        for node in touched {
            edits[at[&node]].1.sort_by_key(|p| p.start);
        }
        edits.sort_by_key(|(i, _)| *i);
    }
    edits
}

/// The spans of a node's proposals, for overlap queries in O(log n).
struct Spans {
    /// (start, end) by start.
    by_start: Vec<(usize, usize)>,
    /// The largest end among the first k+1 spans.
    max_end: Vec<usize>,
}

impl Spans {
    fn new(ps: &[Proposal]) -> Self {
        let mut by_start: Vec<(usize, usize)> = ps.iter().map(|p| (p.start, p.end)).collect();
        by_start.sort_unstable();
        let max_end = by_start
            .iter()
            .scan(0, |m, &(_, e)| {
                *m = (*m).max(e);
                Some(*m)
            })
            .collect();
        Spans { by_start, max_end }
    }

    /// Does any span overlap `start..end`?
    fn overlaps(&self, start: usize, end: usize) -> bool {
        // Spans starting before `end`; one of them overlaps if it ends after `start`.
        let n = self.by_start.partition_point(|&(s, _)| s < end);
        n > 0 && self.max_end[n - 1] > start
    }
}

/// Applies one block's corrections (see [`propose_block`]); returns them.
/// The block's content is rebuilt in one pass (not spliced per edit, which
/// was quadratic in the corrections of a block).
fn apply(b: &mut Block, edits: Vec<(usize, Vec<Proposal>)>) -> Vec<Proposal> {
    let mut applied = Vec::new();
    if edits.is_empty() {
        return applied;
    }
    // A text node with k corrections becomes at most 2k + 1 nodes: the
    // content is allocated once, at its size (grown by doubling, rebuilt
    // contents took twice the memory they use: 71 MB for 35 MB on a 20 MB
    // file).
    let added: usize = edits.iter().map(|(_, ps)| 2 * ps.len()).sum();
    let mut edits = edits.into_iter().peekable();
    let old = std::mem::take(&mut b.content);
    let mut content = Vec::with_capacity(old.len() + added);
    for (i, n) in old.into_iter().enumerate() {
        while edits.peek().is_some_and(|(j, _)| *j < i) {
            edits.next();
        }
        let props = match (&n, edits.peek()) {
            (Inline::Text(_), Some((j, _))) if *j == i => edits.next().map(|(_, ps)| ps),
            _ => None,
        };
        let (Some(props), Inline::Text(s)) = (props, &n) else {
            content.push(n);
            continue;
        };
        let mut at = 0;
        for p in &props {
            if p.start < at {
                continue; // overlapping proposals: keep the first
            }
            if p.start > at {
                content.push(Inline::Text(s[at..p.start].to_string()));
            }
            content.push(Inline::Choice {
                sic: s[p.start..p.end].to_string(),
                corr: p.corr.clone(),
                kind: p.kind,
                cert: p.cert,
            });
            at = p.end;
            applied.push(p.clone());
        }
        if at < s.len() {
            content.push(Inline::Text(s[at..].to_string()));
        }
    }
    b.content = content;
    applied
}
