//! Every block's tokens held at once, small: the names pass reads each
//! block's tokens in several steps, and as [`Tok`]s (24 bytes) all blocks'
//! tokens were the largest thing the pass held (7× the input: issue 14).
//! Tokens tile their text, so a token is its end and its kind: 4 bytes,
//! unpacked into one block's `Vec<Tok>` when a step reads that block.

use super::tokens::{Tok, TokKind, tokenize};

/// Ends below this fit beside the kind's two bits.
const END_LIMIT: usize = 1 << 30;
const KIND_SHIFT: u32 = 30;
const END_MASK: u32 = (1 << KIND_SHIFT) - 1;
/// The kinds by their two bits ([`TokKind`]'s order; 3 is never written).
const KINDS: [TokKind; 4] = [
    TokKind::Word,
    TokKind::Space,
    TokKind::Punct,
    TokKind::Punct,
];
const WORD: u32 = TokKind::Word as u32;

/// One block's tokens: packed, or (a reading text of a gigabyte or more)
/// as they are.
#[derive(Debug)]
enum Block {
    Packed(Box<[u32]>),
    Full(Vec<Tok>),
}

/// The tokens of every block, in block order.
#[derive(Debug, Default)]
pub(crate) struct PackedToks {
    blocks: Vec<Block>,
}

impl PackedToks {
    /// Tokenises each text, one at a time.
    pub(crate) fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let blocks = texts
            .into_iter()
            .map(|text| {
                let toks = tokenize(text);
                if text.len() >= END_LIMIT {
                    return Block::Full(toks);
                }
                Block::Packed(toks.iter().map(pack).collect())
            })
            .collect();
        PackedToks { blocks }
    }

    /// Block `k`'s tokens into `out` (cleared first), as [`tokenize`] gave them.
    pub(crate) fn unpack_into(&self, k: usize, out: &mut Vec<Tok>) {
        out.clear();
        match &self.blocks[k] {
            Block::Full(toks) => out.extend_from_slice(toks),
            Block::Packed(packed) => {
                let mut start = 0;
                out.extend(packed.iter().map(|&p| {
                    let t = unpack(start, p);
                    start = t.end;
                    t
                }));
            }
        }
    }

    /// Block `k`'s word tokens alone into `out` (cleared first).
    pub(crate) fn words_into(&self, k: usize, out: &mut Vec<Tok>) {
        out.clear();
        match &self.blocks[k] {
            Block::Full(toks) => out.extend(toks.iter().filter(|t| t.kind == TokKind::Word)),
            Block::Packed(packed) => {
                let mut start = 0;
                for &p in packed.iter() {
                    let end = (p & END_MASK) as usize;
                    if p >> KIND_SHIFT == WORD {
                        out.push(Tok {
                            start,
                            end,
                            kind: TokKind::Word,
                        });
                    }
                    start = end;
                }
            }
        }
    }

    /// Block `k`'s tokens.
    #[cfg(test)]
    pub(crate) fn get(&self, k: usize) -> Vec<Tok> {
        let mut out = Vec::new();
        self.unpack_into(k, &mut out);
        out
    }
}

/// Every block's word tokens (the others dropped), for the steps that read
/// only those.
pub(crate) fn word_tokens(toks: &PackedToks, blocks: usize) -> Vec<Vec<Tok>> {
    let mut buf = Vec::new();
    (0..blocks)
        .map(|k| {
            toks.words_into(k, &mut buf);
            // Exactly as long as it needs: held for two steps.
            buf.to_vec()
        })
        .collect()
}

fn pack(t: &Tok) -> u32 {
    // Below END_LIMIT: checked by the caller for the whole text.
    (t.end as u32) | ((t.kind as u32) << KIND_SHIFT)
}

fn unpack(start: usize, p: u32) -> Tok {
    Tok {
        start,
        end: (p & END_MASK) as usize,
        kind: KINDS[(p >> KIND_SHIFT) as usize],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacked_tokens_are_the_tokenizers() {
        let texts = [
            "Comrade J.V. Stalin's report, 1956 — “O'Neill” and Chou En-lai.",
            "",
            "  two\tspaces\u{a0}and a form\u{c}feed ",
            "Ünïcödé wörds: Москва, 北京!",
        ];
        let packed = PackedToks::new(texts.iter().copied());
        let mut buf = vec![Tok {
            start: 9,
            end: 9,
            kind: TokKind::Word,
        }];
        for (k, text) in texts.iter().enumerate() {
            packed.unpack_into(k, &mut buf);
            assert_eq!(buf, tokenize(text), "{text:?}");
            assert_eq!(packed.get(k), tokenize(text));
            packed.words_into(k, &mut buf);
            let words: Vec<Tok> = tokenize(text)
                .into_iter()
                .filter(|t| t.kind == TokKind::Word)
                .collect();
            assert_eq!(buf, words);
        }
        // Every kind survives packing, and an end just below the limit.
        for kind in [TokKind::Word, TokKind::Space, TokKind::Punct] {
            let t = Tok {
                start: 7,
                end: END_LIMIT - 1,
                kind,
            };
            assert_eq!(unpack(7, pack(&t)), t);
        }
    }
}
