//! Initials before a gazetteer surname (`J.V. Stalin`): part of the mention.

use super::candidate::{Candidate, Source, Target};
use super::gazetteer::Gazetteer;

/// `J.V. Stalin`, `V.I.\nLenin`, `J.V, Stalin`: initials before a gazetteer
/// surname join the mention when they fit the person.
pub(super) fn extend_over_initials(g: &Gazetteer, text: &str, v: &mut [Candidate]) {
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
pub(super) fn initials_before(text: &str, pos: usize) -> Option<(usize, Vec<char>)> {
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
}
