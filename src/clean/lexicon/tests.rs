//! Unit tests of the lexicon.

use super::*;

#[test]
fn words_compounds_and_possessives() {
    let lex = Lexicon::from_words("party\nstalin\nworking\nclass\n# comment\n");
    assert!(lex.is_word("Party"));
    assert!(lex.is_word("Stalin's"));
    assert!(lex.is_word("working-class"));
    assert!(!lex.is_word("working-glass"));
    assert!(!lex.is_word(""));
}

#[test]
fn short_keys_tell_short_strings_apart() {
    let words = ["", "a", "a\0", "of", "fo", "the", "abcdefg", "’s"];
    let keys: Vec<u64> = words.iter().filter_map(|w| short_key(w)).collect();
    assert_eq!(keys.len(), words.len());
    for (i, k) in keys.iter().enumerate() {
        assert!(!keys[i + 1..].contains(k), "{:?}", words[i]);
    }
    assert_eq!(short_key("abcdefgh"), None);
}

#[test]
fn bloom_filter_never_misses_and_seldom_errs() {
    let mut b = Bloom::with_capacity(10_000);
    let words: Vec<String> = (0..10_000).map(|k| format!("w{k}x")).collect();
    for w in &words {
        b.insert(hash_str(w));
    }
    assert!(words.iter().all(|w| b.may_contain(hash_str(w))));
    let false_maybes = (0..10_000)
        .filter(|k| b.may_contain(hash_str(&format!("n{k}y"))))
        .count();
    assert!(
        false_maybes < 100,
        "{false_maybes} false positives in 10000"
    );
    // Growing keeps every word.
    let mut lex = Lexicon::from_words("one\n");
    let many: String = words.iter().map(|w| format!("{w}\n")).collect();
    lex.add_words(&many);
    assert!(words.iter().all(|w| lex.contains_folded(w)) && lex.contains_folded("one"));
}

#[test]
fn one_pass_fold_agrees_with_fold() {
    for t in [
        "",
        "a",
        "I",
        "The",
        "THE-END",
        "o'Brien's",
        "abcdefgh",
        "ABCDEFGHIJKLMNOPQ",
        "Zz@[`{",
        "Ünïcode",
        "x\u{7f}Y",
    ] {
        let mut folded = vec![0u8; t.len() + 8];
        let s = scan(t.as_bytes(), |at, c| {
            folded[at..at + 8].copy_from_slice(&c.to_le_bytes());
        });
        assert_eq!(&folded[..t.len()], t.to_ascii_lowercase().as_bytes(), "{t}");
        assert_eq!(s.hash, hash_str(&t.to_ascii_lowercase()), "{t}");
        assert_eq!(s.ascii, t.is_ascii(), "{t}");
        assert_eq!(s.joiner, t.contains(['\'', '-']), "{t}");
        assert_eq!(s.capital, t.bytes().any(|b| b.is_ascii_uppercase()), "{t}");
    }
    assert_ne!(hash_str("ab"), hash_str("ab\0"));
}

/// The answer as the lexicon gave it before [`Lexicon::folded_flags`]
/// walked both trust levels at once.
fn is_word_folded(lex: &Lexicon, folded: &str, trusted: bool) -> bool {
    let has = |w: &str| {
        if trusted {
            lex.trusts_folded(w)
        } else {
            lex.contains_folded(w)
        }
    };
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return false,
        (Some(c), None) => return matches!(c, 'a' | 'i'),
        _ => {}
    }
    if has(folded) {
        return true;
    }
    if !has_joiner(folded) {
        return false;
    }
    for suffix in ["'s", "’s", "s'", "'", "’"] {
        if let Some(stem) = folded.strip_suffix(suffix)
            && !stem.is_empty()
            && has(stem)
        {
            return true;
        }
    }
    if folded.contains('-') {
        return folded
            .split('-')
            .all(|p| !p.is_empty() && is_word_folded(lex, p, trusted));
    }
    false
}

#[test]
fn caseless_characters_fold_to_themselves() {
    let chars = ('\u{2000}'..='\u{206f}').chain('\u{df}'..='\u{ff}');
    for c in chars {
        let t = format!("Ab{c}Cd");
        assert!(caseless_beyond_ascii(t.as_bytes()), "{c:?}");
        assert!(!c.is_uppercase(), "{c:?}");
        assert_eq!(t.to_lowercase(), t.to_ascii_lowercase(), "{c:?}");
        assert_eq!(fold_cow(&t), t.to_lowercase());
    }
    for t in [
        "Ünïcode",
        "ΣΑΣ",
        "é\u{300}",
        "\u{2070}",
        "\u{1e9e}",
        "\u{c0}",
        "\u{de}",
    ] {
        assert!(!caseless_beyond_ascii(t.as_bytes()), "{t}");
    }
    for t in ["a’b", "a'b", "a-b", "’", "‘a", "a—b", "a\u{2099}"] {
        assert_eq!(has_joiner(t), t.contains(['\'', '’', '-']), "{t}");
    }
}

#[test]
fn answers_match_the_long_way() {
    let mut lex = Lexicon::from_words("the\ntho\nparty\nworking\nclass\ntho's\nrock-n\ndeformèd\n");
    lex.add_suspects("tho\ntho's\nzzz\n");
    let words = Words::new(&lex);
    for t in [
        "The",
        "THO",
        "tho",
        "tho's",
        "Tho's",
        "party's",
        "Working-Class",
        "working-",
        "a",
        "A",
        "b",
        "I",
        "",
        "-",
        "'",
        "zzz",
        "Rock-N",
        "thé",
        "Thé",
        "tho’s",
        "Party’s",
        "parties'",
        "the-tho",
        "The-Tho's",
        "a-i",
        "class-",
        "--",
        "Working-Class’s",
        "rock-n-roll",
        "É",
        "é-a",
        "deformèd",
        "Deformèd",
        "DEFORMèD",
        "deformèd’s",
        "deformèd's",
        "deformèd—",
        "à",
        "èè",
    ] {
        let folded = fold(t);
        let word = is_word_folded(&lex, &folded, false);
        let trusted = is_word_folded(&lex, &folded, true);
        assert_eq!(words.word_and_trusted(t), (word, trusted), "{t}");
        assert_eq!(words.trusts_candidate(t), trusted, "{t}");
    }
    assert!(!lex.contains_folded("The") && lex.contains_folded("the"));
    assert!(!lex.contains_folded("zzz") && lex.len() == 8);
}

#[test]
fn letter_fills_agree_with_asking_each_form() {
    let lex = Lexicon::from_words(
        "consequences\nconsequence\nparty\npart\nabcdefghijklmnopqrstuvwxyz\n\
         abcdefghijklmnopqrstuvwxyzabcdefg\nthé\nrock-n\ngo\na\n",
    );
    let words = Words::new(&lex);
    // Parts short and long, the hole in every chunk, capitals, joiners,
    // characters beyond ASCII, forms longer than the short way takes.
    let mut parts: Vec<(String, String)> = vec![
        ("cons".into(), "quences".into()),
        ("CONS".into(), "Quences".into()),
        ("par".into(), "y".into()),
        ("".into(), "arty".into()),
        ("part".into(), "".into()),
        ("".into(), "".into()),
        ("g".into(), "".into()),
        ("th".into(), "".into()),
        ("rock-".into(), "".into()),
        ("rock".into(), "n".into()),
        ("t".into(), "é".into()),
        ("TH".into(), "".into()),
    ];
    let long = "abcdefghijklmnopqrstuvwxyzabcdefg";
    for at in 0..long.len() {
        parts.push((long[..at].into(), long[at + 1..].into()));
        if at < 26 {
            parts.push((long[..at].into(), long[at + 1..26].into()));
        }
    }
    for (head, tail) in &parts {
        let mut got = Vec::new();
        words.for_each_trusted_fill(head, tail, |w| got.push(w.to_string()));
        let want: Vec<String> = ('a'..='z')
            .map(|l| format!("{head}{l}{tail}"))
            .filter(|w| words.trusts_candidate(w))
            .collect();
        assert_eq!(got, want, "{head}_{tail}");
    }
    let mut found = Vec::new();
    words.for_each_trusted_fill("CONS", "Quences", |w| found.push(w.to_string()));
    assert_eq!(found, ["CONSeQuences"]);
}

#[test]
fn suspect_entries_are_words_but_not_trusted() {
    let mut lex = Lexicon::from_words("the\ntho\n");
    lex.add_suspects("tho\n");
    assert!(lex.is_word("tho"));
    assert!(!lex.is_trusted_word("tho"));
    assert!(lex.is_trusted_word("the"));
}

#[test]
fn missing_list_names_the_package() {
    let err = Lexicon::from_path(Path::new("/nonexistent/dict/words")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("/nonexistent/dict/words"), "{msg}");
    assert!(msg.contains("wbritish"), "{msg}");
}

#[test]
fn missing_american_list_names_its_package() {
    let err = read_list(Path::new("/nonexistent/american"), AMERICAN_LEXICON_PACKAGE)
        .unwrap_err()
        .to_string();
    assert!(err.contains("wamerican"), "{err}");
}

#[test]
fn a_tiny_file_is_not_a_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("words");
    std::fs::write(&p, "one\ntwo\n").unwrap();
    assert!(matches!(Lexicon::from_path(&p), Err(Error::Data { .. })));
}
