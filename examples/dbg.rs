use tei_encoder::clean::*;
fn main() {
    let lex = lexicon::Lexicon::load_default(std::path::Path::new(lexicon::DEFAULT_LEXICON_PATH)).unwrap();
    let voc = vocabulary::Vocabulary::from_texts([std::fs::read_to_string("data/seed/cult-of-the-individual-1956.txt").unwrap().as_str()]);
    let conf = confusion::ConfusionModel::builtin();
    let fw = tei_encoder::structure::parse_word_list(tei_encoder::structure::DEFAULT_FUNCTION_WORDS);
    let ctx = ocr::OcrContext { lexicon: &lex, vocabulary: &voc, confusions: &conf, function_words: &fw };
    for a in std::env::args().skip(1) {
        println!("{a}: {:?} trusted={}", ocr::propose(&a, ocr::NodePlace::default(), &ctx), lex.is_trusted_word(&a));
    }
}
