//! Damaged punctuation at the end of a block (`Restricted i`, `Riotss`).

use super::*;

/// Damaged punctuation at the end of a block: a stray letter after the last
/// word (`Restricted i`, `information s`, `Conditionss !l`), a doubled final
/// letter in a heading (`Riotss`). Returns the proposals and the index of the
/// first token they cover (tokens from there on are handled).
pub(super) fn block_end(
    toks: Line<'_>,
    in_head: bool,
    ctx: &OcrContext<'_>,
) -> (Vec<Proposal>, usize) {
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
