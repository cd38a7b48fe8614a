//! `dyad train corpus`: the unlabelled English news sentences the parser is uptrained on (Petrov et al. 2010).
//!
//! The body text of every English page that dyad's extractor reads in the bench folders, split into sentences and
//! UD tokens as the pipeline does, minus every sentence the project evaluates on (MEANTIME, hence the news-gold
//! parse sentences; the PLOVER GSR sentences; the seeds) and every page of an event gold file. Kept: 5–60 tokens,
//! at least 60 % of them with a letter, no repeats. Written as CoNLL-U with forms only, in the order of a hash of
//! their text (a deterministic shuffle, so that the first N sentences are a sample of all pages), at most `limit`.

use anyhow::Context;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Shortest and longest sentences kept, in tokens.
const MIN_TOKENS: usize = 5;
const MAX_TOKENS: usize = 60;

/// A sentence's key for matching against the evaluation sentences: its letters and digits, lower-cased (so
/// tokenisation and spacing do not matter).
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// FNV-1a hash of a sentence key: the deterministic order of the output.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Whether a tokenised sentence is kept: 5–60 tokens, at least 60 % of them with a letter.
fn keep(tokens: &[&str]) -> bool {
    let letters = tokens.iter().filter(|t| t.chars().any(char::is_alphabetic)).count();
    (MIN_TOKENS..=MAX_TOKENS).contains(&tokens.len()) && letters * 10 >= tokens.len() * 6
}

/// The sentences of `text` (split and tokenised as the pipeline does), paragraph by paragraph.
fn sentences(text: &str) -> Vec<Vec<&str>> {
    text.split("\n\n")
        .flat_map(|para| {
            dyad_text::split_sentences(para)
                .into_iter()
                .map(move |span| dyad_text::ud_tokens(para, span).iter().filter_map(|t| t.slice(para)).collect())
        })
        .collect()
}

/// Keys of the evaluation sentences: MEANTIME, PLOVER GSR, the seed pages.
fn excluded_keys(meantime: &Path, plover: &Path, seeds: &Path) -> anyhow::Result<HashSet<String>> {
    let mut keys = HashSet::new();
    let docs = dyad_bench::meantime::load(meantime).with_context(|| format!("reading {}", meantime.display()))?;
    anyhow::ensure!(!docs.is_empty(), "no MEANTIME article under {}", meantime.display());
    for d in &docs {
        keys.extend(d.sentences.iter().filter_map(|&(a, b)| d.text.get(a..b)).map(key));
    }
    let gsr: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(plover).with_context(|| format!("reading {}", plover.display()))?,
    )?;
    for rec in gsr.as_array().into_iter().flatten() {
        if let Some(t) = rec.get("text").and_then(|t| t.as_str()) {
            keys.insert(key(t));
            keys.extend(sentences(t).iter().map(|s| key(&s.join(" "))));
        }
    }
    let mut n = 0;
    for e in std::fs::read_dir(seeds).with_context(|| format!("reading {}", seeds.display()))? {
        let text = std::fs::read_to_string(e?.path())?;
        keys.extend(sentences(&text).iter().map(|s| key(&s.join(" "))));
        n += 1;
    }
    anyhow::ensure!(n > 0, "no seed page under {}", seeds.display());
    keys.remove("");
    Ok(keys)
}

/// File names of the pages of the event gold files. A file that does not read is an error: a gold file left out
/// silently would let its pages into the training text.
fn excluded_pages(files: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{}", f.display()))?;
            if let Some(p) = v.get("page").and_then(|p| p.as_str()) {
                names.push(p.rsplit('/').next().unwrap_or(p).to_string());
            }
        }
    }
    Ok(names)
}

/// Runs the command.
pub fn run(
    dirs: &[PathBuf],
    gold_files: &[PathBuf],
    meantime: &Path,
    plover: &Path,
    seeds: &Path,
    limit: usize,
    out: &Path,
) -> anyhow::Result<()> {
    let keys = excluded_keys(meantime, plover, seeds)?;
    let skip = excluded_pages(gold_files)?;
    let pages = crate::cmd::train::read_named_pages(dirs, &skip)?;
    let (mut seen, mut kept_sentences) = (HashSet::new(), Vec::new());
    let (mut total, mut dropped_eval, mut dropped_shape, mut dropped_repeat) = (0, 0, 0, 0);
    for (name, body) in &pages {
        for (i, s) in sentences(body).iter().enumerate() {
            total += 1;
            let text = s.join(" ");
            let k = key(&text);
            if keys.contains(&k) {
                dropped_eval += 1;
            } else if !keep(s) {
                dropped_shape += 1;
            } else if seen.contains(&k) {
                dropped_repeat += 1;
            } else {
                let mut block = format!("# sent_id = {name}-{i}\n# text = {text}\n");
                for (j, t) in s.iter().enumerate() {
                    let _ = writeln!(block, "{}\t{t}\t_\t_\t_\t_\t_\t_\t_\t_", j + 1);
                }
                block.push('\n');
                kept_sentences.push((fnv(&k), s.len(), block));
                seen.insert(k);
            }
        }
    }
    kept_sentences.sort();
    kept_sentences.truncate(limit);
    let text: String = kept_sentences.iter().map(|(_, _, b)| b.as_str()).collect();
    let (kept, words) = (kept_sentences.len(), kept_sentences.iter().map(|(_, n, _)| n).sum::<usize>());
    std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "{} English pages ({} gold pages left out, {} evaluation sentence keys); {total} sentences: {dropped_eval} \
         evaluation sentences, {dropped_shape} outside 5-60 tokens or not mostly words, {dropped_repeat} repeats \
         left out; {} kept; wrote {kept} sentences, {words} tokens to {}",
        pages.len(),
        skip.len(),
        keys.len(),
        seen.len(),
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_spacing_and_case() {
        assert_eq!(key("Iran attacked the town ."), key("iran attacked the town."));
        assert_ne!(key("Iran attacked the town."), key("Iraq attacked the town."));
    }

    #[test]
    fn keeps_mostly_word_sentences_of_five_to_sixty_tokens() {
        assert!(keep(&["Iran", "attacked", "the", "town", "."]));
        assert!(!keep(&["Iran", "attacked", "."]));
        assert!(!keep(&["1", "2", "3", "4", "a", "|"]));
        assert!(!keep(&["word"; 61]));
    }
}
