//! The abbreviations pass: "the United Auto Workers (UAW)", "the Government Accountability Office (GAO)": an
//! all-capital word in parentheses right after a mention is that actor's short name for the rest of the document,
//! so "The UAW refused" is the union, as written out.

use super::state::{DocumentResolver, Sentence, Work};
use crate::model::{ActorMention, MentionForm};
use crate::units::{Unit, tok_text};
use dyad_core::Span;

impl DocumentResolver<'_> {
    /// Mentions of the abbreviations the document defined before this sentence.
    pub(crate) fn abbreviations(&mut self, st: &Sentence, w: &mut Work) {
        if self.abbrevs.is_empty() {
            return;
        }
        for k in 0..st.units.len() {
            let Unit::Tok(_) = st.units[k] else { continue };
            if w.consumed[k] {
                continue;
            }
            let Some(word) = tok_text(&st.units[k], st.sentence, st.toks) else { continue };
            let Some(m) = self.abbrevs.get(word) else { continue };
            let v = st.view();
            let (s, e) = (st.offset + v.start(k), st.offset + v.end(k));
            let Ok(span) = Span::new(st.text, s, e) else { continue };
            w.out.push(ActorMention { span, text: word.to_string(), form: MentionForm::Name, ..m.clone() });
            w.consumed[k] = true;
        }
    }

    /// Learns the abbreviations the sentence defines: a mention followed by " (ABC)".
    pub(crate) fn learn_abbreviations(&mut self, text: &str, mentions: &[ActorMention]) {
        // A dateline's agency ("WASHINGTON (AP)") is no short name of the place.
        for m in mentions.iter().filter(|m| m.form != MentionForm::Pronoun && m.text.chars().any(char::is_lowercase)) {
            let rest = text.get(m.span.end()..).unwrap_or("");
            let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|x| x.0) else { continue };
            if is_abbreviation(inner) {
                self.abbrevs.entry(inner.to_string()).or_insert_with(|| m.clone());
            }
        }
    }
}

/// Two to six capital letters ("UAW", "NYAG"), possibly with an "&" ("AT&T" is listed anyway).
fn is_abbreviation(word: &str) -> bool {
    (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'&')
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn a_parenthesised_abbreviation_names_the_actor_after_it() {
        let text = "Kenyan teachers (KTU) marched. Later the KTU rejected the offer.";
        let got = mentions(text, None);
        assert_eq!(got, ["Kenyan teachers=KENEDU/Role", "KTU=KENEDU/Name"]);
        // Only after it was defined, and only an all-capital word.
        assert!(
            !mentions("The KTU rejected it. Kenyan teachers (KTU) marched.", None)
                .iter()
                .any(|m| m == "KTU=KENEDU/Name")
        );
        let got = mentions("NAIROBI (KNA) - Teachers marched. KNA reported it.", None);
        assert!(!got.iter().any(|m| m.starts_with("KNA=")), "{got:?}");
        assert!(!super::is_abbreviation("Ktu") && !super::is_abbreviation("A") && super::is_abbreviation("NYAG"));
    }
}
