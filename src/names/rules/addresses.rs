//! Postal addresses and file numbers, read over the selected names of one
//! block. In a postal address only the city is a name (`349 Redwood Drive,
//! Woodacre, California`: Woodacre, not California), and a place followed
//! by a file number is a reference code (`Los Angeles 56-156`), not a
//! mention. Nothing here is a word list: the shapes are a house number, a
//! comma between the parts, and digits joined by a hyphen.

use super::super::candidate::Candidate;
use super::Rules;
use super::places::place;
use crate::model::{Certainty, NameKind};

/// Most comma-separated parts between the house number and the city
/// (`777 East Valley Boulevard, Apartment 32, Alhambra`).
const MAX_PARTS: usize = 2;

/// Most words of the city's name (`Santa Fe Springs`).
const MAX_CITY_WORDS: usize = 3;

impl Rules {
    /// `349 Redwood Drive, Woodacre, California`: the city of a postal
    /// address that ends in a known place, proposed before names are
    /// selected, so that the city is a place where else it is printed too.
    pub(super) fn address_cities(&self, text: &str, out: &mut Vec<Candidate>) {
        let mut two = String::new();
        for (comma, _) in text.match_indices(',') {
            let at = comma + 1 + (text[comma + 1..].len() - text[comma + 1..].trim_start().len());
            // No place's form starts with this byte: no look-up.
            if text
                .as_bytes()
                .get(at)
                .is_none_or(|&c| !self.place_form_first[c as usize])
            {
                continue;
            }
            // A known place of one or two words after the comma.
            let mut words = text[at..].split_whitespace();
            let one = words.next().unwrap_or("").trim_end_matches([',', '.', ';']);
            let known = self.place_forms.contains(one)
                || words.next().is_some_and(|w| {
                    two.clear();
                    two.push_str(one);
                    two.push(' ');
                    two.push_str(w.trim_end_matches([',', '.', ';']));
                    self.place_forms.contains(&two)
                });
            if !known {
                continue;
            }
            if let Some((start, end)) = self.city_before(text, at) {
                out.push(place(start, end, &text[start..end], Certainty::Low));
            }
        }
    }

    /// Drops the state (or county) after the city of a postal address and
    /// makes the city a place, and drops places that head a file number.
    /// `v` is sorted by start and does not overlap; it stays so.
    pub fn addresses(&self, text: &str, v: &mut Vec<Candidate>) {
        let mut drop = vec![false; v.len()];
        let mut cities = Vec::new();
        for (k, c) in v.iter().enumerate() {
            if c.kind != NameKind::Place {
                continue;
            }
            // A place with another after it is no state: the state ends
            // the address (`Herzog Building, Fairfax, California`).
            let place_after = v
                .get(k + 1)
                .is_some_and(|n| n.kind == NameKind::Place && text[c.end..n.start].trim() == ",");
            if file_number_after(&text[c.end..]) {
                drop[k] = true;
            } else if place_after {
                continue;
            } else if let Some((start, end)) = self.city_before(text, c.start) {
                drop[k] = true;
                cities.push((start, end));
            }
        }
        for &(start, end) in &cities {
            let exact = v
                .iter()
                .zip(&drop)
                .any(|(c, d)| !d && c.start == start && c.end == end && c.kind == NameKind::Place);
            if exact {
                continue;
            }
            // A name read inside the city (`Santa Fe Springs` as a person)
            // gives way; one reaching outside it keeps it from being a city.
            let mut inside = Vec::new();
            let mut blocked = false;
            for (k, c) in v.iter().enumerate() {
                if drop[k] || c.end <= start || c.start >= end {
                    continue;
                }
                if c.start >= start && c.end <= end {
                    inside.push(k);
                } else {
                    blocked = true;
                }
            }
            if blocked {
                continue;
            }
            for k in inside {
                drop[k] = true;
            }
            v.push(place(start, end, &text[start..end], Certainty::Low));
            drop.push(false);
        }
        let mut k = 0;
        v.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        v.sort_by_key(|c| c.start);
    }
}

/// ` 56-156`: digits, a hyphen and digits right after a place.
fn file_number_after(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = rest.split(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_end_matches([',', '.', ';']);
    match word.split_once('-') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

impl Rules {
    /// The city of a postal address whose last part starts at `at`: the part
    /// before `at` (capitalised words), after one or two parts of which the
    /// first starts with a house number (`349 Redwood Drive`, OCR may read
    /// its digits as letters: `9O1LL South Morrill`) or ends in a street word
    /// (`at Fourth and A Streets, Herzog Building, Fairfax`). Returns the
    /// city's span.
    fn city_before(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let before = text[..at].trim_end();
        let before = before.strip_suffix(',')?;
        // Comma-separated parts back from the city; each in one sentence.
        let mut parts = Vec::new();
        let mut end = before.len();
        for _ in 0..=MAX_PARTS {
            let start = before[..end]
                .rfind([',', '.', ';', ':', '(', '"'])
                .map_or(0, |p| p + 1);
            parts.push((start, end));
            if start == 0 || before.as_bytes()[start - 1] != b',' {
                break;
            }
            end = start - 1;
        }
        let span = |(s, e): (usize, usize)| {
            let part = &before[s..e];
            let lead = part.len() - part.trim_start().len();
            (s + lead, s + lead + part.trim().len())
        };
        let (cs, ce) = span(parts[0]);
        let city = &before[cs..ce];
        let words: Vec<&str> = city.split_whitespace().collect();
        if words.is_empty()
            || words.len() > MAX_CITY_WORDS
            || !words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            })
        {
            return None;
        }
        // The nearest part with a house number before capitalised words
        // (`349 Redwood Drive`, `at 526 South San Pedro`; not the year of `June
        // 4, 1968,` nor `the 1960s`), and parts of capitalised words and
        // numbers between it and the city.
        let words_of = |p: (usize, usize)| {
            let (s, e) = span(p);
            before[s..e].split_whitespace().collect::<Vec<_>>()
        };
        let capitalised = |w: &[&str]| {
            w.iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        };
        let house_number = |w: &[&str]| {
            (0..w.len().saturating_sub(1)).any(|i| {
                w[i].starts_with(|c: char| c.is_ascii_digit())
                    && !w[i]
                        .chars()
                        .any(|c| c.is_alphabetic() && !self.digit_letters.contains(&c))
                    && capitalised(&w[i + 1..])
            })
        };
        let street = |w: &[&str]| {
            w.last()
                .is_some_and(|l| self.street_words.contains(l.trim_end_matches(['.', ','])))
        };
        let numbered = parts[1..].iter().position(|&p| {
            let w = words_of(p);
            house_number(&w) || street(&w)
        })?;
        parts[1..numbered + 1]
            .iter()
            .all(|&p| {
                let w = words_of(p);
                !w.is_empty() && capitalised(&w)
            })
            .then_some((cs, ce))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::gazetteer::Gazetteer;

    fn at(text: &str, name: &str, kind: NameKind) -> Candidate {
        let start = text.find(name).unwrap();
        let mut c = place(start, start + name.len(), name, Certainty::Medium);
        c.kind = kind;
        c
    }

    fn kept(text: &str, mut v: Vec<Candidate>) -> Vec<(String, NameKind)> {
        let g = Gazetteer::embedded().unwrap();
        Rules::new(&g).unwrap().addresses(text, &mut v);
        v.iter()
            .map(|c| (text[c.start..c.end].to_string(), c.kind))
            .collect()
    }

    #[test]
    fn only_the_city_of_a_postal_address_is_a_name() {
        let t = "Mrs. WESTLAKE, 349 Redwood Drive, Woodacre, California, was contacted";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("Woodacre".into(), NameKind::Place)]);
        // A part between the street and the city; a known city stays itself.
        let t = "777 East Valley Boulevard, Apartment 32, Alhambra, California, gave";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("Alhambra".into(), NameKind::Place)]);
        let t = "at 526 South San Pedro, Los Angeles, California.";
        let v = vec![
            at(t, "Los Angeles", NameKind::Place),
            at(t, "California", NameKind::Place),
        ];
        assert_eq!(kept(t, v), [("Los Angeles".into(), NameKind::Place)]);
        // A name misread inside the city gives way to it.
        let t = "9011 South Morrill, Santa Fe Springs, California, was";
        let v = vec![
            at(t, "Santa Fe Springs", NameKind::Person),
            at(t, "California", NameKind::Place),
        ];
        assert_eq!(kept(t, v), [("Santa Fe Springs".into(), NameKind::Place)]);
        // OCR letters in the house number; a street word and no number.
        let t = "Mrs. SMITH, 4O1L North Elm, Glendora, California, was";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("Glendora".into(), NameKind::Place)]);
        let t = "located at Fifth and B Streets, Smith Building, Glendora, California.";
        let v = vec![
            at(t, "Glendora", NameKind::Place),
            at(t, "California", NameKind::Place),
        ];
        assert_eq!(kept(t, v), [("Glendora".into(), NameKind::Place)]);
    }

    #[test]
    fn the_city_is_proposed_where_a_known_place_follows() {
        let g = Gazetteer::embedded().unwrap();
        let rules = Rules::new(&g).unwrap();
        let cities = |t: &str| {
            let mut out = Vec::new();
            rules.address_cities(t, &mut out);
            out.iter()
                .map(|c| t[c.start..c.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            cities("Mrs. WESTLAKE, 349 Redwood Drive, Woodacre, California, was"),
            ["Woodacre"]
        );
        assert!(cities("returning to Woodacre, California, on").is_empty());
        assert!(cities("349 Redwood Drive, Woodacre, Smith said").is_empty());
    }

    #[test]
    fn no_house_number_no_address() {
        // A city and its state in running text are both names.
        let t = "returning to Woodacre, California, on June 16, 1968";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("California".into(), NameKind::Place)]);
        let t = "the Gun Club, Duarte, California, on June 4";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("California".into(), NameKind::Place)]);
        // A number in a sentence before it is no house number, nor a decade.
        let t = "in the 1960s Paris, Lyon, France was";
        let v = vec![at(t, "France", NameKind::Place)];
        assert_eq!(kept(t, v), [("France".into(), NameKind::Place)]);
        let t = "In 1963 he moved. Later, Paris, France was";
        let v = vec![at(t, "France", NameKind::Place)];
        assert_eq!(kept(t, v), [("France".into(), NameKind::Place)]);
        let t = "on June 4, 1968, Duarte, California, he";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("California".into(), NameKind::Place)]);
        // Parts before the house number need not be names.
        let t = "he said, 349 Redwood Drive, Woodacre, California.";
        let v = vec![at(t, "California", NameKind::Place)];
        assert_eq!(kept(t, v), [("Woodacre".into(), NameKind::Place)]);
    }

    #[test]
    fn a_place_before_a_file_number_is_no_name() {
        let t = "6/12/68 Duarte, California Los Angeles 56-155";
        let v = vec![
            at(t, "Duarte", NameKind::Place),
            at(t, "California", NameKind::Place),
            at(t, "Los Angeles", NameKind::Place),
        ];
        assert_eq!(
            kept(t, v),
            [
                ("Duarte".into(), NameKind::Place),
                ("California".into(), NameKind::Place)
            ]
        );
    }
}
