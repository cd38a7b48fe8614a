//! Table test of the parser on sentences written for event coding (`parser_table.tsv`, format described there).
//!
//! Two runs: the model embedded in the build (`data/syntax.model`: tagger and parser, so the tags are predicted), and,
//! when `DYAD_PARSER_MODEL` names a file written by `Parser::write_to`, that parser with the tags written in the table.

use dyad_syntax::Word;
use dyad_syntax::parser::{Parser, Scratch};

struct Case {
    id: String,
    words: Vec<Word>,
    /// (relation, head index or 0 for ROOT, dependent index), 1-based.
    expect: Vec<(String, usize, usize)>,
}

fn upos_of(form: &str, xpos: &str) -> &'static str {
    let lower = form.to_ascii_lowercase();
    if ["be", "am", "is", "are", "was", "were", "been", "being"].contains(&lower.as_str()) {
        return "AUX";
    }
    match xpos {
        "NN" | "NNS" => "NOUN",
        "NNP" | "NNPS" => "PROPN",
        "MD" => "AUX",
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => "VERB",
        "JJ" | "JJR" | "JJS" => "ADJ",
        "RB" | "RBR" | "RBS" | "WRB" => "ADV",
        "IN" | "RP" => "ADP",
        "DT" | "PDT" => "DET",
        "PRP" | "PRP$" | "WP" | "WDT" | "EX" => "PRON",
        "TO" | "POS" => "PART",
        "CC" => "CCONJ",
        "CD" => "NUM",
        _ => "PUNCT",
    }
}

/// Index (1-based) of `name` (`form` or `form~N`) in `words`, or 0 for `ROOT`.
fn find(words: &[Word], name: &str, line: usize) -> usize {
    if name == "ROOT" {
        return 0;
    }
    let (form, nth) = match name.split_once('~') {
        Some((f, n)) => (f, n.parse::<usize>().unwrap_or_else(|_| panic!("line {line}: bad index in {name}"))),
        None => (name, 1),
    };
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.form == form)
        .nth(nth - 1)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("line {line}: no word {name}"))
}

fn cases() -> Vec<Case> {
    let text = include_str!("parser_table.tsv");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {line_no}: three columns expected");
        let words: Vec<Word> = cols[1]
            .split(' ')
            .map(|tok| {
                let mut parts = tok.splitn(3, '/');
                let form = parts.next().unwrap_or_default();
                let xpos = parts.next().unwrap_or_else(|| panic!("line {line_no}: {tok} has no tag"));
                let mut w = Word::new(form);
                w.xpos = xpos.to_string();
                w.upos = parts.next().unwrap_or_else(|| upos_of(form, xpos)).to_string();
                w
            })
            .collect();
        let expect = cols[2]
            .split(' ')
            .map(|a| {
                let (rel, rest) = a.split_once('(').unwrap_or_else(|| panic!("line {line_no}: bad assertion {a}"));
                let args = rest.strip_suffix(')').unwrap_or_else(|| panic!("line {line_no}: bad assertion {a}"));
                let (h, d) = args.split_once(',').unwrap_or_else(|| panic!("line {line_no}: bad assertion {a}"));
                (rel.to_string(), find(&words, h, line_no), find(&words, d, line_no))
            })
            .collect();
        out.push(Case { id: cols[0].to_string(), words, expect });
    }
    out
}

/// Parses every case with `parse`; returns the number of cases whose assertions all hold, printing the failures.
fn run(parse: impl Fn(&mut Vec<Word>)) -> (usize, usize) {
    let cases = cases();
    let mut passed = 0;
    for case in &cases {
        let mut words = case.words.clone();
        parse(&mut words);
        let mut failures = Vec::new();
        for (rel, h, d) in &case.expect {
            let w = &words[d - 1];
            if w.head != Some(*h) || &w.deprel != rel {
                let got_head = w.head.filter(|&g| g > 0).map_or("ROOT", |g| words[g - 1].form.as_str());
                let want_head = if *h == 0 { "ROOT" } else { words[h - 1].form.as_str() };
                failures.push(format!("{rel}({want_head},{}) got {}({got_head})", w.form, w.deprel));
            }
        }
        if failures.is_empty() {
            passed += 1;
        } else {
            eprintln!("{}: {}", case.id, failures.join("; "));
        }
    }
    eprintln!("parser table: {passed} of {} sentences pass", cases.len());
    (passed, cases.len())
}

#[test]
fn table_is_well_formed_and_large_enough() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    assert!(cases.iter().all(|c| !c.expect.is_empty()));
}

#[test]
fn parser_with_written_tags() {
    let Ok(path) = std::env::var("DYAD_PARSER_MODEL") else {
        eprintln!("DYAD_PARSER_MODEL not set: skipped");
        return;
    };
    let bytes = std::fs::read(&path).expect("model file");
    let parser = Parser::read_from(&mut &bytes[..]).expect("parser model");
    let mut scratch = Scratch::default();
    let scratch = std::cell::RefCell::new(&mut scratch);
    let (passed, total) = run(|words| parser.parse_with(words, &mut scratch.borrow_mut()));
    // 63 of 66 measured on 2026-12-06 (parser trained on jackknifed tags, weights < 1.0 dropped).
    assert!(passed >= 60, "{passed} of {total}");
}

/// Cases that must pass with the shipped model and predicted tags: 55 of 66 measured on 2026-12-06 with the model
/// `dyad train syntax` made that day; the floor leaves room for a retrain's noise, a regression fails here.
const FLOOR_PREDICTED: usize = 52;

#[test]
fn shipped_model_with_predicted_tags() {
    let analyzer = match dyad_syntax::Analyzer::embedded() {
        Ok(a) if a.model().has_parser() => a,
        _ => {
            eprintln!("no embedded model with a parser: skipped");
            return;
        }
    };
    let (passed, total) = run(|words| {
        let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
        let a = analyzer.analyze(&forms);
        let parsed: Vec<(Option<usize>, String)> = a.iter().map(|x| (x.head, x.deprel.to_string())).collect();
        for (w, (h, d)) in words.iter_mut().zip(parsed) {
            w.head = h;
            w.deprel = d;
        }
    });
    assert!(passed >= FLOOR_PREDICTED, "{passed} of {total} pass, floor {FLOOR_PREDICTED}");
}
