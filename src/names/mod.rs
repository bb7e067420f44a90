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
mod facts;
pub mod gazetteer;
mod initials;
pub mod matcher;
mod organs;
mod packed;
mod propagate;
pub mod reading;
mod registry;
mod resolve;
pub mod rules;
mod select;
pub mod tokens;
pub mod variants;

use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use candidate::Candidate;
use facts::doc_facts;
use gazetteer::Gazetteer;
use initials::extend_over_initials;
use matcher::FormMatcher;
use organs::{extend_state_forms, join_organs};
use packed::{PackedToks, word_tokens};
use propagate::{propagate_places, propagate_surnames};
use reading::{ReadingMap, wrap};
use registry::{Registry, document_ids, spans_of};
use resolve::{confirm_capital_orgs, explicit_counts, resolve};
use rules::{BlockText, Rules};
use select::select;
use tokens::Tok;

// Where the repairs reach it (`super::forename_before`).
pub(crate) use propagate::forename_before;

use crate::error::Result;
use crate::model::{BlockKind, Document, NameKind, Standoff};

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
    // Every block's tokens, packed: one block's unpacked at a time.
    let toks = PackedToks::new(maps.iter().map(|m| m.text.as_str()));
    let mut block_toks: Vec<Tok> = Vec::new();
    let facts = doc_facts(&maps, &toks);

    let mut cands: Vec<Vec<Candidate>> = Vec::with_capacity(blocks.len());
    for (k, b) in blocks.iter().enumerate() {
        let text = &maps[k].text;
        toks.unpack_into(k, &mut block_toks);
        let mut v = c.matcher.find(g, text);
        extend_over_initials(g, text, &mut v);
        let bt = BlockText {
            text,
            toks: &block_toks,
            is_head: b.kind == BlockKind::Head,
        };
        v.extend(c.rules.find(g, &bt, &facts));
        v.extend(bodies::alone(&g.rules.state_bodies, text, &block_toks));
        // Held for the whole pass: no spare room.
        v.shrink_to_fit();
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
        toks.unpack_into(k, &mut block_toks);
        let bt = BlockText {
            text: &maps[k].text,
            toks: &block_toks,
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
    // These two read only the words (a test holds them to it): the other
    // tokens, more than half, are left packed.
    let words = word_tokens(&toks, maps.len());
    drop(toks);
    acronyms::link(&texts, &words, &mut selected);
    cluster::cluster(g, &texts, &mut selected);
    let repairs = damage::repair(g, &c.repair, &maps, &words, &facts, &mut selected);
    drop(words);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `acronyms::link` and `damage::repair` are given only the word tokens
    /// (the rest stay packed): they must do with those what they do with all.
    #[test]
    fn abbreviations_and_repairs_need_only_the_words() {
        let cfg = NamesConfig::default();
        let c = &*cfg.compiled;
        let g = &c.gazetteer;
        let seed = include_str!("../../data/seed/cult-of-the-individual-1956.txt");
        let mut texts: Vec<String> = seed
            .lines()
            .collect::<Vec<_>>()
            .chunks(12)
            .map(|ls| ls.join(" "))
            .collect();
        texts.push("The Historical Review Group (HRG) met; the HRG, (HRG) said so.".into());
        texts.push(
            "Harold Wilson spoke. Harold Wilson left. Then Harold Wilsdn, and Wilsdn: Wilsdn."
                .into(),
        );
        let maps: Vec<ReadingMap> = texts
            .iter()
            .map(|t| ReadingMap::build(&[crate::model::Inline::Text(t.clone())]))
            .collect();
        let packed = PackedToks::new(maps.iter().map(|m| m.text.as_str()));
        let facts = doc_facts(&maps, &packed);
        let mut selected: Vec<Vec<Candidate>> = maps
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let toks = packed.get(k);
                let bt = BlockText {
                    text: &m.text,
                    toks: &toks,
                    is_head: false,
                };
                let mut v = c.matcher.find(g, &m.text);
                v.extend(c.rules.find(g, &bt, &facts));
                select(&m.text, v)
            })
            .collect();
        let all: Vec<Vec<Tok>> = (0..maps.len()).map(|k| packed.get(k)).collect();
        let words = word_tokens(&packed, maps.len());
        assert!(words.iter().flatten().count() * 2 < all.iter().flatten().count() + 1);
        let texts: Vec<&str> = maps.iter().map(|m| m.text.as_str()).collect();
        let mut with_all = selected.clone();
        acronyms::link(&texts, &all, &mut with_all);
        acronyms::link(&texts, &words, &mut selected);
        assert_eq!(with_all, selected);
        let hrg = texts.len() - 2;
        assert!(selected[hrg].len() >= 3, "{:?}", selected[hrg]);
        let repaired_all = damage::repair(g, &c.repair, &maps, &all, &facts, &mut with_all);
        let repaired = damage::repair(g, &c.repair, &maps, &words, &facts, &mut selected);
        assert_eq!(with_all, selected);
        assert_eq!(repaired_all, repaired);
        assert!(repaired.iter().flatten().count() >= 1);
    }
}
