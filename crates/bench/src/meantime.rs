//! `dyad bench meantime`: temporal normalisation against MEANTIME's gold TIMEX3 values.
//!
//! Each article is fed to one [`dyad_time::TimeResolver`] sentence by sentence, anchored on the article's
//! CREATION_TIME. Gold: the DATE timexes that have text (the creation time itself excluded). System: expressions of
//! kind `date`. A system expression matches a gold one when their token spans overlap (TempEval-3's relaxed match);
//! its value is correct when its TIMEX3 value equals the gold value (gold "-XX" and time-of-day suffixes dropped).
//! Value F1 is TempEval-3's: correct values over system expressions (P) and over gold expressions (R).
//! MEANTIME annotates only the title, the date line and the first four sentences of each article
//! ([`ANNOTATED_SENTENCES`]), so system expressions after those are not scored.

use crate::BenchError;
use crate::error::ensure;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How many leading sentences (title, date line, four body sentences) MEANTIME annotates.
pub const ANNOTATED_SENTENCES: usize = 6;

/// A gold TIMEX3 with its character span in the rebuilt text.
#[derive(Debug, Clone)]
pub struct GoldTimex {
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    /// The annotated value.
    pub value: String,
    /// Byte span in the document text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// The article's creation time (the anchor), not scored.
    pub creation: bool,
}

/// One MEANTIME article rebuilt as text.
#[derive(Debug, Clone)]
pub struct Doc {
    /// File name.
    pub name: String,
    /// The tokens joined with spaces, one sentence per line.
    pub text: String,
    /// Byte range of each sentence.
    pub sentences: Vec<(usize, usize)>,
    /// The creation time.
    pub anchor: Option<NaiveDate>,
    /// The timexes with text.
    pub gold: Vec<GoldTimex>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let rest = tag.get(at..)?;
    Some(&rest[..rest.find('"')?])
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn parse_anchor(value: &str) -> Option<NaiveDate> {
    let v = value.get(..10)?;
    NaiveDate::parse_from_str(v, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(v, "%d-%m-%Y")).ok()
}

const NO_SPACE_BEFORE: &[&str] = &[",", ".", ";", ":", "'s", "n't", ")", "%", "?", "!", "'", "'re", "'ve", "'ll"];

/// Parses one MEANTIME XML file.
pub fn parse_doc(name: &str, xml: &str) -> Doc {
    let mut text = String::new();
    let mut sentences: Vec<(usize, usize)> = Vec::new();
    let mut token_span: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
    let mut current_sentence: Option<&str> = None;
    let mut rest = xml;
    while let Some(at) = rest.find("<token ") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..tag_end];
        let close = rest[tag_end..].find("</token>").map_or(rest.len(), |c| tag_end + c);
        let word = unescape(rest.get(tag_end + 1..close).unwrap_or_default());
        let sentence = attr(tag, "sentence");
        if sentence != current_sentence {
            if let Some(last) = sentences.last_mut() {
                last.1 = text.len();
            }
            if !text.is_empty() {
                text.push('\n');
            }
            sentences.push((text.len(), text.len()));
            current_sentence = sentence;
        } else if !NO_SPACE_BEFORE.contains(&word.as_str()) && !text.ends_with(['(', '$', '\n']) {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&word);
        if let Some(id) = attr(tag, "t_id") {
            token_span.insert(id, (start, text.len()));
        }
        rest = &rest[close.min(rest.len())..];
    }
    if let Some(last) = sentences.last_mut() {
        last.1 = text.len();
    }
    let mut gold = Vec::new();
    let mut anchor = None;
    let mut rest = xml;
    while let Some(at) = rest.find("<TIMEX3 ") {
        let block_end = rest[at..].find("</TIMEX3>").map_or(rest.len(), |e| at + e);
        let block = &rest[at..block_end];
        let tag = &block[..block.find('>').unwrap_or(block.len())];
        let creation = attr(tag, "functionInDocument") == Some("CREATION_TIME");
        let value = attr(tag, "value").unwrap_or_default().to_string();
        if creation {
            anchor = parse_anchor(&value);
        }
        let spans: Vec<(usize, usize)> = block
            .match_indices("t_id=\"")
            .filter_map(|(i, m)| {
                let id = &block[i + m.len()..];
                token_span.get(&id[..id.find('"')?]).copied()
            })
            .collect();
        if let (Some(first), Some(last)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) {
            gold.push(GoldTimex {
                kind: attr(tag, "type").unwrap_or_default().to_string(),
                value,
                start: first,
                end: last,
                creation,
            });
        }
        rest = &rest[block_end.min(rest.len()).max(at + 1)..];
    }
    Doc { name: name.to_string(), text, sentences, anchor, gold }
}

/// All MEANTIME English articles under `dir` (the `meantime` folder).
pub fn load(dir: &Path) -> std::io::Result<Vec<Doc>> {
    let root = dir.join("intra-doc_annotation");
    let mut files: Vec<PathBuf> = Vec::new();
    for corpus in std::fs::read_dir(&root)? {
        let corpus = corpus?.path();
        if corpus.is_dir() {
            for f in std::fs::read_dir(&corpus)? {
                let f = f?.path();
                if f.extension().is_some_and(|e| e == "xml") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    let mut docs = Vec::with_capacity(files.len());
    for f in files {
        let xml = std::fs::read_to_string(&f)?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        docs.push(parse_doc(&name, &xml));
    }
    Ok(docs)
}

/// A system expression placed in document coordinates.
#[derive(Debug, Clone)]
pub struct Predicted {
    /// Start byte in the document text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The TIMEX3 value.
    pub timex: String,
    /// How it was resolved.
    pub basis: String,
    /// The TIMEX3 type: `DATE` or `TIME`.
    pub kind: &'static str,
}

/// The article's anchor: its CREATION_TIME, or the date on its date line when that is missing.
pub fn anchor_of(doc: &Doc) -> Option<NaiveDate> {
    doc.anchor.or_else(|| {
        // A few articles lack a CREATION_TIME value: their date line (sentence 1) gives it.
        let (s, e) = *doc.sentences.get(1)?;
        let line = doc.text.get(s..e)?;
        let probe = NaiveDate::from_ymd_opt(2000, 1, 1)?;
        dyad_time::find(line, probe).into_iter().find_map(|x| match x.value {
            Some(dyad_time::TimeValue::Date(d)) if d.precision() == dyad_core::Precision::Day => Some(d.first_day()),
            _ => None,
        })
    })
}

/// Runs the resolver over one document; `None` when the article has no usable anchor.
pub fn predict(doc: &Doc) -> Option<(NaiveDate, Vec<Predicted>)> {
    let anchor = anchor_of(doc)?;
    let mut resolver = dyad_time::TimeResolver::new(anchor);
    let mut out = Vec::new();
    for &(s, e) in &doc.sentences {
        let Some(sentence) = doc.text.get(s..e) else { continue };
        let found = resolver.resolve_sentence(sentence);
        // TimeML's elements: a day and the clock time beside it are one TIME element.
        for t in dyad_time::timexes(sentence, &found) {
            if t.dated && matches!(t.kind, "DATE" | "TIME") {
                let basis = found
                    .iter()
                    .filter(|x| x.span.start() >= t.start && x.span.end() <= t.end)
                    .map(|x| x.basis.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                out.push(Predicted { start: s + t.start, end: s + t.end, timex: t.value, basis, kind: t.kind });
            }
        }
    }
    Some((anchor, out))
}

fn normalise_gold(value: &str) -> &str {
    let mut v = value;
    if v.starts_with(|c: char| c.is_ascii_digit())
        && let Some(t) = v.find('T')
    {
        v = &v[..t];
    }
    while let Some(stripped) = v.strip_suffix("-XX") {
        v = stripped;
    }
    v
}

/// Counts for one run.
#[derive(Debug, Default, Clone)]
pub struct Score {
    /// Gold DATE timexes.
    pub gold: usize,
    /// System date expressions scored.
    pub system: usize,
    /// System expressions that overlap a gold timex of another type (TIME, DURATION, SET), not scored.
    pub other_type: usize,
    /// Overlapping pairs.
    pub matched: usize,
    /// Matched pairs with the right value.
    pub correct: usize,
    /// Articles scored.
    pub docs: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Scores every document's DATE expressions; `log` receives one line per miss or wrong value.
pub fn score(docs: &[Doc], log: impl FnMut(String)) -> Score {
    score_with(docs, predict, log)
}

/// Scores every document's TIME expressions (clock times, parts of the day) the same way.
pub fn score_time(docs: &[Doc], log: impl FnMut(String)) -> Score {
    score_kind(docs, "TIME", predict, log)
}

/// Scores the DATE predictions of any tagger, so that others can be measured the same way.
pub fn score_with(
    docs: &[Doc],
    predictor: impl FnMut(&Doc) -> Option<(NaiveDate, Vec<Predicted>)>,
    log: impl FnMut(String),
) -> Score {
    score_kind(docs, "DATE", predictor, log)
}

/// Scores the predictions of one TIMEX3 type (`DATE` or `TIME`) against the gold of that type.
pub fn score_kind(
    docs: &[Doc],
    kind: &str,
    mut predictor: impl FnMut(&Doc) -> Option<(NaiveDate, Vec<Predicted>)>,
    mut log: impl FnMut(String),
) -> Score {
    let mut sc = Score::default();
    for doc in docs {
        let Some((anchor, predicted)) = predictor(doc) else { continue };
        sc.docs += 1;
        let creation: Vec<(usize, usize)> = doc.gold.iter().filter(|g| g.creation).map(|g| (g.start, g.end)).collect();
        let gold: Vec<&GoldTimex> = doc.gold.iter().filter(|g| !g.creation && g.kind == kind).collect();
        let others: Vec<(usize, usize)> =
            doc.gold.iter().filter(|g| !g.creation && g.kind != kind).map(|g| (g.start, g.end)).collect();
        let mut used = vec![false; gold.len()];
        let annotated_end = doc.sentences.get(ANNOTATED_SENTENCES - 1).or(doc.sentences.last()).map_or(0, |s| s.1);
        // A part of the day ("this morning", TIMEX3 `2008-01-09TMO`) is TIME in some MEANTIME articles and DATE in
        // others: it is scored as the type of the gold it overlaps.
        let part_of_day = |p: &Predicted| ["TMO", "TAF", "TEV", "TNI"].iter().any(|s| p.timex.ends_with(s));
        let overlaps_gold_date = |p: &Predicted| {
            doc.gold.iter().any(|g| !g.creation && g.kind == "DATE" && overlaps((g.start, g.end), (p.start, p.end)))
        };
        let scored_as = |p: &Predicted| if part_of_day(p) && overlaps_gold_date(p) { "DATE" } else { p.kind };
        for p in predicted.iter().filter(|p| scored_as(p) == kind) {
            let span = (p.start, p.end);
            if p.start >= annotated_end || creation.iter().any(|&c| overlaps(c, span)) {
                continue;
            }
            let hit = gold.iter().enumerate().position(|(i, g)| !used[i] && overlaps((g.start, g.end), span));
            let ptext = doc.text.get(p.start..p.end).unwrap_or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    sc.system += 1;
                    sc.matched += 1;
                    let g = gold[i];
                    let (want, got) = if kind == "DATE" {
                        (normalise_gold(&g.value), normalise_gold(&p.timex))
                    } else {
                        (g.value.as_str(), p.timex.as_str())
                    };
                    if want == got {
                        sc.correct += 1;
                    } else {
                        let gtext = doc.text.get(g.start..g.end).unwrap_or_default();
                        log(format!(
                            "WRONG\t{anchor} {}\t{ptext:?}={}\tgold {gtext:?}={}\t{}",
                            doc.name, p.timex, g.value, p.basis
                        ));
                    }
                }
                None if others.iter().any(|&o| overlaps(o, span)) => sc.other_type += 1,
                None => {
                    sc.system += 1;
                    log(format!("EXTRA\t{anchor} {}\t{ptext:?}={}\t{}", doc.name, p.timex, p.basis));
                }
            }
        }
        sc.gold += gold.len();
        for (i, g) in gold.iter().enumerate() {
            if !used[i] {
                let gtext = doc.text.get(g.start..g.end).unwrap_or_default();
                log(format!("MISSED\t{anchor} {}\t{gtext:?}={}", doc.name, g.value));
            }
        }
    }
    sc
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Runs the benchmark and prints its figures. Set `DYAD_BENCH_VERBOSE=1` to list misses and wrong values.
pub fn run(bench_dir: &Path) -> Result<(), BenchError> {
    let dir = bench_dir.join("meantime");
    ensure!(dir.is_dir(), "MEANTIME not found at {}", dir.display());
    let docs = load(&dir)?;
    let verbose = std::env::var_os("DYAD_BENCH_VERBOSE").is_some();
    let sc = score(&docs, |line| {
        if verbose {
            eprintln!("{line}");
        }
    });
    print_score(&sc)?;
    // Halves by file name (even and odd positions), for rules tuned on one and measured on the other.
    let mut sorted: Vec<&Doc> = docs.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for (half, name) in [(0, "even"), (1, "odd")] {
        let part: Vec<Doc> =
            sorted.iter().enumerate().filter(|(i, _)| i % 2 == half).map(|(_, d)| (*d).clone()).collect();
        let h = score(&part, |_| {});
        let (p, r) = (ratio(h.correct, h.system), ratio(h.correct, h.gold));
        say!(
            "  {name} half by file name ({} articles): value P {:.1}  R {:.1}  F1 {:.1}",
            h.docs,
            100.0 * p,
            100.0 * r,
            100.0 * f1(p, r)
        );
    }
    say!("reference: HeidelTime 77.6 and SUTime 67.4 value F1 on TempEval-3 (a different corpus)");
    // Clock times and parts of the day: few in MEANTIME (its annotated sentences hold about a dozen), so each is
    // listed with DYAD_BENCH_VERBOSE.
    let t = score_time(&docs, |line| {
        if verbose {
            eprintln!("TIME {line}");
        }
    });
    let (p, r) = (ratio(t.correct, t.system), ratio(t.correct, t.gold));
    let (sp, sr) = (ratio(t.matched, t.system), ratio(t.matched, t.gold));
    say!(
        "TIME timexes: gold {}, system {}; span P {:.1} R {:.1}; value P {:.1}  R {:.1}  F1 {:.1} ({} right)",
        t.gold,
        t.system,
        100.0 * sp,
        100.0 * sr,
        100.0 * p,
        100.0 * r,
        100.0 * f1(p, r),
        t.correct
    );
    Ok(())
}

/// Prints the figures of a run.
pub fn print_score(sc: &Score) -> Result<(), crate::BenchError> {
    let recall = ratio(sc.matched, sc.gold);
    let precision = ratio(sc.matched, sc.system);
    let value_p = ratio(sc.correct, sc.system);
    let value_r = ratio(sc.correct, sc.gold);
    say!("MEANTIME (English, {} articles), DATE timexes, anchor = CREATION_TIME", sc.docs);
    say!("gold DATE expressions        {}", sc.gold);
    say!(
        "system date expressions      {} (+{} overlapping TIME/DURATION/SET gold, not scored)",
        sc.system,
        sc.other_type
    );
    say!(
        "span (relaxed)   P {:.1}  R {:.1}  F1 {:.1}",
        100.0 * precision,
        100.0 * recall,
        100.0 * f1(precision, recall)
    );
    say!("value accuracy   {:.1} of matched ({} / {})", 100.0 * ratio(sc.correct, sc.matched), sc.correct, sc.matched);
    say!(
        "value (TempEval-3 style)  P {:.1}  R {:.1}  F1 {:.1}",
        100.0 * value_p,
        100.0 * value_r,
        100.0 * f1(value_p, value_r)
    );
    Ok(())
}
