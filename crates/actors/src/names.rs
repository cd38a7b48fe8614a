//! Name rules: which capitalised words make up a person's name, how two spellings of a name match, and the runs of
//! name words a sentence holds. No dictionary lists people's names here; the rules only read the words.

use crate::cues::{Gender, PersonCues};
use crate::data::{Gazetteer, Target};
use crate::model::ActorKind;
use crate::normalize::normalize;
use crate::units::{Hit, Toks, Unit};

/// Lowercase particles that may sit inside a person's name ("Jesus De Los Angeles", "Ibn Saud").
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von", "bin", "ibn", "al", "el", "di", "du", "le",
];

pub(crate) fn name_tokens(name: &str) -> Vec<String> {
    normalize(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

pub(crate) fn significant(tokens: &[String]) -> Vec<&str> {
    tokens.iter().map(String::as_str).filter(|t| !NAME_PARTICLES.contains(t)).collect()
}

/// Romanisations differ in endings ("Sotolong" / "Sotolongo"): long tokens that share a prefix match.
pub(crate) fn token_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 5 && long.starts_with(short) && long.len() - short.len() <= 2
}

pub(crate) fn contained<S: AsRef<str>, L: AsRef<str>>(short: &[S], long: &[L]) -> bool {
    short.len() >= 2 && short.iter().all(|s| long.iter().any(|l| token_eq(s.as_ref(), l.as_ref())))
}

/// The honorific written right before `start` ("Mr. " or "Sen "), as the gender it gives; `None` if there is none.
pub(crate) fn honorific_before(sentence: &str, start: usize) -> Option<Option<Gender>> {
    let before = sentence.get(..start)?.strip_suffix(' ')?;
    let before = before.strip_suffix('.').unwrap_or(before);
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next()?;
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    PersonCues::builtin().honorific(word)
}

/// Whether a capitalised run can be a person's name on its own evidence: its last word has two letters or more
/// ("Gen Z" names no one named Z), and no word is two words glued together by a page's markup ("OmarHillicon":
/// a capital after three lowercase letters, which "McKinley", "DeSantis" and "MacArthur" do not have).
pub(crate) fn plausible_name(name: &str) -> bool {
    // "We’ve asked": a contraction is a capitalised pronoun, not a name.
    let contraction = |w: &str| {
        [
            "'ve",
            "'re",
            "'ll",
            "'d",
            "'m",
            "n't",
            "\u{2019}ve",
            "\u{2019}re",
            "\u{2019}ll",
            "\u{2019}d",
            "\u{2019}m",
            "n\u{2019}t",
        ]
        .iter()
        .any(|c| w.len().checked_sub(c.len()).and_then(|i| w.get(i..)).is_some_and(|end| end.eq_ignore_ascii_case(c)))
    };
    if name.split(' ').any(contraction) {
        return false;
    }
    let glued = |w: &str| {
        let mut lower_run = 0;
        w.chars().any(|c| {
            let glue = c.is_uppercase() && lower_run >= 3;
            lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
            glue
        })
    };
    name.rsplit([' ', '-']).next().is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && !name.split([' ', '-']).any(glued)
}

/// A capitalised word no dictionary knows that could be part of a person's name ("Ruz", "Mario", "De").
pub(crate) fn is_name_word(w: &str, gaz: &Gazetteer) -> bool {
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    if !first_upper || !w.chars().any(char::is_lowercase) || !w.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return false;
    }
    let n = normalize(w);
    !gaz.stopwords.contains(&n) && !gaz.role_words.contains(&n) && !gaz.org_words.contains(&n)
}

/// The start of the name word that ends one space before `start` (and after `floor`), if any.
pub(crate) fn name_word_before(sentence: &str, start: usize, floor: usize, gaz: &Gazetteer) -> Option<usize> {
    let text = sentence.get(floor..start)?;
    // "Jaber al-Ahmad al-Sabah": a particle joined by a hyphen, right after a name word, is inside that name
    // (the particle and the word before it count as one name word).
    if let Some(p) = NAME_HYPHEN_PARTICLES.iter().find(|p| text.ends_with(*p)) {
        let before = text[..text.len() - p.len()].strip_suffix(' ')?;
        let word = before.rsplit(char::is_whitespace).next()?;
        return is_name_piece(word, gaz).then(|| start - p.len() - 1 - word.len());
    }
    let before = text.strip_suffix(' ')?;
    let word = before.rsplit(char::is_whitespace).next()?;
    is_name_word(word, gaz).then(|| start - 1 - word.len())
}

/// Particles written joined to the next word of a name ("al-Sabah", "ul-Haq").
pub(crate) const NAME_HYPHEN_PARTICLES: [&str; 8] = ["al-", "el-", "Al-", "El-", "ul-", "ud-", "ad-", "as-"];

/// A name word, or one with a joined particle ("al-Ahmad").
pub(crate) fn is_name_piece(word: &str, gaz: &Gazetteer) -> bool {
    let rest = NAME_HYPHEN_PARTICLES.iter().find_map(|p| word.strip_prefix(p)).unwrap_or(word);
    is_name_word(rest, gaz)
}

/// The end of the name word that starts one space after `end` (and before `ceil`), if any.
pub(crate) fn name_word_after(sentence: &str, end: usize, ceil: usize, gaz: &Gazetteer) -> Option<usize> {
    let after = sentence.get(end..ceil)?.strip_prefix(' ')?;
    let word = after.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '(')).next()?;
    is_name_word(word, gaz).then(|| end + 1 + word.len())
}

/// Whether the sentence reads like a title-case headline: several capitalised words and no lowercase word other
/// than the function words title case leaves small ("Leader Pledges Full Support for Russia"). Prose always has
/// some ("met", "said").
pub(crate) fn is_title_case(sentence: &str, toks: Toks, gaz: &Gazetteer) -> bool {
    let mut caps = 0;
    for t in toks.iter().filter(|t| t.word) {
        let w = &sentence[t.start..t.end];
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            caps += 1;
        } else if first.is_lowercase() && !gaz.stopwords.contains(w) {
            return false;
        }
    }
    caps >= 3
}

/// Maximal runs of capitalised words (with name particles inside) among the tokens no dictionary entry took; a
/// one-word firm name right after a name word ends the run as its surname ("James Roche", not the firm Roche).
pub(crate) fn name_runs(
    sentence: &str,
    toks: Toks,
    units: &[Unit],
    hits: &[Hit],
    gaz: &Gazetteer,
) -> Vec<(usize, usize)> {
    let firm_surname = |u: &Unit| {
        let Unit::Hit(h) = *u else { return false };
        let Some(hit) = hits.get(h) else { return false };
        let Target::Entry(e) = hit.sense.target else { return false };
        let e = &gaz.entries[e as usize];
        let surface = sentence.get(hit.start..hit.end).unwrap_or("");
        e.kind == ActorKind::Org
            && e.sector.as_deref() == Some("BUS")
            && !surface.contains(' ')
            && surface.chars().next().is_some_and(char::is_uppercase)
            && surface.chars().any(char::is_lowercase)
    };
    let word_kind = |u: &Unit| -> u8 {
        // 0 = not part of a name, 1 = capitalised name word, 2 = particle
        let Unit::Tok(t) = *u else { return 0 };
        let tok = toks.at(t);
        if !tok.word {
            return 0;
        }
        let w = &sentence[tok.start..tok.end];
        let first = w.chars().next().unwrap_or(' ');
        // Lowercase words are never name words except particles: decide those without allocating.
        if !first.is_uppercase() {
            if let Some((prefix, rest)) = w.split_once('-')
                && NAME_PARTICLES.contains(&prefix)
                && rest.chars().next().is_some_and(|c| c.is_uppercase())
            {
                return 1;
            }
            return if NAME_PARTICLES.contains(&w) { 2 } else { 0 };
        }
        let norm = normalize(w);
        if NAME_PARTICLES.contains(&norm.as_str()) {
            // A capitalised particle can open a name ("Le Hoai Trung", "De Klerk").
            return if first.is_uppercase() { 1 } else { 2 };
        }
        if let Some((prefix, rest)) = w.split_once('-')
            && NAME_PARTICLES.contains(&prefix)
            && rest.chars().next().is_some_and(|c| c.is_uppercase())
        {
            return 1;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = letters >= 2 && w.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
        if first.is_uppercase() && !all_caps && !gaz.stopwords.contains(&norm) && !w.contains('.') { 1 } else { 0 }
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if word_kind(&units[i]) != 1 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < units.len() {
            match word_kind(&units[j]) {
                1 => {
                    end = j;
                    j += 1;
                }
                2 => j += 1,
                _ => {
                    if j == end + 1 && firm_surname(&units[j]) {
                        end = j;
                    }
                    break;
                }
            }
        }
        runs.push((start, end));
        i = end + 1;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{build_units, tokens_of};

    #[test]
    fn fuzzy_names() {
        let a = name_tokens("Aise Sotolong");
        let b = name_tokens("Jesus De Los Angeles Aise Sotolongo");
        assert!(contained(&significant(&a), &significant(&b)));
        let c = name_tokens("Kim Jong Un");
        let d = name_tokens("Kim Jong Il");
        assert!(!contained(&significant(&c), &significant(&d)));
        assert_eq!(crate::normalize::slug("Kim Il-sung"), "kim-il-sung");
    }

    #[test]
    fn plausible_names() {
        for (name, ok) in
            [("Jane Doe", true), ("Gen Z", false), ("OmarHillicon", false), ("McKinley", true), ("We've", false)]
        {
            assert_eq!(plausible_name(name), ok, "{name}");
        }
    }

    #[test]
    fn runs_of_name_words_keep_particles_inside() {
        let gaz = Gazetteer::builtin();
        let runs_of = |s: &str| -> Vec<String> {
            let tokens = tokens_of(s);
            let toks = Toks::new(&tokens, 0);
            let units = build_units(&[], toks);
            name_runs(s, toks, &units, &[], &gaz)
                .into_iter()
                .map(|(a, b)| s[toks.at(a).start..toks.at(b).end].to_string())
                .collect()
        };
        assert_eq!(runs_of("On Friday Jesus De Los Angeles Aise met the press"), ["Jesus De Los Angeles Aise"]);
        // A sentence adverb before a name, with no comma, is not part of it.
        for s in ["Now Julian Roe faces charges", "Then Julian Roe said", "Despite Julian Roe the talks went on"] {
            assert_eq!(runs_of(s), ["Julian Roe"], "{s}");
        }
        assert!(is_title_case(
            "Leader Pledges Full Support for Russia",
            Toks::new(&tokens_of("Leader Pledges Full Support for Russia"), 0),
            &gaz
        ));
        assert_eq!(honorific_before("met Mrs. Roe", 9), Some(Some(Gender::Female)));
    }
}
