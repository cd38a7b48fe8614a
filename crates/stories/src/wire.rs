//! Wire agencies: which outlet is a news agency, and which agencies a page credits.
//!
//! The list is `data/wire_agencies.tsv`. Names in capitals only (`AFP`, `KCNA`) are matched case-sensitively, so
//! that acronyms do not fire on ordinary words ("app", "spa"); all other names are matched ignoring ASCII case.

use aho_corasick::{AhoCorasick, MatchKind};
use dyad_core::{DataError, data_lines, tsv_columns};
use std::sync::LazyLock;

static WIRE_TSV: &str = include_str!("../../../data/wire_agencies.tsv");

/// One agency: its canonical name and the other names pages use for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// The canonical name (column 1).
    pub name: &'static str,
    /// Other names (column 2).
    pub aliases: Vec<&'static str>,
}

const WIRE_FILE: &str = "wire_agencies.tsv";

/// Parses the data file; a line with an empty name is an error.
pub fn parse_agencies(text: &'static str) -> Result<Vec<Agency>, DataError> {
    let mut out = Vec::new();
    for (line, row) in data_lines(text) {
        let [name, aliases] = match tsv_columns(WIRE_FILE, line, row) {
            Ok(columns) => columns,
            // An agency with no other names may leave out the alias column (data_lines cuts a trailing tab).
            Err(_) if !row.contains('\t') => [row.trim(), ""],
            Err(e) => return Err(e),
        };
        if name.is_empty() {
            return Err(DataError { file: WIRE_FILE, line, message: "empty name".into() });
        }
        let aliases = aliases.split(',').map(str::trim).filter(|a| !a.is_empty()).collect();
        out.push(Agency { name, aliases });
    }
    Ok(out)
}

struct Matcher {
    names: Vec<&'static str>,
    folded: AhoCorasick,
    folded_owner: Vec<usize>,
    exact: AhoCorasick,
    exact_owner: Vec<usize>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| matcher_of(WIRE_TSV));

/// The matcher of a wire agency list. The list is part of the binary and checked by a unit test; a bad line panics
/// at first use, naming the file and line, rather than leaving the list silently empty.
fn matcher_of(text: &'static str) -> Matcher {
    let agencies = parse_agencies(text).unwrap_or_else(|e| panic!("bad embedded data file data/{e}"));
    let mut names = Vec::new();
    let (mut folded, mut folded_owner, mut exact, mut exact_owner) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, a) in agencies.iter().enumerate() {
        names.push(a.name);
        for form in std::iter::once(a.name).chain(a.aliases.iter().copied()) {
            let is_acronym = form.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            if is_acronym {
                exact.push(form);
                exact_owner.push(i);
            } else {
                folded.push(form);
                folded_owner.push(i);
            }
        }
    }
    let build = |pats: &[&str], fold: bool| {
        AhoCorasick::builder()
            .ascii_case_insensitive(fold)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds"))
    };
    Matcher { names, folded: build(&folded, true), folded_owner, exact: build(&exact, false), exact_owner }
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The canonical names of the agencies that `text` names, in order of first appearance, each once.
pub fn agencies_in(text: &str) -> Vec<&'static str> {
    let m = &*MATCHER;
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (ac, owner) in [(&m.folded, &m.folded_owner), (&m.exact, &m.exact_owner)] {
        for hit in ac.find_iter(text) {
            if word_bounded(text, hit.start(), hit.end())
                && let Some(&o) = owner.get(hit.pattern().as_usize())
            {
                found.push((hit.start(), o));
            }
        }
    }
    found.sort_unstable();
    let mut out: Vec<&'static str> = Vec::new();
    for (_, o) in found {
        if let Some(&name) = m.names.get(o)
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    out
}

/// The agency an outlet name stands for ("Xinhua", "Yonhap (via The Korea Herald)"), if any.
pub fn agency_of_outlet(outlet: &str) -> Option<&'static str> {
    agencies_in(outlet).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_with_unique_names() {
        let list = parse_agencies(WIRE_TSV).unwrap();
        assert!(list.len() >= 20);
        let mut names: Vec<&str> = list.iter().map(|a| a.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    proptest::proptest! {
        #[test]
        fn parser_and_matcher_never_panic(text in "\\PC{0,200}") {
            let leaked: &'static str = Box::leak(text.clone().into_boxed_str());
            let _ = parse_agencies(leaked);
            let _ = agencies_in(&text);
        }
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(parse_agencies("\tAFP\n").is_err());
        assert!(parse_agencies("A\tB\tC\n").is_err());
    }

    #[test]
    #[should_panic(expected = "bad embedded data file data/wire_agencies.tsv:3: ")]
    fn a_bad_embedded_list_fails_loudly() {
        let _ = matcher_of("Reuters\t\nAFP\tAgence France-Presse\n\tAP\n");
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e = parse_agencies("# name\taliases\nReuters\t\n\nA\tB\tC\n").unwrap_err();
        assert_eq!((e.file, e.line), ("wire_agencies.tsv", 4));
        let e = parse_agencies("Reuters\n\tAFP\n").unwrap_err();
        assert_eq!((e.file, e.line), ("wire_agencies.tsv", 2));
    }

    #[test]
    fn the_alias_column_may_be_empty_or_left_out() {
        let list = parse_agencies("Interfax\t\nBernama\nKyodo\tKyodo News, Kyodo\n").unwrap();
        let aliases: Vec<(&str, usize)> = list.iter().map(|a| (a.name, a.aliases.len())).collect();
        assert_eq!(aliases, [("Interfax", 0), ("Bernama", 0), ("Kyodo", 2)]);
    }

    #[test]
    fn finds_credits_on_word_boundaries_and_respects_acronym_case() {
        assert_eq!(agencies_in("the report said, Reuters reported"), vec!["Reuters"]);
        assert_eq!(
            agencies_in("(AFP) - officials, citing dpa"),
            vec!["Agence France-Presse", "Deutsche Presse-Agentur"]
        );
        assert!(agencies_in("a new app and a spa for apes").is_empty());
        assert!(agencies_in("Reutersville").is_empty());
        assert_eq!(agency_of_outlet("The Korea Herald, via Associated Press"), Some("Associated Press"));
        assert_eq!(agency_of_outlet("The Daily Planet"), None);
    }
}
