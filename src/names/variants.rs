//! One referent, one entry, for a surname the OCR spells many ways. A
//! badly scanned transcript prints one speaker as `Belmont`, `Betmont`,
//! `BeLmont`, `Betmonr`, `Becmonr`…: damage beyond the one confusion pair
//! [`super::damage`] repairs. Here the person mentions of a document are
//! grouped by the spelling of their surname, and spellings of one name are
//! linked to one target.
//!
//! Two spellings are near when they start with the same letter and an
//! OCR-aware alignment turns one into the other cheaply: a pair of the
//! confusion table (`t`/`l`, `rn`/`m`), a case change or a mark for a
//! letter (`Be.mont`) costs half a plain edit; the sum may be at most 0.3
//! edits a letter. Near spellings form groups (transitively). Precision
//! first:
//! - a group with two or more spellings the document prints cleanly and
//!   often (three times or more) is one name only where the document
//!   plainly garbles it (four spellings or more); otherwise those spellings
//!   stay apart (`Johnson`, `Johnston`) and a rare spelling joins the one
//!   frequent spelling nearest to it, if only one is;
//! - a group whose mentions name two different full names or gazetteer
//!   people is left alone;
//! - only mentions by surname alone are linked; the group's target is its
//!   one full name or gazetteer person, else a person named by the group's
//!   best spelling: one the confusion table does not correct into another
//!   of the group (`Betmont` → `Belmont`), no word the document prints in
//!   small letters (`Duties`), printed cleanly, the most frequent.

use rustc_hash::{FxHashMap, FxHashSet};

use super::candidate::{Candidate, NewEntity, Target};
use super::rules::DocFacts;
use crate::clean::confusion::ConfusionModel;
use crate::model::{Certainty, NameKind};

/// Shortest spelling (in characters) grouped: short names have too many
/// neighbours.
const MIN_CHARS: usize = 4;

/// A spelling printed this often, cleanly, is a name of its own unless
/// the document garbles it ([`NOISY`]).
const FREQUENT: usize = 3;

/// Spellings in a group that show a name the OCR garbles.
const NOISY: usize = 4;

/// Costs in half edits: one confusion pair, a case change or a mark for a
/// letter is 1; any other substitution, insertion or deletion is 2.
const PAIR: u32 = 1;
const EDIT: u32 = 2;

/// The most a near spelling may cost, in half edits per ten letters: 0.3
/// edits a letter.
const PER_TEN_LETTERS: u32 = 6;

/// The confusion table as the alignment reads it, compiled once.
#[derive(Debug, Clone, Default)]
pub struct VariantCosts {
    /// One character for one, both ways, in small letters.
    pairs: FxHashSet<(char, char)>,
    /// The same for the letters `a`..`z`: bit `y` of `ascii[x]`, read
    /// without hashing in every cell of the alignment.
    ascii: [u32; 26],
    /// Several characters for others (`rn`/`m`), both ways, in small letters.
    multi: Vec<(Vec<char>, Vec<char>)>,
    /// The last characters of the `multi` pairs' first sides: the only
    /// places a multi pair is tried.
    multi_ends: FxHashSet<char>,
}

impl VariantCosts {
    pub fn new(m: &ConfusionModel) -> Self {
        let mut out = VariantCosts::default();
        for (seen, meant) in &m.pairs {
            let a: Vec<char> = seen.chars().flat_map(char::to_lowercase).collect();
            let b: Vec<char> = meant.chars().flat_map(char::to_lowercase).collect();
            if a == b {
                continue;
            }
            if let ([x], [y]) = (&a[..], &b[..]) {
                out.pairs.insert((*x, *y));
                out.pairs.insert((*y, *x));
                if x.is_ascii_lowercase() && y.is_ascii_lowercase() {
                    let (i, j) = ((*x as u8 - b'a') as usize, (*y as u8 - b'a') as u32);
                    out.ascii[i] |= 1 << j;
                    out.ascii[j as usize] |= 1 << i;
                }
            } else if !a.is_empty() && !b.is_empty() {
                for p in [(a.clone(), b.clone()), (b, a)] {
                    if !out.multi.contains(&p) {
                        out.multi.push(p);
                    }
                }
            }
        }
        out.multi_ends = out
            .multi
            .iter()
            .filter_map(|(p, _)| p.last().copied())
            .collect();
        out
    }

    fn substitution(&self, a: char, b: char) -> u32 {
        if a == b {
            0
        } else if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
            if self.ascii[(a as u8 - b'a') as usize] & 1 << (b as u8 - b'a') != 0 {
                PAIR
            } else {
                EDIT
            }
        } else if !a.is_alphabetic() || !b.is_alphabetic() || self.pairs.contains(&(a, b)) {
            PAIR
        } else {
            EDIT
        }
    }

    /// The alignment cost of `a` into `b` (small letters), or `None` above
    /// `limit`.
    fn cost(&self, a: &[char], b: &[char], limit: u32, d: &mut Vec<u32>) -> Option<u32> {
        let (n, m) = (a.len(), b.len());
        if n.abs_diff(m) as u32 * EDIT > limit {
            return None;
        }
        let w = m + 1;
        d.clear();
        d.resize((n + 1) * w, 0);
        for (j, cell) in d[..w].iter_mut().enumerate() {
            *cell = j as u32 * EDIT;
        }
        for i in 1..=n {
            d[i * w] = i as u32 * EDIT;
            let mut row_min = d[i * w];
            for j in 1..=m {
                let mut best = (d[(i - 1) * w + j - 1] + self.substitution(a[i - 1], b[j - 1]))
                    .min(d[(i - 1) * w + j] + EDIT)
                    .min(d[i * w + j - 1] + EDIT);
                if !self.multi_ends.contains(&a[i - 1]) {
                    d[i * w + j] = best;
                    row_min = row_min.min(best);
                    continue;
                }
                for (p, q) in &self.multi {
                    if p.len() <= i
                        && q.len() <= j
                        && a[i - p.len()..i] == p[..]
                        && b[j - q.len()..j] == q[..]
                    {
                        best = best.min(d[(i - p.len()) * w + j - q.len()] + PAIR);
                    }
                }
                d[i * w + j] = best;
                row_min = row_min.min(best);
            }
            if row_min > limit {
                return None;
            }
        }
        Some(d[n * w + m]).filter(|&c| c <= limit)
    }

    /// Whether `a` and `b` (small letters) are near spellings; `d` is the
    /// alignment's table, reused.
    fn near(&self, a: &[char], b: &[char], d: &mut Vec<u32>) -> bool {
        let letters = a.len().max(b.len()) as u32;
        self.cost(a, b, letters * PER_TEN_LETTERS / 10, d).is_some()
    }
}

/// How often each letter `a`..`z` occurs in a spelling (others not counted).
type Bag = [u8; 26];

fn bag(key: &[char]) -> Bag {
    let mut b = [0u8; 26];
    for &c in key {
        if c.is_ascii_lowercase() {
            let k = (c as u8 - b'a') as usize;
            b[k] = b[k].saturating_add(1);
        }
    }
    b
}

/// Letters of `a` that `b` lacks, counted: each costs at least a third of
/// a half edit (a multi pair like `rn`/`m` mends three at once).
fn missing(a: &Bag, b: &Bag) -> u32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| x.saturating_sub(*y) as u32)
        .sum()
}

/// A surname spelling of the document and the person mentions that print it.
struct Spelling {
    /// Small letters.
    key: Vec<char>,
    bag: Bag,
    count: usize,
    /// How it is printed best: cleanly if ever, else as first met.
    printed: String,
    clean: bool,
    /// Mentions (block, index) by surname alone.
    bare: Vec<(usize, usize)>,
    /// Targets of its mentions by full name or gazetteer person.
    named: Vec<Target>,
}

/// A person target made from a surname alone.
fn is_bare(t: &Target) -> bool {
    matches!(t, Target::New(n) if n.kind == NameKind::Person && n.forename.is_none())
}

/// The surname of a person mention: its last word, a possessive ending
/// dropped.
fn surname(s: &str) -> &str {
    let w = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w)
}

fn find(parent: &mut [usize], mut a: usize) -> usize {
    while parent[a] != a {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    a
}

/// Links the surname-alone mentions of one person's many spellings (see
/// the module's description). `texts[k]` is block `k`'s reading text.
pub fn link(
    vc: &VariantCosts,
    m: &ConfusionModel,
    facts: &DocFacts,
    texts: &[&str],
    v: &mut [Vec<Candidate>],
) {
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    for (k, cands) in v.iter().enumerate() {
        for (i, c) in cands.iter().enumerate() {
            if c.kind != NameKind::Person || matches!(c.target, Target::OneOf { .. }) {
                continue;
            }
            let printed = surname(&texts[k][c.start..c.end]);
            if !printed.chars().next().is_some_and(char::is_uppercase)
                || printed.chars().count() < MIN_CHARS
            {
                continue;
            }
            let lower = printed.to_lowercase();
            let s = match index.get(&lower) {
                Some(&s) => &mut spellings[s],
                None => {
                    index.insert(lower.clone(), spellings.len());
                    let key: Vec<char> = lower.chars().collect();
                    spellings.push(Spelling {
                        bag: bag(&key),
                        key,
                        count: 0,
                        printed: printed.to_string(),
                        clean: false,
                        bare: Vec::new(),
                        named: Vec::new(),
                    });
                    spellings.last_mut().expect("just pushed")
                }
            };
            s.count += 1;
            if !s.clean && super::damage::looks_clean(printed) {
                s.clean = true;
                s.printed = printed.to_string();
            }
            if is_bare(&c.target) {
                s.bare.push((k, i));
            } else if !s.named.contains(&c.target) {
                s.named.push(c.target.clone());
            }
        }
    }
    if spellings.len() < 2 {
        return;
    }
    // Near spellings: same first letter, lengths at most two apart.
    let mut order: Vec<usize> = (0..spellings.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&spellings[a].key, &spellings[b].key);
        (x[0], x.len()).cmp(&(y[0], y.len()))
    });
    let mut parent: Vec<usize> = (0..spellings.len()).collect();
    let mut edges: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut table = Vec::new();
    for (p, &a) in order.iter().enumerate() {
        for &b in &order[p + 1..] {
            let (x, y) = (&spellings[a].key, &spellings[b].key);
            if y[0] != x[0] || y.len() > x.len() + 2 {
                break;
            }
            // Cheap bound first: letters of one missing from the other.
            let (ma, mb) = (
                missing(&spellings[a].bag, &spellings[b].bag),
                missing(&spellings[b].bag, &spellings[a].bag),
            );
            let letters = x.len().max(y.len()) as u32;
            if (ma + mb).div_ceil(3) > letters * PER_TEN_LETTERS / 10 {
                continue;
            }
            if vc.near(x, y, &mut table) {
                edges.insert((a, b));
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra] = rb;
            }
        }
    }
    if edges.is_empty() {
        return;
    }
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for s in 0..spellings.len() {
        let r = find(&mut parent, s);
        groups.entry(r).or_default().push(s);
    }
    let frequent = |s: &Spelling| s.clean && s.count >= FREQUENT;
    let mut linked: Vec<Vec<usize>> = Vec::new();
    for (_, members) in groups {
        if members.len() < 2 {
            continue;
        }
        let strong: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&s| frequent(&spellings[s]))
            .collect();
        if strong.len() < 2 || members.len() >= NOISY {
            linked.push(members);
            continue;
        }
        // Names of their own: each frequent spelling with the rare ones
        // nearest to it alone.
        let mut parts: Vec<Vec<usize>> = strong.iter().map(|&s| vec![s]).collect();
        for &s in members.iter().filter(|s| !strong.contains(s)) {
            let heads: Vec<usize> = strong
                .iter()
                .enumerate()
                .filter(|&(_, &h)| edges.contains(&(s, h)) || edges.contains(&(h, s)))
                .map(|(p, _)| p)
                .collect();
            if let [p] = heads[..] {
                parts[p].push(s);
            }
        }
        linked.extend(parts.into_iter().filter(|p| p.len() > 1));
    }
    for members in linked {
        let mut named: Vec<&Target> = Vec::new();
        for s in &members {
            for t in &spellings[*s].named {
                if !named.contains(&t) {
                    named.push(t);
                }
            }
        }
        let target = match named[..] {
            [t] => t.clone(),
            [] => {
                let best = best_spelling(m, facts, &spellings, &members);
                Target::New(NewEntity::person(
                    None,
                    &title_case(&spellings[best].printed),
                    Certainty::Low,
                ))
            }
            _ => continue,
        };
        for s in &members {
            for &(k, i) in &spellings[*s].bare {
                v[k][i].target = target.clone();
            }
        }
    }
}

/// The spelling a group's person is named by: not corrected by one
/// confusion pair into another spelling of the group (that does not
/// correct back), not a word the document prints in small letters,
/// printed cleanly, the most frequent.
fn best_spelling(
    m: &ConfusionModel,
    facts: &DocFacts,
    spellings: &[Spelling],
    members: &[usize],
) -> usize {
    let keys: FxHashSet<String> = members
        .iter()
        .map(|&s| spellings[s].key.iter().collect())
        .collect();
    let corrects_to = |s: usize| -> Vec<String> {
        let own: String = spellings[s].key.iter().collect();
        let mut out = Vec::new();
        m.for_each_variant(&spellings[s].printed, |var| {
            let l = var.to_lowercase();
            if l != own && keys.contains(&l) && !out.contains(&l) {
                out.push(l);
            }
        });
        out
    };
    let reach: Vec<(String, Vec<String>)> = members
        .iter()
        .map(|&s| (spellings[s].key.iter().collect(), corrects_to(s)))
        .collect();
    let corrected = |p: usize| {
        let (own, to) = &reach[p];
        to.iter().any(|t| {
            reach
                .iter()
                .find(|(k, _)| k == t)
                .is_none_or(|(_, back)| !back.contains(own))
        })
    };
    let rank = |p: usize| {
        let s = &spellings[members[p]];
        let own: String = s.key.iter().collect();
        (
            !corrected(p),
            !facts.vocabulary.contains(&own),
            s.clean,
            s.count,
        )
    };
    let best = (0..members.len()).max_by_key(|&p| rank(p)).unwrap_or(0);
    members[best]
}

/// `BELMONT` → `Belmont`; other spellings as printed.
fn title_case(s: &str) -> String {
    if s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        let mut cs = s.chars();
        cs.next()
            .map(|c| c.to_string() + &cs.as_str().to_lowercase())
            .unwrap_or_default()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn costs() -> VariantCosts {
        let mut m = ConfusionModel::builtin();
        m.pairs.push(("t".into(), "l".into()));
        VariantCosts::new(&m)
    }

    fn near(a: &str, b: &str) -> bool {
        let a: Vec<char> = a.to_lowercase().chars().collect();
        let b: Vec<char> = b.to_lowercase().chars().collect();
        costs().near(&a, &b, &mut Vec::new())
    }

    #[test]
    fn ocr_spellings_are_near_other_names_are_not() {
        assert!(near("Betmont", "Belmont"));
        assert!(near("Betmonr", "Belmont"));
        assert!(near("Be.mont", "Belmont"));
        assert!(near("BELMONT", "Belmont"));
        assert!(near("Sregn", "Stern") || near("Sregn", "Sreen"));
        assert!(!near("Stern", "Smith"));
        assert!(!near("Hoover", "Helms"));
        assert!(!near("Rankin", "Rowley"));
    }
}
