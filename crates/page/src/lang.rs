//! Cheap language identification: Unicode script first, then the share of each language's function words
//! (`data/stopwords_lang.tsv`). It only has to answer "is this English?" for whole articles, which function words do
//! reliably from a few dozen words on, at the cost of one hash lookup per word.

use dyad_core::{DataError, data_lines, tsv_columns};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const STOPWORDS_TSV: &str = include_str!("../../../data/stopwords_lang.tsv");

struct Stopwords {
    langs: Vec<&'static str>,
    /// Word (its UTF-8 bytes, so that a word lowercased on the stack is looked up without re-validating it) → bit
    /// set of the languages that list it.
    words: HashMap<&'static [u8], u32>,
}

const STOPWORDS_FILE: &str = "stopwords_lang.tsv";

static STOPWORDS: LazyLock<Stopwords> = LazyLock::new(|| load(STOPWORDS_TSV));

/// The parsed table. The file is compiled in and validated by a unit test, so a bad line is a build defect: it
/// panics at first use, naming the file and the line.
fn load(src: &'static str) -> Stopwords {
    parse(src).unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

fn parse(text: &'static str) -> Result<Stopwords, DataError> {
    let mut langs = Vec::new();
    let mut words: HashMap<&'static [u8], u32> = HashMap::default();
    for (line, row) in data_lines(text) {
        let err = |message: String| DataError { file: STOPWORDS_FILE, line, message };
        let [lang, list] = tsv_columns(STOPWORDS_FILE, line, row)?;
        if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(err(format!("{lang:?} is not an ISO 639-1 code")));
        }
        if langs.len() >= 32 {
            return Err(err("more than 32 languages".into()));
        }
        let bit = 1u32 << langs.len();
        langs.push(lang);
        for w in list.split_whitespace() {
            if w.chars().any(char::is_uppercase) {
                return Err(err(format!("{w:?} is not lowercase")));
            }
            *words.entry(w.as_bytes()).or_default() |= bit;
        }
    }
    if langs.first() != Some(&"en") {
        return Err(DataError { file: STOPWORDS_FILE, line: 0, message: "the first language must be en".into() });
    }
    Ok(Stopwords { langs, words })
}

/// `c.is_alphabetic()`, answered without the Unicode table (some 300 instructions a character) for ASCII and for
/// the ranges of [`common_letter`]. A test checks every char against the standard library.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { common_letter(c).unwrap_or_else(|| c.is_alphabetic()) }
}

/// `c.is_alphanumeric()`, with the same shortcuts as [`is_alphabetic`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { common_letter(c).unwrap_or_else(|| c.is_alphanumeric()) }
}

/// Whether a non-ASCII `c` is a letter, where that is known without the Unicode table: no for the General
/// Punctuation block (U+2000–U+206F: spaces, dashes, quotes, none of them letters or digits), `×` and `÷`; yes for
/// the letter ranges of the scripts pages come in most (Latin-1 letters, basic Cyrillic and Arabic letters, CJK
/// ideographs, Hangul syllables); `None` otherwise.
#[inline]
fn common_letter(c: char) -> Option<bool> {
    match c {
        '\u{2000}'..='\u{206f}' | '×' | '÷' => Some(false),
        'À'..='ÿ' | 'Ѐ'..='ҁ' | 'ء'..='ي' | '一'..='\u{9fff}' | '가'..='힣' => Some(true),
        _ => None,
    }
}

/// Whether `word` (any case) is an English function word.
pub(crate) fn is_english_stopword(word: &str, buf: &mut String) -> bool {
    language_bits(word, buf) & 1 != 0
}

/// The languages (bit set, in file order) that list `word` as a function word. ASCII words are lowercased on the
/// stack: this runs once per word of every page.
fn language_bits(word: &str, buf: &mut String) -> u32 {
    const LONGEST: usize = 16;
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > LONGEST * 2 {
        return 0;
    }
    if word.is_ascii() {
        if bytes.len() > LONGEST {
            return 0;
        }
        let mut lower = [0u8; LONGEST];
        for (l, b) in lower.iter_mut().zip(bytes) {
            *l = b.to_ascii_lowercase();
        }
        return STOPWORDS.words.get(&lower[..bytes.len()]).copied().unwrap_or(0);
    }
    buf.clear();
    buf.extend(word.chars().flat_map(char::to_lowercase));
    STOPWORDS.words.get(buf.as_bytes()).copied().unwrap_or(0)
}

/// The ISO 639-1 code of the language of `text`. Short or unclear text counts as English, the language dyad
/// expects, so that only clear evidence turns a page away.
pub(crate) fn detect(text: &str) -> &'static str {
    // Letters per script: Latin, Cyrillic, Arabic, Han, kana, Hangul, Greek, Hebrew, Devanagari, Bengali, Thai,
    // Armenian, Georgian, and any other.
    const CODES: [&str; 14] = ["en", "ru", "ar", "zh", "ja", "ko", "el", "he", "hi", "bn", "th", "hy", "ka", "und"];
    let mut scripts = [0usize; 14];
    let mut letters = 0usize;
    let mut accented = 0usize; // Latin letters outside ASCII: å, ł, ş, ő, ...
    if text.is_ascii() {
        // Each byte one char, every ASCII letter Latin and unaccented.
        letters = text.as_bytes().iter().take(20_000).filter(|b| b.is_ascii_alphabetic()).count();
        scripts[0] = letters;
    }
    for c in text.chars().take(if text.is_ascii() { 0 } else { 20_000 }) {
        if !is_alphabetic(c) {
            continue;
        }
        letters += 1;
        let slot = match c as u32 {
            0x0041..=0x024F | 0x1E00..=0x1EFF => 0,
            0x0400..=0x052F => 1,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFEFF => 2,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => 3,
            0x3040..=0x30FF => 4,
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => 5,
            0x0370..=0x03FF => 6,
            0x0590..=0x05FF => 7,
            0x0900..=0x097F => 8,
            0x0980..=0x09FF => 9,
            0x0E00..=0x0E7F => 10,
            0x0530..=0x058F => 11,
            0x10A0..=0x10FF => 12,
            _ => 13,
        };
        scripts[slot] += 1;
        if slot == 0 && !c.is_ascii() {
            accented += 1;
        }
    }
    if letters >= 20 && scripts[0] * 2 < letters {
        let (best, _) = scripts.iter().enumerate().skip(1).max_by_key(|s| *s.1).unwrap_or((13, &0));
        // Japanese mixes kana into Han text.
        if best == 3 && scripts[4] * 10 > scripts[3] {
            return "ja";
        }
        return CODES[best];
    }
    let sw = &*STOPWORDS;
    let mut counts = vec![0usize; sw.langs.len()];
    let mut words = 0usize;
    let mut buf = String::new();
    for w in text.split(|c: char| !is_alphabetic(c) && c != '\'').filter(|w| !w.is_empty()).take(3000) {
        words += 1;
        let bits = language_bits(w, &mut buf);
        if bits != 0 {
            for (i, c) in counts.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
    }
    if words < 15 {
        return "en";
    }
    let english = counts[0];
    let (best, &top) = counts.iter().enumerate().max_by_key(|c| *c.1).unwrap_or((0, &0));
    // Another language must clearly beat English and make up a real share of the words.
    if best != 0 && top > english + english / 2 && top * 8 > words {
        return sw.langs[best];
    }
    // Latin-script text with almost no English function words and with accented letters is some language the list
    // does not cover (Danish, Polish, Turkish, ...). English prose stays well above 10%; English tables and lists
    // may not, but they have next to no accented letters.
    if words >= 20 && english * 10 < words && accented * 100 >= scripts[0] {
        return "und";
    }
    "en"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "stopwords_lang.tsv:2: ")]
    fn a_bad_file_panics_at_first_use_naming_file_and_line() {
        load("en\tthe\nFR\tle\n");
    }

    #[test]
    fn the_shortcut_classes_agree_with_std_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn language_bits_match_a_lookup_of_the_lowercased_word() {
        let mut buf = String::new();
        for w in ["the", "The", "THE", "und", "Und", "Cuba", "été", "Été", "", "x", "ALongWordThatIsNoStopword", "ﬁ"]
        {
            let want = STOPWORDS.words.get(w.to_lowercase().as_bytes()).copied().unwrap_or(0);
            assert_eq!(language_bits(w, &mut buf), want, "{w}");
        }
        assert_ne!(language_bits("The", &mut buf), 0);
    }

    #[test]
    fn file_loads() {
        let s = parse(STOPWORDS_TSV).unwrap();
        assert!(s.langs.len() >= 5);
        assert!(parse("xx\tthe\n").is_err());
        assert!(parse("en\tThe\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let Err(e) = parse("# lang\twords\nen\tthe a\n\nfr le la\n") else {
            panic!("a one-column line must be rejected")
        };
        assert_eq!((e.file, e.line), ("stopwords_lang.tsv", 4));
        let Err(e) = parse("en\tthe\nFR\tle\n") else { panic!("an upper-case code must be rejected") };
        assert_eq!((e.file, e.line), ("stopwords_lang.tsv", 2));
    }

    #[test]
    fn detects() {
        let table = [
            (
                "The foreign ministers of the two countries met in Geneva on Monday and agreed that talks would resume.",
                "en",
            ),
            (
                "Les ministres des affaires étrangères des deux pays se sont rencontrés à Genève et ont dit que les négociations vont reprendre.",
                "fr",
            ),
            (
                "Die Außenminister der beiden Länder haben sich am Montag in Genf getroffen und sind sich einig, dass die Gespräche wieder aufgenommen werden.",
                "de",
            ),
            (
                "Los ministros de exteriores de los dos países se reunieron el lunes en Ginebra y dijeron que las conversaciones se reanudarán para la paz.",
                "es",
            ),
            (
                "Министры иностранных дел двух стран встретились в Женеве в понедельник и договорились продолжить переговоры.",
                "ru",
            ),
            ("短い", "en"),
            ("नई दिल्ली में दोनों देशों के विदेश मंत्रियों ने सोमवार को मुलाकात की और व्यापार बढ़ाने पर सहमति जताई", "hi"),
            (
                "Udenrigsministrene fra de to lande mødtes mandag i Genève og blev enige om at genoptage forhandlingerne \
              om handel, fiskeri og grænser næste måned, sagde ministeriet i en erklæring efter mødet i byen",
                "und",
            ),
            (
                "Ministrowie spraw zagranicznych obu krajów spotkali się w poniedziałek w Genewie i uzgodnili wznowienie \
              rozmów o handlu, rybołówstwie oraz granicach w przyszłym miesiącu, podało ministerstwo",
                "und",
            ),
            (
                "Kim Jong-un, Vladimir Putin, Xi Jinping, Joe Biden, Emmanuel Macron, Olaf Scholz, Fumio Kishida, \
              Narendra Modi and Luiz Inacio Lula da Silva met in Kazan for the summit of the BRICS group on Tuesday",
                "en",
            ),
        ];
        for (text, want) in table {
            assert_eq!(detect(text), want, "{text}");
        }
        let mut buf = String::new();
        assert!(is_english_stopword("The", &mut buf));
        assert!(!is_english_stopword("Cuba", &mut buf));
    }
}
