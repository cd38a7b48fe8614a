//! Lemmas: a dictionary of (form, XPOS) → lemma read from the treebank, and for unseen words an edit script
//! (lower-case or not, strip n characters, append a string) chosen by the XPOS and the longest known suffix.

use super::features::{HashMap64, key2};
use crate::model::{ModelError, get_len, get_str, get_u8, get_u32, get_u64, put_str, put_u32, put_u64};
use std::collections::{BTreeMap, HashMap};

/// The longest suffix the edit scripts are keyed by, in characters.
const MAX_SUFFIX: usize = 5;

/// How an unseen form becomes its lemma.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Script {
    lower: bool,
    strip: u8,
    append: String,
}

impl Script {
    fn of(form: &str, lemma: &str) -> Script {
        let lower_form = form.to_lowercase();
        let lower = lemma != form && (lemma == lower_form || !lemma.starts_with(&form[..first_char_len(form)]));
        let base = if lower { lower_form.as_str() } else { form };
        let common = base.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
        let strip = (base.chars().count() - common).min(255) as u8;
        let append: String = lemma.chars().skip(common).collect();
        Script { lower, strip, append }
    }

    fn applies(&self, form: &str) -> bool {
        (self.strip as usize) < form.chars().count() || (self.strip == 0 && form.is_empty())
    }

    fn apply(&self, form: &str, out: &mut String) {
        let start = out.len();
        if self.lower {
            out.extend(form.chars().flat_map(char::to_lowercase));
        } else {
            out.push_str(form);
        }
        let keep = out[start..].chars().count().saturating_sub(self.strip as usize);
        let cut = out[start..].char_indices().nth(keep).map_or(out.len(), |(i, _)| start + i);
        out.truncate(cut);
        out.push_str(&self.append);
    }
}

fn first_char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// The lemmatiser.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lemmatizer {
    lemmas: Vec<String>,
    /// hash(form, xpos id) → lemma id; exact form first, then the lower-cased form (flag bit 1 in the xpos key).
    dict: HashMap64<u32>,
    scripts: Vec<Script>,
    /// hash(suffix, xpos id) → script id.
    rules: HashMap64<u32>,
}

/// Where a lemma came from.
pub(crate) enum Found<'a> {
    /// A lemma from the dictionary.
    Dict(&'a str),
    /// A lemma built by an edit script into the caller's buffer.
    Built,
}

impl Lemmatizer {
    /// Learns from (form, xpos id, lemma) triples of the training words.
    pub(crate) fn train<'a>(words: impl Iterator<Item = (&'a str, u16, &'a str)>) -> Lemmatizer {
        // (form key) -> lemma -> count, deterministic order through BTreeMap.
        let mut exact: BTreeMap<(String, u16), BTreeMap<String, u32>> = BTreeMap::new();
        for (form, xpos, lemma) in words {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            *exact.entry((form.to_string(), xpos)).or_default().entry(lemma.to_string()).or_default() += 1;
        }
        let mut lower: BTreeMap<(String, u16), BTreeMap<String, u32>> = BTreeMap::new();
        for ((form, xpos), ls) in &exact {
            let e = lower.entry((form.to_lowercase(), *xpos)).or_default();
            for (l, n) in ls {
                *e.entry(l.clone()).or_default() += n;
            }
        }
        let mut lm = Lemmatizer::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let best = |ls: &BTreeMap<String, u32>| -> String {
            ls.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| l.clone()).unwrap_or_default()
        };
        for (flag, table) in [(0u64, &exact), (1u64 << 32, &lower)] {
            for ((form, xpos), ls) in table {
                let l = best(ls);
                let next = lm.lemmas.len() as u32;
                let id = *ids.entry(l.clone()).or_insert_with(|| {
                    lm.lemmas.push(l.clone());
                    next
                });
                lm.dict.insert(key2(form, u64::from(*xpos) | flag), id);
            }
        }
        // Edit scripts, counted over word types (one per distinct form and tag), keyed by tag and suffix.
        let mut counts: BTreeMap<(u16, String), BTreeMap<Script, u32>> = BTreeMap::new();
        for ((form, xpos), ls) in &exact {
            let script = Script::of(form, &best(ls));
            let lowered = form.to_lowercase();
            let chars: Vec<(usize, char)> = lowered.char_indices().collect();
            for n in 0..=MAX_SUFFIX.min(chars.len()) {
                let suf = if n == 0 { "" } else { &lowered[chars[chars.len() - n].0..] };
                *counts.entry((*xpos, suf.to_string())).or_default().entry(script.clone()).or_default() += 1;
            }
        }
        let mut script_ids: BTreeMap<Script, u32> = BTreeMap::new();
        for ((xpos, suf), scripts) in counts {
            let Some((s, _)) = scripts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else { continue };
            let next = script_ids.len() as u32;
            let id = *script_ids.entry(s.clone()).or_insert(next);
            lm.rules.insert(key2(&suf, u64::from(xpos)), id);
        }
        let mut scripts: Vec<(u32, Script)> = script_ids.into_iter().map(|(s, i)| (i, s)).collect();
        scripts.sort_by_key(|(i, _)| *i);
        lm.scripts = scripts.into_iter().map(|(_, s)| s).collect();
        lm
    }

    /// The lemma of `form` tagged `xpos`: from the dictionary, or built into `out` by an edit script.
    pub(crate) fn lemma<'a>(&'a self, form: &str, xpos: u16, out: &mut String) -> Found<'a> {
        if let Some(&id) = self.dict.get(&key2(form, u64::from(xpos))) {
            return Found::Dict(&self.lemmas[id as usize]);
        }
        let start = out.len();
        out.extend(form.chars().flat_map(char::to_lowercase));
        let lowered_id = self.dict.get(&key2(&out[start..], u64::from(xpos) | 1 << 32)).copied();
        if let Some(id) = lowered_id {
            out.truncate(start);
            return Found::Dict(&self.lemmas[id as usize]);
        }
        let chars = out[start..].chars().count();
        let mut script = None;
        for n in (0..=MAX_SUFFIX.min(chars)).rev() {
            let suf_start = out[start..].char_indices().nth(chars - n).map_or(out.len(), |(i, _)| start + i);
            if let Some(&id) = self.rules.get(&key2(&out[suf_start..], u64::from(xpos))) {
                let s = &self.scripts[id as usize];
                if s.applies(form) {
                    script = Some(s);
                    break;
                }
            }
        }
        out.truncate(start);
        match script {
            Some(s) => s.apply(form, out),
            None => out.push_str(form),
        }
        Found::Built
    }

    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        put_u32(out, self.lemmas.len() as u32);
        for l in &self.lemmas {
            put_str(out, l);
        }
        for table in [&self.dict, &self.rules] {
            let mut kv: Vec<(u64, u32)> = table.iter().map(|(&k, &v)| (k, v)).collect();
            kv.sort_unstable();
            put_u32(out, kv.len() as u32);
            for (k, v) in kv {
                put_u64(out, k);
                put_u32(out, v);
            }
        }
        put_u32(out, self.scripts.len() as u32);
        for s in &self.scripts {
            out.push(u8::from(s.lower));
            out.push(s.strip);
            put_str(out, &s.append);
        }
    }

    pub(crate) fn read_from(r: &mut &[u8]) -> Result<Lemmatizer, ModelError> {
        let n = get_len(r, 4, "lemmas")?;
        let mut lm = Lemmatizer::default();
        for _ in 0..n {
            lm.lemmas.push(get_str(r, "lemma")?);
        }
        let mut tables = [HashMap64::default(), HashMap64::default()];
        for t in &mut tables {
            let n = get_len(r, 12, "lemma table")?;
            t.reserve(n);
            for _ in 0..n {
                let k = get_u64(r, "lemma key")?;
                let v = get_u32(r, "lemma value")?;
                t.insert(k, v);
            }
        }
        let n = get_len(r, 6, "lemma scripts")?;
        for _ in 0..n {
            let lower = get_u8(r, "script")? != 0;
            let strip = get_u8(r, "script")?;
            lm.scripts.push(Script { lower, strip, append: get_str(r, "script")? });
        }
        let [dict, rules] = tables;
        if dict.values().any(|&v| v as usize >= lm.lemmas.len()) || rules.values().any(|&v| v as usize >= n) {
            return Err(ModelError::Corrupt("lemma id out of range".into()));
        }
        lm.dict = dict;
        lm.rules = rules;
        Ok(lm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(lm: &Lemmatizer, form: &str, xpos: u16) -> String {
        let mut out = String::new();
        match lm.lemma(form, xpos, &mut out) {
            Found::Dict(l) => l.to_string(),
            Found::Built => out,
        }
    }

    #[test]
    fn scripts() {
        let s = Script::of("studies", "study");
        assert_eq!((s.lower, s.strip, s.append.as_str()), (false, 3, "y"));
        let mut out = String::new();
        s.apply("worries", &mut out);
        assert_eq!(out, "worry");
        let s = Script::of("The", "the");
        assert!(s.lower);
        let s = Script::of("was", "be");
        assert_eq!((s.strip, s.append.as_str()), (3, "be"));
    }

    #[test]
    fn dictionary_then_rules() {
        let nns = 1;
        let vbd = 2;
        let words = [
            ("cats", nns, "cat"),
            ("dogs", nns, "dog"),
            ("went", vbd, "go"),
            ("walked", vbd, "walk"),
            ("talked", vbd, "talk"),
            ("Went", vbd, "go"),
        ];
        let lm = Lemmatizer::train(words.iter().copied());
        assert_eq!(get(&lm, "went", vbd), "go");
        assert_eq!(get(&lm, "WENT", vbd), "go");
        assert_eq!(get(&lm, "birds", nns), "bird");
        assert_eq!(get(&lm, "jumped", vbd), "jump");
        assert_eq!(get(&lm, "", vbd), "");
        assert_eq!(get(&lm, "ñandúes", nns), "ñandúe");
        let mut b = Vec::new();
        lm.write_to(&mut b);
        let lm2 = Lemmatizer::read_from(&mut b.as_slice()).unwrap();
        assert_eq!(get(&lm2, "birds", nns), "bird");
    }
}
