//! The construction table (`tree_table.tsv`, format in its header): sentences in the clause structures that event
//! coding must read (passives, relative clauses, coordination, control, reported speech, event nouns, negation,
//! intent, conditions, requests), each with its CAMEO answer written from the codebook. Every row is coded through
//! the sentence-level path of `dyad code` ([`Coder::code_line`]); the test prints pass/fail per construction and
//! each failing row, and asserts only a floor per coder: the word-window coder's pass count of the day, and one for
//! the tree pass (roles read from the dependency tree); the `codebook` rows (every CAMEO code) and the `codebook2`
//! rows (a second set for roots 11-20) and the `codebook3b` rows (a third, wire-style set for roots 11-20) have
//! floors of their own.

use dyad_core::{data_lines, tsv_columns};
use dyad_events::EventRecord;
use dyad_pipeline::{Coder, InputId, LineInput, parse_date};
use std::collections::BTreeMap;

const TABLE: &str = include_str!("tree_table.tsv");

/// Rows passing on 2026-12-07 with the word-window coder (see the README's Events section).
const FLOOR: usize = 301;

/// Rows the tree pass must pass: 335 on 2026-12-07 with the committed `data/syntax.model`, less a margin for a
/// retrained model, which moves a few parses either way; still above the word-window coder.
const TREE_FLOOR: usize = 322;

/// The `codebook` rows (one or two sentences for each CAMEO code, written from the code's name before the coder
/// ran on them) are held to their own floor, (tree pass, word order): the counts reached on 2026-12-07 for the
/// 354 rows of roots 01-20. The floors above count the other rows.
const CODEBOOK_FLOOR: (usize, usize) = (286, 285);

/// The `codebook2` rows (a second, fresh sentence for each code of roots 01-20, phrased unlike the `codebook` rows
/// and annotated before the coder ran on them: 108/296 passed then, tree pass) are held to a floor of their own,
/// (tree pass, word order): the counts reached on 2026-12-07. The floors above do not count them.
const CODEBOOK2_FLOOR: (usize, usize) = (224, 224);

/// The `codebook3a` rows (a third set for roots 01-10, written as wire copy writes it: a clause around the act,
/// reported speech, appositions, nominalised acts, sector actors; annotated before the coder ran on them) are held
/// to a floor of their own, (tree pass, word order). The floors above do not count any `codebook3` rows.
const CODEBOOK3A_FLOOR: (usize, usize) = (104, 106);

/// The `codebook3b` rows (a third, fresh sentence for each code of roots 11-20, phrased as wire copy phrases it: a
/// clause around the act, reported speech, an apposition, a nominalised act, plural and sector actors; annotated
/// before the coder ran on them: 45/148 passed then, tree pass) are held to a floor of their own, (tree pass, word
/// order): the counts reached on 2026-12-07. The floors above do not count them, nor the `codebook3a` rows (the
/// same for roots 01-10).
const CODEBOOK3B_FLOOR: (usize, usize) = (83, 80);

struct Row<'a> {
    line: usize,
    construction: &'a str,
    date: &'a str,
    sources: Vec<&'a str>,
    targets: Vec<&'a str>,
    code: &'a str,
    flags: Vec<&'a str>,
    sentence: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    data_lines(TABLE)
        .filter(|(_, l)| !l.starts_with("construction\t"))
        .map(|(line, text)| {
            let [construction, date, source, target, code, flags, sentence] =
                tsv_columns::<7>("tree_table.tsv", line, text).unwrap_or_else(|e| panic!("{e}"));
            let flags = if flags == "-" { Vec::new() } else { flags.split(',').map(str::trim).collect() };
            for f in &flags {
                let known = ["sym", "negated", "future", "hypothetical", "reported"].contains(f)
                    || f.strip_prefix('!').is_some_and(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()));
                assert!(known, "tree_table.tsv:{line}: unknown flag {f:?}");
            }
            assert!(code.bytes().all(|b| b.is_ascii_digit()) && code.len() >= 2, "tree_table.tsv:{line}: code");
            Row {
                line,
                construction,
                date,
                sources: source.split('+').collect(),
                targets: target.split('+').collect(),
                code,
                flags,
                sentence,
            }
        })
        .collect()
}

fn country(p: Option<&dyad_events::Party>) -> &str {
    p.and_then(|p| p.country.as_deref()).unwrap_or("-")
}

/// Whether `e` is the row's event from `source` to `target`.
fn matches(row: &Row, e: &EventRecord, source: &str, target: &str) -> bool {
    let (s, t) = (country(Some(&e.source)), country(e.target.as_ref()));
    let pair = (s == source && t == target) || (row.flags.contains(&"sym") && s == target && t == source);
    let f = e.flags;
    let flag = |name: &str, on: bool| on || !row.flags.contains(&name);
    pair && e.code.starts_with(row.code)
        && flag("negated", f.negated)
        && flag("future", f.future)
        && flag("hypothetical", f.hypothetical)
        && flag("reported", f.reported)
        && (row.flags.contains(&"negated") || !f.negated)
        && (row.flags.contains(&"hypothetical") || !f.hypothetical)
}

fn passes(row: &Row, events: &[EventRecord]) -> bool {
    let banned = row.flags.iter().filter_map(|f| f.strip_prefix('!')).collect::<Vec<_>>();
    if events.iter().any(|e| banned.contains(&e.root.as_str())) {
        return false;
    }
    row.sources.iter().all(|s| row.targets.iter().all(|t| events.iter().any(|e| matches(row, e, s, t))))
}

#[test]
fn the_table_is_well_formed() {
    let rows = rows();
    assert!(rows.len() >= 150, "{} rows", rows.len());
    for r in &rows {
        assert!(parse_date(r.date).is_some(), "tree_table.tsv:{}: date", r.line);
        assert!(r.sources.iter().chain(&r.targets).all(|c| c.len() == 3), "tree_table.tsv:{}: countries", r.line);
    }
}

#[test]
fn construction_table() {
    table(
        Coder::new().with_tree(false),
        "word order",
        FLOOR,
        (CODEBOOK_FLOOR.1, CODEBOOK2_FLOOR.1, CODEBOOK3A_FLOOR.1, CODEBOOK3B_FLOOR.1),
    );
}

/// The same table with the tree pass (roles from the dependency tree). With an empty `data/syntax.model` this is
/// the word-order coder again, held to its floor.
#[test]
fn construction_table_with_the_tree() {
    let parser =
        std::env::var_os("DYAD_SYNTAX_MODEL").is_some() || dyad_syntax::Model::embedded().is_ok_and(|m| m.has_parser());
    let (floor, codebook_floors) = if parser {
        (TREE_FLOOR, (CODEBOOK_FLOOR.0, CODEBOOK2_FLOOR.0, CODEBOOK3A_FLOOR.0, CODEBOOK3B_FLOOR.0))
    } else {
        (FLOOR, (CODEBOOK_FLOOR.1, CODEBOOK2_FLOOR.1, CODEBOOK3A_FLOOR.1, CODEBOOK3B_FLOOR.1))
    };
    table(tree_coder(), "tree pass", floor, codebook_floors);
}

/// Codes every row with `coder`, prints the counts and failures, and asserts `floor` for the rows of other
/// constructions and `codebook_floors` for the `codebook`, `codebook2`, `codebook3a` and `codebook3b` rows.
fn table(coder: Coder, name: &str, floor: usize, codebook_floors: (usize, usize, usize, usize)) {
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for row in rows() {
        let input =
            LineInput { id: InputId::Number(row.line as u64), text: row.sentence.into(), date: parse_date(row.date) };
        let events: Vec<EventRecord> = coder.code_line(&input).into_iter().map(|e| e.event).collect();
        let ok = passes(&row, &events);
        let slot = per.entry(row.construction).or_default();
        slot.0 += usize::from(ok);
        slot.1 += 1;
        if !ok {
            let coded: Vec<String> = events
                .iter()
                .map(|e| format!("{} {}->{}{}", e.code, country(Some(&e.source)), country(e.target.as_ref()), flags(e)))
                .collect();
            failures.push(format!(
                "  FAIL {}:{} want {} {}->{} {:?}: {}\n       coded [{}]",
                row.construction,
                row.line,
                row.code,
                row.sources.join("+"),
                row.targets.join("+"),
                row.flags,
                row.sentence,
                coded.join(", ")
            ));
        }
    }
    let (pass, total) = per.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("construction table ({name}): {pass}/{total} rows pass");
    for (construction, (p, n)) in &per {
        println!("  {construction:<18} {p:>3}/{n:<3}");
    }
    for f in &failures {
        println!("{f}");
    }
    let codebook = per.get("codebook").map_or(0, |c| c.0);
    let codebook2 = per.get("codebook2").map_or(0, |c| c.0);
    let codebook3 = ["codebook3a", "codebook3b"].map(|c| per.get(c).map_or(0, |c| c.0));
    let others = pass - codebook - codebook2 - codebook3[0] - codebook3[1];
    assert!(others >= floor, "{others} rows pass, below the floor of {floor}");
    let (codebook_floor, codebook2_floor, codebook3a_floor, codebook3b_floor) = codebook_floors;
    let [codebook3a, codebook3b] = codebook3;
    assert!(codebook3b >= codebook3b_floor, "{codebook3b} codebook3b rows pass, below the floor of {codebook3b_floor}");
    assert!(codebook >= codebook_floor, "{codebook} codebook rows pass, below the floor of {codebook_floor}");
    assert!(codebook2 >= codebook2_floor, "{codebook2} codebook2 rows pass, below the floor of {codebook2_floor}");
    assert!(codebook3a >= codebook3a_floor, "{codebook3a} codebook3a rows pass, below the floor of {codebook3a_floor}");
}

fn flags(e: &EventRecord) -> String {
    let f = e.flags;
    let names =
        [("neg", f.negated), ("fut", f.future), ("hyp", f.hypothetical), ("rep", f.reported), ("sym", f.symmetric)];
    names.iter().filter(|(_, on)| *on).map(|(n, _)| format!(" {n}")).collect()
}

/// A coder with the tree pass; `DYAD_SYNTAX_MODEL=FILE` parses with that model file instead of the embedded one
/// (to measure a model before it is committed), installed once before any test parses.
fn tree_coder() -> Coder {
    dyad_pipeline::use_syntax_model_from_env().unwrap_or_else(|e| panic!("{e}"));
    Coder::new().with_tree(true)
}
