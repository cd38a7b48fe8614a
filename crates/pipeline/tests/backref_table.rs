//! Replies whose target is named by a reference to an earlier act (`backref_table.tsv`, format in its header):
//! "Iran accused Saudi Arabia of funding militants. Riyadh rejected the allegations." codes the rejection from
//! Saudi Arabia to Iran, citing the sentence that gave the target; with no earlier act of the noun's codes in reach,
//! the reply names no target, as before.

use dyad_core::{data_lines, tsv_columns};
use dyad_events::EventRecord;
use dyad_page::{Article, Block};
use dyad_pipeline::{Coder, InputId, LineInput, parse_date};

const TABLE: &str = include_str!("backref_table.tsv");

fn country(p: Option<&dyad_events::Party>) -> &str {
    p.and_then(|p| p.country.as_deref()).unwrap_or("-")
}

fn coded(text: &str) -> Vec<EventRecord> {
    let input = LineInput { id: InputId::Number(1), text: text.into(), date: parse_date("2024-03-14") };
    Coder::new().code_line(&input).into_iter().map(|e| e.event).collect()
}

#[test]
fn backref_table() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for (line, row) in data_lines(TABLE) {
        let [source, target, code, text] =
            tsv_columns::<4>("backref_table.tsv", line, row).unwrap_or_else(|e| panic!("{e}"));
        rows += 1;
        let events = coded(text);
        let ok = if target == "-" {
            !events.iter().any(|e| e.code.starts_with(code) && e.target.is_some())
        } else {
            events.iter().any(|e| {
                e.code.starts_with(code)
                    && country(Some(&e.source)) == source
                    && country(e.target.as_ref()) == target
                    && e.pattern.contains("of sentence 0")
            })
        };
        if !ok {
            let got: Vec<String> = events
                .iter()
                .map(|e| {
                    format!("{} {}->{} [{}]", e.code, country(Some(&e.source)), country(e.target.as_ref()), e.pattern)
                })
                .collect();
            failures.push(format!("backref_table.tsv:{line}: want {code} {source}->{target}: {text}\n  coded {got:?}"));
        }
    }
    assert!(rows >= 7, "{rows} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn never_across_documents() {
    let article =
        |file: &str, text: &str| Article::from_body(file, vec![Block { text: text.into(), start: 0, end: text.len() }]);
    let mut coder = Coder::new();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 14);
    let first = coder.code(&article("a.txt", "Iran accused Saudi Arabia of funding militants."), day);
    assert!(first.events.iter().any(|e| e.root == "11"), "{:?}", first.events);
    let second = coder.code(&article("b.txt", "Riyadh rejected the allegations on Sunday."), day);
    assert!(second.events.iter().all(|e| e.target.is_none()), "{:?}", second.events);
}
